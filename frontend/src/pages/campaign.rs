//! The campaign home: call to action, live counters, map and list side by side
//! (stacked on a phone), near me, filters, and "happening now / next".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{Campaign, Event, EventKind, EventQuery, Place};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::api::{self, Abort};
use crate::app::{LoadError, use_now};
use crate::components::event_list::{FlatList, GroupedList, MapFocus};
use crate::components::events_map::EventsMap;
use crate::components::place_picker::PlacePicker;
use crate::i18n::{fill, use_lang};
use crate::time::{self, Phase};

/// `/`: the campaign whose day of action is next (or the latest one).
#[component]
pub fn CurrentCampaign() -> impl IntoView {
    let lang = use_lang();
    let campaigns = LocalResource::new(api::campaigns);
    // No <Suspense> here: the map must be created in the page, not off-screen.
    move || match campaigns.get() {
        None => view! { <p class="loading">{move || lang.get().texts().loading}</p> }.into_any(),
        Some(result) => match result {
            Err(e) => view! { <LoadError error=e/> }.into_any(),
            Ok(list) => {
                let today = js_sys::Date::new_0()
                    .to_iso_string()
                    .as_string()
                    .unwrap_or_default();
                let today = today.get(..10).unwrap_or_default().to_string();
                let current = list
                    .iter()
                    .find(|c| c.ends_on >= today)
                    .or(list.last())
                    .map(|c| c.slug.clone());
                match current {
                    Some(slug) => view! { <CampaignView slug=slug embedded=false/> }.into_any(),
                    None => view! { <p>{move || lang.get().texts().no_campaign}</p> }.into_any(),
                }
            }
        },
    }
}

/// `/c/{slug}`
#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        view! { <CampaignView slug=slug embedded=false/> }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ViewMode {
    All,
    NowAndNext,
}

/// Nearest actions to a point, from the server's `near` search.
#[derive(Debug, Clone, PartialEq)]
struct Near {
    results: Vec<Event>,
}

fn matches(e: &Event, kind: Option<EventKind>, country: &str, text: &str) -> bool {
    if kind.is_some_and(|k| e.kind != k) {
        return false;
    }
    if !country.is_empty() && e.place.country_code != country {
        return false;
    }
    if text.is_empty() {
        return true;
    }
    let hay = format!(
        "{} {} {} {} {}",
        e.title,
        e.description.as_deref().unwrap_or_default(),
        e.organiser_name,
        e.place.city,
        e.place.address.as_deref().unwrap_or_default()
    )
    .to_lowercase();
    text.to_lowercase()
        .split_whitespace()
        .all(|word| hay.contains(word))
}

/// The browser's position as sent to the server: two decimals (about 1 km),
/// so the exact fix of a supporter never leaves the browser.
fn rounded_position(lat: f64, lon: f64) -> String {
    let round = |v: f64| {
        let r = (v * 100.0).round() / 100.0;
        // No "-0.00".
        if r == 0.0 { 0.0 } else { r }
    };
    format!("{:.2},{:.2}", round(lat), round(lon))
}

/// The map and list of a campaign; the embed page uses it without the rest.
#[component]
pub fn CampaignView(
    slug: String,
    embedded: bool,
    #[prop(default = None)] country_filter: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let now = use_now();
    let t = move || lang.get().texts();
    let slug = StoredValue::new(slug);

    // The counters refresh every minute (the server caches them per change).
    let refresh = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || refresh.update(|n| *n += 1),
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
    let campaign = LocalResource::new(move || {
        refresh.get();
        let slug = slug.get_value();
        async move { api::campaign(&slug).await }
    });
    // Every event, filled page by page so the list renders before the last page.
    let events = RwSignal::new(Vec::<Event>::new());
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<api::ApiError>);
    let abort = Abort::new();
    let signal = abort.as_ref().map(Abort::signal);
    let abort = StoredValue::new_local(abort);
    on_cleanup(move || {
        abort.try_with_value(|a| {
            if let Some(a) = a {
                a.abort()
            }
        });
    });
    spawn_local(async move {
        let slug = slug.get_value();
        let result = api::all_events(&slug, signal.as_ref(), |page| {
            events.update(|all| all.extend(page))
        })
        .await;
        match result {
            Ok(()) => loaded.set(true),
            Err(e) if e.status != 0 || !e.detail.message.contains("abort") => {
                load_error.set(Some(e))
            }
            Err(_) => {}
        }
    });

    let kind = RwSignal::new(None::<EventKind>);
    let country = RwSignal::new(country_filter.clone().unwrap_or_default());
    let text = RwSignal::new(String::new());
    let mode = RwSignal::new(ViewMode::All);
    let near = RwSignal::new(None::<Near>);
    let near_message = RwSignal::new(None::<&'static str>);
    let focus = RwSignal::new(None::<i64>);
    provide_context(MapFocus(focus));

    let filtered = Memo::new(move |_| {
        let (k, c, q) = (kind.get(), country.get(), text.get());
        events.with(|all| {
            all.iter()
                .filter(|e| matches(e, k, &c, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let near_filtered = Memo::new(move |_| {
        let (k, c, q) = (kind.get(), country.get(), text.get());
        near.with(|n| {
            n.as_ref().map(|n| {
                n.results
                    .iter()
                    .filter(|e| matches(e, k, &c, &q))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // Actions in one phase at the clock's time, by start, at most `max`.
    let in_phase = move |phase: Phase, max: usize| {
        let now = now.get();
        filtered.with(|all| {
            let mut list: Vec<Event> = all
                .iter()
                .filter(|e| !e.cancelled && time::phase(e, now) == phase)
                .cloned()
                .collect();
            list.sort_by(|a, b| a.starts_at_utc.cmp(&b.starts_at_utc));
            list.truncate(max);
            list
        })
    };
    let happening = Memo::new(move |_| in_phase(Phase::Now, usize::MAX));
    let next = Memo::new(move |_| in_phase(Phase::Upcoming, 30));
    let on_map = Signal::derive(move || near_filtered.get().unwrap_or_else(|| filtered.get()));
    let fit = Signal::derive(move || {
        near.with(|n| {
            n.as_ref()
                .map(|n| {
                    n.results
                        .iter()
                        .take(5)
                        .flat_map(|e| [e.place.latitude, e.place.longitude])
                        .collect::<Vec<f64>>()
                })
                .unwrap_or_default()
        })
    });

    // `near` is `LAT,LON` as given; the caller decides how precise it may be.
    let search_near = move |near_param: String| {
        near_message.set(None);
        spawn_local(async move {
            let query = EventQuery {
                near: Some(near_param),
                within_km: Some("20000".into()),
                limit: Some("50".into()),
                ..Default::default()
            };
            match api::events(&slug.get_value(), &query, None).await {
                Ok(list) if list.events.is_empty() => {
                    near_message.set(Some(lang.get_untracked().texts().near_none))
                }
                Ok(list) => near.set(Some(Near {
                    results: list.events,
                })),
                Err(e) => load_error.set(Some(e)),
            }
        });
    };
    let locate = move |_| {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            near_message.set(Some(lang.get_untracked().texts().near_denied));
            return;
        };
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            // Never the exact fix: about 1 km is enough to sort by distance.
            let c = pos.coords();
            search_near(rounded_position(c.latitude(), c.longitude()));
        });
        let failed = Closure::once_into_js(move |_: JsValue| {
            near_message.set(Some(lang.get_untracked().texts().near_denied))
        });
        if geo
            .get_current_position_with_error_callback(
                ok.unchecked_ref(),
                Some(failed.unchecked_ref()),
            )
            .is_err()
        {
            near_message.set(Some(lang.get_untracked().texts().near_denied));
        }
    };
    // A city's centre is public data: it may go as precise as it is.
    let pick_city =
        Callback::new(move |p: Place| search_near(format!("{:.5},{:.5}", p.latitude, p.longitude)));

    let counters = move || {
        campaign.get().and_then(Result::ok).map(|c: Campaign| {
            let l = lang.get();
            let n = |v: u64| time::number(v as f64, l, 0);
            view! {
                <ul class="counters" aria-label=move || t().counters_label id="counters">
                    <li><strong>{n(c.stats.events)}</strong>{t().events}</li>
                    <li><strong>{n(c.stats.cities)}</strong>{t().cities}</li>
                    <li><strong>{n(c.stats.countries)}</strong>{t().countries}</li>
                    <li><strong>{n(c.stats.organisations)}</strong>{t().organisations}</li>
                </ul>
            }
        })
    };
    let country_options = move || {
        campaign.get().and_then(Result::ok).map(|c| {
            let l = lang.get();
            let mut list: Vec<(String, String)> = c
                .stats
                .by_country
                .iter()
                .map(|k| {
                    (
                        k.country_code.clone(),
                        time::country_name(&k.country_code, &k.country, l),
                    )
                })
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list.into_iter()
                .map(|(code, name)| {
                    let selected = country.get_untracked() == code;
                    view! { <option value=code.clone() selected=selected>{name}</option> }
                })
                .collect_view()
        })
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let snippet = move || {
        format!(
            "<iframe src=\"{origin}/embed/{}\" title=\"{}\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\"></iframe>",
            slug.get_value(),
            campaign
                .get()
                .and_then(Result::ok)
                .map(|c| c.title)
                .unwrap_or_default()
                .replace('"', "&quot;")
        )
    };

    view! {
        {(!embedded)
            .then(|| {
                view! {
                    <section class="hero">
                        {move || {
                            campaign
                                .get()
                                .map(|r| match r {
                                    Ok(c) => view! {
                                        <h1 dir="auto">{c.title.clone()}</h1>
                                        <p dir="auto">{c.summary.clone()}</p>
                                    }
                                    .into_any(),
                                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                                })
                        }}
                        {counters}
                        <div class="cta">
                            <a class="button primary" href=move || format!("/register?c={}", slug.get_value())>{move || t().cta_register}</a>
                        </div>
                    </section>
                }
            })}
        {embedded
            .then(|| {
                view! {
                    <h1 class="embed-title" dir="auto">
                        <a href=move || format!("/c/{}", slug.get_value()) target="_blank" rel="noopener">
                            {move || campaign.get().and_then(Result::ok).map(|c| c.title).unwrap_or_default()}
                        </a>
                    </h1>
                }
            })}
        {move || load_error.get().map(|e| view! { <LoadError error=e/> })}
        <div class="toolbar" role="search" aria-label=move || t().cta_find>
            <div class="near">
                <button type="button" id="near-me" on:click=locate>{move || t().near_me}</button>
                <PlacePicker id="near-city" label_text=Signal::derive(move || t().near_city) on_pick=pick_city/>
                <Show when=move || near.with(Option::is_some)>
                    <button type="button" id="show-all" on:click=move |_| near.set(None)>{move || t().show_everything}</button>
                </Show>
            </div>
            <label>
                {move || t().filter_kind}
                <select id="filter-kind" on:change:target=move |ev| kind.set(ev.target().value().parse().ok())>
                    <option value="">{move || t().all_kinds}</option>
                    {EventKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{move || lang.get().kind(k)}</option> }).collect_view()}
                </select>
            </label>
            <Show when=move || country_filter.is_none()>
                <label>
                    {move || t().filter_country}
                    <select id="filter-country" on:change:target=move |ev| country.set(ev.target().value())>
                        <option value="">{move || t().all_countries}</option>
                        {country_options}
                    </select>
                </label>
            </Show>
            <label>
                {move || t().filter_text}
                <input id="filter-text" type="search" on:input:target=move |ev| text.set(ev.target().value())/>
            </label>
            <label>
                {move || t().view}
                <select id="view-mode" on:change:target=move |ev| mode.set(if ev.target().value() == "now" { ViewMode::NowAndNext } else { ViewMode::All })>
                    <option value="all">{move || t().view_all}</option>
                    <option value="now">{move || t().view_now}</option>
                </select>
            </label>
        </div>
        {move || near_message.get().map(|m| view! { <p class="notice warning" role="status">{m}</p> })}
        <div class="layout">
            <div class="map-panel">
                <EventsMap events=on_map fit=fit focus=focus absolute_links=embedded/>
            </div>
            <div class="list-panel" aria-live="polite" aria-busy=move || (!loaded.get()).to_string()>
                {move || {
                    if let Some(results) = near_filtered.get() {
                        view! {
                            <h2>{move || t().near_heading}</h2>
                            <FlatList events=Signal::derive(move || results.clone()) show_distance=true new_tab=embedded/>
                        }
                        .into_any()
                    } else if mode.get() == ViewMode::NowAndNext {
                        view! {
                            <h2>{move || t().now_heading}</h2>
                            <FlatList events=happening.into() new_tab=embedded/>
                            <h2>{move || t().next_heading}</h2>
                            <FlatList events=next.into() new_tab=embedded/>
                        }
                        .into_any()
                    } else {
                        view! {
                            <h2>{move || t().list_heading} " "
                                <span class="badge" id="shown-count">{move || fill(t().shown_n_of_m, &time::number(filtered.with(Vec::len) as f64, lang.get(), 0))}</span>
                            </h2>
                            <Show when=move || loaded.get() || !events.with(Vec::is_empty) fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                                <GroupedList events=filtered.into() new_tab=embedded/>
                            </Show>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
        {(!embedded)
            .then(|| {
                view! {
                    <section class="embed-snippet">
                        <h2>{move || t().embed_title}</h2>
                        <label for="embed-code">{move || t().embed_hint}</label>
                        <textarea id="embed-code" readonly>{snippet}</textarea>
                    </section>
                }
            })}
    }
}

use wasm_bindgen::JsValue;
