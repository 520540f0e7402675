//! `/edit/{id}#token=…`: update, cancel or withdraw an action with its private
//! link, or replace the link with a new one.
//! The token is read from the fragment (never sent in a query string), then
//! removed from the address bar and the history at once: it lives in memory
//! only, for as long as the app runs.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{EditLink, Event, EventStatus, UpdateEvent};

use crate::api::{self, ApiError};
use crate::app::LoadError;
use crate::components::event_form::{EventForm, FormValues};
use crate::i18n::use_lang;
use crate::pages::register::{EditLinkBox, scroll_to_top};

thread_local! {
    /// The token of the action last opened, kept so that the page still works
    /// when the group comes back to it inside the app (never stored anywhere).
    static TOKEN: RefCell<Option<(i64, String)>> = const { RefCell::new(None) };
}

fn remember(id: i64, token: Option<String>) {
    TOKEN.with(|t| *t.borrow_mut() = token.map(|token| (id, token)));
}

fn remembered(id: i64) -> Option<String> {
    TOKEN.with(|t| {
        t.borrow()
            .as_ref()
            .filter(|(i, _)| *i == id)
            .map(|(_, token)| token.clone())
    })
}

fn token_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(|t| {
            String::from(
                js_sys::decode_uri_component(t)
                    .ok()
                    .unwrap_or_else(|| t.into()),
            )
        })
        .filter(|t| !t.is_empty())
}

/// Replaces the current history entry by the same page without its fragment,
/// so that the token is neither in the address bar nor in the history (a
/// seized phone's browser history must not hold it).
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if location.hash().map(|h| h.is_empty()).unwrap_or(true) {
        return;
    }
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&path));
    }
}

/// The token for this page: from the fragment (then removed from it), else
/// the one remembered in memory for the same action.
fn take_token(id: Option<i64>) -> Option<String> {
    let from_fragment = token_from_fragment();
    clear_fragment();
    let id = id?;
    match from_fragment {
        Some(token) => {
            remember(id, Some(token.clone()));
            Some(token)
        }
        None => remembered(id),
    }
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

fn to_update(v: &FormValues, before: &Event) -> UpdateEvent {
    let mut update = UpdateEvent {
        title: Some(v.title.clone()),
        kind: Some(v.kind.clone()),
        description: Some(FormValues::optional(&v.description)),
        organiser_name: Some(v.organiser_name.clone()),
        contact_email: Some(v.contact_email.clone()),
        public_contact: Some(FormValues::optional(&v.public_contact)),
        address: Some(FormValues::optional(&v.address)),
        local_start: v.local(&v.start),
        local_end: Some(v.local(&v.end)),
        links: Some(v.link_list()),
        language: FormValues::optional(&v.language),
        location_visibility: Some(v.visibility.clone()),
        ..Default::default()
    };
    if v.location_changed
        && let Some(loc) = &v.location
    {
        if loc.place_id != before.place.place_id {
            update.place_id = loc.place_id;
            update.city = Some(loc.city.clone());
            update.country_code = Some(loc.country_code.clone());
        }
        update.latitude = Some(loc.latitude);
        update.longitude = Some(loc.longitude);
    }
    update
}

#[component]
pub fn EditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let params = use_params_map();
    let id = params
        .get_untracked()
        .get("id")
        .and_then(|s| s.parse::<i64>().ok());
    // Read once, then gone from the address bar; replaced by a new link.
    let token = StoredValue::new(take_token(id));
    // Bumped to reload the current version (after a conflict).
    let reload = RwSignal::new(0u32);
    let event = LocalResource::new(move || {
        reload.get();
        let token = token.get_value();
        async move {
            match (id, token) {
                (Some(id), Some(token)) => api::event(id, Some(&token)).await.map(Some),
                _ => Ok(None),
            }
        }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let action_error = RwSignal::new(None::<ApiError>);
    let stale = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let withdrawn = RwSignal::new(false);
    let new_link = RwSignal::new(None::<EditLink>);
    // Made here, not inside the view's closures, so that they live as long as the page.
    let (busy_read, error_read): (Signal<bool>, Signal<Option<ApiError>>) =
        (busy.into(), error.into());
    let save_label = Signal::derive(move || lang.get().texts().save);

    let submit = move |before: Event| {
        Callback::new(move |values: FormValues| {
            let before = before.clone();
            let Some(token) = token.get_value() else {
                return;
            };
            busy.set(true);
            error.set(None);
            saved.set(false);
            spawn_local(async move {
                match api::update(
                    before.id,
                    &token,
                    before.version,
                    &to_update(&values, &before),
                )
                .await
                {
                    Ok(_) => {
                        saved.try_set(true);
                        reload.try_update(|n| *n += 1);
                    }
                    Err(e) if e.status == 412 => {
                        stale.try_set(true);
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
    let cancel = move |before: Event| {
        move |_| {
            let Some(token) = token.get_value() else {
                return;
            };
            if !confirm(lang.get_untracked().texts().confirm_cancel) {
                return;
            }
            let before = before.clone();
            action_error.set(None);
            spawn_local(async move {
                match api::cancel(before.id, &token, before.version).await {
                    Ok(_) => {
                        reload.try_update(|n| *n += 1);
                    }
                    Err(e) if e.status == 412 => {
                        stale.try_set(true);
                    }
                    Err(e) => {
                        action_error.try_set(Some(e));
                    }
                }
            });
        }
    };
    let withdraw = move |id: i64| {
        move |_| {
            let Some(current) = token.get_value() else {
                return;
            };
            if !confirm(lang.get_untracked().texts().confirm_withdraw) {
                return;
            }
            action_error.set(None);
            spawn_local(async move {
                match api::withdraw(id, &current).await {
                    Ok(()) => {
                        // The token no longer works: forget it.
                        token.try_set_value(None);
                        remember(id, None);
                        new_link.try_set(None);
                        saved.try_set(false);
                        withdrawn.try_set(true);
                    }
                    Err(e) => {
                        action_error.try_set(Some(e));
                    }
                }
                scroll_to_top();
            });
        }
    };
    let rotate = move |id: i64| {
        move |_| {
            let Some(old) = token.get_value() else {
                return;
            };
            action_error.set(None);
            spawn_local(async move {
                match api::new_edit_link(id, &old).await {
                    Ok(link) => {
                        token.try_set_value(Some(link.edit_token.clone()));
                        remember(id, Some(link.edit_token.clone()));
                        saved.try_set(false);
                        // The version is unchanged: the form and its edits stay.
                        new_link.try_set(Some(link));
                    }
                    Err(e) => {
                        action_error.try_set(Some(e));
                    }
                }
                scroll_to_top();
            });
        }
    };

    let withdrawn_view = move || {
        view! {
            <div class="notice success" role="status" id="withdrawn">
                <p><strong>{move || t().withdrawn_done}</strong></p>
                <p>{move || t().withdrawn_note}</p>
            </div>
            <p><a href="/">{move || t().back}</a></p>
        }
    };
    let load_error = move |e: ApiError| {
        if matches!(e.status, 401 | 403 | 404) {
            view! { <p class="notice error" role="alert" id="link-invalid">{move || t().link_invalid}</p> }
                .into_any()
        } else {
            view! { <LoadError error=e/> }.into_any()
        }
    };
    let manage = move |e: &Event| {
        let cancelled = e.cancelled;
        view! {
            <section class="manage" aria-labelledby="manage-heading">
                <h2 id="manage-heading">{move || t().manage_heading}</h2>
                <h3>{move || t().new_link_heading}</h3>
                <p>{move || t().new_link_explain}</p>
                <p><button type="button" id="new-edit-link" on:click=rotate(e.id)>{move || t().new_link_button}</button></p>
                {(!cancelled).then(|| view! {
                    <h3>{move || t().cancel_heading}</h3>
                    <p>{move || t().cancel_explain}</p>
                    <p><button type="button" class="danger" id="cancel-action" on:click=cancel(e.clone())>{move || t().cancel_action}</button></p>
                })}
                <h3>{move || t().withdraw_heading}</h3>
                <p>{move || t().withdraw_explain}</p>
                <p><button type="button" class="danger" id="withdraw-action" on:click=withdraw(e.id)>{move || t().withdraw_action}</button></p>
            </section>
        }
    };

    view! {
        <h1>{move || t().edit_title}</h1>
        <Show when=move || !withdrawn.get() fallback=withdrawn_view>
            <Show when=move || token.with_value(Option::is_some) fallback=move || view! { <p class="notice error" role="alert" id="no-token">{move || t().no_token}</p> }>
                <p class="hint" id="token-hidden">{move || t().token_hidden}</p>
                <Show when=move || stale.get()>
                    <div class="notice warning" role="alert" id="stale">
                        <p>{move || t().stale}</p>
                        <button type="button" id="load-current" on:click=move |_| { stale.set(false); reload.update(|n| *n += 1); }>{move || t().load_current}</button>
                    </div>
                </Show>
                <Show when=move || saved.get()><p class="notice success" role="status" id="saved">{move || t().saved}</p></Show>
                {move || action_error.get().map(|e| view! { <LoadError error=e/> })}
                {move || new_link.get().map(|link| view! {
                    <div class="notice success" role="status" id="new-link">
                        <p><strong>{move || t().new_link_done}</strong></p>
                        <EditLinkBox url=link.edit_url.clone()/>
                    </div>
                })}
                <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                    {move || event.get().map(|r| match r {
                        Err(e) => load_error(e),
                        Ok(None) => view! { <p>{move || t().no_token}</p> }.into_any(),
                        Ok(Some(e)) if e.status == EventStatus::Withdrawn => withdrawn_view().into_any(),
                        Ok(Some(e)) => {
                            // The server checks the campaign's days; the picker is left open.
                            let (first, last) = (String::new(), String::new());
                            view! {
                                <p><a href=format!("/e/{}", e.id) dir="auto">{e.title.clone()}</a></p>
                                {e.cancelled.then(|| view! {
                                    <div class="notice warning" role="status" id="is-cancelled">
                                        <p><strong>{move || t().cancelled_done}</strong></p>
                                        <p>{move || t().cancelled_can_hide}</p>
                                    </div>
                                })}
                                <EventForm
                                    initial=FormValues::from_event(&e)
                                    first_day=first
                                    last_day=last
                                    submit_label=save_label
                                    busy=busy_read
                                    error=error_read
                                    on_submit=submit(e.clone())
                                />
                                {manage(&e)}
                            }.into_any()
                        }
                    })}
                </Transition>
            </Show>
        </Show>
    }
}
