//! Lists of published actions: by start time, in a box, or by distance.
//!
//! Every list is filtered, ordered and paged by the database, so one request
//! reads at most a page of rows however wide its box or radius: the distance
//! order uses the squared chord between unit vectors (stored with each
//! action's public point), which orders exactly as the great-circle distance
//! and needs no trigonometry in SQL.

use sea_orm::sea_query::{Expr, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, ExprTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::{Event, EventList, EventQuery, EventStatus};

use crate::domain::event_filter::{BBox, Cursor, EventFilter, Near};
use crate::domain::geometry::{box_around, chord_squared, distance_km, unit_vector};
use crate::domain::text::escape_like;
use crate::entities::{campaign, event};
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceResult, Services, campaigns};

/// The statuses a list shows: the public ones, cancelled only when asked.
fn statuses(include_cancelled: bool) -> impl Iterator<Item = &'static str> {
    EventStatus::PUBLIC
        .into_iter()
        .filter(move |s| include_cancelled || *s != EventStatus::Cancelled)
        .map(EventStatus::as_str)
}

/// The SQL conditions shared by every list: campaign, status, country, kind,
/// text, box. Only public columns: a hidden value never changes an answer.
fn base_condition(campaign_id: i64, filter: &EventFilter) -> Condition {
    let mut cond = Condition::all()
        .add(event::Column::CampaignId.eq(campaign_id))
        .add(event::Column::Status.is_in(statuses(filter.include_cancelled)));
    if let Some(country) = &filter.country {
        cond = cond.add(event::Column::CountryCode.eq(country.as_str()));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(event::Column::Kind.eq(kind.as_str()));
    }
    if let Some(text) = &filter.text {
        let pattern = LikeExpr::new(format!("%{}%", escape_like(text))).escape('\\');
        cond = cond.add(event::Column::SearchText.like(pattern));
    }
    if let Some(bbox) = &filter.bbox {
        cond = cond.add(box_condition(bbox));
    }
    cond
}

fn box_condition(b: &BBox) -> Condition {
    let lat = Condition::all()
        .add(event::Column::PublicLatitude.gte(b.min_lat))
        .add(event::Column::PublicLatitude.lte(b.max_lat));
    let lon = if b.min_lon <= b.max_lon {
        Condition::all()
            .add(event::Column::PublicLongitude.gte(b.min_lon))
            .add(event::Column::PublicLongitude.lte(b.max_lon))
    } else {
        Condition::any()
            .add(event::Column::PublicLongitude.gte(b.min_lon))
            .add(event::Column::PublicLongitude.lte(b.max_lon))
    };
    lat.add(lon)
}

/// The squared chord from `near` to each action's public point.
fn chord_to(near: &Near) -> SimpleExpr {
    let origin = unit_vector(near.latitude, near.longitude);
    let square = |column: event::Column, v: f64| {
        let d = Expr::col(column).sub(v);
        d.clone().mul(d)
    };
    square(event::Column::PublicX, origin[0])
        .add(square(event::Column::PublicY, origin[1]))
        .add(square(event::Column::PublicZ, origin[2]))
}

/// A box this large holds much of the campaign: walking the start-time index
/// until a page is full is then cheaper than sorting the box.
fn is_wide(b: &BBox) -> bool {
    let lon_span = if b.min_lon <= b.max_lon {
        b.max_lon - b.min_lon
    } else {
        360.0 - (b.min_lon - b.max_lon)
    };
    lon_span >= 90.0 && b.max_lat - b.min_lat >= 45.0
}

pub async fn list(services: &Services, slug: &str, query: &EventQuery) -> ServiceResult<EventList> {
    let filter = EventFilter::parse(query)?;
    let campaign = campaigns::find_published(&services.db, slug).await?;
    match filter.near {
        Some(near) => list_by_distance(services, &campaign, &filter, &near).await,
        None => list_by_start(services, &campaign, &filter).await,
    }
}

/// In start order, a page after the cursor (keyset: start, id).
async fn list_by_start(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
) -> ServiceResult<EventList> {
    let cond = base_condition(campaign.id, filter);
    let total = event::Entity::find()
        .filter(cond.clone())
        .count(&services.db)
        .await?;
    let mut page = event::Entity::find().filter(cond);
    if let Some(Cursor::After { starts_at_utc, id }) = filter.cursor {
        page = page.filter(
            Condition::any()
                .add(event::Column::StartsAtUtc.gt(starts_at_utc))
                .add(
                    Condition::all()
                        .add(event::Column::StartsAtUtc.eq(starts_at_utc))
                        .add(event::Column::Id.gt(id)),
                ),
        );
    }
    // In a small box, `+starts_at_utc` keeps the planner from walking the
    // start-time index through the whole campaign for a few matches: it finds
    // the box by the position index and sorts what is there.
    let start_order: SimpleExpr = match &filter.bbox {
        Some(b) if !is_wide(b) => Expr::cust("+starts_at_utc"),
        _ => Expr::col(event::Column::StartsAtUtc),
    };
    let mut rows = page
        .order_by(start_order, Order::Asc)
        .order_by_asc(event::Column::Id)
        .limit(filter.limit + 1)
        .all(&services.db)
        .await?;
    let next_cursor = if rows.len() as u64 > filter.limit {
        rows.truncate(filter.limit as usize);
        rows.last().map(|m| {
            Cursor::After {
                starts_at_utc: m.starts_at_utc,
                id: m.id,
            }
            .encode()
        })
    } else {
        None
    };
    let events = rows
        .iter()
        .map(|m| event_view(m, &campaign.slug, &services.places, Audience::Public))
        .collect();
    Ok(EventList {
        events,
        total,
        next_cursor,
    })
}

/// Nearest first within `near.within_km`, then by start; pages by offset.
async fn list_by_distance(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
    near: &Near,
) -> ServiceResult<EventList> {
    let chord = chord_to(near);
    let cond = base_condition(campaign.id, filter)
        .add(box_condition(&box_around(
            near.latitude,
            near.longitude,
            near.within_km,
        )))
        // A hair of slack for rounding; the exact distance is checked below.
        .add(chord.clone().lte(chord_squared(near.within_km) + 1e-12));
    let total = event::Entity::find()
        .filter(cond.clone())
        .count(&services.db)
        .await?;
    let skip = match filter.cursor {
        Some(Cursor::Offset(n)) => Ord::min(n, total),
        _ => 0,
    };
    let rows = event::Entity::find()
        .filter(cond)
        .order_by(chord, Order::Asc)
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .offset(skip)
        .limit(filter.limit)
        .all(&services.db)
        .await?;
    let origin = (near.latitude, near.longitude);
    let events: Vec<Event> = rows
        .iter()
        .map(|m| {
            let km = distance_km(origin, (m.public_latitude, m.public_longitude));
            Event {
                distance_km: Some((km * 100.0).round() / 100.0),
                ..event_view(m, &campaign.slug, &services.places, Audience::Public)
            }
        })
        .collect();
    let end = skip + rows.len() as u64;
    let next_cursor = (end < total).then(|| Cursor::Offset(end).encode());
    Ok(EventList {
        events,
        total,
        next_cursor,
    })
}

/// All published events of a campaign in start order (feeds and exports).
pub async fn all_published(
    services: &Services,
    campaign: &campaign::Model,
    include_cancelled: bool,
) -> ServiceResult<Vec<event::Model>> {
    Ok(event::Entity::find()
        .filter(event::Column::CampaignId.eq(campaign.id))
        .filter(event::Column::Status.is_in(statuses(include_cancelled)))
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .all(&services.db)
        .await?)
}
