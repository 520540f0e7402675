use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use shared::{ErrorBody, FieldErrors, PlaceList};

use super::extract::{ApiQuery, FromQuery};
use crate::domain::place_search::PlaceSearch;
use crate::services::{Services, places};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceQuery {
    /// The start of a city's name in any language and script.
    pub q: Option<String>,
    /// At most 50; default 10.
    pub limit: Option<String>,
}

impl FromQuery for PlaceSearch {
    type Raw = PlaceQuery;
    fn from_query(raw: PlaceQuery) -> Result<Self, FieldErrors> {
        PlaceSearch::parse(raw.q.as_deref(), raw.limit.as_deref())
    }
}

/// City autocomplete over the gazetteer: prefix, accent- and case-insensitive,
/// any name in any script; a match on a city's own name before one on its
/// other names, then best-known first.
#[utoipa::path(get, operation_id = "search_places", path = "/api/v1/places", tag = "places", params(PlaceQuery),
    responses((status = 200, body = PlaceList), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(services): State<Services>,
    ApiQuery(search): ApiQuery<PlaceSearch>,
) -> Json<PlaceList> {
    Json(places::search(&services, &search))
}
