//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the
//! handlers' annotations and the shared types.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{campaigns, events, exports, health, places, settings};

#[derive(OpenApi)]
#[openapi(
    info(title = "Day of Action API", version = "1", description = "Register and find actions of a global day of protest."),
    paths(
        health::healthz,
        campaigns::list, campaigns::get, campaigns::stats,
        events::list, events::register, events::get_or_ics, events::event_ics, events::update, events::cancel,
        exports::campaign_ics, exports::campaign_geojson, exports::campaign_csv,
        places::search, settings::get,
    ),
    components(schemas(
        shared::ErrorBody, shared::ErrorDetail, shared::Campaign, shared::CampaignList, shared::Stats,
        shared::CountryCount, shared::HourCount, shared::Event, shared::EventPlace, shared::LocalTimes,
        shared::EventKind, shared::EventStatus, shared::LocationVisibility, shared::RegisterEvent,
        shared::UpdateEvent, shared::Registered, shared::EventList, shared::Place, shared::PlaceList, shared::Settings,
    )),
    modifiers(&EditToken),
)]
pub struct ApiDoc;

struct EditToken;

impl Modify for EditToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "edit_token",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
