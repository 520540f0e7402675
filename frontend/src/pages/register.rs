//! `/register`: a local group registers its action, without an account, and
//! gets its private edit link once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use shared::{Campaign, RegisterEvent, Registered};

use crate::api::{self, ApiError};
use crate::app::LoadError;
use crate::components::event_form::{EventForm, FormValues};
use crate::i18n::use_lang;

/// The campaign named by `?c=`, else the next one.
async fn target_campaign(slug: Option<String>) -> Result<Campaign, ApiError> {
    if let Some(slug) = slug.filter(|s| !s.is_empty()) {
        return api::campaign(&slug).await;
    }
    let today = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let today = today.get(..10).unwrap_or_default().to_string();
    let list = api::campaigns().await?;
    list.iter()
        .find(|c| c.ends_on >= today)
        .or(list.last())
        .cloned()
        .ok_or(ApiError {
            status: 404,
            detail: shared::ErrorDetail {
                code: "not_found".into(),
                message: "no campaign".into(),
                fields: Default::default(),
            },
        })
}

pub fn to_request(v: &FormValues) -> RegisterEvent {
    let loc = v.location.clone();
    RegisterEvent {
        title: Some(v.title.clone()),
        kind: Some(v.kind.clone()),
        description: FormValues::optional(&v.description),
        organiser_name: Some(v.organiser_name.clone()),
        contact_email: Some(v.contact_email.clone()),
        public_contact: FormValues::optional(&v.public_contact),
        city: loc.as_ref().map(|l| l.city.clone()),
        country_code: loc.as_ref().map(|l| l.country_code.clone()),
        place_id: loc.as_ref().and_then(|l| l.place_id),
        address: FormValues::optional(&v.address),
        latitude: loc.as_ref().map(|l| l.latitude),
        longitude: loc.as_ref().map(|l| l.longitude),
        // The server derives the zone from the pin's coordinates.
        timezone: None,
        local_start: v.local(&v.start),
        local_end: v.local(&v.end),
        links: v.link_list(),
        language: FormValues::optional(&v.language),
        location_visibility: Some(v.visibility.clone()),
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let query = use_query_map();
    let campaign = LocalResource::new(move || target_campaign(query.read().get("c")));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<Registered>);
    // Made here, not inside the view's closures, so that they live as long
    // as the page rather than one run of a closure.
    let (busy_read, error_read): (Signal<bool>, Signal<Option<ApiError>>) =
        (busy.into(), error.into());
    let submit_label = Signal::derive(move || lang.get().texts().submit_register);

    let submit = move |slug: String| {
        Callback::new(move |values: FormValues| {
            let slug = slug.clone();
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::register(&slug, &to_request(&values)).await {
                    Ok(r) => {
                        done.try_set(Some(r));
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
                busy.try_set(false);
                scroll_to_top();
            });
        })
    };

    view! {
        <h1>{move || t().register_title}</h1>
        {move || match done.get() {
            Some(r) => view! { <Success registered=r/> }.into_any(),
            None => view! {
                <p>{move || t().register_intro}</p>
                <Suspense fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                    {move || campaign.get().map(|c| match c {
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                        Ok(c) => view! {
                            <p class="hint" dir="auto"><strong>{c.title.clone()}</strong></p>
                            <EventForm
                                initial=FormValues::default()
                                first_day=c.starts_on.clone()
                                last_day=c.ends_on.clone()
                                submit_label=submit_label
                                busy=busy_read
                                error=error_read
                                on_submit=submit(c.slug.clone())
                            />
                        }.into_any(),
                    })}
                </Suspense>
            }.into_any(),
        }}
    }
}

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Copies text to the clipboard; says so in `status`.
pub fn copy_text(text: String, status: RwSignal<bool>) {
    if let Some(w) = web_sys::window() {
        let promise = w.navigator().clipboard().write_text(&text);
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                status.try_set(true);
            }
        });
    }
}

/// A private edit link, shown once: the link, a copy button and the warning
/// to keep it safe. Used after registering and after getting a new link.
#[component]
pub fn EditLinkBox(url: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let copied = RwSignal::new(false);
    view! {
        <label for="edit-url"><strong>{move || t().edit_link_label}</strong></label>
        <div class="edit-link">
            <input id="edit-url" readonly prop:value=url.clone() on:focus:target=move |ev| ev.target().select()/>
            <button type="button" id="copy-edit-url" on:click=move |_| copy_text(url.clone(), copied)>{move || t().copy}</button>
        </div>
        <p class="notice warning" role="alert">{move || t().keep_warning}</p>
        <Show when=move || copied.get()><p role="status">{move || t().copied}</p></Show>
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
            <p dir="auto"><strong>{registered.event.title.clone()}</strong></p>
            {pending.then(|| view! { <p>{move || t().pending_note}</p> })}
            <EditLinkBox url=registered.edit_url.clone()/>
            {(!pending).then(|| view! { <p><a href=format!("/e/{id}") id="view-action">{move || t().view_action}</a></p> })}
        </div>
    }
}
