//! Events (a local group's action): the request and response shapes of API v1.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

stored_enum! {
    /// What kind of action a group holds.
    pub enum EventKind {
        Rally,
        March,
        Vigil,
        Picket,
        Meeting,
        LetterWriting,
        Online,
        Other,
    }
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Rally,
        EventKind::March,
        EventKind::Vigil,
        EventKind::Picket,
        EventKind::Meeting,
        EventKind::LetterWriting,
        EventKind::Online,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Rally => "rally",
            EventKind::March => "march",
            EventKind::Vigil => "vigil",
            EventKind::Picket => "picket",
            EventKind::Meeting => "meeting",
            EventKind::LetterWriting => "letter_writing",
            EventKind::Online => "online",
            EventKind::Other => "other",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EventKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(EventKind::ALL, EventKind::as_str, s)
            .ok_or_else(|| format!("unknown kind '{s}'; expected one of {}", kind_list()))
    }
}

/// The one of `all` that `name` calls `s`: each enum's names are written once,
/// in its `as_str`.
fn by_name<T: Copy, const N: usize>(
    all: [T; N],
    name: fn(T) -> &'static str,
    s: &str,
) -> Option<T> {
    all.into_iter().find(|v| name(*v) == s)
}

/// `rally, march, …` for error messages.
pub fn kind_list() -> String {
    EventKind::ALL.map(EventKind::as_str).join(", ")
}

stored_enum! {
    pub enum EventStatus {
        Pending,
        Published,
        Rejected,
        Cancelled,
        /// Taken down by its group: in no public output; private data erased.
        Withdrawn,
    }
}

impl EventStatus {
    /// What the public may see: published actions, then cancelled ones
    /// (struck through, so that nobody travels to an action that is off).
    pub const PUBLIC: [EventStatus; 2] = [EventStatus::Published, EventStatus::Cancelled];

    pub const ALL: [EventStatus; 5] = [
        EventStatus::Pending,
        EventStatus::Published,
        EventStatus::Rejected,
        EventStatus::Cancelled,
        EventStatus::Withdrawn,
    ];

    pub fn is_public(self) -> bool {
        EventStatus::PUBLIC.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Pending => "pending",
            EventStatus::Published => "published",
            EventStatus::Rejected => "rejected",
            EventStatus::Cancelled => "cancelled",
            EventStatus::Withdrawn => "withdrawn",
        }
    }
}

impl FromStr for EventStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(EventStatus::ALL, EventStatus::as_str, s)
            .ok_or_else(|| format!("unknown status '{s}'"))
    }
}

stored_enum! {
    /// Whether the public sees the exact meeting point or only the city.
    #[derive(Default)]
    pub enum LocationVisibility {
        #[default]
        Exact,
        City,
    }
}

impl LocationVisibility {
    pub const ALL: [LocationVisibility; 2] = [LocationVisibility::Exact, LocationVisibility::City];

    pub fn as_str(self) -> &'static str {
        match self {
            LocationVisibility::Exact => "exact",
            LocationVisibility::City => "city",
        }
    }
}

impl FromStr for LocationVisibility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(LocationVisibility::ALL, LocationVisibility::as_str, s)
            .ok_or_else(|| format!("unknown location_visibility '{s}'; expected exact or city"))
    }
}

/// `POST /api/v1/campaigns/{slug}/events`. Every field is optional at the JSON
/// level so that the server can name each missing or wrong field at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "title": "Rally for jailed workers", "kind": "rally",
    "description": "Free them now.", "organiser_name": "Iranian political refugees center",
    "contact_email": "private@example.org", "public_contact": "@refugees_center",
    "city": "Berlin", "country_code": "DE", "place_id": 2950159,
    "address": "Brandenburger Tor", "latitude": 52.5163, "longitude": 13.3777,
    "timezone": "Europe/Berlin", "local_start": "2026-11-05T14:00",
    "local_end": "2026-11-05T16:00", "links": ["https://example.org/call"], "language": "en",
    "location_visibility": "exact"
})))]
#[serde(deny_unknown_fields)]
pub struct RegisterEvent {
    pub title: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub organiser_name: Option<String>,
    /// Private: seen by organisers only.
    pub contact_email: Option<String>,
    pub public_contact: Option<String>,
    pub city: Option<String>,
    pub country_code: Option<String>,
    /// GeoNames id from `GET /api/v1/places`; when absent, `city` and
    /// `country_code` are matched against the gazetteer.
    pub place_id: Option<i64>,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// IANA zone; derived from the coordinates when absent.
    pub timezone: Option<String>,
    /// Local wall-clock time `YYYY-MM-DDTHH:MM`, optionally with an explicit
    /// offset (`+03:30`) to choose an instant in a fall-back fold.
    pub local_start: Option<String>,
    pub local_end: Option<String>,
    #[serde(default)]
    pub links: Vec<String>,
    pub language: Option<String>,
    pub location_visibility: Option<String>,
    /// A honeypot: hidden from people, so only robots fill it. Such a
    /// submission is kept for organisers as spam, never published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
}

/// `PATCH /api/v1/events/{id}`: absent fields stay as they are; `null` clears
/// an optional field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateEvent {
    pub title: Option<String>,
    pub kind: Option<String>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Option<String>>,
    pub organiser_name: Option<String>,
    pub contact_email: Option<String>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub public_contact: Option<Option<String>>,
    pub city: Option<String>,
    pub country_code: Option<String>,
    pub place_id: Option<i64>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub address: Option<Option<String>>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub timezone: Option<String>,
    pub local_start: Option<String>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub local_end: Option<Option<String>>,
    pub links: Option<Vec<String>>,
    pub language: Option<String>,
    pub location_visibility: Option<String>,
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`).
fn double_option<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// Where an action happens, as the public may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventPlace {
    pub city: String,
    pub country_code: String,
    pub country: String,
    /// Absent when the group shows only the city.
    pub address: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub place_id: Option<i64>,
}

/// The event's times as its local group sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalTimes {
    /// `YYYY-MM-DD` in the event's zone.
    pub date: String,
    /// `HH:MM`
    pub start: String,
    pub end: Option<String>,
    /// `+03:30`
    pub utc_offset: String,
    /// `+0330` where the zone has no letters, else e.g. `CET`.
    pub zone_abbreviation: String,
}

/// An event as API v1 returns it. Never carries private contact data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: i64,
    /// The campaign's slug.
    pub campaign: String,
    pub title: String,
    pub kind: EventKind,
    pub description: Option<String>,
    pub organiser_name: String,
    pub public_contact: Option<String>,
    pub place: EventPlace,
    pub location_visibility: LocationVisibility,
    pub timezone: String,
    /// RFC 3339 with the local offset.
    pub starts_at: String,
    pub ends_at: Option<String>,
    /// RFC 3339 in UTC.
    pub starts_at_utc: String,
    pub local: LocalTimes,
    pub links: Vec<String>,
    pub language: Option<String>,
    pub status: EventStatus,
    pub cancelled: bool,
    pub version: i32,
    /// `YYYY-MM-DD` (UTC): the day only, never the time.
    pub created_at: String,
    pub updated_at: String,
    /// Private: present only for the holder of the edit link and organisers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// Only in `near` searches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// `201` answer to a registration: the edit token is shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registered {
    pub event: Event,
    pub edit_token: String,
    pub edit_url: String,
}

/// `200` answer to `POST /api/v1/events/{id}/edit-link`: a new edit link,
/// shown this once; the old one no longer works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EditLink {
    pub edit_token: String,
    pub edit_url: String,
}

/// `GET /api/v1/campaigns/{slug}/events`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventList {
    pub events: Vec<Event>,
    /// Events matching the filters, over all pages, counted up to 1,000.
    pub total: u64,
    /// More than `total` events match: counting stopped (the pages and
    /// their cursors go on to the last match).
    #[serde(default)]
    pub total_capped: bool,
    pub next_cursor: Option<String>,
}

/// Query of `GET /api/v1/campaigns/{slug}/events`. Values stay text here so
/// that the server can name the parameter at fault.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct EventQuery {
    /// `LAT,LON`: sort by distance and give each event its `distance_km`.
    pub near: Option<String>,
    /// Radius for `near`, default 50.
    pub within_km: Option<String>,
    /// `minLon,minLat,maxLon,maxLat`; minLon > maxLon crosses the antimeridian.
    pub bbox: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub kind: Option<String>,
    /// Free text: title, description, organiser, city, address.
    pub q: Option<String>,
    /// Page size, default 100, at most 1000.
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `cancelled` to include cancelled events (marked so).
    pub include: Option<String>,
}
