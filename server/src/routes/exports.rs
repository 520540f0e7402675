use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use shared::ErrorBody;

use crate::error::ApiError;
use crate::services::{Services, exports};

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
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/events.ics", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)))]
pub async fn campaign_ics(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let body = exports::campaign_ics(&services, &slug).await?;
    Ok(calendar_response(body, &format!("{slug}.ics")))
}

/// Every published event as GeoJSON points (RFC 7946).
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/events.geojson", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "application/geo+json", body = Object), (status = 404, body = ErrorBody)))]
pub async fn campaign_geojson(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let body = exports::campaign_geojson(&services, &slug).await?;
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/geo+json"),
    );
    Ok(response)
}

/// Every published event as CSV, public columns.
#[utoipa::path(get, path = "/api/v1/campaigns/{slug}/events.csv", tag = "feeds",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody)))]
pub async fn campaign_csv(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let body = exports::campaign_csv(&services, &slug).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
