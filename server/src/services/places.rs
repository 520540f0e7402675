//! The city autocomplete.

use shared::PlaceList;

use super::Services;
use crate::domain::place_search::PlaceSearch;

pub fn search(services: &Services, search: &PlaceSearch) -> PlaceList {
    let places = services
        .places
        .search(&search.q, search.limit)
        .into_iter()
        .map(|p| services.places.to_place(p))
        .collect();
    PlaceList { places }
}
