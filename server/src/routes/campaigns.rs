use axum::Json;
use axum::extract::{Path, State};
use shared::{Campaign, CampaignList, ErrorBody, Stats};

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
) -> Result<Json<Campaign>, ApiError> {
    Ok(Json(campaigns::get(&services, &slug).await?))
}

/// Counters of published events: events, cities, countries, organisations,
/// by country and by UTC hour of start.
#[utoipa::path(get, operation_id = "get_campaign_stats", path = "/api/v1/campaigns/{slug}/stats", tag = "campaigns",
    params(("slug" = String, Path, description = "the campaign's slug")),
    responses((status = 200, body = Stats), (status = 404, body = ErrorBody)))]
pub async fn stats(
    State(services): State<Services>,
    Path(slug): Path<String>,
) -> Result<Json<Stats>, ApiError> {
    Ok(Json(stats::get(&services, &slug).await?))
}
