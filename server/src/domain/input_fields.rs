//! Checks that several inputs share: safe bounded text, the private contact
//! address, a country code of the gazetteer. Each records its problem under
//! the field's name and returns the clean value, so that one pass names
//! every problem.

use shared::limits::CONTACT_MAX;
use shared::{FieldError, FieldErrors};

use crate::domain::safe_text;
use crate::gazetteer::Gazetteer;

fn clean(s: &str, multiline: bool) -> Result<String, FieldError> {
    if multiline {
        safe_text::multi_line(s)
    } else {
        safe_text::one_line(s)
    }
}

/// A one-line text that must be given and fit `max` characters.
pub fn required_text(
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
pub fn optional_text(
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

/// The private contact: an email address, required unless `required` is
/// false (an update after the contact was erased at the end of retention).
pub fn contact_email(
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

/// An ISO country code the gazetteer knows, upper-cased; `None` when absent.
pub fn country_code(
    errors: &mut FieldErrors,
    value: Option<&str>,
    places: &Gazetteer,
) -> Option<String> {
    let code = value
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty());
    if let Some(cc) = &code
        && places.country_name(cc).is_none()
    {
        errors.add(
            "country_code",
            FieldError::InvalidCountryCode {
                example: "DE".into(),
            },
        );
    }
    code
}
