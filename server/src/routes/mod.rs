//! HTTP: every route of API v1 is listed here, one module per resource.
//! Handlers parse and authorise, call one service, and shape the response.

pub mod admin;
pub mod campaigns;
pub mod endorsements;
pub mod events;
pub mod exports;
pub mod extract;
pub mod health;
pub mod home;
pub mod live;
pub mod moderation;
pub mod openapi;
pub mod organisers;
pub mod places;
mod rendered;
pub mod session;
pub mod settings;
pub mod site;

use axum::Router;
use axum::routing::{get, patch, post};

use crate::error::ApiError;
use crate::state::AppState;

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/openapi.json", get(openapi::document))
        .route(
            "/api/v1/campaigns",
            get(campaigns::list).post(campaigns::create),
        )
        .route(
            "/api/v1/campaigns/{slug}",
            get(campaigns::get).patch(campaigns::update),
        )
        .route(
            "/api/v1/campaigns/{slug}/settings",
            get(campaigns::settings),
        )
        .route("/api/v1/organise/campaigns", get(campaigns::organised))
        .route(
            "/api/v1/campaigns/{slug}/moderation",
            get(moderation::list).post(moderation::bulk),
        )
        .route(
            "/api/v1/campaigns/{slug}/dashboard",
            get(moderation::dashboard),
        )
        .route("/api/v1/campaigns/{slug}/live", get(live::live))
        .route("/api/v1/campaigns/{slug}/points", get(events::map_points))
        .route("/api/v1/events/{id}/approve", post(moderation::approve))
        .route("/api/v1/events/{id}/reject", post(moderation::reject))
        .route("/api/v1/events/{id}/spam", post(moderation::spam))
        .route("/api/v1/events/{id}/unpublish", post(moderation::unpublish))
        .route("/api/v1/events/{id}/accept", post(moderation::accept))
        .route("/api/v1/events/{id}/revert", post(moderation::revert))
        .route("/api/v1/campaigns/{slug}/stats", get(campaigns::stats))
        .route(
            "/api/v1/campaigns/{slug}/events",
            get(events::list).post(events::register),
        )
        .route(
            "/api/v1/campaigns/{slug}/events.ics",
            get(exports::campaign_ics),
        )
        .route(
            "/api/v1/campaigns/{slug}/events.geojson",
            get(exports::campaign_geojson),
        )
        .route(
            "/api/v1/campaigns/{slug}/events.csv",
            get(exports::campaign_csv),
        )
        .route(
            "/api/v1/campaigns/{slug}/events.atom",
            get(exports::campaign_atom),
        )
        .route(
            "/api/v1/campaigns/{slug}/endorsements",
            get(endorsements::list).post(endorsements::endorse),
        )
        .route(
            "/api/v1/campaigns/{slug}/endorsements/import",
            post(endorsements::import),
        )
        .route(
            "/api/v1/endorsements/{id}/approve",
            post(endorsements::approve),
        )
        .route(
            "/api/v1/endorsements/{id}/reject",
            post(endorsements::reject),
        )
        .route("/api/v1/audit", get(admin::audit))
        .route("/api/v1/outbox", get(admin::outbox))
        .route(
            "/api/v1/events/{id}",
            get(events::get_or_ics)
                .patch(events::update)
                .delete(events::withdraw)
                .layer(axum::middleware::from_fn(events::calendar_is_read_only)),
        )
        .route("/api/v1/events/{id}/cancel", post(events::cancel))
        .route("/api/v1/events/{id}/edit-link", post(events::new_edit_link))
        .route(
            "/api/v1/session",
            get(session::current)
                .post(session::login)
                .delete(session::logout),
        )
        .route("/api/v1/organisers", get(organisers::list))
        .route("/api/v1/organisers/invitations", post(organisers::invite))
        .route(
            "/api/v1/organisers/invitations/accept",
            post(organisers::accept),
        )
        .route("/api/v1/organisers/{id}", patch(organisers::update))
        .route("/api/v1/places", get(places::search))
        .route("/api/v1/settings", get(settings::get))
        .merge(site::router())
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { ApiError::NoRoute }),
        )
}
