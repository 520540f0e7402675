//! Event rows: one by id, the pages of visible events that the lists, the
//! feeds and the exports read, and the ids that the sitemap lists.
//!
//! Every list is filtered, ordered and paged by the database through its
//! indexes, so one request reads about a page of rows however wide its box
//! or radius (the spatial index is in [`spatial`]): the distance order uses
//! the squared chord between unit vectors (stored with each action's public
//! point), which orders exactly as the great-circle distance and needs no
//! trigonometry in SQL. Totals are counted up to
//! [`shared::limits::TOTAL_COUNTED_MAX`], or read from the counters.

use sea_orm::sea_query::{Expr, LikeExpr, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, ExprTrait, Order,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::EventStatus;

use super::{StorageError, StorageResult, spatial, tallies};
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
    /// Rows matching the filters, over all pages, counted up to
    /// [`shared::limits::TOTAL_COUNTED_MAX`].
    pub total: u64,
    /// More than `total` rows match.
    pub total_capped: bool,
    pub next_cursor: Option<Cursor>,
}

/// The ids of one page, in order, with the list's total and next cursor
/// (what the position index picks).
#[derive(Debug, Clone, PartialEq)]
pub struct PageKeys {
    pub ids: Vec<i64>,
    pub total: u64,
    pub total_capped: bool,
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
pub(super) fn base_condition(campaign_id: i64, filter: &EventFilter) -> Condition {
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

/// The box test on the stored columns; nothing for the whole world, which
/// would only lead a planner to read the position index instead of the
/// start-time one.
fn box_condition(b: &BBox) -> Condition {
    if spatial::is_world(b) {
        return Condition::all();
    }
    lat_lon_condition(b)
}

/// The filters leave only the campaign's published actions (of a country,
/// perhaps): the counters know how many without counting.
pub(super) fn counted_by_tallies(filter: &EventFilter) -> bool {
    filter.bbox.is_none()
        && filter.kind.is_none()
        && filter.text.is_none()
        && !filter.include_cancelled
}

/// The total of a list whose matches `query` selects.
async fn total_of(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
    everywhere: bool,
    query: sea_orm::Select<event::Entity>,
) -> Result<(u64, bool), DbErr> {
    if everywhere && counted_by_tallies(filter) {
        let n = tallies::published_actions(db, campaign_id, filter.country.as_deref()).await?;
        return Ok((n, false));
    }
    spatial::count_up_to(db, query).await
}

fn lat_lon_condition(b: &BBox) -> Condition {
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

/// In start order, a page after the cursor (keyset: start, id).
///
/// In a box with few actions the spatial index finds them and they are
/// sorted; in one holding more than [`shared::limits::TOTAL_COUNTED_MAX`], walking the
/// start-time index until a page is full reads fewer rows.
pub async fn page_by_start(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
) -> Result<Page, DbErr> {
    let mut cond = base_condition(campaign_id, filter);
    let spatial = filter
        .bbox
        .filter(|b| !spatial::is_world(b))
        .map(|b| spatial::candidates_in(db.get_database_backend(), campaign_id, &b));
    let counted = match &spatial {
        Some(index) => event::Entity::find().filter(cond.clone().add(index.clone())),
        None => event::Entity::find().filter(cond.clone()),
    };
    let (total, total_capped) = total_of(db, campaign_id, filter, true, counted).await?;
    let sparse = spatial.filter(|_| !total_capped);
    if let Some(index) = &sparse {
        cond = cond.add(index.clone());
    }
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
    // `+starts_at_utc` keeps the planner from walking the start-time index
    // through the whole campaign for the few actions the index found.
    let start_order: SimpleExpr = match sparse {
        Some(_) => Expr::cust("+starts_at_utc"),
        None => Expr::col(event::Column::StartsAtUtc),
    };
    // The order is found from the index columns; only the page's rows are
    // read whole.
    let keys: Vec<(i64, i64)> = page
        .select_only()
        .column(event::Column::StartsAtUtc)
        .column(event::Column::Id)
        .order_by(start_order, Order::Asc)
        .order_by_asc(event::Column::Id)
        .limit(filter.limit + 1)
        .into_tuple()
        .all(db)
        .await?;
    let (ids, next_cursor) = keyset_page(keys, filter.limit);
    Ok(Page {
        rows: rows_in_order(db, campaign_id, filter, &ids).await?,
        total,
        total_capped,
        next_cursor,
    })
}

/// The first radius a `near` search tries, in km.
pub(super) const FIRST_RADIUS_KM: f64 = 25.0;

/// The actions within `km` of `near` that pass the filters, found through
/// the spatial index unless the circle's box is the whole world.
fn within(
    backend: DbBackend,
    campaign_id: i64,
    filter: &EventFilter,
    near: &Near,
    km: f64,
) -> sea_orm::Select<event::Entity> {
    let around = box_around(near.latitude, near.longitude, km);
    let mut cond = base_condition(campaign_id, filter)
        .add(box_condition(&around))
        // A hair of slack for rounding; the caller checks the exact distance.
        .add(chord_to(near).lte(chord_squared(km) + 1e-12));
    if !spatial::is_world(&around) {
        cond = cond.add(spatial::candidates_in(backend, campaign_id, &around));
    }
    event::Entity::find().filter(cond)
}

/// The next radius to try after `km` held `found` of the `needed` nearest:
/// wider by what the density seen so far suggests, at least half as wide
/// again and at most four times.
pub(super) fn wider(km: f64, found: usize, needed: u64) -> f64 {
    let factor = if found == 0 {
        4.0
    } else {
        ((needed as f64 / found as f64).sqrt() * 1.25).clamp(1.5, 4.0)
    };
    km * factor
}

/// Nearest first within `near.within_km`, then by start; pages by offset.
///
/// The search starts with a small circle and widens it until it holds the
/// rows up to the end of the page (or reaches `within_km`): every action
/// inside a circle is nearer than any outside it, so the nearest ones are
/// found without reading the rest.
pub async fn page_by_distance(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
    near: &Near,
) -> Result<Page, DbErr> {
    let backend = db.get_database_backend();
    let skip = offset_of(filter);
    let needed = skip.saturating_add(filter.limit).saturating_add(1);
    let mut km = near.within_km.min(FIRST_RADIUS_KM);
    let ids: Vec<i64> = loop {
        let ids: Vec<i64> = within(backend, campaign_id, filter, near, km)
            .select_only()
            .column(event::Column::Id)
            .order_by(chord_to(near), Order::Asc)
            .order_by_asc(event::Column::StartsAtUtc)
            .order_by_asc(event::Column::Id)
            .limit(needed)
            .into_tuple()
            .all(db)
            .await?;
        if ids.len() as u64 >= needed || km >= near.within_km {
            break ids;
        }
        km = wider(km, ids.len(), needed).min(near.within_km);
    };
    let (total, total_capped) = if (ids.len() as u64) < needed {
        // Every match is here.
        (ids.len() as u64, false)
    } else {
        let everywhere = chord_squared(near.within_km) >= 4.0 - 1e-9;
        let all = within(backend, campaign_id, filter, near, near.within_km);
        total_of(db, campaign_id, filter, everywhere, all).await?
    };
    let (page, next_cursor) = offset_page(ids, skip, filter.limit);
    Ok(Page {
        rows: rows_in_order(db, campaign_id, filter, &page).await?,
        total,
        total_capped,
        next_cursor,
    })
}

/// How many of a distance order's matches the cursor skips.
pub(super) fn offset_of(filter: &EventFilter) -> u64 {
    match filter.cursor {
        Some(Cursor::Offset(n)) => n,
        _ => 0,
    }
}

/// The page of the first `skip + limit + 1` ids of a distance order, and
/// the cursor after it if there is more.
pub(super) fn offset_page(ids: Vec<i64>, skip: u64, limit: u64) -> (Vec<i64>, Option<Cursor>) {
    let more = ids.len() as u64 > skip.saturating_add(limit);
    let page = ids
        .into_iter()
        .skip(usize::try_from(skip).unwrap_or(usize::MAX))
        .take(limit as usize)
        .collect();
    (page, more.then_some(Cursor::Offset(skip + limit)))
}

/// The page of up to `limit + 1` (start, id) keys in start order, and the
/// cursor after it if there is more.
pub(super) fn keyset_page(mut keys: Vec<(i64, i64)>, limit: u64) -> (Vec<i64>, Option<Cursor>) {
    let next_cursor = if keys.len() as u64 > limit {
        keys.truncate(limit as usize);
        keys.last()
            .map(|&(starts_at_utc, id)| Cursor::After { starts_at_utc, id })
    } else {
        None
    };
    (keys.into_iter().map(|(_, id)| id).collect(), next_cursor)
}

/// The page whose ids, total and cursor the position index picked.
pub async fn page_of(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
    keys: PageKeys,
) -> Result<Page, DbErr> {
    Ok(Page {
        rows: rows_in_order(db, campaign_id, filter, &keys.ids).await?,
        total: keys.total,
        total_capped: keys.total_capped,
        next_cursor: keys.next_cursor,
    })
}

/// The rows of `ids`, in that order. A row that left the list between the
/// two reads (withdrawn, say) is left out, never shown as it is now.
async fn rows_in_order(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    filter: &EventFilter,
    ids: &[i64],
) -> Result<Vec<event::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = event::Entity::find()
        .filter(event::Column::Id.is_in(ids.iter().copied()))
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(event::Column::Status.is_in(statuses(filter.include_cancelled)))
        .all(db)
        .await?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|r| position.get(&r.id).copied());
    Ok(rows)
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
