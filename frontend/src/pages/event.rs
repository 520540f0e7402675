//! `/e/{id}`: everything public about one action, with calendar, map and
//! share links.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::Event;

use crate::api;
use crate::i18n::use_lang;
use crate::time;
use crate::ui::browser::copy_text;
use crate::ui::clock::use_now;
use crate::ui::load_error::LoadError;
use crate::ui::title::{joined, use_title};

fn osm_url(e: &Event) -> String {
    let (lat, lon) = (e.place.latitude, e.place.longitude);
    let zoom = if e.place.address.is_some() { 17 } else { 12 };
    format!(
        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map={zoom}/{lat:.5}/{lon:.5}"
    )
}

#[component]
pub fn EventPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let params = use_params_map();
    let event = LocalResource::new(move || {
        let id = params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0);
        async move { api::event(id, None).await }
    });
    // The action's title; the page's own name until it is known.
    use_title(move || match event.get() {
        Some(Ok(e)) => e.title,
        Some(Err(e)) if e.status == 404 => t().event_not_found.to_string(),
        _ => joined(t().loading, t().brand),
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            {move || event.get().map(|r| match r {
                // Missing, withdrawn or not (yet) public: one answer for all.
                Err(e) if e.status == 404 => view! {
                    <p class="notice error" role="alert" id="event-not-found">{move || t().event_not_found}</p>
                    <p><a href="/">{move || t().back}</a></p>
                }.into_any(),
                Err(e) => view! { <LoadError error=e/> }.into_any(),
                Ok(e) => view! { <EventDetails event=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn EventDetails(event: Event) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let now = use_now();
    let e = StoredValue::new(event);
    let copied = RwSignal::new(false);
    let page_url = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let id = e.with_value(|e| e.id);
    let cancelled = e.with_value(|e| e.cancelled);
    // The group's own words carry their language, when it is known.
    let language = e.with_value(|e| e.language.clone());
    let city_only = e.with_value(|e| e.location_visibility == shared::LocationVisibility::City);
    let where_text = e.with_value(|e| {
        let mut parts = Vec::new();
        if let Some(a) = &e.place.address {
            parts.push(a.clone());
        }
        parts.push(e.place.city.clone());
        parts.join(", ")
    });
    view! {
        <article class="event-page">
            <p><a href=e.with_value(|e| format!("/c/{}", e.campaign))>{move || t().back}</a></p>
            <h1 dir="auto" lang=language.clone() class:cancelled=cancelled id="event-title">{e.with_value(|e| e.title.clone())}</h1>
            {cancelled.then(|| view! { <p class="notice error" role="status"><span class="badge cancelled-badge">{move || t().cancelled}</span></p> })}
            <dl>
                <dt>{move || t().f_kind}</dt>
                <dd>{move || e.with_value(|e| lang.get().kind(e.kind))}</dd>
                <dt>{move || t().when}</dt>
                <dd>
                    <div id="event-local-time">{move || e.with_value(|e| time::long_date(e, lang.get()))} " · " {move || e.with_value(|e| time::event_local(e, lang.get()))}</div>
                    <div>{move || t().your_time} ": " {move || e.with_value(|e| time::viewer_local(e, lang.get()))}</div>
                    {(!cancelled).then(|| view! { <div><span class="badge">{move || e.with_value(|e| time::relative(e, now.get(), lang.get()))}</span></div> })}
                </dd>
                <dt>{move || t().where_}</dt>
                <dd>
                    <div dir="auto">{where_text} ", " {move || e.with_value(|e| time::country_name(&e.place.country_code, &e.place.country, lang.get()))}</div>
                    {city_only.then(|| view! { <div class="hint">{move || t().city_only_note}</div> })}
                </dd>
                <dt>{move || t().organiser}</dt>
                <dd dir="auto">{e.with_value(|e| e.organiser_name.clone())}</dd>
                {e.with_value(|e| e.public_contact.clone()).map(|c| view! { <dt>{move || t().contact}</dt><dd dir="auto">{c}</dd> })}
                {e.with_value(|e| (!e.links.is_empty()).then(|| e.links.clone())).map(|links| view! {
                    <dt>{move || t().links}</dt>
                    <dd>{links.into_iter().map(|l| view! { <div><a href=l.clone() rel="noopener noreferrer nofollow">{l.clone()}</a></div> }).collect_view()}</dd>
                })}
            </dl>
            {e.with_value(|e| e.description.clone()).map(|d| view! { <p dir="auto" lang=language.clone() class="description">{d}</p> })}
            <div class="actions">
                <a class="button" id="add-to-calendar" href=format!("/api/v1/events/{id}.ics") download=format!("action-{id}.ics")>{move || t().add_calendar}</a>
                <a class="button" id="open-osm" href=e.with_value(osm_url) rel="noopener noreferrer">{move || t().open_osm}</a>
                <button type="button" id="share" on:click=move |_| copy_text(page_url.clone(), copied)>{move || t().share}</button>
            </div>
            <Show when=move || copied.get()><p role="status">{move || t().copied}</p></Show>
        </article>
    }
}
