//! `/edit/{id}#token=…`: update, cancel or withdraw an action with its private
//! link, or replace the link with a new one.
//! The token is read from the fragment (never sent in a query string), then
//! removed from the address bar and the history at once: it lives in memory
//! only, for as long as the app runs.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::{EditLink, Event, EventStatus};

use crate::api::{self, ApiError};
use crate::components::event_form::{EventForm, FormValues};
use crate::i18n::use_lang;
use crate::ui::browser::{clear_fragment, confirm, fragment_token, scroll_to_top};
use crate::ui::edit_link::EditLinkBox;
use crate::ui::load_error::LoadError;
use crate::ui::title::{joined, use_title};

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

/// The token for this page: from the fragment (then removed from it), else
/// the one remembered in memory for the same action.
fn take_token(id: Option<i64>) -> Option<String> {
    let from_fragment = fragment_token();
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

/// What a write answered, for the page to show.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved,
    Cancelled,
    Withdrawn,
    NewLink(EditLink),
    /// 412: the action changed since it was loaded.
    Stale,
    Failed(ApiError),
}

impl Outcome {
    fn of<T>(result: Result<T, ApiError>, ok: impl FnOnce(T) -> Outcome) -> Outcome {
        match result {
            Ok(v) => ok(v),
            Err(e) if e.status == 412 => Outcome::Stale,
            Err(e) => Outcome::Failed(e),
        }
    }
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
    // Bumped to reload the current version (after a change or a conflict).
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
    use_title(move || joined(t().edit_title, t().brand));

    // The writes. Each takes the token when it is dispatched, so that a new
    // link counts at once.
    let current_token = move || token.get_value().unwrap_or_default();
    let update = Action::new_local(move |(before, values): &(Event, FormValues)| {
        let (id, version, body) = (before.id, before.version, values.to_update(before));
        let token = current_token();
        async move {
            Outcome::of(api::update(id, &token, version, &body).await, |_| {
                Outcome::Saved
            })
        }
    });
    let cancel = Action::new_local(move |before: &Event| {
        let (id, version) = (before.id, before.version);
        let token = current_token();
        async move {
            Outcome::of(api::cancel(id, &token, version).await, |_| {
                Outcome::Cancelled
            })
        }
    });
    let withdraw = Action::new_local(move |id: &i64| {
        let id = *id;
        let token = current_token();
        async move { Outcome::of(api::withdraw(id, &token).await, |()| Outcome::Withdrawn) }
    });
    let rotate = Action::new_local(move |id: &i64| {
        let id = *id;
        let token = current_token();
        async move { Outcome::of(api::new_edit_link(id, &token).await, Outcome::NewLink) }
    });

    // What the page shows follows the last answer of each write.
    let stale = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let withdrawn = RwSignal::new(false);
    let new_link = RwSignal::new(None::<EditLink>);
    let form_error = RwSignal::new(None::<ApiError>);
    let action_error = RwSignal::new(None::<ApiError>);
    let show = move |outcome: Outcome, from_form: bool| {
        saved.set(false);
        form_error.set(None);
        action_error.set(None);
        match outcome {
            Outcome::Saved => {
                saved.set(true);
                reload.update(|n| *n += 1);
            }
            Outcome::Cancelled => reload.update(|n| *n += 1),
            Outcome::Withdrawn => {
                // The token no longer works: forget it.
                token.set_value(None);
                if let Some(id) = id {
                    remember(id, None);
                }
                new_link.set(None);
                withdrawn.set(true);
            }
            Outcome::NewLink(link) => {
                token.set_value(Some(link.edit_token.clone()));
                if let Some(id) = id {
                    remember(id, Some(link.edit_token.clone()));
                }
                // The version is unchanged: the form and its edits stay.
                new_link.set(Some(link));
            }
            Outcome::Stale => stale.set(true),
            Outcome::Failed(e) if from_form => form_error.set(Some(e)),
            Outcome::Failed(e) => action_error.set(Some(e)),
        }
    };
    // (answer, from the form, scroll up to the notice)
    let answers = [
        (update.value(), true, true),
        (cancel.value(), false, false),
        (withdraw.value(), false, true),
        (rotate.value(), false, true),
    ];
    for (answer, from_form, scroll) in answers {
        Effect::new(move |_| {
            if let Some(outcome) = answer.get() {
                show(outcome, from_form);
                if scroll {
                    scroll_to_top();
                }
            }
        });
    }
    let busy: Signal<bool> = update.pending().into();
    let form_error_shown: Signal<Option<ApiError>> =
        Memo::new(move |_| if busy.get() { None } else { form_error.get() }).into();
    let save_label = Signal::derive(move || lang.get().texts().save);
    let submit = move |before: Event| {
        Callback::new(move |values: FormValues| {
            update.dispatch_local((before.clone(), values));
        })
    };
    let ask_cancel = move |before: Event| {
        if confirm(lang.get_untracked().texts().confirm_cancel) {
            cancel.dispatch_local(before);
        }
    };
    let ask_withdraw = move |id: i64| {
        if confirm(lang.get_untracked().texts().confirm_withdraw) {
            withdraw.dispatch_local(id);
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
        let (id, cancelled, before) = (e.id, e.cancelled, e.clone());
        view! {
            <section class="manage" aria-labelledby="manage-heading">
                <h2 id="manage-heading">{move || t().manage_heading}</h2>
                <h3>{move || t().new_link_heading}</h3>
                <p>{move || t().new_link_explain}</p>
                <p><button type="button" id="new-edit-link" on:click=move |_| { rotate.dispatch_local(id); }>{move || t().new_link_button}</button></p>
                {(!cancelled).then(|| view! {
                    <h3>{move || t().cancel_heading}</h3>
                    <p>{move || t().cancel_explain}</p>
                    <p><button type="button" class="danger" id="cancel-action" on:click=move |_| ask_cancel(before.clone())>{move || t().cancel_action}</button></p>
                })}
                <h3>{move || t().withdraw_heading}</h3>
                <p>{move || t().withdraw_explain}</p>
                <p><button type="button" class="danger" id="withdraw-action" on:click=move |_| ask_withdraw(id)>{move || t().withdraw_action}</button></p>
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
                                <p><a href=format!("/e/{}", e.id) dir="auto" lang=e.language.clone()>{e.title.clone()}</a></p>
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
                                    busy=busy
                                    error=form_error_shown
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
