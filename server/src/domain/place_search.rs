//! A city autocomplete query, parsed from the query string.

use shared::{FieldError, FieldErrors};

use super::query_param;

/// Default and largest number of suggestions.
pub const LIMIT_DEFAULT: usize = 10;
pub const LIMIT_MAX: usize = 50;
/// Longest query, in characters.
pub const Q_MAX: usize = 100;

/// `q` (the start of a city's name in any language, trimmed and not empty)
/// and how many suggestions to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceSearch {
    pub q: String,
    pub limit: usize,
}

impl PlaceSearch {
    pub fn parse(q: Option<&str>, limit: Option<&str>) -> Result<PlaceSearch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let q = q.map(str::trim).unwrap_or_default();
        if q.is_empty() {
            errors.add("q", FieldError::SearchRequired);
        } else if q.chars().count() > Q_MAX {
            errors.add("q", FieldError::TooLong { max: Q_MAX });
        }
        let limit = query_param::limit(
            limit,
            "limit",
            LIMIT_DEFAULT as u64,
            LIMIT_MAX as u64,
            &mut errors,
        ) as usize;
        errors.into_result()?;
        Ok(PlaceSearch {
            q: q.to_string(),
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            PlaceSearch::parse(Some(" teh "), None),
            Ok(PlaceSearch {
                q: "teh".into(),
                limit: LIMIT_DEFAULT
            })
        );
        let err = PlaceSearch::parse(Some(""), Some("abc")).expect_err("invalid");
        assert_eq!(err.get("q"), Some(&FieldError::SearchRequired));
        assert_eq!(
            err.get("limit"),
            Some(&FieldError::WholeNumberRange { min: 1, max: 50 })
        );
        let long = "x".repeat(Q_MAX + 1);
        let err = PlaceSearch::parse(Some(&long), Some("0")).expect_err("invalid");
        assert_eq!(err.get("q"), Some(&FieldError::TooLong { max: Q_MAX }));
        assert!(err.has("limit"));
    }
}
