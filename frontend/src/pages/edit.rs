//! `/edit/{id}#token=…`: update or cancel an action with its private link.
//! The token stays in the fragment (never sent in a query string) and in memory.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{Event, UpdateEvent};

use crate::api::{self, ApiError};
use crate::app::LoadError;
use crate::components::event_form::{EventForm, FormValues};
use crate::i18n::use_lang;
use crate::pages::register::scroll_to_top;

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
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let token = StoredValue::new(token_from_fragment());
    // Bumped to reload the current version (after a conflict).
    let reload = RwSignal::new(0u32);
    let event = LocalResource::new(move || {
        reload.get();
        let (id, token) = (id(), token.get_value());
        async move {
            match (id, token) {
                (Some(id), Some(token)) => api::event(id, Some(&token)).await.map(Some),
                _ => Ok(None),
            }
        }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let stale = RwSignal::new(false);
    let saved = RwSignal::new(false);
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
                        saved.set(true);
                        reload.update(|n| *n += 1);
                    }
                    Err(e) if e.status == 412 => stale.set(true),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
                scroll_to_top();
            });
        })
    };
    let cancel = move |before: Event| {
        move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(lang.get_untracked().texts().confirm_cancel)
                        .ok()
                })
                .unwrap_or(false);
            let Some(token) = token.get_value() else {
                return;
            };
            if !confirmed {
                return;
            }
            let before = before.clone();
            spawn_local(async move {
                match api::cancel(before.id, &token, before.version).await {
                    Ok(_) => {
                        reload.try_update(|n| *n += 1);
                    }
                    Err(e) if e.status == 412 => {
                        stale.try_set(true);
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            });
        }
    };

    view! {
        <h1>{move || t().edit_title}</h1>
        <Show when=move || token.with_value(Option::is_some) fallback=move || view! { <p class="notice error" role="alert">{move || t().no_token}</p> }>
            <Show when=move || stale.get()>
                <div class="notice warning" role="alert" id="stale">
                    <p>{move || t().stale}</p>
                    <button type="button" id="load-current" on:click=move |_| { stale.set(false); reload.update(|n| *n += 1); }>{move || t().load_current}</button>
                </div>
            </Show>
            <Show when=move || saved.get()><p class="notice success" role="status" id="saved">{move || t().saved}</p></Show>
            <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                {move || event.get().map(|r| match r {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(None) => view! { <p>{move || t().no_token}</p> }.into_any(),
                    Ok(Some(e)) if e.cancelled => view! {
                        <p class="notice" role="status" id="is-cancelled">{move || t().cancelled_done}</p>
                        <p><a href=format!("/e/{}", e.id)>{move || t().view_action}</a></p>
                    }.into_any(),
                    Ok(Some(e)) => {
                        // The server checks the campaign's days; the picker is left open.
                        let (first, last) = (String::new(), String::new());
                        view! {
                            <p><a href=format!("/e/{}", e.id) dir="auto">{e.title.clone()}</a></p>
                            <EventForm
                                initial=FormValues::from_event(&e)
                                first_day=first
                                last_day=last
                                submit_label=save_label
                                busy=busy_read
                                error=error_read
                                on_submit=submit(e.clone())
                            />
                            <p><button type="button" class="danger" id="cancel-action" on:click=cancel(e.clone())>{move || t().cancel_action}</button></p>
                        }.into_any()
                    }
                })}
            </Transition>
        </Show>
    }
}
