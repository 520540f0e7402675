//! The action's own fields: text (safe, trimmed, bounded), kind, contact,
//! links, language and location visibility.

use shared::limits::{CONTACT_MAX, LINK_MAX, LINKS_MAX};
use shared::{EventKind, FieldError, FieldErrors, LocationVisibility};

use crate::domain::safe_text;

fn clean(s: &str, multiline: bool) -> Result<String, FieldError> {
    if multiline {
        safe_text::multi_line(s)
    } else {
        safe_text::one_line(s)
    }
}

/// A one-line text that must be given and fit `max` characters.
pub(super) fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    match value.map(|v| clean(v, false)) {
        None => errors.add(field, FieldError::Required),
        Some(Err(why)) => errors.add(field, why),
        Some(Ok(v)) if v.is_empty() => errors.add(field, FieldError::Required),
        Some(Ok(v)) if v.chars().count() > max => errors.add(field, FieldError::TooLong { max }),
        Some(Ok(v)) => return Some(v),
    }
    None
}

/// A text that may be left out (empty counts as left out).
pub(super) fn optional_text(
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
            errors.add(field, FieldError::TooLong { max });
            None
        }
        Some(Ok(v)) => Some(v),
    }
}

fn kind_names() -> Vec<String> {
    EventKind::ALL.map(|k| k.as_str().to_string()).to_vec()
}

pub(super) fn kind(errors: &mut FieldErrors, value: Option<&str>) -> Option<EventKind> {
    match value.map(str::trim) {
        None | Some("") => {
            errors.add(
                "kind",
                FieldError::RequiredOneOf {
                    allowed: kind_names(),
                },
            );
            None
        }
        Some(k) => parse_kind(k).map_err(|why| errors.add("kind", why)).ok(),
    }
}

/// One of `EventKind::ALL` by its name (`letter_writing`).
pub fn parse_kind(value: &str) -> Result<EventKind, FieldError> {
    value.parse().map_err(|_| FieldError::NotOneOf {
        value: value.to_string(),
        allowed: kind_names(),
    })
}

/// The private contact: an email address, required unless `required` is
/// false (an update after the contact was erased at the end of retention).
pub(super) fn contact_email(
    errors: &mut FieldErrors,
    value: Option<&str>,
    required: bool,
) -> Option<String> {
    match value.map(str::trim) {
        None | Some("") if !required => Some(String::new()),
        None | Some("") => {
            errors.add("contact_email", FieldError::ContactRequired);
            None
        }
        Some(e) if e.len() > CONTACT_MAX || !email_address::EmailAddress::is_valid(e) => {
            errors.add(
                "contact_email",
                FieldError::InvalidEmail {
                    example: "name@example.org".into(),
                },
            );
            None
        }
        Some(e) => Some(e.to_string()),
    }
}

pub(super) fn visibility(errors: &mut FieldErrors, value: Option<&str>) -> LocationVisibility {
    match value.map(str::trim) {
        None | Some("") => LocationVisibility::Exact,
        Some(v) => v.parse().unwrap_or_else(|_| {
            errors.add(
                "location_visibility",
                FieldError::NotOneOf {
                    value: v.to_string(),
                    allowed: [LocationVisibility::Exact, LocationVisibility::City]
                        .map(|v| v.as_str().to_string())
                        .to_vec(),
                },
            );
            LocationVisibility::default()
        }),
    }
}

/// At most `LINKS_MAX` http(s) links; all refused when one is bad.
pub(super) fn links(errors: &mut FieldErrors, links: &[String]) -> Vec<String> {
    if links.len() > LINKS_MAX {
        errors.add("links", FieldError::TooManyLinks { max: LINKS_MAX });
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

/// A BCP 47-shaped tag (`en`, `fa`, `pt-BR`), not checked against a registry.
pub(super) fn language(
    errors: &mut FieldErrors,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let language = optional_text(errors, "language", value, max, false)?;
    let well_formed = language
        .split('-')
        .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if well_formed {
        Some(language)
    } else {
        errors.add("language", FieldError::InvalidLanguageTag);
        None
    }
}
