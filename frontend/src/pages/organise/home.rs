//! `/organise`: the campaigns this organiser moderates (an admin: all of
//! them, archived ones too), each with its dashboard, queue, endorsements
//! and settings.

use leptos::prelude::*;
use shared::ModerationPolicy;

use super::shell::{Organise, OrganiseError};
use crate::api::organise;
use crate::i18n::use_lang;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

#[component]
pub fn OrganiseHome() -> impl IntoView {
    view! { <Organise><Campaigns/></Organise> }
}

#[component]
fn Campaigns() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    use_title(move || joined(t().o_campaigns, t().brand));
    let campaigns = LocalResource::new(organise::my_campaigns);
    view! {
        <h1>{move || t().o_campaigns}</h1>
        <Show when=move || session.is_admin()>
            <p><a class="button primary" href="/organise/new" id="new-campaign">{move || t().o_new_campaign}</a></p>
        </Show>
        <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            {move || campaigns.get().map(|r| match r {
                Err(e) => view! { <OrganiseError error=e/> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p id="no-campaigns">{move || t().o_no_campaigns}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="campaign-cards" id="my-campaigns">
                        {list.into_iter().map(|c| {
                            let base = format!("/organise/c/{}", c.slug);
                            let review = c.moderation == ModerationPolicy::ReviewFirst;
                            view! {
                                <li class="campaign-card" data-slug=c.slug.clone()>
                                    <h2><a href=base.clone() dir="auto">{c.title.clone()}</a></h2>
                                    <p class="meta">
                                        <span>{c.starts_on.clone()} " – " {c.ends_on.clone()}</span> " · "
                                        <span>{move || if review { t().c_review_first } else { t().c_publish_at_once }}</span>
                                        {c.archived.then(|| view! { " · " <span class="badge">{move || t().c_archived}</span> })}
                                    </p>
                                    <p class="links">
                                        <a href=base.clone()>{move || t().o_dashboard}</a>
                                        <a href=format!("{base}/queue")>{move || t().o_queue}</a>
                                        <a href=format!("{base}/endorsements")>{move || t().o_endorsements}</a>
                                        <Show when=move || session.is_admin()>
                                            <a href=format!("{base}/settings")>{move || t().o_settings}</a>
                                        </Show>
                                        <a href=format!("/c/{}", c.slug)>{move || t().o_public_page}</a>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}
