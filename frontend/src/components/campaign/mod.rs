//! A campaign's map and list with its call, counters, search bar and embed
//! snippet; the embed page shows the map and list alone.
//!
//! The data comes from [`data`] (the campaign, the loaded list, the near
//! search); the pieces are [`counters`], [`toolbar`] (with [`near_me`]) and
//! [`embed_snippet`]. Until the campaign arrives, [`CampaignSkeleton`] holds
//! the place of the whole view, and the view then appears at once, so that
//! nothing on the screen moves while it loads.

pub mod counters;
pub mod data;
pub mod embed_snippet;
pub mod near_me;
pub mod toolbar;

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use shared::campaign_home::{call_to_action, contact_href};
use shared::{Campaign, Event, MapPoint, Stats};

use crate::components::event_list::{FlatList, GroupedList, MapFocus};
use crate::components::events_map::EventsMap;
use crate::i18n::use_lang;
use crate::search::Filters;
use crate::time::{self, Phase};
use crate::ui::debounce::debounced;
use crate::ui::first_paint;
use crate::ui::live::use_live;
use crate::ui::load_error::LoadError;
use crate::ui::title::use_title;
use counters::Counters;
use data::{
    CampaignEvents, MapPoints, filtered, use_campaign, use_campaign_events, use_map_points,
    use_near,
};
use embed_snippet::EmbedSnippet;
use toolbar::{Toolbar, ToolbarState, ViewMode};

/// The language of a campaign's own text (its title and call). Campaigns
/// have no language field yet; their call is written in English.
pub const CAMPAIGN_LANG: &str = "en";

/// How long typing rests before the near search is asked again.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// At most this many actions under "next".
const NEXT_MAX: usize = 30;

/// The place of the campaign view while it loads: the same blocks, empty.
#[component]
pub fn CampaignSkeleton(#[prop(optional)] embedded: bool) -> impl IntoView {
    let lang = use_lang();
    // The server's call to action, where the page has one: shown in place
    // of the empty blocks and of "Loading", which would push it down.
    let server_hero = !embedded && first_paint::has_hero();
    let slot = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(slot) = slot.get() {
            first_paint::show_in(&slot);
        }
    });
    view! {
        <div class="campaign-skeleton" aria-busy="true">
            {server_hero.then(|| view! { <div node_ref=slot></div> })}
            {(!server_hero).then(|| view! { <p class="loading">{move || lang.get().texts().loading}</p> })}
            {(!embedded && !server_hero).then(|| view! {
                <div class="hero" aria-hidden="true">
                    <div class="skeleton skeleton-title"></div>
                    <div class="skeleton skeleton-lines"></div>
                </div>
            })}
            <div class="layout" aria-hidden="true">
                <div class="map-panel"><div class="map skeleton"></div></div>
                <div class="list-panel"></div>
            </div>
        </div>
    }
}

/// The campaign `slug`; `country_filter` fixes the country (an embed).
#[component]
pub fn CampaignView(
    slug: String,
    embedded: bool,
    #[prop(default = None)] country_filter: Option<String>,
) -> impl IntoView {
    let slug = StoredValue::new(slug);
    let campaign = use_campaign(slug);
    // The list's first page and the map's points are asked for beside the
    // campaign, not after it: the first cards come a round trip sooner.
    let fixed = Filters {
        country: country_filter.clone().unwrap_or_default(),
        ..Default::default()
    };
    let reload = RwSignal::new(0u32);
    let events = use_campaign_events(slug, fixed.clone(), reload.into());
    let points = use_map_points(slug, fixed, reload.into());
    // Whether the first answer was the campaign: decided once, so that the
    // minute's refreshes of the counters never redraw the view.
    let first = Memo::new(move |before: Option<&Option<bool>>| match before {
        Some(Some(ok)) => Some(*ok),
        _ => campaign.with(|c| c.as_ref().map(Result::is_ok)),
    });
    // The last campaign that arrived; a failed refresh keeps it.
    let current = Memo::new(move |before: Option<&Option<Campaign>>| {
        campaign.with(|c| match c {
            Some(Ok(c)) => Some(c.clone()),
            _ => before.cloned().flatten(),
        })
    });
    let lang = use_lang();
    use_title(move || {
        current
            .with(|c| c.as_ref().map(|c| c.title.clone()))
            .unwrap_or_else(|| lang.get().texts().brand.to_string())
    });
    move || match first.get() {
        None => view! { <CampaignSkeleton embedded=embedded/> }.into_any(),
        Some(false) => campaign
            .get_untracked()
            .and_then(Result::err)
            .map(|e| view! { <LoadError error=e/> })
            .into_any(),
        Some(true) => {
            let country_filter = country_filter.clone();
            view! { <Loaded slug=slug campaign=current.into() events=events points=points reload=reload embedded=embedded country_filter=country_filter/> }.into_any()
        }
    }
}

/// The view of a campaign that has arrived.
#[component]
fn Loaded(
    slug: StoredValue<String>,
    campaign: Signal<Option<Campaign>>,
    events: CampaignEvents,
    points: MapPoints,
    /// Bumped to load the list and the points again.
    reload: RwSignal<u32>,
    embedded: bool,
    country_filter: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let now = crate::ui::clock::use_now();
    // The counters as the live stream last told them, else as loaded; the
    // list is loaded again after each public change.
    let live_stats = RwSignal::new(None::<Stats>);
    Effect::new(move |_| {
        campaign.track();
        live_stats.set(None);
    });
    use_live(&slug.get_value(), &["stats"], move |_, data| {
        if let Ok(stats) = serde_json::from_str::<Stats>(&data) {
            // The first one comes at once on connecting: nothing changed yet.
            let changed = live_stats
                .try_with_untracked(|s| s.is_some())
                .unwrap_or(false)
                || campaign.with_untracked(|c| c.as_ref().map(|c| &c.stats) != Some(&stats));
            live_stats.try_set(Some(stats));
            if changed {
                reload.try_update(|n| *n += 1);
            }
        }
    });
    let stats = Signal::derive(move || {
        live_stats
            .get()
            .or_else(|| campaign.with(|c| c.as_ref().map(|c| c.stats.clone())))
    });
    let title = Signal::derive(move || {
        campaign.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default())
    });

    let state = ToolbarState {
        kind: RwSignal::new(None),
        country: RwSignal::new(country_filter.clone().unwrap_or_default()),
        text: RwSignal::new(String::new()),
        mode: RwSignal::new(ViewMode::All),
        near: RwSignal::new(None),
        near_denied: RwSignal::new(None),
    };
    let filters = Signal::derive(move || Filters {
        kind: state.kind.get(),
        country: state.country.get(),
        text: state.text.get(),
    });
    let list = filtered(events, filters);
    // The server filters the near search; it is asked again when the
    // filters change, once typing rests.
    let text = debounced(state.text.into(), TYPING_PAUSE);
    let near_filters = Signal::derive(move || Filters {
        text: text.get(),
        ..filters.get()
    });
    let near = use_near(slug, state.near.into(), near_filters);
    let near_results = Memo::new(move |_| {
        state
            .near
            .with(Option::is_some)
            .then(|| near.get().flatten().and_then(Result::ok))
            .flatten()
    });
    let near_error = Signal::derive(move || near.get().flatten().and_then(Result::err));
    let focus = RwSignal::new(None::<i64>);
    provide_context(MapFocus(focus));

    // Actions in one phase at the clock's time, by start, at most `max`.
    let in_phase = move |phase: Phase, max: usize| {
        let now = now.get();
        list.with(|all| {
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
    let next = Memo::new(move |_| in_phase(Phase::Upcoming, NEXT_MAX));
    // The map: the near search's answer, else the points that pass the
    // filters; with words, the list's matches (a point carries no text).
    let on_map = Memo::new(move |_| {
        if let Some(near) = near_results.get() {
            return near.iter().map(MapPoint::from).collect();
        }
        let matcher = filters.with(Filters::matcher);
        let listed: Option<HashSet<i64>> = matcher
            .has_text()
            .then(|| list.with(|l| l.iter().map(|e| e.id).collect()));
        points.points.with(|all| {
            all.iter()
                .filter(|p| matcher.matches_point(p))
                .filter(|p| listed.as_ref().is_none_or(|ids| ids.contains(&p.id)))
                .cloned()
                .collect::<Vec<MapPoint>>()
        })
    });
    let fit = Signal::derive(move || {
        near_results.with(|n| {
            n.iter()
                .flatten()
                .take(5)
                .flat_map(|e| [e.place.latitude, e.place.longitude])
                .collect::<Vec<f64>>()
        })
    });
    let notice = move || {
        state.near_denied.get().or_else(|| {
            near_results
                .with(|n| n.as_ref().is_some_and(Vec::is_empty))
                .then(|| t().near_none)
        })
    };

    view! {
        {(!embedded).then(|| view! { <Hero slug=slug campaign=campaign stats=stats/> })}
        {embedded.then(|| view! {
            <h1 class="embed-title" dir="auto" lang=CAMPAIGN_LANG>
                <a href=move || format!("/c/{}", slug.get_value()) target="_blank" rel="noopener">{move || title.get()}</a>
            </h1>
        })}
        {move || events.error.get().or_else(|| points.error.get()).or_else(|| near_error.get()).map(|e| view! { <LoadError error=e/> })}
        <Toolbar state=state stats=stats choose_country=country_filter.is_none()/>
        <div class="layout">
            <div class="map-panel">
                <EventsMap points=on_map.into() fit=fit focus=focus absolute_links=embedded/>
            </div>
            <div class="list-panel" aria-live="polite" aria-busy=move || (!events.loaded.get()).to_string()>
                {move || notice().map(|m| view! { <p class="notice warning" role="status">{m}</p> })}
                {move || {
                    if let Some(results) = near_results.get() {
                        view! {
                            <h2>{move || t().near_heading}</h2>
                            <FlatList events=Signal::derive(move || results.clone()) show_distance=true new_tab=embedded/>
                        }
                        .into_any()
                    } else if state.mode.get() == ViewMode::NowAndNext {
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
                                <span class="badge" id="shown-count">{move || lang.get().shown_count(list.with(Vec::len))}</span>
                            </h2>
                            <Show when=move || events.loaded.get() || !events.all.with(Vec::is_empty) fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                                <GroupedList events=list.into() new_tab=embedded/>
                            </Show>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
        {(!embedded).then(|| view! { <EmbedSnippet slug=slug.get_value() title=title/> })}
    }
}

/// The call to action: the campaign's title, summary and call (in the
/// interface language when the campaign has it), its counters, its public
/// contact and the ways to take part: register an action, sign the call.
#[component]
fn Hero(
    slug: StoredValue<String>,
    campaign: Signal<Option<Campaign>>,
    stats: Signal<Option<Stats>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let call = move || {
        campaign.with(|c| {
            c.as_ref()
                .and_then(|c| call_to_action(&c.call_to_action, lang.get().code()))
        })
    };
    let contact = move || campaign.with(|c| c.as_ref().and_then(|c| c.public_contact.clone()));
    first_paint::done();
    view! {
        <section class="hero">
            <h1 dir="auto" lang=CAMPAIGN_LANG>{move || campaign.with(|c| c.as_ref().map(|c| c.title.clone()))}</h1>
            <p dir="auto" lang=CAMPAIGN_LANG>{move || campaign.with(|c| c.as_ref().map(|c| c.summary.clone()))}</p>
            {move || call().map(|(code, text)| view! {
                <p class="call-to-action" id="call-to-action" dir="auto" lang=code>{text}</p>
            })}
            <Counters stats=stats/>
            <div class="cta">
                <a class="button primary" href=move || format!("/register?c={}", slug.get_value())>{move || t().cta_register}</a>
                <a class="button" id="endorse-link" href=move || format!("/c/{}/endorse", slug.get_value())>{move || t().n_sign}</a>
                <a id="endorsements-link" href=move || format!("/c/{}/endorsements", slug.get_value())>{move || t().n_list_title}</a>
            </div>
            {move || contact().map(|c| {
                let href = contact_href(&c);
                view! {
                    <p class="public-contact" id="public-contact">
                        {move || t().contact} ": "
                        {match href {
                            Some(href) => view! { <a href=href dir="auto">{c.clone()}</a> }.into_any(),
                            None => view! { <span dir="auto">{c.clone()}</span> }.into_any(),
                        }}
                    </p>
                }
            })}
        </section>
    }
}
