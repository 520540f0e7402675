//! Endorsements: the public form and list; approval and import by the
//! campaign's moderators.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use shared::{
    Endorse, Endorsement, EndorsementList, EndorsementStatus, ErrorBody, FieldError, FieldErrors,
    ImportResult,
};

use super::extract::{ApiJson, ApiQuery, CsvBody, FromQuery, MaybeOrganiser, OrganiserSession};
use crate::error::ApiError;
use crate::services::Services;
use crate::services::endorsements::{self, Listing};
use crate::state::AppState;

/// `?status=` of the list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EndorsementQuery {
    /// `pending`, `approved`, `rejected` or `all`: for the campaign's
    /// moderators (with the private contact). Without it: the approved ones.
    pub status: Option<String>,
}

impl FromQuery for Listing {
    type Raw = EndorsementQuery;
    fn from_query(raw: EndorsementQuery) -> Result<Self, FieldErrors> {
        Listing::parse(raw.status.as_deref())
    }
}

fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_field("id", FieldError::PositiveWholeNumber))
}

/// Sign a campaign's call. It is public once a moderator approves it.
#[utoipa::path(post, operation_id = "endorse_campaign", path = "/api/v1/campaigns/{slug}/endorsements", tag = "endorsements",
    params(("slug" = String, Path, description = "the campaign's slug")),
    request_body = Endorse,
    responses((status = 201, body = Endorsement, description = "Waiting for approval"),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "The campaign is archived"),
        (status = 422, body = ErrorBody)))]
pub async fn endorse(
    State(services): State<Services>,
    Path(slug): Path<String>,
    ApiJson(req): ApiJson<Endorse>,
) -> Result<impl IntoResponse, ApiError> {
    let endorsement = endorsements::endorse(&services, &slug, req).await?;
    Ok((StatusCode::CREATED, Json(endorsement)))
}

/// The approved endorsements, by country, city and name; moderators ask
/// for others with `status`.
#[utoipa::path(get, operation_id = "list_endorsements", path = "/api/v1/campaigns/{slug}/endorsements", tag = "endorsements",
    params(("slug" = String, Path, description = "the campaign's slug"), EndorsementQuery),
    responses((status = 200, body = EndorsementList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody, description = "`status` without an organiser's session"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    MaybeOrganiser(viewer): MaybeOrganiser,
    Path(slug): Path<String>,
    ApiQuery(listing): ApiQuery<Listing>,
) -> Result<Json<EndorsementList>, ApiError> {
    Ok(Json(
        endorsements::list(&state.services, &slug, listing, viewer.as_ref()).await?,
    ))
}

async fn decide(
    state: &AppState,
    session: &OrganiserSession,
    id: &str,
    status: EndorsementStatus,
) -> Result<Json<Endorsement>, ApiError> {
    let id = parse_id(id)?;
    Ok(Json(
        endorsements::decide(&state.services, &session.viewer, id, status).await?,
    ))
}

/// Approve an endorsement: it joins the public list and count.
#[utoipa::path(post, operation_id = "approve_endorsement", path = "/api/v1/endorsements/{id}/approve", tag = "endorsements",
    params(("id" = i64, Path)),
    responses((status = 200, body = Endorsement), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    session: OrganiserSession,
    Path(id): Path<String>,
) -> Result<Json<Endorsement>, ApiError> {
    decide(&state, &session, &id, EndorsementStatus::Approved).await
}

/// Reject an endorsement: it is never public (or no longer).
#[utoipa::path(post, operation_id = "reject_endorsement", path = "/api/v1/endorsements/{id}/reject", tag = "endorsements",
    params(("id" = i64, Path)),
    responses((status = 200, body = Endorsement), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    session: OrganiserSession,
    Path(id): Path<String>,
) -> Result<Json<Endorsement>, ApiError> {
    decide(&state, &session, &id, EndorsementStatus::Rejected).await
}

/// Import a list: CSV with the header `name,name_alt,city,country_code,website`.
/// Valid lines become approved endorsements; the others are listed.
#[utoipa::path(post, operation_id = "import_endorsements", path = "/api/v1/campaigns/{slug}/endorsements/import", tag = "endorsements",
    params(("slug" = String, Path, description = "the campaign's slug")),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportResult), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 415, body = ErrorBody, description = "The body is not text/csv"),
        (status = 422, body = ErrorBody, description = "The header row is not the expected one")))]
pub async fn import(
    State(state): State<AppState>,
    session: OrganiserSession,
    Path(slug): Path<String>,
    CsvBody(text): CsvBody,
) -> Result<Json<ImportResult>, ApiError> {
    Ok(Json(
        endorsements::import(&state.services, &session.viewer, &slug, &text).await?,
    ))
}
