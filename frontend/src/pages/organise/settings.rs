//! `/organise/new` and `/organise/c/{slug}/settings` (admins): the campaign
//! editor. A new campaign goes on to its settings page once created.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::CampaignSettings;

use super::shell::{CampaignNav, Organise, OrganiseError, check_session, use_slug};
use crate::api::{ApiError, organise};
use crate::components::organise::campaign_form::{CampaignForm, CampaignValues};
use crate::i18n::use_lang;
use crate::ui::browser::scroll_to_top;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

#[component]
pub fn NewCampaignPage() -> impl IntoView {
    view! { <Organise admin=true><NewCampaign/></Organise> }
}

#[component]
fn NewCampaign() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || joined(t().o_new_campaign, t().brand));
    let create = Action::new_local(move |values: &CampaignValues| {
        let body = values.to_input(true);
        let csrf = session.csrf();
        async move { organise::create_campaign(&csrf, &body).await }
    });
    let busy: Signal<bool> = create.pending().into();
    let error: Signal<Option<ApiError>> = Memo::new(move |_| {
        if busy.get() {
            None
        } else {
            create.value().get().and_then(Result::err)
        }
    })
    .into();
    Effect::new(move |_| {
        if let Some(result) = create.value().get() {
            check_session(session, &result);
            match result {
                Ok(c) => navigate(
                    &format!("/organise/c/{}/settings?created=1", c.slug),
                    Default::default(),
                ),
                Err(_) => scroll_to_top(),
            }
        }
    });
    view! {
        <h1>{move || t().o_new_campaign}</h1>
        <CampaignForm
            initial=CampaignValues::new_campaign()
            new=true
            busy=busy
            error=error
            on_submit=Callback::new(move |v| { create.dispatch_local(v); })
        />
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let slug = use_slug();
    view! { <Organise admin=true><Settings slug=slug.clone()/></Organise> }
}

#[component]
fn Settings(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    use_title(move || joined(t().o_settings, t().brand));
    let slug_value = StoredValue::new(slug.clone());
    let created = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("created")
        .is_some();
    let settings = LocalResource::new(move || {
        let slug = slug_value.get_value();
        async move { organise::campaign_settings(&slug).await }
    });
    let save = Action::new_local(move |values: &CampaignValues| {
        let body = values.to_input(false);
        let csrf = session.csrf();
        let slug = slug_value.get_value();
        async move { organise::update_campaign(&csrf, &slug, &body).await }
    });
    let busy: Signal<bool> = save.pending().into();
    let error: Signal<Option<ApiError>> = Memo::new(move |_| {
        if busy.get() {
            None
        } else {
            save.value().get().and_then(Result::err)
        }
    })
    .into();
    let saved = Memo::new(move |_| !busy.get() && save.value().with(|v| matches!(v, Some(Ok(_)))));
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            check_session(session, &result);
            scroll_to_top();
        }
    });
    let form = move |c: CampaignSettings| {
        view! {
            <CampaignForm
                initial=CampaignValues::from_settings(&c)
                new=false
                busy=busy
                error=error
                on_submit=Callback::new(move |v| { save.dispatch_local(v); })
            />
        }
    };
    view! {
        <h1>{move || t().o_settings}</h1>
        <CampaignNav slug=slug.clone()/>
        {created.then(|| view! { <p class="notice success" role="status" id="campaign-created">{move || t().c_created}</p> })}
        <Show when=move || saved.get()><p class="notice success" role="status" id="saved">{move || t().saved}</p></Show>
        <Suspense fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            {move || settings.get().map(|r| match r {
                Err(e) => view! { <OrganiseError error=e/> }.into_any(),
                Ok(c) => form(c).into_any(),
            })}
        </Suspense>
    }
}
