use sea_orm::entity::prelude::*;
use shared::{EventKind, EventStatus, LocationVisibility};

use super::values::{Links, Zone};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i64,
    pub title: String,
    pub kind: EventKind,
    pub description: Option<String>,
    pub organiser_name: String,
    pub contact_email: String,
    pub public_contact: Option<String>,
    pub city: String,
    pub city_key: String,
    pub country_code: String,
    pub place_id: Option<i64>,
    pub address: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub public_latitude: f64,
    pub public_longitude: f64,
    /// The public point on the unit sphere, for distance order in SQL.
    pub public_x: f64,
    pub public_y: f64,
    pub public_z: f64,
    pub location_visibility: LocationVisibility,
    pub timezone: Zone,
    /// The source of truth: the wall-clock time in `timezone`.
    pub local_start: DateTime,
    pub local_end: Option<DateTime>,
    pub local_date: Date,
    pub starts_at_utc: i64,
    pub ends_at_utc: Option<i64>,
    /// Stored as a JSON array of URLs.
    pub links: Links,
    pub language: Option<String>,
    pub search_text: String,
    pub status: EventStatus,
    pub version: i32,
    pub edit_token_hash: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// A published action's fields as approved (JSON), kept while its group
    /// may change them in a review-first campaign.
    pub approved: Option<String>,
    pub changed_since_approval: bool,
    /// Why organisers rejected or took it down (sent to the group).
    pub moderation_reason: Option<String>,
    pub spam: bool,
    /// Keyed hash of the contact email, to recognise a trusted group.
    pub contact_hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
