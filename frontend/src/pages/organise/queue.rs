//! `/organise/c/{slug}/queue`: the moderation queue, oldest first, with
//! everything the group sent (private contact and exact point included).
//! Filters by status and country; approve (optionally trusting the group),
//! reject with a reason, spam, take down, and for actions changed since
//! approval the changes side by side with accept / revert. Checkboxes and a
//! bar for bulk decisions. Keyboard: `j`/`k` move, `x` selects, `a`
//! approves, `r` goes to the reason, `s` marks as spam; every button is
//! also reachable with Tab. A decided action leaves the list and a live
//! region says so.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use shared::{BulkDecision, BulkResult, Decision, Event, EventStatus, QueueItem, QueueReason};
use wasm_bindgen::JsCast;

use super::shell::{CampaignNav, Organise, OrganiseError, check_session, use_slug};
use crate::api::{ApiError, organise};
use crate::components::organise::keys::{KeyAction, key_action, step};
use crate::i18n::{Lang, use_lang};
use crate::time;
use crate::ui::live::use_live;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

/// The statuses the queue can show, as the API names them.
const STATUSES: [&str; 8] = [
    "queue",
    "pending",
    "changed",
    "published",
    "rejected",
    "spam",
    "cancelled",
    "withdrawn",
];

/// The decisions the buttons of an item offer.
pub fn decisions_for(reason: QueueReason, status: EventStatus) -> Vec<Decision> {
    match (reason, status) {
        (QueueReason::Changed, _) => vec![Decision::Accept, Decision::Revert, Decision::Unpublish],
        (_, EventStatus::Pending) => vec![Decision::Approve, Decision::Reject, Decision::Spam],
        (_, EventStatus::Published) => vec![Decision::Unpublish],
        (_, EventStatus::Rejected) => vec![Decision::Approve],
        _ => vec![],
    }
}

fn decision_label(lang: Lang, d: Decision) -> &'static str {
    let t = lang.texts();
    match d {
        Decision::Approve => t.q_approve,
        Decision::Reject => t.q_reject,
        Decision::Spam => t.q_spam,
        Decision::Accept => t.q_accept,
        Decision::Revert => t.q_revert,
        Decision::Unpublish => t.q_unpublish,
    }
}

fn status_label(lang: Lang, status: &str) -> &'static str {
    let t = lang.texts();
    match status {
        "queue" => t.q_status_queue,
        "pending" => t.st_pending,
        "changed" => t.q_changed,
        "published" => t.st_published,
        "rejected" => t.st_rejected,
        "spam" => t.q_status_spam,
        "cancelled" => t.st_cancelled,
        _ => t.st_withdrawn,
    }
}

/// Whether a key typed now goes into a field (a text input, a text area,
/// a select): then it is the field's, not a shortcut. Checkboxes and
/// buttons are not fields.
fn in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| match el.tag_name().as_str() {
            "TEXTAREA" | "SELECT" => true,
            "INPUT" => !matches!(
                el.get_attribute("type").as_deref(),
                Some("checkbox" | "radio" | "button" | "submit")
            ),
            _ => el.is_content_editable(),
        })
}

fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let slug = use_slug();
    view! { <Organise><Queue slug=slug.clone()/></Organise> }
}

/// One decision: the action, what to do, the trust box, the reason.
type Decide = (i64, Decision, bool, Option<String>);

#[component]
fn Queue(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    use_title(move || joined(t().o_queue, t().brand));
    let slug_value = StoredValue::new(slug.clone());
    let status = RwSignal::new("queue".to_string());
    let country = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        reload.get();
        let (status, country) = (status.get(), country.get());
        let slug = slug_value.get_value();
        async move { organise::queue(&slug, &status, &country).await }
    });
    use_live(&slug, &["moderation"], move |_, _| {
        reload.try_update(|n| *n += 1);
    });

    let items = RwSignal::new(Vec::<QueueItem>::new());
    let total = RwSignal::new(0u64);
    let load_error = RwSignal::new(None::<ApiError>);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let current = RwSignal::new(None::<usize>);
    let trust = RwSignal::new(HashMap::<i64, bool>::new());
    let reasons = RwSignal::new(HashMap::<i64, String>::new());
    let announce = RwSignal::new(String::new());
    let bulk_reason = RwSignal::new(String::new());
    let refused = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| match queue.get() {
        Some(Ok(q)) => {
            load_error.set(None);
            total.set(q.total);
            let ids: BTreeSet<i64> = q.items.iter().map(|i| i.event.id).collect();
            selected.update(|s| s.retain(|id| ids.contains(id)));
            current.update(|c| *c = c.map(|i| i.min(q.items.len().saturating_sub(1))));
            items.set(q.items);
        }
        Some(Err(e)) => load_error.set(Some(e)),
        None => {}
    });
    let title_of = move |id: i64| {
        items.with_untracked(|list| {
            list.iter()
                .find(|i| i.event.id == id)
                .map(|i| i.event.title.clone())
                .unwrap_or_else(|| format!("#{id}"))
        })
    };
    // Takes decided actions out of the list and moves to the next one.
    let remove = move |ids: &[i64]| {
        items.update(|list| list.retain(|i| !ids.contains(&i.event.id)));
        selected.update(|s| s.retain(|id| !ids.contains(id)));
        total.update(|t| *t = t.saturating_sub(ids.len() as u64));
        let len = items.with_untracked(Vec::len);
        current.update(|c| *c = c.map(|i| i.min(len.saturating_sub(1))).filter(|_| len > 0));
        if let Some(id) = current
            .get_untracked()
            .and_then(|i| items.with_untracked(|l| l.get(i).map(|it| it.event.id)))
        {
            set_timeout(
                move || focus_id(&format!("item-{id}")),
                Duration::from_millis(0),
            );
        }
    };

    let decide = Action::new_local(move |(id, decision, trust, reason): &Decide| {
        let (id, decision, trust, reason) = (*id, *decision, *trust, reason.clone());
        let csrf = session.csrf();
        let title = title_of(id);
        async move {
            let result: Result<Event, ApiError> =
                organise::decide(&csrf, id, decision, trust, reason).await;
            (id, decision, title, result)
        }
    });
    Effect::new(move |_| {
        let Some((id, decision, title, result)) = decide.value().get() else {
            return;
        };
        check_session(session, &result);
        let l = lang.get_untracked();
        match result {
            Ok(_) => {
                announce.set(l.decided(decision_label(l, decision), &title));
                remove(&[id]);
            }
            Err(e) => announce.set(l.decision_failed(&title, &e.detail.message)),
        }
    });
    let run = move |id: i64, decision: Decision| {
        let trusted = trust.with_untracked(|t| t.get(&id).copied().unwrap_or(false));
        let reason = reasons
            .with_untracked(|r| r.get(&id).cloned())
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        decide.dispatch_local((id, decision, trusted, reason));
    };

    let bulk = Action::new_local(move |body: &BulkDecision| {
        let body = body.clone();
        let csrf = session.csrf();
        let slug = slug_value.get_value();
        async move { (body.decision, organise::bulk(&csrf, &slug, &body).await) }
    });
    Effect::new(move |_| {
        let Some((decision, result)) = bulk.value().get() else {
            return;
        };
        check_session(session, &result);
        let l = lang.get_untracked();
        match result {
            Ok(BulkResult { done, refused: why }) => {
                announce.set(l.bulk_done(decision_label(l, decision), done.len(), why.len()));
                refused.set(why.into_iter().collect());
                remove(&done);
            }
            Err(e) => announce.set(e.detail.message),
        }
    });
    let run_bulk = move |decision: Decision| {
        let ids: Vec<i64> = selected.get_untracked().into_iter().collect();
        if ids.is_empty() {
            return;
        }
        let reason = Some(bulk_reason.get_untracked().trim().to_string()).filter(|r| !r.is_empty());
        bulk.dispatch_local(BulkDecision {
            ids,
            decision,
            reason,
        });
    };

    // The keyboard, while the page is shown.
    let current_id = move || {
        current.get_untracked().and_then(|i| {
            items.with_untracked(|l| l.get(i).map(|it| (it.event.id, it.reason, it.event.status)))
        })
    };
    let keys = window_event_listener(ev::keydown, move |ev| {
        let modifier = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
        let Some(action) = key_action(&ev.key(), modifier, in_field(&ev)) else {
            return;
        };
        ev.prevent_default();
        let len = items.with_untracked(Vec::len);
        match action {
            KeyAction::Next | KeyAction::Previous => {
                let next = step(current.get_untracked(), len, action == KeyAction::Next);
                current.set(next);
                if let Some(id) = current_id().map(|c| c.0) {
                    focus_id(&format!("item-{id}"));
                }
            }
            KeyAction::Select => {
                if let Some((id, ..)) = current_id() {
                    selected.update(|s| {
                        if !s.remove(&id) {
                            s.insert(id);
                        }
                    });
                }
            }
            KeyAction::Approve => {
                if let Some((id, reason, status)) = current_id() {
                    let d = decisions_for(reason, status);
                    if d.contains(&Decision::Approve) {
                        run(id, Decision::Approve);
                    } else if d.contains(&Decision::Accept) {
                        run(id, Decision::Accept);
                    }
                }
            }
            KeyAction::FocusReject => {
                if let Some((id, ..)) = current_id() {
                    focus_id(&format!("reason-{id}"));
                }
            }
            KeyAction::Spam => {
                if let Some((id, reason, status)) = current_id()
                    && decisions_for(reason, status).contains(&Decision::Spam)
                {
                    run(id, Decision::Spam);
                }
            }
        }
    });
    on_cleanup(move || keys.remove());

    let busy = move || decide.pending().get() || bulk.pending().get();
    let count_selected = move || selected.with(BTreeSet::len);
    view! {
        <h1>{move || t().o_queue}</h1>
        <CampaignNav slug=slug.clone()/>
        <p class="hint" id="queue-keys">{move || t().q_keys}</p>
        <div class="toolbar" role="search" aria-label=move || t().q_filters>
            <label>
                {move || t().q_status}
                <select id="queue-status" on:change:target=move |ev| status.set(ev.target().value())>
                    {STATUSES.into_iter().map(|s| view! {
                        <option value=s selected=move || status.get() == s>{move || status_label(lang.get(), s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {move || t().q_country}
                <input id="queue-country" type="text" maxlength="2" size="3" autocomplete="off" dir="ltr"
                    prop:value=move || country.get()
                    on:change:target=move |ev| country.set(ev.target().value().trim().to_ascii_uppercase())/>
            </label>
            <span class="badge" id="queue-total">{move || lang.get().queue_total(total.get())}</span>
        </div>
        <p role="status" aria-live="polite" class="announce" id="queue-announce">{move || announce.get()}</p>
        {move || load_error.get().map(|e| view! { <OrganiseError error=e/> })}
        <div class="bulk-bar" role="group" aria-label=move || t().q_bulk id="bulk-bar">
            <span id="bulk-count">{move || lang.get().selected_count(count_selected())}</span>
            <button type="button" id="select-all" on:click=move |_| selected.set(items.with_untracked(|l| l.iter().map(|i| i.event.id).collect()))>{move || t().q_select_all}</button>
            <button type="button" id="select-none" disabled=move || count_selected() == 0 on:click=move |_| selected.set(BTreeSet::new())>{move || t().q_select_none}</button>
            <label>
                {move || t().q_reason}
                <input id="bulk-reason" type="text" maxlength="500" dir="auto" prop:value=move || bulk_reason.get() on:input:target=move |ev| bulk_reason.set(ev.target().value())/>
            </label>
            {[Decision::Approve, Decision::Reject, Decision::Spam].into_iter().map(|d| view! {
                <button type="button" id=format!("bulk-{}", decision_key(d)) class:danger=d != Decision::Approve
                    disabled=move || count_selected() == 0 || busy()
                    on:click=move |_| run_bulk(d)>{move || decision_label(lang.get(), d)}</button>
            }).collect_view()}
        </div>
        {move || (!refused.with(Vec::is_empty)).then(|| view! {
            <div class="notice warning" id="bulk-refused">
                <p>{move || t().q_refused}</p>
                <ul>{refused.get().into_iter().map(|(id, why)| view! { <li>{format!("#{id}: {why}")}</li> }).collect_view()}</ul>
            </div>
        })}
        <Show when=move || queue.with(Option::is_some) fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            <Show when=move || !items.with(Vec::is_empty) fallback=move || view! { <p id="queue-empty">{move || t().q_empty}</p> }>
                <ol class="queue" id="queue-list" aria-describedby="queue-keys">
                    <For each=move || items.get() key=|i| (i.event.id, i.event.version, i.submitted_at.clone()) let:item>
                        {
                            let id = item.event.id;
                            let index = move || items.with(|l| l.iter().position(|i| i.event.id == id));
                            view! {
                                <QueueEntry
                                    item=item
                                    is_current=Signal::derive(move || index().is_some() && index() == current.get())
                                    on_focus=Callback::new(move |_| current.set(index()))
                                    selected=selected
                                    trust=trust
                                    reasons=reasons
                                    busy=Signal::derive(busy)
                                    on_decide=Callback::new(move |d: Decision| run(id, d))
                                />
                            }
                        }
                    </For>
                </ol>
            </Show>
        </Show>
    }
}

fn decision_key(d: Decision) -> &'static str {
    match d {
        Decision::Approve => "approve",
        Decision::Reject => "reject",
        Decision::Spam => "spam",
        Decision::Accept => "accept",
        Decision::Revert => "revert",
        Decision::Unpublish => "unpublish",
    }
}

#[component]
fn QueueEntry(
    item: QueueItem,
    is_current: Signal<bool>,
    on_focus: Callback<()>,
    selected: RwSignal<BTreeSet<i64>>,
    trust: RwSignal<HashMap<i64, bool>>,
    reasons: RwSignal<HashMap<i64, String>>,
    busy: Signal<bool>,
    on_decide: Callback<Decision>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let e = StoredValue::new(item.event.clone());
    let id = item.event.id;
    let decisions = decisions_for(item.reason, item.event.status);
    let needs_reason = decisions
        .iter()
        .any(|d| matches!(d, Decision::Reject | Decision::Unpublish));
    let can_trust = decisions.contains(&Decision::Approve);
    let changed = item.reason == QueueReason::Changed;
    let language = item.event.language.clone();
    let submitted = item.submitted_at.clone();
    let heading_id = format!("item-{id}-title");
    view! {
        <li>
            <article
                class="queue-item"
                class:current=move || is_current.get()
                class:changed=changed
                id=format!("item-{id}")
                data-event-id=id
                tabindex="-1"
                aria-labelledby=heading_id.clone()
                on:focusin=move |_| on_focus.run(())
            >
                <header>
                    <input type="checkbox" id=format!("select-{id}")
                        aria-label=move || format!("{}: {}", t().q_select, e.with_value(|e| e.title.clone()))
                        prop:checked=move || selected.with(|s| s.contains(&id))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                        }/>
                    <h2 id=heading_id.clone() dir="auto" lang=language.clone()>{e.with_value(|e| e.title.clone())}</h2>
                    <span class="badge">{move || if changed { t().q_changed } else { t().q_new }}</span>
                    <span class=format!("badge status-{}", item.event.status.as_str())>{move || lang.get().status(e.with_value(|e| e.status))}</span>
                    {e.with_value(|e| e.cancelled).then(|| view! { <span class="badge cancelled-badge">{move || t().cancelled}</span> })}
                </header>
                <dl class="details">
                    <dt>{move || t().f_kind}</dt>
                    <dd>{move || e.with_value(|e| lang.get().kind(e.kind))}</dd>
                    <dt>{move || t().when}</dt>
                    <dd>
                        <span class="local-time">{move || e.with_value(|e| time::event_local(e, lang.get()))}</span>
                        " · " {move || t().your_time} ": " {move || e.with_value(|e| time::viewer_local(e, lang.get()))}
                    </dd>
                    <dt>{move || t().where_}</dt>
                    <dd>
                        <div dir="auto">{move || e.with_value(|e| format!("{}, {}", e.place.city, time::country_name(&e.place.country_code, &e.place.country, lang.get())))}</div>
                        <div class="exact" dir="ltr">{e.with_value(|e| format!("{:.5}, {:.5}", e.place.latitude, e.place.longitude))}</div>
                        {e.with_value(|e| e.place.address.clone()).map(|a| view! { <div class="address" dir="auto">{a}</div> })}
                        {e.with_value(|e| e.location_visibility == shared::LocationVisibility::City).then(|| view! { <div class="hint">{move || t().visibility_city}</div> })}
                    </dd>
                    <dt>{move || t().organiser}</dt>
                    <dd dir="auto">{e.with_value(|e| e.organiser_name.clone())}</dd>
                    <dt>{move || t().q_private_contact}</dt>
                    <dd class="private-contact">{e.with_value(|e| e.contact_email.clone()).map(|m| view! { <a href=format!("mailto:{m}") dir="ltr">{m.clone()}</a> })}</dd>
                    {e.with_value(|e| e.public_contact.clone()).map(|c| view! { <dt>{move || t().contact}</dt><dd dir="auto">{c}</dd> })}
                    {e.with_value(|e| e.description.clone()).map(|d| view! {
                        <dt>{move || t().f_description}</dt>
                        <dd class="description" dir="auto" lang=language.clone()>{d}</dd>
                    })}
                    {e.with_value(|e| (!e.links.is_empty()).then(|| e.links.clone())).map(|links| view! {
                        <dt>{move || t().links}</dt>
                        <dd>{links.into_iter().map(|l| view! { <div><a href=l.clone() rel="noopener noreferrer nofollow" dir="ltr">{l.clone()}</a></div> }).collect_view()}</dd>
                    })}
                    <dt>{move || t().q_submitted}</dt>
                    <dd>{move || time::instant(&submitted, lang.get())}</dd>
                </dl>
                {(!item.changes.is_empty()).then(|| view! {
                    <table class="data changes" id=format!("changes-{id}")>
                        <caption>{move || t().q_changes}</caption>
                        <thead><tr>
                            <th scope="col">{move || t().q_field}</th>
                            <th scope="col">{move || t().q_approved_value}</th>
                            <th scope="col">{move || t().q_now_value}</th>
                        </tr></thead>
                        <tbody>
                            {item.changes.iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.field.clone()}</th>
                                    <td class="before" dir="auto">{c.approved.clone()}</td>
                                    <td class="after" dir="auto">{c.now.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(!item.possible_duplicates.is_empty()).then(|| view! {
                    <p class="notice warning duplicates" id=format!("duplicates-{id}")>
                        <strong>{move || t().q_duplicates}</strong> " "
                        {item.possible_duplicates.iter().map(|d| view! {
                            <a href=format!("#item-{d}") class="duplicate">{format!("#{d}")}</a> " "
                        }).collect_view()}
                    </p>
                })}
                <div class="decisions">
                    {can_trust.then(|| view! {
                        <label>
                            <input type="checkbox" id=format!("trust-{id}")
                                prop:checked=move || trust.with(|t| t.get(&id).copied().unwrap_or(false))
                                on:change:target=move |ev| { let on = ev.target().checked(); trust.update(|t| { t.insert(id, on); }); }/>
                            " " {move || t().q_trust}
                        </label>
                    })}
                    {needs_reason.then(|| view! {
                        <label>
                            {move || t().q_reason}
                            <input type="text" id=format!("reason-{id}") maxlength="500" dir="auto"
                                prop:value=move || reasons.with(|r| r.get(&id).cloned().unwrap_or_default())
                                on:input:target=move |ev| { let v = ev.target().value(); reasons.update(|r| { r.insert(id, v); }); }/>
                        </label>
                    })}
                    {decisions.iter().copied().map(|d| view! {
                        <button type="button"
                            id=format!("{}-{id}", decision_key(d))
                            class=if matches!(d, Decision::Approve | Decision::Accept) { "primary" } else { "danger" }
                            disabled=move || busy.get()
                            on:click=move |_| on_decide.run(d)
                        >
                            {move || decision_label(lang.get(), d)}
                        </button>
                    }).collect_view()}
                    {item.event.status.is_public().then(|| view! {
                        <a href=format!("/e/{id}") class="see-public" aria-label=move || format!("{}: {}", t().q_see_page, e.with_value(|e| e.title.clone()))>{move || t().q_see_page}</a>
                    })}
                </div>
            </article>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_offers_the_decisions_its_state_allows() {
        assert_eq!(
            decisions_for(QueueReason::New, EventStatus::Pending),
            vec![Decision::Approve, Decision::Reject, Decision::Spam]
        );
        assert_eq!(
            decisions_for(QueueReason::Changed, EventStatus::Published),
            vec![Decision::Accept, Decision::Revert, Decision::Unpublish]
        );
        assert_eq!(
            decisions_for(QueueReason::New, EventStatus::Published),
            vec![Decision::Unpublish]
        );
        assert!(decisions_for(QueueReason::New, EventStatus::Withdrawn).is_empty());
    }
}
