//! Event rows: one by id, the pages of visible events that the lists, the
//! feeds and the exports read, and the ids that the sitemap lists.
//!
//! Every list is filtered, ordered and paged by the database, so one request
//! reads at most a page of rows however wide its box or radius: the distance
//! order uses the squared chord between unit vectors (stored with each
//! action's public point), which orders exactly as the great-circle distance
//! and needs no trigonometry in SQL.

use sea_orm::sea_query::{Expr, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, ExprTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::EventStatus;

use super::{StorageError, StorageResult};
use crate::domain::event_filter::{BBox, Cursor, EventFilter, Near};
use crate::domain::geometry::{box_around, chord_squared, unit_vector};
use crate::domain::text::escape_like;
use crate::entities::event;

/// The event with `id`, in any state.
pub async fn load(db: &impl ConnectionTrait, id: i64) -> StorageResult<event::Model> {
    event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("event"))
}

/// How many events there are in each status, over every campaign (for
/// `/metrics`; statuses without any are left out).
pub async fn count_by_status(db: &impl ConnectionTrait) -> StorageResult<Vec<(EventStatus, i64)>> {
    Ok(event::Entity::find()
        .select_only()
        .column(event::Column::Status)
        .column_as(Expr::col(event::Column::Id).count(), "n")
        .group_by(event::Column::Status)
        .into_tuple()
        .all(db)
        .await?)
}

/// One page of a list and where the next one starts.
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<event::Model>,
    /// Rows matching the filters, over all pages.
    pub total: u64,
    pub next_cursor: Option<Cursor>,
}

/// The statuses a list shows: the public ones, cancelled only when asked.
fn statuses(include_cancelled: bool) -> impl Iterator<Item = EventStatus> {
    EventStatus::PUBLIC
        .into_iter()
        .filter(move |s| include_cancelled || *s != EventStatus::Cancelled)
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
        cond = cond.add(event::Column::Kind.eq(kind));
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

/// In start order, a page after the cursor (keyset: start, id).
pub async fn page_by_start(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
) -> Result<Page, DbErr> {
    let cond = base_condition(campaign_id, filter);
    let total = event::Entity::find().filter(cond.clone()).count(db).await?;
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
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > filter.limit {
        rows.truncate(filter.limit as usize);
        rows.last().map(|m| Cursor::After {
            starts_at_utc: m.starts_at_utc,
            id: m.id,
        })
    } else {
        None
    };
    Ok(Page {
        rows,
        total,
        next_cursor,
    })
}

/// Nearest first within `near.within_km`, then by start; pages by offset.
pub async fn page_by_distance(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
    near: &Near,
) -> Result<Page, DbErr> {
    let chord = chord_to(near);
    let cond = base_condition(campaign_id, filter)
        .add(box_condition(&box_around(
            near.latitude,
            near.longitude,
            near.within_km,
        )))
        // A hair of slack for rounding; the caller checks the exact distance.
        .add(chord.clone().lte(chord_squared(near.within_km) + 1e-12));
    let total = event::Entity::find().filter(cond.clone()).count(db).await?;
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
        .all(db)
        .await?;
    let end = skip + rows.len() as u64;
    let next_cursor = (end < total).then_some(Cursor::Offset(end));
    Ok(Page {
        rows,
        total,
        next_cursor,
    })
}

/// Up to `limit` events of one campaign and status in (starts_at_utc, id)
/// order, after `after`: one index range, for the exports.
pub async fn page_with_status(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    status: EventStatus,
    after: Option<(i64, i64)>,
    limit: u64,
) -> Result<Vec<event::Model>, DbErr> {
    let mut query = event::Entity::find()
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(event::Column::Status.eq(status));
    if let Some((start, id)) = after {
        query = query.filter(event::Column::StartsAtUtc.gte(start)).filter(
            Condition::any()
                .add(event::Column::StartsAtUtc.gt(start))
                .add(event::Column::Id.gt(id)),
        );
    }
    query
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The ids of up to `limit` published events of the given campaigns, in
/// start order: only the id column is read.
pub async fn published_ids(
    db: &impl ConnectionTrait,
    campaign_ids: &[i64],
    limit: u64,
) -> Result<Vec<i64>, DbErr> {
    if campaign_ids.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::CampaignId.is_in(campaign_ids.iter().copied()))
        .filter(event::Column::Status.eq(EventStatus::Published))
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// The `limit` most recently changed published events of a campaign, newest
/// first (the Atom feed).
pub async fn newest_published(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    limit: u64,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(event::Column::Status.eq(EventStatus::Published))
        .order_by_desc(event::Column::UpdatedAt)
        .order_by_desc(event::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The time zones of a campaign's events with one of `statuses`, by name.
pub async fn zones_with_status(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    statuses: &[EventStatus],
) -> Result<Vec<chrono_tz::Tz>, DbErr> {
    let names: Vec<String> = event::Entity::find()
        .select_only()
        .column(event::Column::Timezone)
        .distinct()
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(event::Column::Status.is_in(statuses.iter().copied()))
        .order_by_asc(event::Column::Timezone)
        .into_tuple()
        .all(db)
        .await?;
    names
        .iter()
        .map(|name| {
            name.parse::<chrono_tz::Tz>()
                .map_err(|_| DbErr::Type(format!("unknown stored time zone {name}")))
        })
        .collect()
}
