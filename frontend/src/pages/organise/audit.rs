//! `/organise/audit` (admins): every organiser action, newest first, page
//! by page (`next_before`). `/organise/outbox` (admins): the messages the
//! server sent or could not send.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::AuditEntry;

use super::shell::{Organise, OrganiseError};
use crate::api::{ApiError, organise};
use crate::i18n::use_lang;
use crate::time;
use crate::ui::title::{joined, use_title};

/// An entry's detail as one line: `reason: spam, trust_group: true`; an
/// empty object or `null` is nothing.
pub fn detail_text(detail: &serde_json::Value) -> String {
    match detail {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}: {s}"),
                other => format!("{k}: {other}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <Organise admin=true><Audit/></Organise> }
}

#[component]
fn Audit() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    use_title(move || joined(t().o_audit, t().brand));
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<i64>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let load = move |before: Option<i64>| {
        loading.set(true);
        spawn_local(async move {
            match organise::audit(before).await {
                Ok(log) => {
                    entries.try_update(|e| e.extend(log.entries));
                    next.try_set(log.next_before);
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
            loaded.try_set(true);
        });
    };
    load(None);
    view! {
        <h1>{move || t().o_audit}</h1>
        {move || error.get().map(|e| view! { <OrganiseError error=e/> })}
        <Show when=move || loaded.get() fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            <table class="data" id="audit-log">
                <thead><tr>
                    <th scope="col">{move || t().a_when}</th>
                    <th scope="col">{move || t().a_who}</th>
                    <th scope="col">{move || t().a_action}</th>
                    <th scope="col">{move || t().a_campaign}</th>
                    <th scope="col">{move || t().a_event}</th>
                    <th scope="col">{move || t().a_detail}</th>
                </tr></thead>
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:e>
                        <tr data-id=e.id>
                            <td>{let at = e.at.clone(); move || time::instant(&at, lang.get())}</td>
                            <td dir="auto">{e.actor.clone()}</td>
                            <td><code>{e.action.clone()}</code></td>
                            <td>{e.campaign.clone().map(|c| view! { <a href=format!("/organise/c/{c}")>{c.clone()}</a> })}</td>
                            <td>{e.event_id.map(|id| view! { <a href=format!("/e/{id}")>{format!("#{id}")}</a> })}</td>
                            <td dir="auto">{detail_text(&e.detail)}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <Show when=move || entries.with(Vec::is_empty)><p id="audit-empty">{move || t().a_empty}</p></Show>
            <Show when=move || next.get().is_some()>
                <p><button type="button" id="audit-older" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>{move || t().a_older}</button></p>
            </Show>
        </Show>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! { <Organise admin=true><OutboxView/></Organise> }
}

#[component]
fn OutboxView() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    use_title(move || joined(t().o_outbox, t().brand));
    let outbox = LocalResource::new(organise::outbox);
    view! {
        <h1>{move || t().o_outbox}</h1>
        <p class="hint">{move || t().x_intro}</p>
        <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            {move || outbox.get().map(|r| match r {
                Err(e) => view! { <OrganiseError error=e/> }.into_any(),
                Ok(o) if o.messages.is_empty() => view! { <p id="outbox-empty">{move || t().x_empty}</p> }.into_any(),
                Ok(o) => view! {
                    <table class="data" id="outbox">
                        <thead><tr>
                            <th scope="col">{move || t().x_to}</th>
                            <th scope="col">{move || t().x_subject}</th>
                            <th scope="col">{move || t().x_body}</th>
                            <th scope="col">{move || t().x_created}</th>
                            <th scope="col">{move || t().x_state}</th>
                        </tr></thead>
                        <tbody>
                            {o.messages.into_iter().map(|m| {
                                let created = m.created_at.clone();
                                let sent = m.sent_at.clone();
                                view! {
                                    <tr data-id=m.id>
                                        <td dir="ltr">{m.to.clone()}</td>
                                        <td dir="auto">{m.subject.clone()}</td>
                                        <td><pre class="mail-body" dir="auto">{m.body.clone()}</pre></td>
                                        <td>{move || time::instant(&created, lang.get())}</td>
                                        <td>
                                            {sent.clone().map(|s| view! { <span>{move || t().x_sent} " " {time::instant(&s, lang.get())}</span> })}
                                            {m.error.clone().map(|e| view! { <span class="error">{e}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_one_line() {
        let detail = serde_json::json!({"reason": "fake", "trust_group": true});
        assert_eq!(detail_text(&detail), "reason: fake, trust_group: true");
        assert_eq!(detail_text(&serde_json::Value::Null), "");
        assert_eq!(detail_text(&serde_json::json!({})), "");
        assert_eq!(detail_text(&serde_json::json!("x")), "x");
    }
}
