//! Where an action is: the gazetteer city (by `place_id`, or by `city` +
//! `country_code`, the namesake nearest the pin), the meeting point (at most
//! `MAX_KM_FROM_CITY` from the city's centre), what the public sees of it,
//! and the time zone that follows from that.

use chrono_tz::Tz;
use shared::limits::{ADDRESS_MAX, CITY_MAX};
use shared::{FieldError, FieldErrors, LocationVisibility, RegisterEvent};

use super::fields::optional_text;
use crate::domain::geometry::distance_km;
use crate::domain::text::fold;
use crate::gazetteer::{Gazetteer, PlaceRecord};
use crate::zones::ZoneFinder;

/// How far the meeting point may be from the centre of the city it names.
pub const MAX_KM_FROM_CITY: f64 = 100.0;

const ZONE_EXAMPLE: &str = "Europe/Berlin";

#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// The gazetteer's name of the place (one real city whatever the
    /// spelling), or the group's own name of a place far from any listed city.
    pub city: String,
    pub country_code: String,
    /// The gazetteer place; `None` only for a place far from every listed
    /// city, whose point is public.
    pub place_id: Option<i64>,
    pub address: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    /// The city's centre, shown instead of the point when only the city is public.
    pub centre_latitude: f64,
    pub centre_longitude: f64,
    pub timezone: Tz,
}

impl Location {
    /// What counts as one city: the gazetteer place, else the folded name
    /// and country.
    pub fn city_key(&self) -> String {
        match self.place_id {
            Some(id) => format!("p:{id}"),
            None => format!("c:{}|{}", fold(&self.city), self.country_code),
        }
    }
}

pub(super) fn resolve_location(
    errors: &mut FieldErrors,
    req: &RegisterEvent,
    visibility: LocationVisibility,
    places: &Gazetteer,
    zones: &ZoneFinder,
) -> Option<Location> {
    let country_code = req
        .country_code
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    if let Some(cc) = &country_code
        && places.country_name(cc).is_none()
    {
        errors.add(
            "country_code",
            FieldError::InvalidCountryCode {
                example: "DE".into(),
            },
        );
        return None;
    }
    let city = optional_text(errors, "city", req.city.as_deref(), CITY_MAX, false);
    let address = optional_text(
        errors,
        "address",
        req.address.as_deref(),
        ADDRESS_MAX,
        false,
    );
    let point = resolve_point(errors, req)?;

    let place = match find_place(
        req,
        city.as_deref(),
        country_code.as_deref(),
        point,
        visibility,
        places,
    ) {
        Ok(place) => place,
        Err((field, why)) => {
            errors.add(field, why);
            return None;
        }
    };
    // A section named after its city ("Berlin Mitte") is that city.
    let place = place.map(|p| places.city_of(p));
    if let (Some(p), Some(cc)) = (place, &country_code)
        && *p.country_code != **cc
    {
        errors.add(
            "country_code",
            FieldError::WrongCountry {
                city: p.name.to_string(),
                country_code: p.country_code.to_string(),
                given: cc.clone(),
            },
        );
        return None;
    }

    let (city, country_code, place_id, (latitude, longitude), centre) = match (place, point) {
        (Some(p), point) => {
            let centre = (p.latitude, p.longitude);
            let point = point.unwrap_or(centre);
            let km = distance_km(point, centre);
            if km > MAX_KM_FROM_CITY {
                errors.add(
                    "latitude",
                    FieldError::TooFarFromCity {
                        km: whole_km(km),
                        city: p.name.to_string(),
                    },
                );
                return None;
            }
            (
                p.name.to_string(),
                p.country_code.to_string(),
                Some(p.id),
                point,
                centre,
            )
        }
        (None, Some(point)) => (
            city.unwrap_or_default(),
            country_code.unwrap_or_default(),
            None,
            point,
            point,
        ),
        (None, None) => {
            errors.add("city", FieldError::CityNotFound);
            return None;
        }
    };

    // The zone of what the public sees: a city-only action takes its city
    // centre's zone, so that the zone never tells which side of a boundary
    // the hidden point is on.
    let public_point = match visibility {
        LocationVisibility::Exact => (latitude, longitude),
        LocationVisibility::City => centre,
    };
    let derived = zones
        .zone_at(public_point.0, public_point.1)
        .or_else(|| place.and_then(|p| p.timezone.parse().ok()));
    let timezone = match time_zone(req.timezone.as_deref(), derived, visibility) {
        Ok(tz) => tz,
        Err(why) => {
            errors.add("timezone", why);
            return None;
        }
    };

    Some(Location {
        city,
        country_code,
        place_id,
        address,
        latitude,
        longitude,
        centre_latitude: centre.0,
        centre_longitude: centre.1,
        timezone,
    })
}

/// Kilometres for a message, rounded to whole ones.
fn whole_km(km: f64) -> u32 {
    // A distance on Earth is at most ~20,000 km: it fits.
    km.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// The gazetteer city the request names. `Ok(None)`: a place far from
/// every listed city, which keeps the group's own name and a public point.
fn find_place<'a>(
    req: &RegisterEvent,
    city: Option<&str>,
    country_code: Option<&str>,
    point: Option<(f64, f64)>,
    visibility: LocationVisibility,
    places: &'a Gazetteer,
) -> Result<Option<&'a PlaceRecord>, (&'static str, FieldError)> {
    match (req.place_id, city, country_code) {
        (Some(id), _, _) => places
            .get(id)
            .map(Some)
            .ok_or(("place_id", FieldError::UnknownPlace)),
        (None, Some(city), Some(cc)) => match places.find_city(city, cc, point) {
            Some(p) => Ok(Some(p)),
            // A name the gazetteer does not list ("Berlin-Mitte", a spelling
            // of its own): the action belongs to the nearest listed city, so
            // that it counts as that one city and "city only" shows a real
            // city's centre.
            None => match point {
                Some(pt) => match places.city_around(pt, cc, MAX_KM_FROM_CITY) {
                    Some(p) => Ok(Some(p)),
                    // Far from every listed city (a remote island): the group's
                    // own place name, with its point public.
                    None if visibility == LocationVisibility::Exact => Ok(None),
                    None => Err((
                        "city",
                        FieldError::NoListedCityNear {
                            country_code: cc.to_string(),
                            km: whole_km(MAX_KM_FROM_CITY),
                        },
                    )),
                },
                None => Err(("city", FieldError::CityNotFound)),
            },
        },
        (None, None, _) => Err(("city", FieldError::CityRequired)),
        (None, Some(_), None) => Err(("country_code", FieldError::CountryRequiredWithCity)),
    }
}

/// The zone given, or the one derived from what the public sees. A city-only
/// action may not name another zone than its city's.
fn time_zone(
    given: Option<&str>,
    derived: Option<Tz>,
    visibility: LocationVisibility,
) -> Result<Tz, FieldError> {
    match (given.map(str::trim).filter(|t| !t.is_empty()), derived) {
        (Some(name), derived) => match name.parse::<Tz>() {
            Ok(tz)
                if visibility == LocationVisibility::City && derived.is_some_and(|d| d != tz) =>
            {
                Err(FieldError::CityTimeZone {
                    zone: derived.map(|d| d.name().to_string()).unwrap_or_default(),
                })
            }
            Ok(tz) => Ok(tz),
            Err(_) => Err(FieldError::InvalidTimeZone {
                example: ZONE_EXAMPLE.into(),
            }),
        },
        (None, Some(tz)) => Ok(tz),
        (None, None) => Err(FieldError::TimeZoneUnknown {
            example: ZONE_EXAMPLE.into(),
        }),
    }
}

/// The meeting point, when given: `Some(None)` when it is not, `None` when it
/// is given wrongly (the reason is in `errors`).
fn resolve_point(errors: &mut FieldErrors, req: &RegisterEvent) -> Option<Option<(f64, f64)>> {
    match (req.latitude, req.longitude) {
        (Some(lat), Some(lon)) => {
            let mut ok = true;
            if !(-90.0..=90.0).contains(&lat) {
                errors.add(
                    "latitude",
                    FieldError::NumberRange {
                        min: -90.0,
                        max: 90.0,
                    },
                );
                ok = false;
            }
            if !(-180.0..=180.0).contains(&lon) {
                errors.add(
                    "longitude",
                    FieldError::NumberRange {
                        min: -180.0,
                        max: 180.0,
                    },
                );
                ok = false;
            }
            ok.then_some(Some((lat, lon)))
        }
        (Some(_), None) => {
            errors.add(
                "longitude",
                FieldError::RequiredWith {
                    other: "latitude".into(),
                },
            );
            None
        }
        (None, Some(_)) => {
            errors.add(
                "latitude",
                FieldError::RequiredWith {
                    other: "longitude".into(),
                },
            );
            None
        }
        (None, None) => Some(None),
    }
}
