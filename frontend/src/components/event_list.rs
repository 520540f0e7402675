//! The list of actions: by country then city, each with its local time, the
//! viewer's time and how soon it starts. A full alternative to the map.

use std::collections::{BTreeMap, HashSet};

use leptos::prelude::*;
use shared::Event;

use crate::i18n::use_lang;
use crate::time::{self, Phase};
use crate::ui::clock::use_now;

/// Countries show this many actions before a "show all" button.
const PER_COUNTRY: usize = 50;

/// Asks the map to open an event's popup.
#[derive(Clone, Copy)]
pub struct MapFocus(pub RwSignal<Option<i64>>);

#[component]
pub fn EventCard(
    event: Event,
    #[prop(optional)] show_distance: bool,
    #[prop(optional)] new_tab: bool,
) -> impl IntoView {
    let lang = use_lang();
    let now = use_now();
    let focus = use_context::<MapFocus>();
    let e = StoredValue::new(event);
    let id = e.with_value(|e| e.id);
    let cancelled = e.with_value(|e| e.cancelled);
    let href = format!("/e/{id}");
    let target = if new_tab { Some("_blank") } else { None };
    let relative = move || e.with_value(|e| time::relative(e, now.get(), lang.get()));
    let is_now = move || e.with_value(|e| time::phase(e, now.get()) == Phase::Now) && !cancelled;
    view! {
        <li class="event-card" class:cancelled=cancelled data-event-id=id>
            <h5>
                <a href=href target=target rel=new_tab.then_some("noopener") dir="auto" lang=e.with_value(|e| e.language.clone())>
                    {e.with_value(|e| e.title.clone())}
                </a>
                {cancelled.then(|| view! { " " <span class="badge cancelled-badge">{move || lang.get().texts().cancelled}</span> })}
            </h5>
            <div class="meta">
                <span class="badge">{move || e.with_value(|e| lang.get().kind(e.kind))}</span>
                <span class="local-time">{move || e.with_value(|e| time::event_local(e, lang.get()))}</span>
                <span class="viewer-time">
                    {move || lang.get().texts().your_time} ": " {move || e.with_value(|e| time::viewer_local(e, lang.get()))}
                </span>
                {(!cancelled).then(|| view! { <span class="badge" class:now=is_now>{relative}</span> })}
                {show_distance
                    .then(|| {
                        e.with_value(|e| e.distance_km)
                            .map(|d| {
                                view! {
                                    <span class="distance">
                                        {move || lang.get().distance_km(d)}
                                    </span>
                                }
                            })
                    })}
                {focus
                    .map(|f| {
                        view! {
                            <button type="button" class="link-button" on:click=move |_| f.0.set(Some(id))>
                                <span class="pin-dot" aria-hidden="true"></span>
                                {move || lang.get().texts().on_map}
                                <span class="visually-hidden">": " {e.with_value(|e| e.title.clone())}</span>
                            </button>
                        }
                    })}
            </div>
            <div class="meta" dir="auto">
                {e.with_value(|e| {
                    format!("{} · {}", e.organiser_name, e.place.address.clone().unwrap_or_else(|| e.place.city.clone()))
                })}
            </div>
        </li>
    }
}

/// A flat list (near results, happening now).
#[component]
pub fn FlatList(
    events: Signal<Vec<Event>>,
    #[prop(optional)] show_distance: bool,
    #[prop(optional)] new_tab: bool,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || !events.with(Vec::is_empty) fallback=move || view! { <p>{move || lang.get().texts().no_events}</p> }>
            <ul class="events">
                <For each=move || events.get() key=|e| (e.id, e.version) let:event>
                    <EventCard event=event show_distance=show_distance new_tab=new_tab/>
                </For>
            </ul>
        </Show>
    }
}

/// Grouped by country (named in the viewer's language), then city, by start.
#[component]
pub fn GroupedList(events: Signal<Vec<Event>>, #[prop(optional)] new_tab: bool) -> impl IntoView {
    let lang = use_lang();
    let expanded = RwSignal::new(HashSet::<String>::new());
    let groups = Memo::new(move |_| {
        let lang = lang.get();
        let mut by_country: BTreeMap<String, (String, Vec<Event>)> = BTreeMap::new();
        for e in events.get() {
            let name = time::country_name(&e.place.country_code, &e.place.country, lang);
            by_country
                .entry(name)
                .or_insert_with(|| (e.place.country_code.clone(), Vec::new()))
                .1
                .push(e);
        }
        by_country
            .into_iter()
            .map(|(name, (code, mut list))| {
                list.sort_by(|a, b| {
                    a.place
                        .city
                        .cmp(&b.place.city)
                        .then(a.starts_at_utc.cmp(&b.starts_at_utc))
                });
                (code, name, list)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !events.with(Vec::is_empty) fallback=move || view! { <p>{move || lang.get().texts().no_events}</p> }>
            <For each=move || groups.get() key=|(code, name, list)| (code.clone(), name.clone(), list.len(), list.iter().fold(0i64, |h, e| h.wrapping_mul(31).wrapping_add(e.id ^ i64::from(e.version)))) let:group>
                {
                    let (code, name, list) = group;
                    let total = list.len();
                    let code_for_show = code.clone();
                    let is_expanded = Memo::new(move |_| expanded.with(|x| x.contains(&code_for_show)));
                    let shown = move || if is_expanded.get() { total } else { total.min(PER_COUNTRY) };
                    let list = StoredValue::new(list);
                    let cities = move || {
                        let mut cities: Vec<(String, Vec<Event>)> = Vec::new();
                        list.with_value(|l| {
                            for e in l.iter().take(shown()) {
                                match cities.last_mut() {
                                    Some((city, items)) if *city == e.place.city => items.push(e.clone()),
                                    _ => cities.push((e.place.city.clone(), vec![e.clone()])),
                                }
                            }
                        });
                        cities
                    };
                    let code_for_button = code.clone();
                    view! {
                        <section class="country-group" data-country=code.clone()>
                            <h3>{name.clone()} " " <span class="badge">{move || time::number(total as f64, lang.get(), 0)}</span></h3>
                            {move || {
                                cities()
                                    .into_iter()
                                    .map(|(city, items)| {
                                        view! {
                                            <div class="city-group">
                                                <h4 dir="auto">{city}</h4>
                                                <ul class="events">
                                                    {items.into_iter().map(|e| view! { <EventCard event=e new_tab=new_tab/> }).collect_view()}
                                                </ul>
                                            </div>
                                        }
                                    })
                                    .collect_view()
                            }}
                            {move || {
                                let code = code_for_button.clone();
                                (shown() < total)
                                    .then(|| {
                                        view! {
                                            <button type="button" class="more" on:click=move |_| { expanded.update(|x| { x.insert(code.clone()); }); }>
                                                {move || lang.get().show_all(total)}
                                            </button>
                                        }
                                    })
                            }}
                        </section>
                    }
                }
            </For>
        </Show>
    }
}
