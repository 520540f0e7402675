//! `/organise/c/{slug}/endorsements`: endorsements waiting for a decision
//! (approve / reject), and the import of an existing list as CSV
//! (`name,name_alt,city,country_code,website`, with a header row) from a
//! file or pasted.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Endorsement, ImportResult};
use wasm_bindgen_futures::JsFuture;

use super::shell::{CampaignNav, Organise, OrganiseError, check_session, use_slug};
use crate::api::{ApiError, organise};
use crate::components::endorsement_list::EndorsementName;
use crate::i18n::use_lang;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

#[component]
pub fn OrganiseEndorsementsPage() -> impl IntoView {
    let slug = use_slug();
    view! { <Organise><Endorsements slug=slug.clone()/></Organise> }
}

#[component]
fn Endorsements(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    use_title(move || joined(t().o_endorsements, t().brand));
    let slug_value = StoredValue::new(slug.clone());
    let reload = RwSignal::new(0u32);
    let pending = LocalResource::new(move || {
        reload.get();
        let slug = slug_value.get_value();
        async move { organise::endorsements(&slug, "pending").await }
    });
    let list = RwSignal::new(Vec::<Endorsement>::new());
    let load_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match pending.get() {
        Some(Ok(l)) => {
            load_error.set(None);
            list.set(l.endorsements);
        }
        Some(Err(e)) => load_error.set(Some(e)),
        None => {}
    });
    let announce = RwSignal::new(String::new());
    let decide = Action::new_local(move |(id, approve): &(i64, bool)| {
        let (id, approve) = (*id, *approve);
        let csrf = session.csrf();
        async move {
            (
                id,
                approve,
                organise::decide_endorsement(&csrf, id, approve).await,
            )
        }
    });
    Effect::new(move |_| {
        if let Some((id, approve, result)) = decide.value().get() {
            check_session(session, &result);
            let l = lang.get_untracked();
            match result {
                Ok(e) => {
                    list.update(|list| list.retain(|x| x.id != id));
                    let label = if approve {
                        l.texts().q_approve
                    } else {
                        l.texts().q_reject
                    };
                    announce.set(l.decided(label, &e.name));
                }
                Err(e) => announce.set(e.detail.message),
            }
        }
    });

    // The import.
    let csv = RwSignal::new(String::new());
    let import = Action::new_local(move |text: &String| {
        let text = text.clone();
        let csrf = session.csrf();
        let slug = slug_value.get_value();
        async move { organise::import_endorsements(&csrf, &slug, text).await }
    });
    Effect::new(move |_| {
        if let Some(result) = import.value().get() {
            check_session(session, &result);
            if result.is_ok() {
                reload.update(|n| *n += 1);
            }
        }
    });
    let read_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        spawn_local(async move {
            if let Ok(text) = JsFuture::from(file.text()).await {
                csv.try_set(text.as_string().unwrap_or_default());
            }
        });
    };
    let result_view = move |r: Result<ImportResult, ApiError>| {
        match r {
        Ok(r) => view! {
            <div class="notice success" role="status" id="import-result">
                <p>{let (n, refused) = (r.imported as usize, r.refused.len()); move || lang.get().imported(n, refused)}</p>
                {(!r.refused.is_empty()).then(|| view! {
                    <ul>{r.refused.iter().map(|(line, why)| view! { <li>{format!("{line}: {why}")}</li> }).collect_view()}</ul>
                })}
            </div>
        }
        .into_any(),
        Err(e) => view! { <OrganiseError error=e/> }.into_any(),
    }
    };
    view! {
        <h1>{move || t().o_endorsements}</h1>
        <CampaignNav slug=slug.clone()/>
        <p role="status" aria-live="polite" class="announce" id="endorsement-announce">{move || announce.get()}</p>
        {move || load_error.get().map(|e| view! { <OrganiseError error=e/> })}
        <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">{move || t().e_pending}</h2>
            <Show when=move || !list.with(Vec::is_empty) fallback=move || view! { <p id="no-pending-endorsements">{move || t().e_none_pending}</p> }>
                <ul class="pending-endorsements" id="pending-endorsements">
                    <For each=move || list.get() key=|e| e.id let:e>
                        {
                            let id = e.id;
                            let name = e.name.clone();
                            let where_ = [e.city.clone(), e.country.clone().or(e.country_code.clone())]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(", ");
                            let contact = e.contact_email.clone();
                            view! {
                                <li class="pending-endorsement" data-id=id>
                                    <div><EndorsementName endorsement=e/></div>
                                    <div class="meta" dir="auto">{where_}</div>
                                    {contact.map(|m| view! { <div class="private-contact"><a href=format!("mailto:{m}") dir="ltr">{m.clone()}</a></div> })}
                                    <div class="decisions">
                                        <button type="button" class="primary" id=format!("approve-endorsement-{id}")
                                            aria-label=format!("{}: {}", lang.get_untracked().texts().q_approve, name)
                                            disabled=move || decide.pending().get()
                                            on:click=move |_| { decide.dispatch_local((id, true)); }>{move || t().q_approve}</button>
                                        <button type="button" class="danger" id=format!("reject-endorsement-{id}")
                                            disabled=move || decide.pending().get()
                                            on:click=move |_| { decide.dispatch_local((id, false)); }>{move || t().q_reject}</button>
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{move || t().e_import}</h2>
            <p class="hint" id="import-hint">{move || t().e_import_hint}</p>
            <form class="stack" id="import-form" on:submit=move |ev| {
                ev.prevent_default();
                let text = csv.get_untracked();
                if !text.trim().is_empty() {
                    import.dispatch_local(text);
                }
            }>
                <div class="field">
                    <label for="import-file">{move || t().e_import_file}</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" on:change=read_file/>
                </div>
                <div class="field">
                    <label for="import-csv">{move || t().e_import_text}</label>
                    <textarea id="import-csv" rows="8" dir="auto" aria-describedby="import-hint" class="mono"
                        prop:value=move || csv.get() on:input:target=move |ev| csv.set(ev.target().value())></textarea>
                </div>
                <div>
                    <button type="submit" class="primary" id="import-submit" disabled=move || import.pending().get()>
                        {move || if import.pending().get() { t().sending } else { t().e_import_button }}
                    </button>
                </div>
            </form>
            {move || import.value().get().map(result_view)}
        </section>
    }
}
