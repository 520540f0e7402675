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
//! 5xx details are logged, never sent. A database that is down, busy,
//! read-only or full (`outage`) is a 503 with `Retry-After`, not a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::{ErrorBody, ErrorDetail, FieldError, FieldErrors};

use crate::outage::{self, Outage};
use crate::services::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The request could not be read: `message` says why; `fields` name the
    /// culprits (then `message` is their summary).
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
    /// A body that is not JSON, of another type than the one expected.
    #[error("send the body with Content-Type: {expected}")]
    ExpectedMediaType { expected: &'static str },
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
    /// Too many changes from one address; `Retry-After` says when to retry.
    #[error("too many changes from this address; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            message: message.into(),
            fields: FieldErrors::new(),
        }
    }

    /// A request that cannot be read because of these fields (400).
    pub fn bad_fields(fields: FieldErrors) -> Self {
        ApiError::BadRequest {
            message: fields.summary(),
            fields,
        }
    }

    pub fn bad_field(field: &str, why: FieldError) -> Self {
        Self::bad_fields(FieldErrors::one(field, why))
    }
}

fn body(status: StatusCode, code: &str, message: String, fields: &FieldErrors) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            message,
            ..ErrorDetail::from_fields(code, fields)
        },
    };
    (status, axum::Json(body)).into_response()
}

/// A body that names no field.
fn plain(status: StatusCode, code: &str, message: String) -> Response {
    body(status, code, message, &FieldErrors::new())
}

fn with_header(mut response: Response, name: header::HeaderName, value: HeaderValue) -> Response {
    response.headers_mut().insert(name, value);
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Service(e) => service_response(e),
            ApiError::BadRequest { message, fields } => {
                body(StatusCode::BAD_REQUEST, "bad_request", message, &fields)
            }
            ApiError::Unprocessable { message, fields } => body(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                message,
                &fields,
            ),
            // The rest of the body was not read, so the connection cannot
            // carry another request: say so, or a client may reuse it and
            // see it closed under its next request.
            e @ ApiError::PayloadTooLarge { .. } => with_header(
                plain(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    e.to_string(),
                ),
                header::CONNECTION,
                HeaderValue::from_static("close"),
            ),
            e @ ApiError::UnsupportedMediaType => plain(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                e.to_string(),
            ),
            e @ ApiError::ExpectedMediaType { .. } => plain(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                e.to_string(),
            ),
            e @ ApiError::NoRoute => plain(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            e @ ApiError::MethodNotAllowed { allow } => with_header(
                plain(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "method_not_allowed",
                    e.to_string(),
                ),
                header::ALLOW,
                HeaderValue::from_static(allow),
            ),
            e @ ApiError::BodyTimeout => plain(
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                e.to_string(),
            ),
            e @ ApiError::Timeout => with_header(
                plain(StatusCode::SERVICE_UNAVAILABLE, "timeout", e.to_string()),
                header::RETRY_AFTER,
                HeaderValue::from_static("5"),
            ),
            e @ ApiError::RateLimited { retry_after_secs } => with_header(
                plain(StatusCode::TOO_MANY_REQUESTS, "rate_limited", e.to_string()),
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs),
            ),
        }
    }
}

fn service_response(e: ServiceError) -> Response {
    let message = e.to_string();
    match e {
        ServiceError::NotFound(_) => plain(StatusCode::NOT_FOUND, "not_found", message),
        ServiceError::Invalid(fields) => body(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            fields.summary(),
            &fields,
        ),
        ServiceError::Unauthorized(_) => with_header(
            plain(StatusCode::UNAUTHORIZED, "unauthorized", message),
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer"),
        ),
        ServiceError::Forbidden(_) => plain(StatusCode::FORBIDDEN, "forbidden", message),
        ServiceError::Conflict(_) => plain(StatusCode::CONFLICT, "conflict", message),
        ServiceError::Stale { current_version } => {
            let response = plain(StatusCode::PRECONDITION_FAILED, "stale_version", message);
            match HeaderValue::from_str(&format!("\"{current_version}\"")) {
                Ok(v) => with_header(response, header::ETAG, v),
                Err(_) => response,
            }
        }
        ServiceError::TooMany {
            retry_after_secs, ..
        } => with_header(
            plain(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message),
            header::RETRY_AFTER,
            HeaderValue::from(retry_after_secs),
        ),
        ServiceError::PreconditionRequired => plain(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            message,
        ),
        ServiceError::Database(db) => match outage::of(&db) {
            Some(outage) => {
                tracing::warn!(error = %db, ?outage, "database unavailable");
                unavailable(outage)
            }
            None => {
                tracing::error!(error = %db, "database error");
                plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "something went wrong on our side; nothing was changed".into(),
                )
            }
        },
    }
}

/// A 503 naming the cause, with when to come back: soon for a database
/// that restarts or is busy, later for one an operator has to free or
/// switch back to read-write. Reads still work in those two cases.
fn unavailable(outage: Outage) -> Response {
    let (code, message, retry_after_secs): (_, &str, u64) = match outage {
        Outage::Unreachable => (
            "unavailable",
            "the database did not answer; try again in a moment",
            5,
        ),
        Outage::Busy => (
            "busy",
            "the database is too busy at the moment; try again in a moment",
            5,
        ),
        Outage::ReadOnly => (
            "read_only",
            "the database is read-only for now, so changes cannot be saved \
             (reading still works); try again later",
            60,
        ),
        Outage::Full => (
            "storage_full",
            "the database's disk is full, so changes cannot be saved \
             (reading still works); try again later",
            60,
        ),
    };
    with_header(
        plain(StatusCode::SERVICE_UNAVAILABLE, code, message.into()),
        header::RETRY_AFTER,
        HeaderValue::from(retry_after_secs),
    )
}
