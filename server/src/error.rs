//! Errors, one type per layer, mapped to HTTP in one place.
//!
//! - `services::ServiceError`: what a domain operation can refuse (not found,
//!   invalid fields, stale version, …) or fail on (database). Services return
//!   it; they never see HTTP.
//! - `ApiError` (here): a `ServiceError`, or a request the HTTP layer could not
//!   read (malformed JSON, bad query, too large, rate limited). Handlers return
//!   it; `IntoResponse` below is the only place that picks status codes and
//!   writes the JSON error body of `shared::ErrorBody`.
//!
//! 5xx details are logged, never sent.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::{ErrorBody, ErrorDetail, FieldErrors};

use crate::services::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The request could not be read: `{0}` says why; `fields` name the culprits.
    #[error("{message}")]
    BadRequest {
        message: String,
        fields: FieldErrors,
    },
    /// JSON that parsed but has a field of the wrong type or name.
    #[error("{message}")]
    Unprocessable {
        message: String,
        fields: FieldErrors,
    },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("send the body as JSON with Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("no such page")]
    NoRoute,
    /// The resource exists, but not for this method (`Allow` says which).
    #[error("this method is not allowed here; use {allow}")]
    MethodNotAllowed { allow: &'static str },
    /// The request body arrived too slowly.
    #[error("the request body arrived too slowly; send it again")]
    BodyTimeout,
    /// The server took too long; nothing more is done for this request.
    #[error("the server took too long to answer; try again in a moment")]
    Timeout,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            message: message.into(),
            fields: FieldErrors::new(),
        }
    }

    pub fn bad_field(field: &str, why: impl Into<String>) -> Self {
        let why = why.into();
        let mut fields = FieldErrors::new();
        fields.add(field, why.clone());
        ApiError::BadRequest {
            message: format!("{field}: {why}"),
            fields,
        }
    }
}

fn body(
    status: StatusCode,
    code: &str,
    message: String,
    fields: BTreeMap<String, String>,
) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_string(),
            message,
            fields,
        },
    };
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Service(e) => service_response(e),
            ApiError::BadRequest { message, fields } => {
                body(StatusCode::BAD_REQUEST, "bad_request", message, fields.0)
            }
            ApiError::Unprocessable { message, fields } => body(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                message,
                fields.0,
            ),
            e @ ApiError::PayloadTooLarge { .. } => body(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                e.to_string(),
                BTreeMap::new(),
            ),
            e @ ApiError::UnsupportedMediaType => body(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                e.to_string(),
                BTreeMap::new(),
            ),
            e @ ApiError::NoRoute => body(
                StatusCode::NOT_FOUND,
                "not_found",
                e.to_string(),
                BTreeMap::new(),
            ),
            e @ ApiError::MethodNotAllowed { allow } => {
                let mut response = body(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "method_not_allowed",
                    e.to_string(),
                    BTreeMap::new(),
                );
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
                response
            }
            e @ ApiError::BodyTimeout => body(
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                e.to_string(),
                BTreeMap::new(),
            ),
            e @ ApiError::Timeout => {
                let mut response = body(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "timeout",
                    e.to_string(),
                    BTreeMap::new(),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
                response
            }
        }
    }
}

fn service_response(e: ServiceError) -> Response {
    let message = e.to_string();
    match e {
        ServiceError::NotFound(_) => {
            body(StatusCode::NOT_FOUND, "not_found", message, BTreeMap::new())
        }
        ServiceError::Invalid(fields) => {
            let summary = fields
                .0
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("; ");
            body(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                summary,
                fields.0,
            )
        }
        ServiceError::Unauthorized(_) => {
            let mut response = body(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                message,
                BTreeMap::new(),
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
        ServiceError::Forbidden(_) => {
            body(StatusCode::FORBIDDEN, "forbidden", message, BTreeMap::new())
        }
        ServiceError::Conflict(_) => {
            body(StatusCode::CONFLICT, "conflict", message, BTreeMap::new())
        }
        ServiceError::Stale { current_version } => {
            let mut response = body(
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                message,
                BTreeMap::new(),
            );
            if let Ok(v) = HeaderValue::from_str(&format!("\"{current_version}\"")) {
                response.headers_mut().insert(header::ETAG, v);
            }
            response
        }
        ServiceError::PreconditionRequired => body(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            message,
            BTreeMap::new(),
        ),
        ServiceError::Database(db) => {
            tracing::error!(error = %db, "database error");
            let unavailable = matches!(
                db,
                sea_orm::DbErr::Conn(_) | sea_orm::DbErr::ConnectionAcquire(_)
            );
            if unavailable {
                body(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the database did not answer; try again in a moment".into(),
                    BTreeMap::new(),
                )
            } else {
                body(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "something went wrong on our side; nothing was changed".into(),
                    BTreeMap::new(),
                )
            }
        }
    }
}
