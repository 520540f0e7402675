use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::{
    EditLink, ErrorBody, Event, EventList, EventQuery, FieldError, FieldErrors, MapPoints,
    MapPointsQuery, RegisterEvent, Registered, UpdateEvent,
};

use super::exports::send_copy;
use super::extract::{ApiJson, ApiQuery, Auth, ClientAddress, FromQuery, IfMatch};
use super::rendered::rendered_json;
use crate::domain::event_filter::{EventFilter, MapFilter};
use crate::error::ApiError;
use crate::services::events::Credential;
use crate::services::{ServiceError, Services, events, exports};

pub(super) fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_field("id", FieldError::PositiveWholeNumber))
}

/// The id a change is aimed at. A change without a credential is refused
/// before anything is looked up, so that its answer says nothing about the
/// id.
fn change_target(raw: &str, credential: &Credential) -> Result<i64, ApiError> {
    if matches!(credential, Credential::None) {
        return Err(ServiceError::Unauthorized(
            "send the edit token of this action: Authorization: Bearer <token>".into(),
        )
        .into());
    }
    parse_id(raw)
}

/// `/api/v1/events/{id}.ics` shares its route with `/api/v1/events/{id}`,
/// but a calendar can only be read.
pub async fn calendar_is_read_only(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let read = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    if !read && req.uri().path().ends_with(".ics") {
        return ApiError::MethodNotAllowed { allow: "GET, HEAD" }.into_response();
    }
    next.run(req).await
}

fn with_etag(event: &Event) -> Response {
    tagged(event.version, Json(event).into_response())
}

/// `response` with the version it shows as its `ETag`.
fn tagged(version: i32, mut response: Response) -> Response {
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// Published events of a campaign, by start time, or by distance with `near`.
#[utoipa::path(get, operation_id = "list_events", path = "/api/v1/campaigns/{slug}/events", tag = "events",
    params(("slug" = String, Path, description = "the campaign's slug"), EventQuery),
    responses((status = 200, body = EventList), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(services): State<Services>,
    Path(slug): Path<String>,
    ApiQuery(filter): ApiQuery<EventFilter>,
) -> Result<Response, ApiError> {
    let list = events::list(&services, &slug, &filter).await?;
    Ok(rendered_json(&list))
}

/// Every listed action of a campaign as a map marker, by start time: the
/// public point, title, place and local time, in one answer.
#[utoipa::path(get, operation_id = "map_points", path = "/api/v1/campaigns/{slug}/points", tag = "events",
    params(("slug" = String, Path, description = "the campaign's slug"), MapPointsQuery),
    responses((status = 200, body = MapPoints),
        (status = 304, description = "unchanged since the ETag sent in If-None-Match"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn map_points(
    State(services): State<Services>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    ApiQuery(filter): ApiQuery<MapFilter>,
) -> Result<Response, ApiError> {
    let points = events::map_points(&services, &slug, &filter).await?;
    Ok(send_copy(&services, &headers, points, "application/json"))
}

impl FromQuery for MapFilter {
    type Raw = MapPointsQuery;
    fn from_query(raw: MapPointsQuery) -> Result<Self, FieldErrors> {
        MapFilter::parse(&raw)
    }
}

impl FromQuery for EventFilter {
    type Raw = EventQuery;
    fn from_query(raw: EventQuery) -> Result<Self, FieldErrors> {
        EventFilter::parse(&raw)
    }
}

/// Register an action. The edit token in the answer is shown this once.
#[utoipa::path(post, operation_id = "register_event", path = "/api/v1/campaigns/{slug}/events", tag = "events",
    params(("slug" = String, Path, description = "the campaign's slug")),
    request_body = RegisterEvent,
    responses((status = 201, body = Registered), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn register(
    State(services): State<Services>,
    Path(slug): Path<String>,
    ClientAddress(client): ClientAddress,
    ApiJson(body): ApiJson<RegisterEvent>,
) -> Result<(StatusCode, Json<Registered>), ApiError> {
    let r = events::register(&services, &slug, body, client).await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            event: r.event,
            edit_token: r.edit_token,
            edit_url: r.edit_url,
        }),
    ))
}

/// One event: published or cancelled for everyone; any state, with private
/// fields, for the holder of its edit token. `{id}.ics` gives it as a calendar.
#[utoipa::path(get, operation_id = "get_event", path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "the event's id")),
    responses((status = 200, body = Event), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_or_ics(
    State(services): State<Services>,
    Path(raw): Path<String>,
    Auth(credential): Auth,
) -> Result<Response, ApiError> {
    if let Some(id) = raw.strip_suffix(".ics") {
        return event_ics(&services, parse_id(id)?).await;
    }
    let event = events::get(&services, parse_id(&raw)?, &credential).await?;
    Ok(tagged(event.version, rendered_json(&event)))
}

/// One event as an iCalendar file.
#[utoipa::path(get, operation_id = "get_event_ics", path = "/api/v1/events/{id}.ics", tag = "feeds",
    params(("id" = i64, Path, description = "the event's id")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)))]
pub async fn event_ics(services: &Services, id: i64) -> Result<Response, ApiError> {
    let body = exports::event_ics(services, id).await?;
    Ok(super::exports::calendar_response(
        body,
        &format!("action-{id}.ics"),
    ))
}

/// Update an action with its edit token and the version it was edited from.
#[utoipa::path(patch, operation_id = "update_event", path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "the event's id"),
        ("If-Match" = String, Header, description = "the version edited, e.g. \"3\"")),
    request_body = UpdateEvent,
    security(("edit_token" = [])),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 412, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 428, body = ErrorBody)))]
pub async fn update(
    State(services): State<Services>,
    Path(raw): Path<String>,
    Auth(credential): Auth,
    if_match: Result<IfMatch, ApiError>,
    body: Result<ApiJson<UpdateEvent>, ApiError>,
) -> Result<Response, ApiError> {
    let id = change_target(&raw, &credential)?;
    let IfMatch(expected) = if_match?;
    let ApiJson(patch) = body?;
    let event = events::update(&services, id, &credential, expected, patch).await?;
    Ok(with_etag(&event))
}

/// Cancel an action: it stays listed, marked cancelled, and counts for nothing.
#[utoipa::path(post, operation_id = "cancel_event", path = "/api/v1/events/{id}/cancel", tag = "events",
    params(("id" = i64, Path, description = "the event's id"),
        ("If-Match" = Option<String>, Header, description = "optional: the version seen")),
    security(("edit_token" = [])),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 412, body = ErrorBody)))]
pub async fn cancel(
    State(services): State<Services>,
    Path(raw): Path<String>,
    Auth(credential): Auth,
    if_match: Result<IfMatch, ApiError>,
) -> Result<Response, ApiError> {
    let id = change_target(&raw, &credential)?;
    let IfMatch(expected) = if_match?;
    let event = events::cancel(&services, id, &credential, expected).await?;
    Ok(with_etag(&event))
}

/// Withdraw an action: it leaves every public output at once, its private
/// data is erased and its edit link stops working. Unlike cancelling, this
/// cannot be undone.
#[utoipa::path(delete, operation_id = "withdraw_event", path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "the event's id"),
        ("If-Match" = Option<String>, Header, description = "optional: the version seen")),
    security(("edit_token" = [])),
    responses((status = 204, description = "withdrawn"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 412, body = ErrorBody)))]
pub async fn withdraw(
    State(services): State<Services>,
    Path(raw): Path<String>,
    Auth(credential): Auth,
    if_match: Result<IfMatch, ApiError>,
) -> Result<StatusCode, ApiError> {
    let id = change_target(&raw, &credential)?;
    let IfMatch(expected) = if_match?;
    events::withdraw(&services, id, &credential, expected).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new edit link for an action; the old one stops working at once.
#[utoipa::path(post, operation_id = "new_edit_link", path = "/api/v1/events/{id}/edit-link", tag = "events",
    params(("id" = i64, Path, description = "the event's id")),
    security(("edit_token" = [])),
    responses((status = 200, body = EditLink), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn new_edit_link(
    State(services): State<Services>,
    Path(raw): Path<String>,
    Auth(credential): Auth,
) -> Result<Json<EditLink>, ApiError> {
    let id = change_target(&raw, &credential)?;
    Ok(Json(
        events::new_edit_link(&services, id, &credential).await?,
    ))
}
