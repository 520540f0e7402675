//! Typed client of API v1. Every call returns `Result<T, ApiError>`; errors
//! carry the server's message and field errors.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::{
    Campaign, CampaignList, EditLink, ErrorBody, ErrorDetail, Event, EventList, EventQuery, Place,
    PlaceList, RegisterEvent, Registered, Settings, UpdateEvent,
};
use web_sys::AbortSignal;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    pub detail: ErrorDetail,
}

impl ApiError {
    fn network(e: impl std::fmt::Display) -> Self {
        ApiError {
            status: 0,
            detail: ErrorDetail {
                code: "network".into(),
                message: e.to_string(),
                fields: Default::default(),
            },
        }
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.detail.fields.get(name).cloned()
    }
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(ApiError::network);
    }
    let detail = match response.json::<ErrorBody>().await {
        Ok(body) => body.error,
        Err(_) => ErrorDetail {
            code: "http".into(),
            message: format!("{} {}", status, response.status_text()),
            fields: Default::default(),
        },
    };
    Err(ApiError { status, detail })
}

async fn send<T: DeserializeOwned>(
    request: RequestBuilder,
    signal: Option<&AbortSignal>,
) -> Result<T, ApiError> {
    let response = request
        .abort_signal(signal)
        .send()
        .await
        .map_err(ApiError::network)?;
    decode(response).await
}

async fn send_json<T: DeserializeOwned>(
    request: RequestBuilder,
    body: &impl serde::Serialize,
) -> Result<T, ApiError> {
    let request = request.json(body).map_err(ApiError::network)?;
    let response = request.send().await.map_err(ApiError::network)?;
    decode(response).await
}

pub async fn settings() -> Result<Settings, ApiError> {
    send(Request::get("/api/v1/settings"), None).await
}

pub async fn campaigns() -> Result<Vec<Campaign>, ApiError> {
    send::<CampaignList>(Request::get("/api/v1/campaigns"), None)
        .await
        .map(|l| l.campaigns)
}

pub async fn campaign(slug: &str) -> Result<Campaign, ApiError> {
    send(
        Request::get(&format!("/api/v1/campaigns/{}", encode(slug))),
        None,
    )
    .await
}

pub fn query_string(q: &EventQuery) -> String {
    let pairs = [
        ("near", &q.near),
        ("within_km", &q.within_km),
        ("bbox", &q.bbox),
        ("country", &q.country),
        ("kind", &q.kind),
        ("q", &q.q),
        ("limit", &q.limit),
        ("cursor", &q.cursor),
        ("include", &q.include),
    ];
    pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn events(
    slug: &str,
    query: &EventQuery,
    signal: Option<&AbortSignal>,
) -> Result<EventList, ApiError> {
    let url = format!(
        "/api/v1/campaigns/{}/events?{}",
        encode(slug),
        query_string(query)
    );
    send(Request::get(&url), signal).await
}

/// Every published and cancelled event, page by page; `on_page` sees each
/// page as it arrives so the list can render before the last one.
pub async fn all_events(
    slug: &str,
    signal: Option<&AbortSignal>,
    mut on_page: impl FnMut(Vec<Event>),
) -> Result<(), ApiError> {
    // A small first page shows the list at once; larger ones follow.
    let mut query = EventQuery {
        include: Some("cancelled".into()),
        limit: Some("200".into()),
        ..Default::default()
    };
    loop {
        let page = events(slug, &query, signal).await?;
        on_page(page.events);
        match page.next_cursor {
            Some(cursor) => {
                query.cursor = Some(cursor);
                query.limit = Some("1000".into());
            }
            None => return Ok(()),
        }
    }
}

pub async fn event(id: i64, token: Option<&str>) -> Result<Event, ApiError> {
    let mut request = Request::get(&format!("/api/v1/events/{id}"));
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    send(request, None).await
}

pub async fn register(slug: &str, body: &RegisterEvent) -> Result<Registered, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/campaigns/{}/events", encode(slug))),
        body,
    )
    .await
}

pub async fn update(
    id: i64,
    token: &str,
    version: i32,
    body: &UpdateEvent,
) -> Result<Event, ApiError> {
    let request = Request::patch(&format!("/api/v1/events/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .header("If-Match", &format!("\"{version}\""));
    send_json(request, body).await
}

pub async fn cancel(id: i64, token: &str, version: i32) -> Result<Event, ApiError> {
    let request = Request::post(&format!("/api/v1/events/{id}/cancel"))
        .header("Authorization", &format!("Bearer {token}"))
        .header("If-Match", &format!("\"{version}\""));
    send(request, None).await
}

/// Withdraws an action: it leaves every public output and its private data
/// is erased. `204 No Content` on success.
pub async fn withdraw(id: i64, token: &str) -> Result<(), ApiError> {
    let response = Request::delete(&format!("/api/v1/events/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(ApiError::network)?;
    if (200..300).contains(&response.status()) {
        return Ok(());
    }
    decode::<serde::de::IgnoredAny>(response).await.map(|_| ())
}

/// A new edit link; the token used here stops working at once.
pub async fn new_edit_link(id: i64, token: &str) -> Result<EditLink, ApiError> {
    let request = Request::post(&format!("/api/v1/events/{id}/edit-link"))
        .header("Authorization", &format!("Bearer {token}"));
    send(request, None).await
}

pub async fn places(q: &str, signal: Option<&AbortSignal>) -> Result<Vec<Place>, ApiError> {
    let url = format!("/api/v1/places?q={}&limit=8", encode(q));
    send::<PlaceList>(Request::get(&url), signal)
        .await
        .map(|l| l.places)
}

/// An `AbortController` that aborts when the owning component goes away.
pub struct Abort(web_sys::AbortController);

impl Abort {
    pub fn new() -> Option<Abort> {
        web_sys::AbortController::new().ok().map(Abort)
    }

    pub fn signal(&self) -> AbortSignal {
        self.0.signal()
    }

    pub fn abort(&self) {
        self.0.abort();
    }
}
