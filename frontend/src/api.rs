//! Typed client of API v1. Every call returns `Result<T, ApiError>`; errors
//! carry the server's message and field errors.

pub mod organise;

use gloo_net::http::{Request, RequestBuilder, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use shared::{
    Campaign, CampaignList, EditLink, Endorse, Endorsement, EndorsementList, ErrorBody,
    ErrorDetail, Event, EventList, EventQuery, MapPoints, MapPointsQuery, Place, PlaceList,
    RegisterEvent, Registered, Settings, UpdateEvent,
};
use web_sys::AbortSignal;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    pub detail: ErrorDetail,
}

impl ApiError {
    /// An error made in the browser, with no body from the server.
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: ErrorDetail {
                code: code.into(),
                message: message.into(),
                fields: Default::default(),
                problems: Default::default(),
            },
        }
    }

    fn network(e: impl std::fmt::Display) -> Self {
        ApiError::new(0, "network", e.to_string())
    }

    /// The request was cancelled because its component went away.
    pub fn is_abort(&self) -> bool {
        self.status == 0 && self.detail.message.contains("abort")
    }
}

/// What `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A path segment or query value, percent-encoded as `encodeURIComponent` does.
fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(ApiError::network);
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError {
            status,
            detail: body.error,
        }),
        Err(_) => Err(ApiError::new(
            status,
            "http",
            format!("{} {}", status, response.status_text()),
        )),
    }
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

fn query_string(q: &EventQuery) -> String {
    pairs_string(&[
        ("near", &q.near),
        ("within_km", &q.within_km),
        ("bbox", &q.bbox),
        ("country", &q.country),
        ("kind", &q.kind),
        ("q", &q.q),
        ("limit", &q.limit),
        ("cursor", &q.cursor),
        ("include", &q.include),
    ])
}

/// `k=v&…` for the parameters that have a value, each value encoded.
fn pairs_string(pairs: &[(&str, &Option<String>)]) -> String {
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

/// The campaign's listed actions as map markers, in one request.
pub async fn map_points(
    slug: &str,
    query: &MapPointsQuery,
    signal: Option<&AbortSignal>,
) -> Result<MapPoints, ApiError> {
    let url = format!(
        "/api/v1/campaigns/{}/points?{}",
        encode(slug),
        pairs_string(&[
            ("country", &query.country),
            ("kind", &query.kind),
            ("include", &query.include),
        ])
    );
    send(Request::get(&url), signal).await
}

/// Every event of `first` (the first page's query), page by page;
/// `on_page` sees each page as it arrives so the list can render before the
/// last one. Later pages are larger.
pub async fn all_events(
    slug: &str,
    first: EventQuery,
    signal: Option<&AbortSignal>,
    mut on_page: impl FnMut(Vec<Event>),
) -> Result<(), ApiError> {
    let mut query = first;
    loop {
        let page = events(slug, &query, signal).await?;
        on_page(page.events);
        match page.next_cursor {
            Some(cursor) => {
                query.cursor = Some(cursor);
                query.limit = Some(shared::limits::PAGE_MAX.to_string());
            }
            None => return Ok(()),
        }
    }
}

/// The campaign whose day of action is next (or the latest one); `None`
/// when there is no campaign.
pub async fn current_campaign() -> Result<Option<Campaign>, ApiError> {
    let list = campaigns().await?;
    Ok(shared::campaign_home::current_campaign(
        list,
        &crate::time::today(),
    ))
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

/// Signs a campaign's call; the endorsement waits for the organisers.
pub async fn endorse(slug: &str, body: &Endorse) -> Result<Endorsement, ApiError> {
    send_json(
        Request::post(&format!("/api/v1/campaigns/{}/endorsements", encode(slug))),
        body,
    )
    .await
}

/// The approved endorsements of a campaign, by country, city and name.
pub async fn endorsements(slug: &str) -> Result<EndorsementList, ApiError> {
    send(
        Request::get(&format!("/api/v1/campaigns/{}/endorsements", encode(slug))),
        None,
    )
    .await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_carry_only_the_given_parameters_encoded() {
        let q = EventQuery {
            kind: Some("vigil".into()),
            q: Some("São Paulo & co".into()),
            ..Default::default()
        };
        assert_eq!(query_string(&q), "kind=vigil&q=S%C3%A3o%20Paulo%20%26%20co");
    }
}
