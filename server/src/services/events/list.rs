//! Lists of published actions: by start time, in a box, or by distance,
//! each a page that `storage::events` reads.

use std::sync::Arc;

use shared::{Event, EventList};

use crate::domain::event_filter::{EventFilter, Near};
use crate::domain::geometry::distance_km;
use crate::entities::campaign;
use crate::services::views::{Audience, event_view};
use crate::services::{Rendered, ServiceResult, Services};
use crate::storage;
use crate::storage::events::Page;

/// A page of the list; the pages without `near` come from the replica's
/// copy while the campaign's revision is the one they were read at.
pub async fn list(
    services: &Services,
    slug: &str,
    filter: &EventFilter,
) -> ServiceResult<Arc<Rendered<EventList>>> {
    let key = filter.cache_key();
    if let Some(key) = &key {
        let db = &services.read_db;
        let now = services.revisions.published(db, slug).await?;
        if let Some(copy) = services.page_cache.list(now.campaign_id, now.revision, key) {
            return Ok(copy);
        }
    }
    // Read before the rows, so that a copy never carries a revision newer
    // than what it shows.
    let campaign = storage::campaigns::find_published(&services.read_db, slug).await?;
    let list = Arc::new(Rendered::new(match filter.near {
        Some(near) => list_by_distance(services, &campaign, filter, &near).await?,
        None => list_by_start(services, &campaign, filter).await?,
    }));
    if let Some(key) = key {
        services
            .page_cache
            .put_list(campaign.id, campaign.revision, key, list.clone());
    }
    Ok(list)
}

/// In start order, a page after the cursor (keyset: start, id).
async fn list_by_start(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
) -> ServiceResult<EventList> {
    let page = storage::events::page_by_start(&services.read_db, campaign.id, filter).await?;
    Ok(shown(services, campaign, page, |_| None))
}

/// Nearest first within `near.within_km`, then by start; pages by offset.
async fn list_by_distance(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
    near: &Near,
) -> ServiceResult<EventList> {
    let page =
        storage::events::page_by_distance(&services.read_db, campaign.id, filter, near).await?;
    let origin = (near.latitude, near.longitude);
    Ok(shown(services, campaign, page, |m| {
        let km = distance_km(origin, (m.public_latitude, m.public_longitude));
        Some((km * 100.0).round() / 100.0)
    }))
}

/// The page as the public sees it, each event with its distance if any.
fn shown(
    services: &Services,
    campaign: &campaign::Model,
    page: Page,
    distance: impl Fn(&crate::entities::event::Model) -> Option<f64>,
) -> EventList {
    let events = page
        .rows
        .iter()
        .map(|m| Event {
            distance_km: distance(m),
            ..event_view(m, &campaign.slug, &services.places, Audience::Public)
        })
        .collect();
    EventList {
        events,
        total: page.total,
        total_capped: page.total_capped,
        next_cursor: page.next_cursor.map(|c| c.encode()),
    }
}
