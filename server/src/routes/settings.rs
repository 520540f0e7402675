use axum::Json;
use axum::extract::State;
use shared::Settings;
use std::sync::Arc;

use crate::config::Config;

/// Public settings of this server for the web app (map tiles).
#[utoipa::path(get, operation_id = "get_settings", path = "/api/v1/settings", tag = "settings", responses((status = 200, body = Settings)))]
pub async fn get(State(config): State<Arc<Config>>) -> Json<Settings> {
    Json(Settings {
        tile_url: config.tile_url.clone(),
        tile_attribution: config.tile_attribution.clone(),
    })
}
