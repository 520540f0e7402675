//! Moderation (organisers): the queue, decisions one by one or in bulk, and
//! the dashboard.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use serde::Deserialize;
use shared::{
    Approve, BulkDecision, BulkResult, Dashboard, Decision, ErrorBody, Event, FieldError,
    FieldErrors, ModerationQueue, Reason,
};

use super::events::parse_id;
use super::extract::{ApiJson, ApiQuery, FromQuery, OrganiserSession, parse_json};
use crate::domain::query_param::present;
use crate::error::ApiError;
use crate::services::Services;
use crate::services::moderation::{self, dashboard, queue};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// `queue` (default: pending and changed since approval), `pending`,
    /// `changed`, `published`, `rejected`, `spam`, `cancelled`, `withdrawn`.
    pub status: Option<String>,
    /// A two-letter country code.
    pub country: Option<String>,
}

impl FromQuery for queue::QueueQuery {
    type Raw = QueueParams;
    fn from_query(raw: QueueParams) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status = match present(raw.status.as_deref()) {
            None => queue::QueueStatus::default(),
            Some(s) => match queue::QueueStatus::ALL.iter().find(|(name, _)| *name == s) {
                Some((_, status)) => *status,
                None => {
                    errors.add(
                        "status",
                        FieldError::NotOneOf {
                            value: s.to_string(),
                            allowed: queue::QueueStatus::ALL
                                .iter()
                                .map(|(n, _)| n.to_string())
                                .collect(),
                        },
                    );
                    queue::QueueStatus::default()
                }
            },
        };
        let country = present(raw.country.as_deref()).map(str::to_ascii_uppercase);
        if let Some(c) = &country
            && (c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            errors.add(
                "country",
                FieldError::InvalidCountryCode {
                    example: "DE".into(),
                },
            );
        }
        if errors.is_empty() {
            Ok(queue::QueueQuery { status, country })
        } else {
            Err(errors)
        }
    }
}

/// The moderation queue, oldest first, with everything the groups sent.
#[utoipa::path(get, operation_id = "moderation_queue", path = "/api/v1/campaigns/{slug}/moderation", tag = "organisers",
    params(("slug" = String, Path), QueueParams),
    responses((status = 200, body = ModerationQueue), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<queue::QueueQuery>,
) -> Result<Json<ModerationQueue>, ApiError> {
    Ok(Json(
        queue::list(&services, &session.viewer, &slug, query).await?,
    ))
}

/// One decision for many actions of the campaign.
#[utoipa::path(post, operation_id = "moderate_in_bulk", path = "/api/v1/campaigns/{slug}/moderation", tag = "organisers",
    params(("slug" = String, Path)), request_body = BulkDecision,
    responses((status = 200, body = BulkResult), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn bulk(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(slug): Path<String>,
    ApiJson(decision): ApiJson<BulkDecision>,
) -> Result<Json<BulkResult>, ApiError> {
    Ok(Json(
        moderation::bulk(&services, &session.viewer, &slug, decision).await?,
    ))
}

/// The organisers' dashboard: every status, the table by country, the wave.
#[utoipa::path(get, operation_id = "dashboard", path = "/api/v1/campaigns/{slug}/dashboard", tag = "organisers",
    params(("slug" = String, Path)),
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn dashboard(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(slug): Path<String>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(
        dashboard::get(&services, &session.viewer, &slug).await?,
    ))
}

/// An optional JSON body: empty is the default.
fn optional_body<T: serde::de::DeserializeOwned + Default>(body: &Bytes) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        parse_json(body)
    }
}

async fn decide(
    services: &Services,
    session: &OrganiserSession,
    raw_id: &str,
    decision: Decision,
    reason: Option<String>,
    trust_group: bool,
) -> Result<Json<Event>, ApiError> {
    let id = parse_id(raw_id)?;
    Ok(Json(
        moderation::decide(services, &session.viewer, id, decision, reason, trust_group).await?,
    ))
}

/// Publish a pending (or rejected) action; optionally trust its group.
#[utoipa::path(post, operation_id = "approve_event", path = "/api/v1/events/{id}/approve", tag = "organisers",
    params(("id" = i64, Path)), request_body(content = Option<Approve>, description = "optional"),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn approve(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Event>, ApiError> {
    let approve: Approve = optional_body(&body)?;
    decide(
        &services,
        &session,
        &id,
        Decision::Approve,
        None,
        approve.trust_group,
    )
    .await
}

macro_rules! with_reason {
    ($name:ident, $decision:expr, $op:literal, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, operation_id = $op, path = $path, tag = "organisers",
            params(("id" = i64, Path)), request_body(content = Option<Reason>, description = "optional"),
            responses((status = 200, body = Event), (status = 401, body = ErrorBody),
                (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
        pub async fn $name(
            State(services): State<Services>,
            session: OrganiserSession,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Json<Event>, ApiError> {
            let reason: Reason = optional_body(&body)?;
            decide(&services, &session, &id, $decision, reason.reason, false).await
        }
    };
}

with_reason!(
    reject,
    Decision::Reject,
    "reject_event",
    "/api/v1/events/{id}/reject",
    "Refuse a pending action, with a reason sent to its group."
);
with_reason!(
    spam,
    Decision::Spam,
    "mark_event_spam",
    "/api/v1/events/{id}/spam",
    "Mark a pending action as spam: refused, and its group is not told."
);
with_reason!(
    unpublish,
    Decision::Unpublish,
    "unpublish_event",
    "/api/v1/events/{id}/unpublish",
    "Take a published action down (e.g. a trap), with a reason sent to its group."
);
with_reason!(
    accept,
    Decision::Accept,
    "accept_event_changes",
    "/api/v1/events/{id}/accept",
    "Keep the changes a group made to its published action since approval."
);
with_reason!(
    revert,
    Decision::Revert,
    "revert_event_changes",
    "/api/v1/events/{id}/revert",
    "Put back what was approved of a published action its group changed."
);
