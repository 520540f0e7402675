//! Campaign feeds. Each body is built once per campaign revision and kept
//! gzip-compressed (`services::exports`): clients that accept gzip get that
//! copy as it is; others get it decompressed as a stream, never a whole
//! uncompressed copy per request. `ETag` and `If-None-Match` spare the body.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::ErrorBody;

use super::extract::MaybeOrganiser;
use crate::error::ApiError;
use crate::services::exports::{Export, Format};
use crate::services::{Services, exports};
use crate::state::AppState;

pub fn calendar_response(body: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Every published event as an iCalendar feed (cancelled ones marked so).
#[utoipa::path(get, operation_id = "get_campaign_ics", path = "/api/v1/campaigns/{slug}/events.ics", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 304, description = "unchanged since the ETag sent in If-None-Match"),
        (status = 404, body = ErrorBody)))]
pub async fn campaign_ics(
    State(services): State<Services>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    feed(&services, &slug, Format::Ics, &headers).await
}

/// Every published event as GeoJSON points (RFC 7946).
#[utoipa::path(get, operation_id = "get_campaign_geojson", path = "/api/v1/campaigns/{slug}/events.geojson", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "application/geo+json", body = Object),
        (status = 304, description = "unchanged since the ETag sent in If-None-Match"),
        (status = 404, body = ErrorBody)))]
pub async fn campaign_geojson(
    State(services): State<Services>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    feed(&services, &slug, Format::GeoJson, &headers).await
}

/// Every published event as CSV, public columns. With the session of an
/// organiser who moderates the campaign: every status but withdrawn (within
/// their countries), and the private columns `contact_email`,
/// `exact_latitude`, `exact_longitude`, `exact_address`.
#[utoipa::path(get, operation_id = "get_campaign_csv", path = "/api/v1/campaigns/{slug}/events.csv", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 304, description = "unchanged since the ETag sent in If-None-Match"),
        (status = 404, body = ErrorBody)))]
pub async fn campaign_csv(
    State(state): State<AppState>,
    MaybeOrganiser(viewer): MaybeOrganiser,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let services = &state.services;
    let export = exports::campaign_csv(services, &slug, viewer.as_ref()).await?;
    let mut response = respond(services, &slug, Format::Csv, &headers, export);
    // One address, two answers: a shared cache must not mix them up. (Any
    // answer to a request with a cookie is `no-store`: see `web`.)
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, cookie"),
    );
    Ok(response)
}

/// The newest published actions as an Atom feed (RFC 4287); times are days.
#[utoipa::path(get, operation_id = "get_campaign_atom", path = "/api/v1/campaigns/{slug}/events.atom", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "application/atom+xml", body = String),
        (status = 304, description = "unchanged since the ETag sent in If-None-Match"),
        (status = 404, body = ErrorBody)))]
pub async fn campaign_atom(
    State(services): State<Services>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    feed(&services, &slug, Format::Atom, &headers).await
}

async fn feed(
    services: &Services,
    slug: &str,
    format: Format,
    request: &HeaderMap,
) -> Result<Response, ApiError> {
    let export = exports::campaign_export(services, slug, format).await?;
    Ok(respond(services, slug, format, request, export))
}

fn respond(
    services: &Services,
    slug: &str,
    format: Format,
    request: &HeaderMap,
    export: Export,
) -> Response {
    let mut response = send_copy(services, request, export, format.content_type());
    // Feeds are read where they are; files are downloaded.
    if response.status() == StatusCode::OK
        && !matches!(format, Format::GeoJson | Format::Atom)
        && let Ok(v) = HeaderValue::from_str(&format!(
            "attachment; filename=\"{slug}.{}\"",
            format.extension()
        ))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// A kept gzip-compressed copy (an export, the map's points): as it is to a
/// client that takes gzip, else decompressed as it goes; `304` when the
/// client has it already.
pub(super) fn send_copy(
    services: &Services,
    request: &HeaderMap,
    export: Export,
    content_type: &'static str,
) -> Response {
    let gzip = accepts_gzip(request);
    let tag = etag(&export, gzip);
    let mut response = if none_match(request, &export) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = if gzip {
            let mut response = Body::from(export.gzip).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            response
        } else {
            Body::from_stream(exports::plain_chunks(services, &export)).into_response()
        };
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    };
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    // Stored copies must ask again each time: a withdrawn action disappears
    // from the next answer, not after a max-age.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A strong tag per representation: the gzip bytes differ from the plain
/// ones (RFC 9110 §8.8.3).
fn etag(export: &Export, gzip: bool) -> String {
    if gzip {
        format!("\"{}-gzip\"", export.digest)
    } else {
        format!("\"{}\"", export.digest)
    }
}

/// `If-None-Match` names this body (either representation; weak comparison,
/// RFC 9110 §13.1.2) or is `*`.
fn none_match(request: &HeaderMap, export: &Export) -> bool {
    let (plain, gzip) = (etag(export, false), etag(export, true));
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| {
            let tag = tag.trim();
            tag.strip_prefix("W/").unwrap_or(tag)
        })
        .any(|tag| tag == "*" || tag == plain || tag == gzip)
}

/// Whether `Accept-Encoding` allows gzip (by name or `*`, with q > 0).
fn accepts_gzip(request: &HeaderMap) -> bool {
    let mut named = None;
    let mut any = None;
    for item in request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match coding.as_str() {
            "gzip" | "x-gzip" => named = Some(q > 0.0),
            "*" => any = Some(q > 0.0),
            _ => {}
        }
    }
    named.or(any).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("header"),
        );
        accepts_gzip(&headers)
    }

    #[test]
    fn gzip_when_accepted() {
        assert!(accepts("gzip, deflate, br"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("br"));
        assert!(!accepts("gzip;q=0, *"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
