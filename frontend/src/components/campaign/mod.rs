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

use std::time::Duration;

use leptos::prelude::*;
use shared::{Campaign, Event, Stats};

use crate::components::event_list::{FlatList, GroupedList, MapFocus};
use crate::components::events_map::EventsMap;
use crate::i18n::use_lang;
use crate::search::Filters;
use crate::time::{self, Phase};
use crate::ui::debounce::debounced;
use crate::ui::load_error::LoadError;
use crate::ui::title::use_title;
use counters::Counters;
use data::{filtered, use_campaign, use_campaign_events, use_near};
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
    view! {
        <div class="campaign-skeleton" aria-busy="true">
            <p class="loading">{move || lang.get().texts().loading}</p>
            {(!embedded).then(|| view! {
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
            view! { <Loaded slug=slug campaign=current.into() embedded=embedded country_filter=country_filter/> }.into_any()
        }
    }
}

/// The view of a campaign that has arrived.
#[component]
fn Loaded(
    slug: StoredValue<String>,
    campaign: Signal<Option<Campaign>>,
    embedded: bool,
    country_filter: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let now = crate::ui::clock::use_now();
    let stats = Signal::derive(move || campaign.with(|c| c.as_ref().map(|c| c.stats.clone())));
    let title = Signal::derive(move || {
        campaign.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default())
    });

    let fixed = Filters {
        country: country_filter.clone().unwrap_or_default(),
        ..Default::default()
    };
    let events = use_campaign_events(slug, fixed);
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
    let on_map = Signal::derive(move || near_results.get().unwrap_or_else(|| list.get()));
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
        {move || events.error.get().or_else(|| near_error.get()).map(|e| view! { <LoadError error=e/> })}
        <Toolbar state=state stats=stats choose_country=country_filter.is_none()/>
        <div class="layout">
            <div class="map-panel">
                <EventsMap events=on_map fit=fit focus=focus absolute_links=embedded/>
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

/// The call to action: the campaign's title and text (in the campaign's
/// language), its counters and the way to register.
#[component]
fn Hero(
    slug: StoredValue<String>,
    campaign: Signal<Option<Campaign>>,
    stats: Signal<Option<Stats>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="hero">
            <h1 dir="auto" lang=CAMPAIGN_LANG>{move || campaign.with(|c| c.as_ref().map(|c| c.title.clone()))}</h1>
            <p dir="auto" lang=CAMPAIGN_LANG>{move || campaign.with(|c| c.as_ref().map(|c| c.summary.clone()))}</p>
            <Counters stats=stats/>
            <div class="cta">
                <a class="button primary" href=move || format!("/register?c={}", slug.get_value())>{move || lang.get().texts().cta_register}</a>
            </div>
        </section>
    }
}
