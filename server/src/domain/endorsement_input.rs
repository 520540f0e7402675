//! What a valid endorsement is: a name (and optionally a second one in
//! another script), a city of the gazetteer (which fixes the country) or a
//! country alone, a web link, and the private contact (required on the public
//! form; an imported list has none).

use shared::limits::{CITY_MAX, LINK_MAX};
use shared::{Endorse, FieldError, FieldErrors};

use crate::domain::{input_fields, safe_text};
use crate::gazetteer::Gazetteer;

/// The longest name (and second name) of an organisation.
pub const NAME_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct EndorsementDraft {
    pub name: String,
    pub name_alt: Option<String>,
    /// The gazetteer's name of the city.
    pub city: Option<String>,
    pub place_id: Option<i64>,
    pub country_code: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
}

/// A one-line text, required or not.
fn text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
    required: bool,
) -> Option<String> {
    if required {
        input_fields::required_text(errors, field, value, max)
    } else {
        input_fields::optional_text(errors, field, value, max, false)
    }
}

/// The private contact; `None` when left out and not required.
fn email(errors: &mut FieldErrors, value: Option<&str>, required: bool) -> Option<String> {
    input_fields::contact_email(errors, value, required).filter(|e| !e.is_empty())
}

/// Checks an endorsement; `contact_required` on the public form.
pub fn validate(
    req: &Endorse,
    places: &Gazetteer,
    contact_required: bool,
) -> Result<EndorsementDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", req.name.as_deref(), NAME_MAX, true);
    let name_alt = text(
        &mut errors,
        "name_alt",
        req.name_alt.as_deref(),
        NAME_MAX,
        false,
    );
    let website = match req.website.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(link) => match safe_text::link(link, LINK_MAX) {
            Ok(link) => Some(link),
            Err(why) => {
                errors.add("website", why);
                None
            }
        },
    };
    let contact_email = email(&mut errors, req.contact_email.as_deref(), contact_required);

    let country = input_fields::country_code(&mut errors, req.country_code.as_deref(), places);
    let city = text(&mut errors, "city", req.city.as_deref(), CITY_MAX, false);
    let place = match (req.place_id, &city, &country) {
        (Some(id), _, _) => match places.get(id) {
            Some(p) => Some(places.city_of(p)),
            None => {
                errors.add("place_id", FieldError::UnknownPlace);
                None
            }
        },
        (None, Some(city), Some(cc)) if !errors.has("country_code") => {
            match places.find_city(city, cc, None) {
                Some(p) => Some(places.city_of(p)),
                None => {
                    errors.add("city", FieldError::CityNotFound);
                    None
                }
            }
        }
        (None, Some(_), None) => {
            errors.add("country_code", FieldError::CountryRequiredWithCity);
            None
        }
        _ => None,
    };
    if let (Some(p), Some(cc)) = (place, &country)
        && !p.country_code.eq_ignore_ascii_case(cc)
    {
        errors.add(
            "country_code",
            FieldError::WrongCountry {
                city: p.name.to_string(),
                country_code: p.country_code.to_string(),
                given: cc.clone(),
            },
        );
    }
    errors.into_result()?;
    let Some(name) = name else {
        return Err(FieldErrors::one("name", FieldError::Required));
    };
    Ok(EndorsementDraft {
        name,
        name_alt,
        city: place.map(|p| p.name.to_string()),
        place_id: place.map(|p| p.id),
        country_code: place.map(|p| p.country_code.to_string()).or(country),
        website,
        contact_email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> std::sync::Arc<Gazetteer> {
        Gazetteer::shared().expect("gazetteer")
    }

    fn endorse() -> Endorse {
        Endorse {
            name: Some("Workers' solidarity".into()),
            contact_email: Some("contact@example.org".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_city_fixes_the_country_and_persian_is_kept() {
        let places = places();
        let draft = validate(
            &Endorse {
                name_alt: Some("همبستگی کارگران هفت‌تپه".into()),
                city: Some("Berlin".into()),
                country_code: Some("de".into()),
                website: Some("https://example.org".into()),
                ..endorse()
            },
            &places,
            true,
        )
        .expect("valid");
        assert_eq!(draft.city.as_deref(), Some("Berlin"));
        assert_eq!(draft.country_code.as_deref(), Some("DE"));
        assert_eq!(draft.name_alt.as_deref(), Some("همبستگی کارگران هفت‌تپه"));

        let by_id = validate(
            &Endorse {
                place_id: Some(2950159),
                ..endorse()
            },
            &places,
            true,
        )
        .expect("valid");
        assert_eq!(by_id.country_code.as_deref(), Some("DE"));
    }

    #[test]
    fn each_field_is_named() {
        let places = places();
        let fields = |req: Endorse, required: bool| {
            validate(&req, &places, required)
                .expect_err("invalid")
                .0
                .into_keys()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(
                Endorse {
                    name: Some(" ".into()),
                    ..endorse()
                },
                true
            ),
            ["name"]
        );
        assert_eq!(
            fields(
                Endorse {
                    name: Some("x".repeat(201)),
                    ..endorse()
                },
                true
            ),
            ["name"]
        );
        assert_eq!(
            fields(
                Endorse {
                    contact_email: None,
                    ..endorse()
                },
                true
            ),
            ["contact_email"]
        );
        assert!(
            validate(
                &Endorse {
                    contact_email: None,
                    ..endorse()
                },
                &places,
                false
            )
            .is_ok()
        );
        assert_eq!(
            fields(
                Endorse {
                    website: Some("javascript:alert(1)".into()),
                    ..endorse()
                },
                true
            ),
            ["website"]
        );
        assert_eq!(
            fields(
                Endorse {
                    city: Some("Nowhereville".into()),
                    country_code: Some("DE".into()),
                    ..endorse()
                },
                true
            ),
            ["city"]
        );
        assert_eq!(
            fields(
                Endorse {
                    city: Some("Berlin".into()),
                    ..endorse()
                },
                true
            ),
            ["country_code"]
        );
        assert_eq!(
            fields(
                Endorse {
                    place_id: Some(2950159),
                    country_code: Some("FR".into()),
                    ..endorse()
                },
                true
            ),
            ["country_code"]
        );
        assert_eq!(
            fields(
                Endorse {
                    name_alt: Some("a\u{202E}b".into()),
                    ..endorse()
                },
                true
            ),
            ["name_alt"]
        );
    }
}
