//! Organiser accounts (admins): the list, invitations, changes.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use shared::{
    AcceptInvite, ErrorBody, Invite, InviteLink, Organiser, OrganiserList, SessionInfo,
    UpdateOrganiser,
};

use super::extract::{ApiJson, OrganiserSession};
use super::session::session_cookie;
use crate::error::ApiError;
use crate::services::accounts::organisers;
use crate::state::AppState;

#[utoipa::path(get, operation_id = "list_organisers", path = "/api/v1/organisers", tag = "organisers",
    responses((status = 200, body = OrganiserList), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    session: OrganiserSession,
) -> Result<Json<OrganiserList>, ApiError> {
    Ok(Json(
        organisers::list(&state.services, &session.viewer).await?,
    ))
}

#[utoipa::path(post, operation_id = "invite_organiser", path = "/api/v1/organisers/invitations", tag = "organisers",
    request_body = Invite,
    responses((status = 201, body = InviteLink, description = "A one-time link, shown once"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    session: OrganiserSession,
    ApiJson(invite): ApiJson<Invite>,
) -> Result<impl IntoResponse, ApiError> {
    let link = organisers::invite(&state.services, &session.viewer, invite).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

#[utoipa::path(post, operation_id = "accept_invitation", path = "/api/v1/organisers/invitations/accept", tag = "organisers",
    request_body = AcceptInvite,
    responses((status = 200, body = SessionInfo, description = "Account made; logged in"),
        (status = 404, body = ErrorBody, description = "Used, expired or unknown"),
        (status = 422, body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(accept): ApiJson<AcceptInvite>,
) -> Result<impl IntoResponse, ApiError> {
    let (token, info) = organisers::accept(&state.services, accept).await?;
    Ok((jar.add(session_cookie(&state, token)), Json(info)))
}

#[utoipa::path(patch, operation_id = "update_organiser", path = "/api/v1/organisers/{id}", tag = "organisers",
    request_body = UpdateOrganiser, params(("id" = i64, Path)),
    responses((status = 200, body = Organiser), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    session: OrganiserSession,
    Path(id): Path<i64>,
    ApiJson(change): ApiJson<UpdateOrganiser>,
) -> Result<Json<Organiser>, ApiError> {
    Ok(Json(
        organisers::update(&state.services, &session.viewer, id, change).await?,
    ))
}
