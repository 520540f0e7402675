//! The organisers' part of API v1. Every call carries the session cookie
//! (`credentials: same-origin`); every write also sends the session's CSRF
//! token in `X-CSRF-Token`. A `401` means the session is gone: the pages
//! send the organiser to the login page.

use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use shared::{
    AcceptInvite, Approve, AuditLog, BulkDecision, BulkResult, CampaignInput, CampaignSettings,
    CampaignSettingsList, Dashboard, Decision, Endorsement, EndorsementList, Event, ImportResult,
    Invite, InviteLink, Login, ModerationQueue, Organiser, OrganiserList, Outbox, Reason,
    SessionInfo, UpdateOrganiser,
};
use web_sys::RequestCredentials;

use super::{ApiError, decode, encode};

/// A request that carries the session cookie.
fn cookie(request: RequestBuilder) -> RequestBuilder {
    request.credentials(RequestCredentials::SameOrigin)
}

/// A state-changing request: the cookie and the CSRF token.
fn write(request: RequestBuilder, csrf: &str) -> RequestBuilder {
    cookie(request).header("X-CSRF-Token", csrf)
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = cookie(Request::get(url))
        .send()
        .await
        .map_err(ApiError::network)?;
    decode(response).await
}

async fn send_json<T: DeserializeOwned>(
    request: RequestBuilder,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    let request = request.json(body).map_err(ApiError::network)?;
    let response = request.send().await.map_err(ApiError::network)?;
    decode(response).await
}

async fn post<T: DeserializeOwned>(url: &str, csrf: &str) -> Result<T, ApiError> {
    let response = write(Request::post(url), csrf)
        .send()
        .await
        .map_err(ApiError::network)?;
    decode(response).await
}

/// The query string of the moderation queue; blank values are left out.
pub fn queue_query(status: &str, country: &str) -> String {
    [("status", status), ("country", country)]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// The endpoint of one decision about one action.
pub fn decision_path(id: i64, decision: Decision) -> String {
    let verb = match decision {
        Decision::Approve => "approve",
        Decision::Reject => "reject",
        Decision::Spam => "spam",
        Decision::Accept => "accept",
        Decision::Revert => "revert",
        Decision::Unpublish => "unpublish",
    };
    format!("/api/v1/events/{id}/{verb}")
}

// Sessions and accounts.

pub async fn login(body: &Login) -> Result<SessionInfo, ApiError> {
    send_json(cookie(Request::post("/api/v1/session")), body).await
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/v1/session").await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    let response = write(Request::delete("/api/v1/session"), csrf)
        .send()
        .await
        .map_err(ApiError::network)?;
    if (200..300).contains(&response.status()) {
        return Ok(());
    }
    decode::<IgnoredAny>(response).await.map(|_| ())
}

pub async fn organisers() -> Result<OrganiserList, ApiError> {
    get("/api/v1/organisers").await
}

pub async fn invite(csrf: &str, body: &Invite) -> Result<InviteLink, ApiError> {
    send_json(
        write(Request::post("/api/v1/organisers/invitations"), csrf),
        body,
    )
    .await
}

pub async fn accept_invite(body: &AcceptInvite) -> Result<SessionInfo, ApiError> {
    send_json(
        cookie(Request::post("/api/v1/organisers/invitations/accept")),
        body,
    )
    .await
}

pub async fn update_organiser(
    csrf: &str,
    id: i64,
    body: &UpdateOrganiser,
) -> Result<Organiser, ApiError> {
    send_json(
        write(Request::patch(&format!("/api/v1/organisers/{id}")), csrf),
        body,
    )
    .await
}

// Campaigns.

pub async fn my_campaigns() -> Result<Vec<CampaignSettings>, ApiError> {
    get::<CampaignSettingsList>("/api/v1/organise/campaigns")
        .await
        .map(|l| l.campaigns)
}

pub async fn campaign_settings(slug: &str) -> Result<CampaignSettings, ApiError> {
    get(&format!("/api/v1/campaigns/{}/settings", encode(slug))).await
}

pub async fn create_campaign(
    csrf: &str,
    body: &CampaignInput,
) -> Result<CampaignSettings, ApiError> {
    send_json(write(Request::post("/api/v1/campaigns"), csrf), body).await
}

pub async fn update_campaign(
    csrf: &str,
    slug: &str,
    body: &CampaignInput,
) -> Result<CampaignSettings, ApiError> {
    let url = format!("/api/v1/campaigns/{}", encode(slug));
    send_json(write(Request::patch(&url), csrf), body).await
}

// Moderation.

pub async fn queue(slug: &str, status: &str, country: &str) -> Result<ModerationQueue, ApiError> {
    get(&format!(
        "/api/v1/campaigns/{}/moderation?{}",
        encode(slug),
        queue_query(status, country)
    ))
    .await
}

pub async fn bulk(csrf: &str, slug: &str, body: &BulkDecision) -> Result<BulkResult, ApiError> {
    let url = format!("/api/v1/campaigns/{}/moderation", encode(slug));
    send_json(write(Request::post(&url), csrf), body).await
}

/// One decision about one action; `trust_group` counts for an approval,
/// `reason` for a rejection and a takedown.
pub async fn decide(
    csrf: &str,
    id: i64,
    decision: Decision,
    trust_group: bool,
    reason: Option<String>,
) -> Result<Event, ApiError> {
    let url = decision_path(id, decision);
    let request = write(Request::post(&url), csrf);
    match decision {
        Decision::Approve => send_json(request, &Approve { trust_group }).await,
        Decision::Reject | Decision::Unpublish => send_json(request, &Reason { reason }).await,
        Decision::Spam | Decision::Accept | Decision::Revert => post(&url, csrf).await,
    }
}

pub async fn dashboard(slug: &str) -> Result<Dashboard, ApiError> {
    get(&format!("/api/v1/campaigns/{}/dashboard", encode(slug))).await
}

// Endorsements.

/// `status`: `pending`, `rejected` or `all` (organisers).
pub async fn endorsements(slug: &str, status: &str) -> Result<EndorsementList, ApiError> {
    get(&format!(
        "/api/v1/campaigns/{}/endorsements?status={}",
        encode(slug),
        encode(status)
    ))
    .await
}

pub async fn decide_endorsement(
    csrf: &str,
    id: i64,
    approve: bool,
) -> Result<Endorsement, ApiError> {
    let verb = if approve { "approve" } else { "reject" };
    post(&format!("/api/v1/endorsements/{id}/{verb}"), csrf).await
}

/// Imports a CSV list (`name,name_alt,city,country_code,website`, with a
/// header row).
pub async fn import_endorsements(
    csrf: &str,
    slug: &str,
    csv: String,
) -> Result<ImportResult, ApiError> {
    let url = format!("/api/v1/campaigns/{}/endorsements/import", encode(slug));
    let request = write(Request::post(&url), csrf)
        .header("Content-Type", "text/csv")
        .body(csv)
        .map_err(ApiError::network)?;
    let response = request.send().await.map_err(ApiError::network)?;
    decode(response).await
}

// The audit log and the outbox (admins).

pub async fn audit(before: Option<i64>) -> Result<AuditLog, ApiError> {
    let url = match before {
        Some(before) => format!("/api/v1/audit?limit=50&before={before}"),
        None => "/api/v1/audit?limit=50".to_string(),
    };
    get(&url).await
}

pub async fn outbox() -> Result<Outbox, ApiError> {
    get("/api/v1/outbox").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_query_leaves_out_blank_filters() {
        assert_eq!(queue_query("", ""), "");
        assert_eq!(queue_query("queue", ""), "status=queue");
        assert_eq!(queue_query("spam", " SE "), "status=spam&country=SE");
    }

    #[test]
    fn each_decision_has_its_endpoint() {
        assert_eq!(
            decision_path(7, Decision::Approve),
            "/api/v1/events/7/approve"
        );
        assert_eq!(
            decision_path(7, Decision::Unpublish),
            "/api/v1/events/7/unpublish"
        );
        assert_eq!(
            decision_path(7, Decision::Revert),
            "/api/v1/events/7/revert"
        );
    }
}
