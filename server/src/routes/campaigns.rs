//! Campaigns: the public reads; admins create and edit; organisers list the
//! ones they moderate with their settings.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::{
    Campaign, CampaignInput, CampaignList, CampaignSettings, CampaignSettingsList, ErrorBody, Stats,
};

use super::extract::{ApiJson, OrganiserSession};
use super::rendered::rendered_json;
use crate::error::ApiError;
use crate::services::{Services, campaigns, stats};

/// Published campaigns, each with its counters.
#[utoipa::path(get, operation_id = "list_campaigns", path = "/api/v1/campaigns", tag = "campaigns",
    responses((status = 200, body = CampaignList)))]
pub async fn list(State(services): State<Services>) -> Result<Json<CampaignList>, ApiError> {
    Ok(Json(CampaignList {
        campaigns: campaigns::list(&services).await?,
    }))
}

/// One campaign.
#[utoipa::path(get, operation_id = "get_campaign", path = "/api/v1/campaigns/{slug}", tag = "campaigns",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, body = Campaign), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    Ok(rendered_json(&campaigns::get(&services, &slug).await?))
}

/// Counters of published events: events, cities, countries, organisations,
/// by country and by UTC hour of start.
#[utoipa::path(get, operation_id = "get_campaign_stats", path = "/api/v1/campaigns/{slug}/stats", tag = "campaigns",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, body = Stats), (status = 404, body = ErrorBody)))]
pub async fn stats(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    Ok(rendered_json(&stats::get(&services, &slug).await?))
}

/// Admin: a new campaign (slug, title, starts_on and ends_on required).
#[utoipa::path(post, operation_id = "create_campaign", path = "/api/v1/campaigns", tag = "organisers",
    request_body = CampaignInput,
    responses((status = 201, body = CampaignSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody, description = "slug taken"),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(services): State<Services>,
    session: OrganiserSession,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<impl IntoResponse, ApiError> {
    let created = campaigns::create_by(&services, &session.viewer, input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Admin: change the fields sent.
#[utoipa::path(patch, operation_id = "update_campaign", path = "/api/v1/campaigns/{slug}", tag = "organisers",
    request_body = CampaignInput, params(("slug" = String, Path)),
    responses((status = 200, body = CampaignSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<CampaignInput>,
) -> Result<Json<CampaignSettings>, ApiError> {
    Ok(Json(
        campaigns::update(&services, &session.viewer, &slug, input).await?,
    ))
}

/// A campaign's settings, for its organisers.
#[utoipa::path(get, operation_id = "get_campaign_settings", path = "/api/v1/campaigns/{slug}/settings", tag = "organisers",
    params(("slug" = String, Path)),
    responses((status = 200, body = CampaignSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn settings(
    State(services): State<Services>,
    session: OrganiserSession,
    Path(slug): Path<String>,
) -> Result<Json<CampaignSettings>, ApiError> {
    Ok(Json(
        campaigns::settings(&services, &session.viewer, &slug).await?,
    ))
}

/// The campaigns the organiser moderates (an admin: all, archived too).
#[utoipa::path(get, operation_id = "list_organised_campaigns", path = "/api/v1/organise/campaigns", tag = "organisers",
    responses((status = 200, body = CampaignSettingsList), (status = 401, body = ErrorBody)))]
pub async fn organised(
    State(services): State<Services>,
    session: OrganiserSession,
) -> Result<Json<CampaignSettingsList>, ApiError> {
    Ok(Json(
        campaigns::for_organiser(&services, &session.viewer).await?,
    ))
}
