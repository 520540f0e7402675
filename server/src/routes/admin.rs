//! For admins: the audit log and the outbox of notifications.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use shared::{AuditLog, ErrorBody, FieldErrors, Outbox};

use super::extract::{ApiQuery, FromQuery, OrganiserSession};
use crate::error::ApiError;
use crate::services::audit_log::{self, AuditQuery};
use crate::services::{ServiceError, notifications};
use crate::state::AppState;

/// The audit log's parameters, as text so that each can be named when wrong.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only this campaign's entries (its slug).
    pub campaign: Option<String>,
    /// Entries older than this id (`next_before` of the previous page).
    pub before: Option<String>,
    /// 1 to 200; 50 by default.
    pub limit: Option<String>,
}

impl FromQuery for AuditQuery {
    type Raw = AuditParams;
    fn from_query(raw: AuditParams) -> Result<Self, FieldErrors> {
        AuditQuery::parse(
            raw.campaign.as_deref(),
            raw.before.as_deref(),
            raw.limit.as_deref(),
        )
    }
}

/// Every organiser action and public change, newest first (admins).
#[utoipa::path(get, operation_id = "get_audit_log", path = "/api/v1/audit", tag = "organisers",
    params(AuditParams),
    responses((status = 200, body = AuditLog), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn audit(
    State(state): State<AppState>,
    session: OrganiserSession,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditLog>, ApiError> {
    match audit_log::list(&state.services, &session.viewer, query).await {
        Ok(log) => Ok(Json(log)),
        // An unknown campaign is a bad parameter.
        Err(ServiceError::Invalid(fields)) => Err(ApiError::bad_fields(fields)),
        Err(e) => Err(e.into()),
    }
}

/// The newest 200 notifications, sent or not, newest first (admins).
#[utoipa::path(get, operation_id = "get_outbox", path = "/api/v1/outbox", tag = "organisers",
    responses((status = 200, body = Outbox), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn outbox(
    State(state): State<AppState>,
    session: OrganiserSession,
) -> Result<Json<Outbox>, ApiError> {
    Ok(Json(
        notifications::outbox(&state.services, &session.viewer).await?,
    ))
}
