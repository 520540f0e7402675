//! `/register`: a local group registers its action, without an account, and
//! gets its private edit link once.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::{Campaign, Registered};

use crate::api::{self, ApiError};
use crate::components::campaign::CAMPAIGN_LANG;
use crate::components::event_form::{EventForm, FormValues};
use crate::i18n::use_lang;
use crate::ui::browser::scroll_to_top;
use crate::ui::edit_link::EditLinkBox;
use crate::ui::load_error::LoadError;
use crate::ui::title::{joined, use_title};

/// The campaign named by `?c=`, else the next one.
async fn target_campaign(slug: Option<String>) -> Result<Campaign, ApiError> {
    if let Some(slug) = slug.filter(|s| !s.is_empty()) {
        return api::campaign(&slug).await;
    }
    api::current_campaign()
        .await?
        .ok_or_else(|| ApiError::new(404, "not_found", "no campaign"))
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let query = use_query_map();
    let campaign = LocalResource::new(move || target_campaign(query.read().get("c")));
    let register = Action::new_local(|(slug, values): &(String, FormValues)| {
        let (slug, body) = (slug.clone(), values.to_register());
        async move { api::register(&slug, &body).await }
    });
    let busy: Signal<bool> = register.pending().into();
    // The last answer, unless a new one is on its way.
    // (Memos: the form hears of a change only when there is one, and not
    // after a success has replaced it.)
    let answer = Memo::new(move |_| {
        if busy.get() {
            None
        } else {
            register.value().get()
        }
    });
    let error: Signal<Option<ApiError>> =
        Memo::new(move |_| answer.get().and_then(Result::err)).into();
    let done = Memo::new(move |_| answer.get().and_then(Result::ok));
    Effect::new(move |_| {
        if register.version().get() > 0 {
            scroll_to_top();
        }
    });
    let submit_label = Signal::derive(move || lang.get().texts().submit_register);
    use_title(move || {
        let name = campaign
            .get()
            .and_then(Result::ok)
            .map(|c| c.title)
            .unwrap_or_else(|| t().brand.to_string());
        joined(t().register_title, &name)
    });

    view! {
        <h1>{move || t().register_title}</h1>
        {move || match done.get() {
            Some(r) => view! { <Success registered=r/> }.into_any(),
            None => view! {
                <p>{move || t().register_intro}</p>
                <Suspense fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                    {move || campaign.get().map(|c| match c {
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                        Ok(c) => {
                            let slug = c.slug.clone();
                            view! {
                                <p class="hint" dir="auto" lang=CAMPAIGN_LANG><strong>{c.title.clone()}</strong></p>
                                <EventForm
                                    initial=FormValues::default()
                                    first_day=c.starts_on.clone()
                                    last_day=c.ends_on.clone()
                                    submit_label=submit_label
                                    busy=busy
                                    error=error
                                    on_submit=Callback::new(move |values| { register.dispatch_local((slug.clone(), values)); })
                                />
                            }.into_any()
                        }
                    })}
                </Suspense>
            }.into_any(),
        }}
    }
}

#[component]
fn Success(registered: Registered) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let pending = registered.event.status == shared::EventStatus::Pending;
    let id = registered.event.id;
    view! {
        <div class="notice success" role="status" id="registered">
            <h2>{move || t().registered_title}</h2>
            <p dir="auto" lang=registered.event.language.clone()><strong>{registered.event.title.clone()}</strong></p>
            {pending.then(|| view! { <p>{move || t().pending_note}</p> })}
            <EditLinkBox url=registered.edit_url.clone()/>
            {(!pending).then(|| view! { <p><a href=format!("/e/{id}") id="view-action">{move || t().view_action}</a></p> })}
        </div>
    }
}
