//! The map's markers of a campaign: the columns a marker shows (the public
//! point, never the exact one) of every listed action that passes the
//! list's filters, in start order, taken one at a time as they arrive.

use futures_util::TryStreamExt;
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    StreamTrait,
};
use shared::{EventKind, EventStatus};

use super::StorageResult;
use super::events::base_condition;
use crate::domain::event_filter::EventFilter;
use crate::entities::event;
use crate::entities::values::Zone;

#[derive(Debug, FromQueryResult)]
pub struct MarkerRow {
    pub id: i64,
    pub public_latitude: f64,
    pub public_longitude: f64,
    pub kind: EventKind,
    pub title: String,
    pub language: Option<String>,
    pub city: String,
    pub country_code: String,
    pub timezone: Zone,
    pub starts_at_utc: i64,
    pub status: EventStatus,
}

/// Calls `each` with every listed action of `campaign_id` that passes
/// `filter`, by start time, then id.
pub async fn each<C>(
    db: &C,
    campaign_id: i64,
    filter: &EventFilter,
    mut each: impl FnMut(MarkerRow),
) -> StorageResult<()>
where
    C: ConnectionTrait + StreamTrait,
{
    let mut rows = event::Entity::find()
        .select_only()
        .columns([
            event::Column::Id,
            event::Column::PublicLatitude,
            event::Column::PublicLongitude,
            event::Column::Kind,
            event::Column::Title,
            event::Column::Language,
            event::Column::City,
            event::Column::CountryCode,
            event::Column::Timezone,
            event::Column::StartsAtUtc,
            event::Column::Status,
        ])
        .filter(base_condition(campaign_id, filter))
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .into_model::<MarkerRow>()
        .stream(db)
        .await?;
    while let Some(row) = rows.try_next().await? {
        each(row);
    }
    Ok(())
}
