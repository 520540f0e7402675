//! The map's markers of a campaign: the columns a marker shows (the public
//! point, never the exact one) of every listed action that passes the
//! list's filters, in start order, taken one at a time as they arrive.

use futures_util::Stream;
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
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

/// Every listed action of `campaign_id` that passes `filter`, by start
/// time, then id, as the rows arrive.
pub async fn stream<'a, C>(
    db: &'a C,
    campaign_id: i64,
    filter: &EventFilter,
) -> StorageResult<impl Stream<Item = Result<MarkerRow, DbErr>> + Send + 'a>
where
    C: ConnectionTrait + StreamTrait + Send,
{
    let rows = event::Entity::find()
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
    Ok(rows)
}
