//! The filters of the campaign's actions, and one rule for them on both
//! sides: every query to the server carries `kind`, `country` and `q` (the
//! server filters the near search and any list), and the list already in
//! the browser is filtered by the server's own rule: `shared::text::fold`
//! over the same public fields, the folded query a substring of the folded
//! text (`server/src/domain/event_input*.rs`, `search_text`).

use shared::text::fold;
use shared::{Event, EventKind, EventQuery, MapPoint, MapPointsQuery};

/// How far a near search reaches, in km: the whole Earth, the nearest first.
const NEAR_WITHIN_KM: &str = "20000";
/// How many actions a near search shows.
const NEAR_LIMIT: &str = "50";
/// The first page of the list is small so that it shows at once.
const FIRST_PAGE: &str = "50";

/// The text the server's `q` searches in an event: title, description,
/// organiser, city and address, joined by spaces and folded. An event as
/// the public receives it carries its address only when the address is
/// public, so this never matches a hidden one.
pub fn search_text(e: &Event) -> String {
    let parts = [
        Some(e.title.as_str()),
        e.description.as_deref(),
        Some(e.organiser_name.as_str()),
        Some(e.place.city.as_str()),
        e.place.address.as_deref(),
    ];
    fold(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
}

/// An event of the loaded list with its search text, folded once.
#[derive(Debug, Clone, PartialEq)]
pub struct Indexed {
    pub event: Event,
    text: String,
}

impl From<Event> for Indexed {
    fn from(event: Event) -> Self {
        let text = search_text(&event);
        Indexed { event, text }
    }
}

/// What the supporter filters by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub kind: Option<EventKind>,
    /// ISO 3166-1 alpha-2, empty for all countries.
    pub country: String,
    /// As typed.
    pub text: String,
}

impl Filters {
    /// Sets `kind`, `country` and `q` of a query to these filters.
    pub fn add_to(&self, query: &mut EventQuery) {
        query.kind = self.kind.map(|k| k.as_str().to_string());
        query.country = non_empty(&self.country);
        query.q = non_empty(&self.text);
    }

    /// The filters made ready to test many events.
    pub fn matcher(&self) -> Matcher {
        Matcher {
            kind: self.kind,
            country: self.country.trim().to_ascii_uppercase(),
            text: fold(&self.text),
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// [`Filters`] with the query folded.
#[derive(Debug, Clone, PartialEq)]
pub struct Matcher {
    kind: Option<EventKind>,
    country: String,
    text: String,
}

impl Matcher {
    /// Whether a map point passes the kind and the country (a point has no
    /// text: with words, the map shows the list's matches).
    pub fn matches_point(&self, p: &MapPoint) -> bool {
        self.kind.is_none_or(|k| p.kind == k)
            && (self.country.is_empty() || p.country_code == self.country)
    }

    /// The filters search for words.
    pub fn has_text(&self) -> bool {
        !self.text.is_empty()
    }

    pub fn matches(&self, e: &Indexed) -> bool {
        self.kind.is_none_or(|k| e.event.kind == k)
            && (self.country.is_empty() || e.event.place.country_code == self.country)
            && (self.text.is_empty() || e.text.contains(&self.text))
    }
}

/// The first page of the whole list (cancelled actions too, marked so),
/// filtered by the server with `fixed` (the embed's country).
pub fn list_query(fixed: &Filters) -> EventQuery {
    let mut query = EventQuery {
        include: Some("cancelled".into()),
        limit: Some(FIRST_PAGE.into()),
        ..Default::default()
    };
    fixed.add_to(&mut query);
    query
}

/// The map's points (cancelled actions too, marked so), filtered by the
/// server with `fixed` (the embed's country).
pub fn points_query(fixed: &Filters) -> MapPointsQuery {
    let mut query = EventQuery::default();
    fixed.add_to(&mut query);
    MapPointsQuery {
        country: query.country,
        kind: query.kind,
        include: Some("cancelled".into()),
    }
}

/// The nearest actions to `near` (`LAT,LON`) that pass the filters: the
/// server filters, so "vigils near me" are the nearest vigils.
pub fn near_query(near: &str, filters: &Filters) -> EventQuery {
    let mut query = EventQuery {
        near: Some(near.to_string()),
        within_km: Some(NEAR_WITHIN_KM.into()),
        limit: Some(NEAR_LIMIT.into()),
        ..Default::default()
    };
    filters.add_to(&mut query);
    query
}

/// The browser's position as sent to the server: two decimals (about 1 km),
/// so the exact fix of a supporter never leaves the browser.
pub fn rounded_position(lat: f64, lon: f64) -> String {
    let round = |v: f64| {
        let r = (v * 100.0).round() / 100.0;
        // No "-0.00".
        if r == 0.0 { 0.0 } else { r }
    };
    format!("{:.2},{:.2}", round(lat), round(lon))
}

/// A place's centre (public data), as precise as it is.
pub fn place_position(lat: f64, lon: f64) -> String {
    format!("{lat:.5},{lon:.5}")
}

#[cfg(test)]
pub(crate) mod tests {
    use shared::text::FOLD_CASES;
    use shared::{EventPlace, EventStatus, LocalTimes, LocationVisibility};

    use super::*;

    /// A published Berlin vigil titled `title`.
    pub(crate) fn event(title: &str) -> Event {
        Event {
            id: 1,
            campaign: "day".into(),
            title: title.into(),
            kind: EventKind::Vigil,
            description: None,
            organiser_name: "Group".into(),
            public_contact: None,
            place: EventPlace {
                city: "Berlin".into(),
                country_code: "DE".into(),
                country: "Germany".into(),
                address: None,
                latitude: 52.52,
                longitude: 13.405,
                place_id: Some(2950159),
            },
            location_visibility: LocationVisibility::Exact,
            timezone: "Europe/Berlin".into(),
            starts_at: "2026-11-05T14:00:00+01:00".into(),
            ends_at: None,
            starts_at_utc: "2026-11-05T13:00:00Z".into(),
            local: LocalTimes {
                date: "2026-11-05".into(),
                start: "14:00".into(),
                end: None,
                utc_offset: "+01:00".into(),
                zone_abbreviation: "CET".into(),
            },
            links: Vec::new(),
            language: Some("en".into()),
            status: EventStatus::Published,
            cancelled: false,
            version: 1,
            created_at: "2026-10-01".into(),
            updated_at: "2026-10-01".into(),
            contact_email: None,
            distance_km: None,
        }
    }

    fn text(q: &str) -> Matcher {
        Filters {
            text: q.into(),
            ..Default::default()
        }
        .matcher()
    }

    #[test]
    fn the_shared_fold_cases_hold_in_the_list_filter() {
        for (title, query, found) in FOLD_CASES {
            let e = Indexed::from(event(title));
            assert_eq!(text(query).matches(&e), *found, "{query:?} in {title:?}");
        }
    }

    #[test]
    fn text_searches_the_public_fields_the_server_searches() {
        let mut e = event("Rally");
        e.description = Some("Bring placards".into());
        e.organiser_name = "Gothenburg solidarity group".into();
        e.place.city = "Göteborg".into();
        e.place.address = Some("Järntorget".into());
        e.public_contact = Some("phone 123".into());
        let e = Indexed::from(e);
        for q in [
            "placards",
            "gothenburg",
            "goteborg",
            "jarntorget",
            "rally bring",
        ] {
            assert!(text(q).matches(&e), "{q}");
        }
        // Not searched by the server, so not here either.
        assert!(!text("phone").matches(&e));
        assert!(!text("vigil").matches(&e), "the kind is a filter, not text");
    }

    #[test]
    fn an_empty_or_blank_query_matches_everything() {
        let e = Indexed::from(event("Rally"));
        assert!(text("").matches(&e));
        assert!(text("  ").matches(&e));
        assert!(text("!!").matches(&e), "folds to nothing, as on the server");
    }

    #[test]
    fn kind_and_country_filter_too() {
        let e = Indexed::from(event("Vigil"));
        let only = |kind, country: &str| {
            Filters {
                kind,
                country: country.into(),
                text: String::new(),
            }
            .matcher()
            .matches(&e)
        };
        assert!(only(Some(EventKind::Vigil), "DE"));
        assert!(only(None, "de"));
        assert!(!only(Some(EventKind::Rally), ""));
        assert!(!only(None, "FR"));
    }

    #[test]
    fn a_map_point_passes_by_the_same_kind_and_country() {
        let point = MapPoint::from(&event("Vigil"));
        let only = |kind, country: &str| {
            Filters {
                kind,
                country: country.into(),
                text: String::new(),
            }
            .matcher()
            .matches_point(&point)
        };
        assert!(only(Some(EventKind::Vigil), "de"));
        assert!(only(None, ""));
        assert!(!only(Some(EventKind::Rally), ""));
        assert!(!only(None, "FR"));
        assert!(text("vigil").has_text() && !text(" ").has_text());
    }

    #[test]
    fn the_points_query_carries_the_fixed_country_and_cancelled() {
        let q = points_query(&Filters {
            country: "DE".into(),
            ..Default::default()
        });
        assert_eq!(q.country.as_deref(), Some("DE"));
        assert_eq!(q.kind, None);
        assert_eq!(q.include.as_deref(), Some("cancelled"));
    }

    #[test]
    fn the_near_search_carries_the_filters() {
        let filters = Filters {
            kind: Some(EventKind::Vigil),
            country: "SE".into(),
            text: " Göteborg ".into(),
        };
        let q = near_query("57.71,11.97", &filters);
        assert_eq!(q.near.as_deref(), Some("57.71,11.97"));
        assert_eq!(q.kind.as_deref(), Some("vigil"));
        assert_eq!(q.country.as_deref(), Some("SE"));
        assert_eq!(q.q.as_deref(), Some("Göteborg"));
        assert_eq!(q.limit.as_deref(), Some(NEAR_LIMIT));
        let plain = near_query("0.00,0.00", &Filters::default());
        assert_eq!((plain.kind, plain.country, plain.q), (None, None, None));
    }

    #[test]
    fn the_list_query_carries_the_fixed_filters() {
        let q = list_query(&Filters {
            country: "DE".into(),
            ..Default::default()
        });
        assert_eq!(q.country.as_deref(), Some("DE"));
        assert_eq!(q.include.as_deref(), Some("cancelled"));
        assert_eq!(q.near, None);
    }

    #[test]
    fn the_position_sent_is_rounded_to_about_a_kilometre() {
        assert_eq!(rounded_position(52.520008123, 13.404954987), "52.52,13.40");
        assert_eq!(rounded_position(-0.001, 0.004), "0.00,0.00");
        assert_eq!(rounded_position(-33.868_82, 151.209_29), "-33.87,151.21");
        assert_eq!(place_position(57.70716, 11.96679), "57.70716,11.96679");
    }
}
