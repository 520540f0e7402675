//! What every query string parser reads alike: a parameter given but blank
//! counts as absent, and a page size is a whole number in a range.

use shared::{FieldError, FieldErrors};

/// The parameter trimmed, or `None` when it is absent or blank.
pub fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|v| !v.is_empty())
}

/// `field` as a whole number from 1 to `max`, `default` when absent; a wrong
/// one is recorded in `errors` (and `default` returned, so that parsing goes
/// on to name every other problem).
pub fn limit(
    raw: Option<&str>,
    field: &str,
    default: u64,
    max: u64,
    errors: &mut FieldErrors,
) -> u64 {
    match present(raw) {
        None => default,
        Some(v) => match v.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                errors.add(field, FieldError::WholeNumberRange { min: 1, max });
                default
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_absent_and_limits_are_bounded() {
        assert_eq!(present(Some("  ")), None);
        assert_eq!(present(Some(" DE ")), Some("DE"));
        let mut errors = FieldErrors::new();
        assert_eq!(limit(None, "limit", 10, 50, &mut errors), 10);
        assert_eq!(limit(Some(" 50 "), "limit", 10, 50, &mut errors), 50);
        assert!(errors.is_empty());
        assert_eq!(limit(Some("51"), "limit", 10, 50, &mut errors), 10);
        assert_eq!(
            errors.get("limit"),
            Some(&FieldError::WholeNumberRange { min: 1, max: 50 })
        );
    }
}
