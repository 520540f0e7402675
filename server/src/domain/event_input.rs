//! A registration request becomes an `EventDraft` here, or a list of field
//! errors. Updates merge into the stored request and pass the same checks.

use chrono::NaiveDate;
use chrono_tz::Tz;
use shared::limits::*;
use shared::{EventKind, FieldErrors, LocationVisibility, RegisterEvent};

use super::geometry::distance_km;
use super::local_time::{self, LocalTimeError, ZonedTime};
use super::safe_text;
use super::text::fold;
use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

/// How far the meeting point may be from the centre of the city it names.
pub const MAX_KM_FROM_CITY: f64 = 100.0;

/// A validated action, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub kind: EventKind,
    pub description: Option<String>,
    pub organiser_name: String,
    pub contact_email: String,
    pub public_contact: Option<String>,
    pub location: Location,
    pub start: ZonedTime,
    pub end: Option<ZonedTime>,
    pub links: Vec<String>,
    pub language: Option<String>,
    pub visibility: LocationVisibility,
}

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

impl EventDraft {
    /// Lower-cased, accent-free text that the `q` filter searches: public
    /// fields only, so that a search never answers for a hidden address.
    pub fn search_text(&self) -> String {
        let address = match self.visibility {
            LocationVisibility::Exact => self.location.address.as_deref(),
            LocationVisibility::City => None,
        };
        let parts = [
            Some(self.title.as_str()),
            self.description.as_deref(),
            Some(self.organiser_name.as_str()),
            Some(self.location.city.as_str()),
            address,
        ];
        fold(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
    }
}

/// What the checks need besides the request.
pub struct Rules<'a> {
    pub places: &'a Gazetteer,
    pub zones: &'a ZoneFinder,
    /// The campaign's day(s) of action, as local dates.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// False for an update of an action whose contact was erased after its
    /// campaign (the retention period): it may stay without one.
    pub contact_required: bool,
}

pub fn validate(req: &RegisterEvent, rules: &Rules<'_>) -> Result<EventDraft, FieldErrors> {
    let mut errors = FieldErrors::new();

    let title = required_text(&mut errors, "title", req.title.as_deref(), TITLE_MAX);
    let kind = match req.kind.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add(
                "kind",
                format!("is required: one of {}", shared::kind_list()),
            );
            None
        }
        Some(k) => k
            .parse::<EventKind>()
            .map_err(|why| errors.add("kind", why))
            .ok(),
    };
    let description = optional_text(
        &mut errors,
        "description",
        req.description.as_deref(),
        DESCRIPTION_MAX,
        true,
    );
    let organiser_name = required_text(
        &mut errors,
        "organiser_name",
        req.organiser_name.as_deref(),
        ORGANISER_NAME_MAX,
    );
    let contact_email = match req.contact_email.as_deref().map(str::trim) {
        None | Some("") if !rules.contact_required => Some(String::new()),
        None | Some("") => {
            errors.add(
                "contact_email",
                "is required (organisers only: never shown to the public)",
            );
            None
        }
        Some(e) if e.len() > CONTACT_MAX || !email_address::EmailAddress::is_valid(e) => {
            errors.add(
                "contact_email",
                "must be an email address like name@example.org",
            );
            None
        }
        Some(e) => Some(e.to_string()),
    };
    let public_contact = optional_text(
        &mut errors,
        "public_contact",
        req.public_contact.as_deref(),
        CONTACT_MAX,
        false,
    );
    let visibility = match req.location_visibility.as_deref().map(str::trim) {
        None | Some("") => LocationVisibility::Exact,
        Some(v) => v
            .parse()
            .map_err(|why| errors.add("location_visibility", why))
            .unwrap_or_default(),
    };
    let location = resolve_location(&mut errors, req, visibility, rules);
    let links = validate_links(&mut errors, &req.links);
    let language = optional_text(
        &mut errors,
        "language",
        req.language.as_deref(),
        LANGUAGE_MAX,
        false,
    );
    if let Some(lang) = &language
        && !lang
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        errors.add("language", "must be a language tag like en, fa or pt-BR");
    }

    let (start, end) = match &location {
        Some(loc) => resolve_times(&mut errors, req, loc.timezone, rules),
        None => (None, None),
    };

    match (title, kind, organiser_name, contact_email, location, start) {
        (
            Some(title),
            Some(kind),
            Some(organiser_name),
            Some(contact_email),
            Some(location),
            Some(start),
        ) if errors.is_empty() => Ok(EventDraft {
            title,
            kind,
            description,
            organiser_name,
            contact_email,
            public_contact,
            location,
            start,
            end,
            links,
            language,
            visibility,
        }),
        _ => Err(errors),
    }
}

fn clean(s: &str, multiline: bool) -> Result<String, String> {
    if multiline {
        safe_text::multi_line(s)
    } else {
        safe_text::one_line(s)
    }
}

fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    match value.map(|v| clean(v, false)) {
        None => errors.add(field, "is required"),
        Some(Err(why)) => errors.add(field, why),
        Some(Ok(v)) if v.is_empty() => errors.add(field, "is required"),
        Some(Ok(v)) if v.chars().count() > max => {
            errors.add(field, format!("must be at most {max} characters"))
        }
        Some(Ok(v)) => return Some(v),
    }
    None
}

fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> Option<String> {
    match value.map(|v| clean(v, multiline)) {
        None => None,
        Some(Err(why)) => {
            errors.add(field, why);
            None
        }
        Some(Ok(v)) if v.is_empty() => None,
        Some(Ok(v)) if v.chars().count() > max => {
            errors.add(field, format!("must be at most {max} characters"));
            None
        }
        Some(Ok(v)) => Some(v),
    }
}

fn validate_links(errors: &mut FieldErrors, links: &[String]) -> Vec<String> {
    if links.len() > LINKS_MAX {
        errors.add("links", format!("at most {LINKS_MAX} links"));
        return Vec::new();
    }
    let mut out = Vec::new();
    for link in links {
        match safe_text::link(link, LINK_MAX) {
            Ok(link) => out.push(link),
            Err(why) => {
                errors.add("links", why);
                return Vec::new();
            }
        }
    }
    out
}

fn resolve_location(
    errors: &mut FieldErrors,
    req: &RegisterEvent,
    visibility: LocationVisibility,
    rules: &Rules<'_>,
) -> Option<Location> {
    let country_code = req
        .country_code
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    if let Some(cc) = &country_code
        && rules.places.country_name(cc).is_none()
    {
        errors.add("country_code", "must be a two-letter country code like DE");
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

    let place = match (req.place_id, &city, &country_code) {
        (Some(id), _, _) => match rules.places.get(id) {
            Some(p) => Some(p),
            None => {
                errors.add(
                    "place_id",
                    "is not a place of the gazetteer; pick a city from the suggestions",
                );
                return None;
            }
        },
        (None, Some(city), Some(cc)) => match rules.places.find_city(city, cc, point) {
            Some(p) => Some(p),
            // A name the gazetteer does not list ("Berlin-Mitte", a spelling
            // of its own): the action belongs to the nearest listed city, so
            // that it counts as that one city and "city only" shows a real
            // city's centre.
            None => match point {
                Some(pt) => match rules.places.city_around(pt, cc, MAX_KM_FROM_CITY) {
                    Some(p) => Some(p),
                    // Far from every listed city (a remote island): the group's
                    // own place name, with its point public.
                    None if visibility == LocationVisibility::Exact => None,
                    None => {
                        errors.add(
                            "city",
                            format!(
                                "showing only the city needs a listed city, and none of {cc} is within {MAX_KM_FROM_CITY:.0} km of the meeting point; pick a city from the suggestions or show the meeting point"
                            ),
                        );
                        return None;
                    }
                },
                None => {
                    errors.add(
                        "city",
                        "was not found in the gazetteer; pick a city from the suggestions (or give latitude and longitude)",
                    );
                    return None;
                }
            },
        },
        (None, None, _) => {
            errors.add("city", "is required (or place_id)");
            return None;
        }
        (None, Some(_), None) => {
            errors.add(
                "country_code",
                "is required with city when no place_id is given",
            );
            return None;
        }
    };
    // A section named after its city ("Berlin Mitte") is that city.
    let place = place.map(|p| rules.places.city_of(p));
    if let (Some(p), Some(cc)) = (place, &country_code)
        && *p.country_code != **cc
    {
        errors.add(
            "country_code",
            format!("{} is in {}, not {cc}", p.name, p.country_code),
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
                    format!(
                        "the meeting point is {km:.0} km from {}; move the pin closer or pick another city",
                        p.name
                    ),
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
            errors.add("city", "was not found in the gazetteer; pick a suggestion");
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
    let derived = rules
        .zones
        .zone_at(public_point.0, public_point.1)
        .or_else(|| place.and_then(|p| p.timezone.parse().ok()));
    let given = req
        .timezone
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let timezone = match (given, derived) {
        (Some(name), derived) => match name.parse::<Tz>() {
            Ok(tz)
                if visibility == LocationVisibility::City && derived.is_some_and(|d| d != tz) =>
            {
                let city_zone = derived.map(|d| d.name()).unwrap_or_default();
                errors.add(
                    "timezone",
                    format!(
                        "an action that shows only its city uses the city's time zone ({city_zone}); leave timezone out"
                    ),
                );
                return None;
            }
            Ok(tz) => tz,
            Err(_) => {
                errors.add(
                    "timezone",
                    "must be an IANA time zone name like Europe/Berlin",
                );
                return None;
            }
        },
        (None, Some(tz)) => tz,
        (None, None) => {
            errors.add(
                "timezone",
                "cannot be derived from these coordinates; give it, e.g. Europe/Berlin",
            );
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

/// The meeting point, when given. `Err` (as `None` from the caller's view)
/// when it is given wrongly; the reason is in `errors`.
fn resolve_point(errors: &mut FieldErrors, req: &RegisterEvent) -> Option<Option<(f64, f64)>> {
    match (req.latitude, req.longitude) {
        (Some(lat), Some(lon)) => {
            let mut ok = true;
            if !(-90.0..=90.0).contains(&lat) {
                errors.add("latitude", "must be between -90 and 90");
                ok = false;
            }
            if !(-180.0..=180.0).contains(&lon) {
                errors.add("longitude", "must be between -180 and 180");
                ok = false;
            }
            ok.then_some(Some((lat, lon)))
        }
        (Some(_), None) => {
            errors.add("longitude", "is required with latitude");
            None
        }
        (None, Some(_)) => {
            errors.add("latitude", "is required with longitude");
            None
        }
        (None, None) => Some(None),
    }
}

fn resolve_times(
    errors: &mut FieldErrors,
    req: &RegisterEvent,
    zone: Tz,
    rules: &Rules<'_>,
) -> (Option<ZonedTime>, Option<ZonedTime>) {
    let explain = |e: LocalTimeError| e.to_string();
    let start = match req
        .local_start
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => {
            errors.add(
                "local_start",
                "is required: the local date and time, e.g. 2026-11-05T14:00",
            );
            return (None, None);
        }
        Some(s) => match local_time::resolve(s, zone) {
            Ok(t) => t,
            Err(e) => {
                errors.add("local_start", explain(e));
                return (None, None);
            }
        },
    };
    let date = start.local.date();
    if !local_time::within_days(date, rules.first_day, rules.last_day) {
        let days = if rules.first_day == rules.last_day {
            format!("{}", rules.first_day)
        } else {
            format!("{} to {}", rules.first_day, rules.last_day)
        };
        errors.add(
            "local_start",
            format!(
                "must be on the campaign's day of action ({days}, local date in {}); {date} is not",
                zone.name()
            ),
        );
    }
    let end = match req
        .local_end
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => match local_time::resolve(s, zone) {
            Ok(end) if end.utc_seconds() <= start.utc_seconds() => {
                errors.add("local_end", "must be after local_start");
                None
            }
            Ok(end) if end.utc_seconds() - start.utc_seconds() > DURATION_MAX_HOURS * 3600 => {
                errors.add(
                    "local_end",
                    format!("an action may last at most {DURATION_MAX_HOURS} hours"),
                );
                None
            }
            Ok(end) => Some(end),
            Err(e) => {
                errors.add("local_end", explain(e));
                None
            }
        },
    };
    (Some(start), end)
}
