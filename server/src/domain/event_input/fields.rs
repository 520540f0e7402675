//! The action's own fields: text (safe, trimmed, bounded), kind, contact,
//! links, language and location visibility.

use shared::limits::{LINK_MAX, LINKS_MAX};
use shared::{EventKind, FieldError, FieldErrors, LocationVisibility};

pub(super) use crate::domain::input_fields::{contact_email, optional_text, required_text};
use crate::domain::safe_text;

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
