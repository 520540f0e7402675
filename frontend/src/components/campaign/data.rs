//! The data of a campaign view: the campaign (its counters refresh every
//! minute), its whole list of actions loaded page by page, the map's points
//! in one compact request, and the near search, which the server filters.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Campaign, Event, MapPoint};

use crate::api::{self, Abort, ApiError};
use crate::search::{self, Filters, Indexed};

pub type CampaignResource = LocalResource<Result<Campaign, ApiError>>;

/// How often the counters are reloaded (the server caches them per change).
const COUNTERS_EVERY: Duration = Duration::from_secs(60);

/// The campaign, reloaded every minute for its counters.
pub fn use_campaign(slug: StoredValue<String>) -> CampaignResource {
    let refresh = RwSignal::new(0u32);
    if let Ok(handle) =
        set_interval_with_handle(move || refresh.update(|n| *n += 1), COUNTERS_EVERY)
    {
        on_cleanup(move || handle.clear());
    }
    LocalResource::new(move || {
        refresh.get();
        let slug = slug.get_value();
        async move { api::campaign(&slug).await }
    })
}

/// A signal that aborts the view's requests when the view goes away.
fn aborted_on_cleanup() -> Option<web_sys::AbortSignal> {
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
    signal
}

/// Every action of the campaign that passes `fixed` (the embed's country),
/// cancelled ones too, filled in page by page so that the list renders
/// before the last page; loaded again whenever `reload` changes.
#[derive(Clone, Copy)]
pub struct CampaignEvents {
    pub all: ReadSignal<Vec<Indexed>>,
    /// The last page has arrived.
    pub loaded: ReadSignal<bool>,
    pub error: ReadSignal<Option<ApiError>>,
}

pub fn use_campaign_events(
    slug: StoredValue<String>,
    fixed: Filters,
    reload: Signal<u32>,
) -> CampaignEvents {
    let (all, set_all) = signal(Vec::<Indexed>::new());
    let (loaded, set_loaded) = signal(false);
    let (error, set_error) = signal(None::<ApiError>);
    let abort_signal = aborted_on_cleanup();
    // Only the answer to the latest load counts.
    let generation = StoredValue::new(0u64);
    // The first load fills the list page by page; a reload (a live change)
    // replaces it at once when its last page has arrived, so that the list
    // never empties in between.
    let load = move |replace: bool| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let fixed = fixed.clone();
        let abort_signal = abort_signal.clone();
        spawn_local(async move {
            let slug = slug.get_value();
            let mut fresh = Vec::new();
            let result = api::all_events(
                &slug,
                search::list_query(&fixed),
                abort_signal.as_ref(),
                |page| {
                    let page = page.into_iter().map(Indexed::from);
                    if replace {
                        fresh.extend(page);
                    } else {
                        set_all.try_update(|all| all.extend(page));
                    }
                },
            )
            .await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            match result {
                Ok(()) => {
                    if replace {
                        set_all.try_set(fresh);
                    }
                    set_loaded.try_set(true);
                }
                Err(e) if e.is_abort() => {}
                Err(e) => {
                    set_error.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |before: Option<()>| {
        reload.get();
        load(before.is_some());
    });
    CampaignEvents { all, loaded, error }
}

/// The map's points of every action that passes `fixed` (the embed's
/// country), cancelled ones too, in one request (not the whole actions):
/// the map is whole before the list's last page; loaded again whenever
/// `reload` changes, the last points staying until the new ones arrive.
#[derive(Clone, Copy)]
pub struct MapPoints {
    pub points: ReadSignal<Vec<MapPoint>>,
    /// The last load failed.
    pub error: ReadSignal<Option<ApiError>>,
}

pub fn use_map_points(slug: StoredValue<String>, fixed: Filters, reload: Signal<u32>) -> MapPoints {
    let (points, set_points) = signal(Vec::<MapPoint>::new());
    let (error, set_error) = signal(None::<ApiError>);
    let abort_signal = aborted_on_cleanup();
    let query = search::points_query(&fixed);
    // Only the answer to the latest load counts.
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        reload.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let query = query.clone();
        let abort_signal = abort_signal.clone();
        spawn_local(async move {
            let slug = slug.get_value();
            let answer = api::map_points(&slug, &query, abort_signal.as_ref()).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            // A failed load leaves the last points on the map.
            match answer {
                Ok(answer) => {
                    set_points.try_set(answer.points);
                    set_error.try_set(None);
                }
                Err(e) if e.is_abort() => {}
                Err(e) => {
                    set_error.try_set(Some(e));
                }
            }
        });
    });
    MapPoints { points, error }
}

/// The loaded actions that pass `filters`, by the server's rule.
pub fn filtered(events: CampaignEvents, filters: Signal<Filters>) -> Memo<Vec<Event>> {
    Memo::new(move |_| {
        let matcher = filters.with(Filters::matcher);
        events.all.with(|all| {
            all.iter()
                .filter(|e| matcher.matches(e))
                .map(|e| e.event.clone())
                .collect()
        })
    })
}

/// The nearest actions to `point` (`LAT,LON`) that pass `filters`, asked of
/// the server again whenever either changes; `None` without a point.
pub type NearResource = LocalResource<Option<Result<Vec<Event>, ApiError>>>;

pub fn use_near(
    slug: StoredValue<String>,
    point: Signal<Option<String>>,
    filters: Signal<Filters>,
) -> NearResource {
    LocalResource::new(move || {
        let query = point
            .get()
            .map(|p| filters.with(|f| search::near_query(&p, f)));
        let slug = slug.get_value();
        async move {
            let query = query?;
            Some(api::events(&slug, &query, None).await.map(|l| l.events))
        }
    })
}
