//! Request extractors whose failures are our JSON error, naming the field.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use shared::FieldErrors;

use crate::error::ApiError;
use crate::services::ServiceError;
use crate::services::events::{Credential, ExpectedVersion};

/// A JSON body. Syntax errors are 400; a field of the wrong type, or an
/// unknown field, is 422 naming it.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let limit = req
            .extensions()
            .get::<BodyLimit>()
            .map(|l| l.0)
            .unwrap_or(0);
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge { limit }
            } else if crate::web::is_body_timeout(&rejection) {
                ApiError::BodyTimeout
            } else {
                ApiError::bad_request(rejection.body_text())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The body limit in force, for the 413 message.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::bad_request(format!("the body is not valid JSON: {inner}"));
        }
        let message = inner.to_string();
        let field = if path == "." || path.is_empty() {
            // `unknown field `colour`, expected …` names it between backticks.
            message.split('`').nth(1).unwrap_or("body").to_string()
        } else {
            path.split(['[', '.']).next().unwrap_or(&path).to_string()
        };
        let mut fields = FieldErrors::new();
        fields.add(field.clone(), message.clone());
        ApiError::Unprocessable {
            message: format!("{field}: {message}"),
            fields,
        }
    })
}

/// `Authorization: Bearer <edit token>`.
pub struct Auth(pub Credential);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Auth(Credential::None));
        };
        // A credential that cannot be read is no credential: 401.
        let unreadable = || {
            ApiError::from(ServiceError::Unauthorized(
                "Authorization must be Bearer <edit token>".into(),
            ))
        };
        let value = value.to_str().map_err(|_| unreadable())?;
        match value.split_once(' ') {
            Some((scheme, token))
                if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
            {
                Ok(Auth(Credential::EditToken(token.trim().to_string())))
            }
            _ => Err(unreadable()),
        }
    }
}

/// `If-Match: "<version>"` (a weak `W/"3"` or a bare `3` too).
pub struct IfMatch(pub ExpectedVersion);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = value.to_str().unwrap_or_default().trim();
        let bare = text.trim_start_matches("W/").trim_matches('"');
        bare.parse::<i32>().map(|v| IfMatch(Some(v))).map_err(|_| {
            ApiError::bad_field(
                "If-Match",
                "must be the event's version in quotes, e.g. \"3\"",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::RegisterEvent;

    fn field_of(err: ApiError) -> (String, Vec<String>) {
        match err {
            ApiError::Unprocessable { fields, .. } => {
                ("422".into(), fields.0.into_keys().collect())
            }
            ApiError::BadRequest { .. } => ("400".into(), vec![]),
            other => (format!("{other:?}"), vec![]),
        }
    }

    #[test]
    fn names_the_field_of_a_type_error() {
        let err = parse_json::<RegisterEvent>(br#"{"title": "x", "latitude": "north"}"#)
            .expect_err("error");
        assert_eq!(field_of(err), ("422".into(), vec!["latitude".into()]));
        let err = parse_json::<RegisterEvent>(br#"{"links": ["a", 3]}"#).expect_err("error");
        assert_eq!(field_of(err), ("422".into(), vec!["links".into()]));
    }

    #[test]
    fn names_an_unknown_field() {
        let err = parse_json::<RegisterEvent>(br#"{"colour": "red"}"#).expect_err("error");
        assert_eq!(field_of(err), ("422".into(), vec!["colour".into()]));
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        for body in [&b"{"[..], b"not json", b""] {
            let err = parse_json::<RegisterEvent>(body).expect_err("error");
            assert_eq!(field_of(err).0, "400");
        }
    }
}
