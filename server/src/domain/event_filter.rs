//! The filters of an event list, parsed from the query string.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use shared::limits::{PAGE_DEFAULT, PAGE_MAX, WITHIN_KM_DEFAULT, WITHIN_KM_MAX};
use shared::{EventKind, EventQuery, FieldError, FieldErrors, MapPointsQuery};

use super::event_input::parse_kind;
pub use super::geometry::BBox;
use super::query_param;
use super::text::fold;

/// Longest `q`, in characters.
pub const Q_MAX: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub latitude: f64,
    pub longitude: f64,
    pub within_km: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Keyset position in start-time order.
    After { starts_at_utc: i64, id: i64 },
    /// Position in distance order.
    Offset(u64),
}

impl Cursor {
    pub fn encode(&self) -> String {
        let raw = match self {
            Cursor::After { starts_at_utc, id } => format!("t:{starts_at_utc}:{id}"),
            Cursor::Offset(n) => format!("o:{n}"),
        };
        URL_SAFE_NO_PAD.encode(raw)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(s).ok()?).ok()?;
        let mut parts = raw.split(':');
        let cursor = match (parts.next()?, parts.next(), parts.next()) {
            ("t", Some(t), Some(id)) => Cursor::After {
                starts_at_utc: t.parse().ok()?,
                id: id.parse().ok()?,
            },
            ("o", Some(n), None) => Cursor::Offset(n.parse().ok()?),
            _ => return None,
        };
        parts.next().is_none().then_some(cursor)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventFilter {
    pub near: Option<Near>,
    pub bbox: Option<BBox>,
    pub country: Option<String>,
    pub kind: Option<EventKind>,
    /// Folded free text.
    pub text: Option<String>,
    pub limit: u64,
    pub cursor: Option<Cursor>,
    pub include_cancelled: bool,
}

impl EventFilter {
    /// The filters as one text, the key of a kept copy of their page; none
    /// for a point, a box or a text, which differ from one asker to the
    /// next. (`Debug` writes each value exactly, so two keys are equal only
    /// for the same filters.)
    pub fn cache_key(&self) -> Option<String> {
        (self.near.is_none() && self.bbox.is_none() && self.text.is_none())
            .then(|| format!("{self:?}"))
    }

    pub fn parse(query: &EventQuery) -> Result<EventFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let present = |v: &Option<String>| query_param::present(v.as_deref()).map(str::to_string);

        let within_km = match present(&query.within_km) {
            None => WITHIN_KM_DEFAULT,
            Some(v) => match v.parse::<f64>() {
                Ok(km) if km > 0.0 && km <= WITHIN_KM_MAX => km,
                _ => {
                    errors.add(
                        "within_km",
                        FieldError::DistanceRange { max: WITHIN_KM_MAX },
                    );
                    WITHIN_KM_DEFAULT
                }
            },
        };
        if query.within_km.is_some() && present(&query.near).is_none() {
            errors.add("within_km", FieldError::NeedsNear);
        }
        let near = present(&query.near).and_then(|v| match parse_numbers::<2>(&v) {
            Some([lat, lon]) if valid_lat(lat) && valid_lon(lon) => Some(Near {
                latitude: lat,
                longitude: lon,
                within_km,
            }),
            _ => {
                errors.add(
                    "near",
                    FieldError::InvalidPoint {
                        example: "52.52,13.40".into(),
                    },
                );
                None
            }
        });
        let bbox = present(&query.bbox).and_then(|v| match parse_numbers::<4>(&v) {
            Some([min_lon, min_lat, max_lon, max_lat])
                if valid_lon(min_lon)
                    && valid_lon(max_lon)
                    && valid_lat(min_lat)
                    && valid_lat(max_lat)
                    && min_lat <= max_lat =>
            {
                Some(BBox {
                    min_lon,
                    min_lat,
                    max_lon,
                    max_lat,
                })
            }
            _ => {
                errors.add("bbox", FieldError::InvalidBbox);
                None
            }
        });
        let country = present(&query.country).and_then(|v| {
            if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
                Some(v.to_ascii_uppercase())
            } else {
                errors.add(
                    "country",
                    FieldError::InvalidCountryCode {
                        example: "DE".into(),
                    },
                );
                None
            }
        });
        let kind = present(&query.kind).and_then(|v| match parse_kind(&v) {
            Ok(k) => Some(k),
            Err(why) => {
                errors.add("kind", why);
                None
            }
        });
        let text = present(&query.q)
            .map(|q| fold(&q))
            .filter(|q| !q.is_empty());
        if query
            .q
            .as_deref()
            .is_some_and(|q| q.chars().count() > Q_MAX)
        {
            errors.add("q", FieldError::TooLong { max: Q_MAX });
        }
        let limit = query_param::limit(
            query.limit.as_deref(),
            "limit",
            PAGE_DEFAULT,
            PAGE_MAX,
            &mut errors,
        );
        let cursor = present(&query.cursor).and_then(|v| match Cursor::decode(&v) {
            Some(c @ Cursor::Offset(_)) if near.is_some() => Some(c),
            Some(c @ Cursor::After { .. }) if near.is_none() => Some(c),
            _ => {
                errors.add("cursor", FieldError::InvalidCursor);
                None
            }
        });
        let include_cancelled = match present(&query.include).as_deref() {
            None => false,
            Some("cancelled") => true,
            Some(_) => {
                errors.add(
                    "include",
                    FieldError::OnlyValue {
                        value: "cancelled".into(),
                    },
                );
                false
            }
        };
        errors.into_result()?;
        Ok(EventFilter {
            near,
            bbox,
            country,
            kind,
            text,
            limit,
            cursor,
            include_cancelled,
        })
    }
}

fn parse_numbers<const N: usize>(s: &str) -> Option<[f64; N]> {
    let mut out = [0.0; N];
    let mut parts = s.split(',');
    for slot in &mut out {
        let v: f64 = parts.next()?.trim().parse().ok()?;
        if !v.is_finite() {
            return None;
        }
        *slot = v;
    }
    parts.next().is_none().then_some(out)
}

fn valid_lat(v: f64) -> bool {
    (-90.0..=90.0).contains(&v)
}

fn valid_lon(v: f64) -> bool {
    (-180.0..=180.0).contains(&v)
}

/// The filters of the map's points: a list's country, kind and `include`,
/// parsed by the same rules (the map has no text, point, box or page).
#[derive(Debug, Clone, PartialEq)]
pub struct MapFilter(EventFilter);

impl MapFilter {
    pub fn parse(query: &MapPointsQuery) -> Result<MapFilter, FieldErrors> {
        EventFilter::parse(&EventQuery {
            country: query.country.clone(),
            kind: query.kind.clone(),
            include: query.include.clone(),
            ..EventQuery::default()
        })
        .map(MapFilter)
    }

    /// The list's filters that select the same actions.
    pub fn as_list(&self) -> &EventFilter {
        &self.0
    }

    /// The filters as one text, the key of a kept copy of the points.
    pub fn cache_key(&self) -> String {
        format!("{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> EventQuery {
        let mut q = EventQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "near" => q.near = v,
                "within_km" => q.within_km = v,
                "bbox" => q.bbox = v,
                "country" => q.country = v,
                "kind" => q.kind = v,
                "q" => q.q = v,
                "limit" => q.limit = v,
                "cursor" => q.cursor = v,
                "include" => q.include = v,
                _ => panic!("unknown {k}"),
            }
        }
        q
    }

    #[test]
    fn parses_every_filter() {
        let f = EventFilter::parse(&query(&[
            ("near", "52.52,13.40"),
            ("within_km", "25"),
            ("bbox", "170,-50,-170,-10"),
            ("country", "de"),
            ("kind", "vigil"),
            ("q", "  Haft Tappeh "),
            ("limit", "20"),
            ("include", "cancelled"),
        ]))
        .expect("valid");
        assert_eq!(
            f.near,
            Some(Near {
                latitude: 52.52,
                longitude: 13.40,
                within_km: 25.0
            })
        );
        assert_eq!(f.bbox.map(|b| b.min_lon > b.max_lon), Some(true));
        assert_eq!(f.country.as_deref(), Some("DE"));
        assert_eq!(f.kind, Some(EventKind::Vigil));
        assert_eq!(f.text.as_deref(), Some("haft tappeh"));
        assert_eq!(f.limit, 20);
        assert!(f.include_cancelled);
    }

    #[test]
    fn names_each_bad_parameter() {
        let err = EventFilter::parse(&query(&[
            ("near", "91,0"),
            ("bbox", "1,2,3"),
            ("country", "Germany"),
            ("kind", "party"),
            ("limit", "0"),
            ("cursor", "nonsense"),
            ("include", "everything"),
        ]))
        .expect_err("invalid");
        for field in [
            "near", "bbox", "country", "kind", "limit", "cursor", "include",
        ] {
            assert!(err.has(field), "{field} missing from {err:?}");
        }
    }

    #[test]
    fn cursors_round_trip_and_must_fit_the_order() {
        for c in [
            Cursor::After {
                starts_at_utc: 1_700_000_000,
                id: 42,
            },
            Cursor::Offset(300),
        ] {
            assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
        let offset = Cursor::Offset(5).encode();
        assert!(EventFilter::parse(&query(&[("cursor", &offset)])).is_err());
        assert!(EventFilter::parse(&query(&[("cursor", &offset), ("near", "0,0")])).is_ok());
    }
}
