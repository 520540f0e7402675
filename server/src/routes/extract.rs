//! Request extractors whose failures are our JSON error, naming the field.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use shared::{FieldError, FieldErrors};

use crate::error::ApiError;
use crate::services::ServiceError;
use crate::services::accounts::{self, Viewer};
use crate::services::events::{Credential, ExpectedVersion};
use crate::state::AppState;

/// A JSON body. Syntax errors are 400; a field of the wrong type, or an
/// unknown field, is 422 naming it.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !has_media_type(&req, "application/json") {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = read_body(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// A CSV body (`Content-Type: text/csv`), as UTF-8 text.
pub struct CsvBody(pub String);

impl<S: Send + Sync> FromRequest<S> for CsvBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !has_media_type(&req, "text/csv") {
            return Err(ApiError::ExpectedMediaType {
                expected: "text/csv",
            });
        }
        let bytes = read_body(req, state).await?;
        String::from_utf8(bytes.to_vec())
            .map(CsvBody)
            .map_err(|_| ApiError::bad_request("the CSV body is not UTF-8 text"))
    }
}

/// Whether the request's `Content-Type` is `media_type` (any parameters).
fn has_media_type(req: &Request, media_type: &str) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case(media_type))
}

/// The whole body, within the body limit (413) and the read timeout (408).
async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    let limit = req
        .extensions()
        .get::<BodyLimit>()
        .map(|l| l.0)
        .unwrap_or(0);
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge { limit }
        } else if is_body_timeout(&rejection) {
            ApiError::BodyTimeout
        } else {
            ApiError::bad_request(rejection.body_text())
        }
    })
}

/// Whether reading a request body failed because it arrived too slowly
/// (`tower_http`'s `RequestBodyTimeoutLayer`, set up in `web`), somewhere in
/// the error's chain of sources.
fn is_body_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(error), |e| e.source())
        .any(|e| e.is::<tower_http::timeout::TimeoutError>())
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
        let fields = FieldErrors::one(field_named(&path, &message), serde_problem(message));
        ApiError::Unprocessable {
            message: fields.summary(),
            fields,
        }
    })
}

/// The field a serde error is about: the first step of its path, or, for an
/// error about the whole object (`unknown field `colour`, expected …`), the
/// name between backticks.
fn field_named(path: &str, message: &str) -> String {
    if path == "." || path.is_empty() {
        message.split('`').nth(1).unwrap_or("body").to_string()
    } else {
        path.split(['[', '.']).next().unwrap_or(path).to_string()
    }
}

fn serde_problem(detail: String) -> FieldError {
    if detail.starts_with("unknown field") {
        FieldError::UnknownField { detail }
    } else {
        FieldError::WrongType { detail }
    }
}

/// A domain type read from the query string through its raw form: every
/// parameter as text (so that each can be named when wrong), then `parse`.
pub trait FromQuery: Sized {
    type Raw: DeserializeOwned;
    fn from_query(raw: Self::Raw) -> Result<Self, FieldErrors>;
}

/// A query string parsed into a domain type. Every malformed query, on every
/// endpoint, is a 400 naming each parameter at fault; unknown parameters
/// are ignored.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: FromQuery> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parse_query(&parts.uri).map(ApiQuery)
    }
}

pub fn parse_query<T: FromQuery>(uri: &axum::http::Uri) -> Result<T, ApiError> {
    let Query(raw) = Query::<T::Raw>::try_from_uri(uri).map_err(|rejection| {
        // Every parameter is text, so only a repeated one fails here:
        // `… duplicate field `limit``, the name between backticks.
        let detail = rejection.body_text();
        let field = detail.split('`').nth(1).unwrap_or("query").to_string();
        ApiError::bad_field(&field, FieldError::WrongType { detail })
    })?;
    T::from_query(raw).map_err(ApiError::bad_fields)
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
                FieldError::InvalidVersion {
                    example: "\"3\"".into(),
                },
            )
        })
    }
}

/// The organiser's session cookie.
pub const SESSION_COOKIE: &str = "doa_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A logged-in organiser. No cookie, or an ended session, is a 401; a write
/// (any method but GET, HEAD, OPTIONS) without the session's CSRF token in
/// `X-CSRF-Token` is a 403.
pub struct OrganiserSession {
    pub viewer: Viewer,
    /// The cookie's token, for logging out.
    pub token: String,
}

/// The session cookie's token, if the request carries one.
fn session_token(parts: &Parts) -> Option<String> {
    axum_extra::extract::CookieJar::from_headers(&parts.headers)
        .get(SESSION_COOKIE)
        .map(|c| c.value().to_string())
}

impl FromRequestParts<AppState> for OrganiserSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = session_token(parts) else {
            return Err(ServiceError::Unauthorized("log in as an organiser".into()).into());
        };
        let csrf = (!parts.method.is_safe())
            .then(|| parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()));
        let viewer = accounts::resume(&state.services, &token, csrf).await?;
        Ok(OrganiserSession { viewer, token })
    }
}

/// An organiser if the request carries a live session, else the public. Only
/// for reads: what an organiser sees beside the public (private columns).
pub struct MaybeOrganiser(pub Option<Viewer>);

impl FromRequestParts<AppState> for MaybeOrganiser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = session_token(parts) else {
            return Ok(MaybeOrganiser(None));
        };
        match accounts::resume(&state.services, &token, None).await {
            Ok(viewer) => Ok(MaybeOrganiser(Some(viewer))),
            Err(ServiceError::Unauthorized(_)) => Ok(MaybeOrganiser(None)),
            Err(e) => Err(e.into()),
        }
    }
}

/// The client's address as the rate limiters key it (see
/// `domain::client_address`), for limits a service keeps in memory.
pub struct ClientAddress(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ClientAddress(client_of(
            &parts.extensions,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client's address of a request (its connection, or `X-Forwarded-For`
/// from a trusted proxy); `None` without connection info.
pub fn client_of(
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
    trusted: &[ipnet::IpNet],
) -> Option<std::net::IpAddr> {
    let peer = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())?;
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        // A value that is not text stops the walk like any unreadable entry.
        .flat_map(|v| v.to_str().unwrap_or("?").split(','))
        .collect();
    Some(crate::domain::client_address::client_key(
        peer, &forwarded, trusted,
    ))
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
    fn a_query_is_parsed_into_its_domain_type_or_a_400_naming_the_parameter() {
        use crate::domain::place_search::PlaceSearch;
        let parse = |uri: &str| parse_query::<PlaceSearch>(&uri.parse().expect("uri"));
        let ok = parse("/api/v1/places?q=teh&limit=3&other=1").expect("valid");
        assert_eq!((ok.q.as_str(), ok.limit), ("teh", 3));
        for (uri, code) in [
            ("/api/v1/places?q=teh&limit=0", "whole_number_range"),
            ("/api/v1/places?q=teh&limit=1&limit=2", "wrong_type"),
        ] {
            match parse(uri) {
                Err(ApiError::BadRequest { fields, .. }) => {
                    let problem = serde_json::to_value(fields.get("limit")).expect("json");
                    assert_eq!(problem["code"], code, "{uri}");
                }
                Err(other) => panic!("{uri}: {other:?}"),
                Ok(v) => panic!("{uri}: {v:?}"),
            }
        }
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        for body in [&b"{"[..], b"not json", b""] {
            let err = parse_json::<RegisterEvent>(body).expect_err("error");
            assert_eq!(field_of(err).0, "400");
        }
    }
}
