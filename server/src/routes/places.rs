use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use shared::{ErrorBody, PlaceList};

use crate::error::ApiError;
use crate::services::{Services, places};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceQuery {
    /// The start of a city's name in any language and script.
    pub q: Option<String>,
    /// At most 50; default 10.
    pub limit: Option<String>,
}

/// City autocomplete over the gazetteer: prefix, accent- and case-insensitive,
/// any name in any script; best-known first.
#[utoipa::path(get, operation_id = "search_places", path = "/api/v1/places", tag = "places", params(PlaceQuery),
    responses((status = 200, body = PlaceList), (status = 422, body = ErrorBody)))]
pub async fn search(
    State(services): State<Services>,
    query: Result<Query<PlaceQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PlaceList>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    Ok(Json(places::search(
        &services,
        query.q.as_deref(),
        query.limit.as_deref(),
    )?))
}
