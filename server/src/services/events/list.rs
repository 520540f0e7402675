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
use crate::storage::position_index::PositionIndex;

/// A page of the list; the pages without `near` come from the replica's
/// copy while the campaign's revision is the one they were read at, and
/// the order of a point or a box from the position index at that revision.
pub async fn list(
    services: &Services,
    slug: &str,
    filter: &EventFilter,
) -> ServiceResult<Arc<Rendered<EventList>>> {
    if let Some(key) = filter.cache_key() {
        let db = &services.read_db;
        let now = services.revisions.published(db, slug).await?;
        if let Some(copy) = services
            .page_cache
            .list(now.campaign_id, now.revision, &key)
        {
            return Ok(copy);
        }
        let list = Arc::new(Rendered::new(from_database(services, slug, filter).await?));
        // Read after the revision, so that a copy never carries a revision
        // newer than what it shows.
        services
            .page_cache
            .put_list(now.campaign_id, now.revision, key, list.clone());
        return Ok(list);
    }
    if let Some(index) = position_index(services, slug, filter).await? {
        let page = match filter.near {
            Some(near) => index.page_by_distance(filter, &near),
            None => index.page_by_start(filter),
        };
        let page =
            storage::events::page_of(&services.read_db, index.campaign_id, filter, page).await?;
        return Ok(Arc::new(Rendered::new(shown(
            services,
            slug,
            page,
            filter.near,
        ))));
    }
    Ok(Arc::new(Rendered::new(
        from_database(services, slug, filter).await?,
    )))
}

/// The index for a search by point or box without words (the index holds
/// no text), if this replica has it at the campaign's revision.
async fn position_index(
    services: &Services,
    slug: &str,
    filter: &EventFilter,
) -> ServiceResult<Option<Arc<PositionIndex>>> {
    if filter.text.is_some() || (filter.near.is_none() && filter.bbox.is_none()) {
        return Ok(None);
    }
    let now = services
        .revisions
        .published(&services.read_db, slug)
        .await?;
    Ok(services.positions.at(&services.read_db, now))
}

/// The page as the database orders and counts it.
async fn from_database(
    services: &Services,
    slug: &str,
    filter: &EventFilter,
) -> ServiceResult<EventList> {
    let campaign = storage::campaigns::find_published(&services.read_db, slug).await?;
    let db = &services.read_db;
    let page = match filter.near {
        Some(near) => storage::events::page_by_distance(db, campaign.id, filter, &near).await?,
        None => storage::events::page_by_start(db, campaign.id, filter).await?,
    };
    Ok(shown(services, slug, page, filter.near))
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
