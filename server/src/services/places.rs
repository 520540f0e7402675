//! The city autocomplete.

use shared::{FieldErrors, PlaceList};

use super::{ServiceResult, Services};

pub const LIMIT_DEFAULT: usize = 10;
pub const LIMIT_MAX: usize = 50;

pub fn search(
    services: &Services,
    q: Option<&str>,
    limit: Option<&str>,
) -> ServiceResult<PlaceList> {
    let mut errors = FieldErrors::new();
    let q = q.map(str::trim).unwrap_or_default();
    if q.is_empty() {
        errors.add(
            "q",
            "is required: the start of a city's name, in any language",
        );
    } else if q.chars().count() > 100 {
        errors.add("q", "must be at most 100 characters");
    }
    let limit = match limit.map(str::trim).filter(|l| !l.is_empty()) {
        None => LIMIT_DEFAULT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=LIMIT_MAX).contains(&n) => n,
            _ => {
                errors.add(
                    "limit",
                    format!("must be a whole number from 1 to {LIMIT_MAX}"),
                );
                LIMIT_DEFAULT
            }
        },
    };
    errors.into_result()?;
    let places = services
        .places
        .search(q, limit)
        .into_iter()
        .map(|p| services.places.to_place(p))
        .collect();
    Ok(PlaceList { places })
}
