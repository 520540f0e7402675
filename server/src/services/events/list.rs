//! Lists of published actions: by start time, in a box, or by distance,
//! each a page that `storage::events` reads, or whose order and total the
//! position index gives.

use std::sync::Arc;

use shared::{Event, EventList};

use crate::domain::event_filter::{EventFilter, Near};
use crate::domain::geometry::distance_km;
use crate::services::views::{Audience, event_view};
use crate::services::{Rendered, ServiceResult, Services};
use crate::storage;
use crate::storage::events::Page;

/// A page of the list; the pages without `near` come from the replica's
/// copy while the campaign's revision is the one they were read at, and
/// the order of a point or a box from the position index at that revision.
pub async fn list(
    services: &Services,
    slug: &str,
    filter: &EventFilter,
) -> ServiceResult<Arc<Rendered<EventList>>> {
    let db = &services.read_db;
    // Read before the rows, so that a copy never carries a revision newer
    // than what it shows.
    let now = services.revisions.published(db, slug).await?;
    let key = filter.cache_key();
    if let Some(key) = &key
        && let Some(copy) = services.page_cache.list(now.campaign_id, now.revision, key)
    {
        return Ok(copy);
    }
    let index = indexed(filter)
        .then(|| services.positions.at(db, now))
        .flatten();
    let page = match index {
        Some(index) => {
            let keys = match filter.near {
                Some(near) => index.page_by_distance(filter, &near),
                None => index.page_by_start(filter),
            };
            storage::events::page_of(db, now.campaign_id, filter, keys).await?
        }
        None => match filter.near {
            Some(near) => {
                storage::events::page_by_distance(db, now.campaign_id, filter, &near).await?
            }
            None => storage::events::page_by_start(db, now.campaign_id, filter).await?,
        },
    };
    let list = Arc::new(Rendered::new(shown(services, slug, page, filter.near)));
    if let Some(key) = key {
        services
            .page_cache
            .put_list(now.campaign_id, now.revision, key, list.clone());
    }
    Ok(list)
}

/// Whether the position index answers `filter`: a search by point or box
/// without words (the index holds no text; the other lists are copied).
fn indexed(filter: &EventFilter) -> bool {
    filter.text.is_none() && (filter.near.is_some() || filter.bbox.is_some())
}

/// The page as the public sees it, each event with its distance from the
/// searched point if any.
fn shown(services: &Services, slug: &str, page: Page, near: Option<Near>) -> EventList {
    let events = page
        .rows
        .iter()
        .map(|m| Event {
            distance_km: near.map(|near| {
                let km = distance_km(
                    (near.latitude, near.longitude),
                    (m.public_latitude, m.public_longitude),
                );
                (km * 100.0).round() / 100.0
            }),
            ..event_view(m, slug, &services.places, Audience::Public)
        })
        .collect();
    EventList {
        events,
        total: page.total,
        total_capped: page.total_capped,
        next_cursor: page.next_cursor.map(|c| c.encode()),
    }
}
