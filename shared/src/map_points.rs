//! The map's markers: every listed action of a campaign in one answer, with
//! only what a marker shows (its public point, title, place and local time),
//! not the whole action.

use serde::{Deserialize, Serialize};

use crate::event::{Event, EventKind};

/// One action on the map. The point is the public one: a group that shows
/// only its city is at the city's centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapPoint {
    pub id: i64,
    pub latitude: f64,
    pub longitude: f64,
    pub kind: EventKind,
    pub title: String,
    /// The language of the title, if the group gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    /// The IANA zone of the place.
    pub timezone: String,
    /// RFC 3339 in UTC.
    pub starts_at_utc: String,
    /// `+03:30` at the start.
    pub utc_offset: String,
    /// `+0330` where the zone has no letters, else e.g. `CET`.
    pub zone_abbreviation: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cancelled: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `GET /api/v1/campaigns/{slug}/points`: the campaign's listed actions by
/// start time, as markers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapPoints {
    pub points: Vec<MapPoint>,
}

/// Query of `GET /api/v1/campaigns/{slug}/points`: the filters of the list
/// that a map can take (no text, point, box or page).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MapPointsQuery {
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub kind: Option<String>,
    /// `cancelled` to include cancelled actions (marked so).
    pub include: Option<String>,
}

/// A marker for an action already loaded whole (a near search's answer).
impl From<&Event> for MapPoint {
    fn from(e: &Event) -> Self {
        MapPoint {
            id: e.id,
            latitude: e.place.latitude,
            longitude: e.place.longitude,
            kind: e.kind,
            title: e.title.clone(),
            language: e.language.clone(),
            city: e.place.city.clone(),
            country_code: e.place.country_code.clone(),
            timezone: e.timezone.clone(),
            starts_at_utc: e.starts_at_utc.clone(),
            utc_offset: e.local.utc_offset.clone(),
            zone_abbreviation: e.local.zone_abbreviation.clone(),
            cancelled: e.cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_leaves_out_what_it_does_not_say() {
        let point = MapPoint {
            id: 7,
            latitude: 52.52,
            longitude: 13.4,
            kind: EventKind::Vigil,
            title: "Vigil".into(),
            language: None,
            city: "Berlin".into(),
            country_code: "DE".into(),
            timezone: "Europe/Berlin".into(),
            starts_at_utc: "2026-05-01T08:00:00Z".into(),
            utc_offset: "+02:00".into(),
            zone_abbreviation: "CEST".into(),
            cancelled: false,
        };
        let json = serde_json::to_string(&point).expect("json");
        assert!(!json.contains("cancelled") && !json.contains("language"));
        let back: MapPoint = serde_json::from_str(&json).expect("back");
        assert_eq!(back, point);
        let cancelled = MapPoint {
            cancelled: true,
            ..point
        };
        let json = serde_json::to_string(&cancelled).expect("json");
        assert!(json.contains(r#""cancelled":true"#));
    }
}
