//! What every handler can reach: the services and the configuration.

use std::sync::Arc;

use axum::extract::FromRef;
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::metrics::Metrics;
use crate::services::Services;
use crate::shutdown::Draining;
use crate::zones::ZoneFinder;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
    /// What `/metrics` shows (on `METRICS_LISTEN` only).
    pub metrics: Metrics,
    /// Set once shutdown has begun (`/healthz` and live streams act on it).
    pub draining: Draining,
}

impl FromRef<AppState> for DatabaseConnection {
    fn from_ref(state: &AppState) -> Self {
        state.services.db.clone()
    }
}

impl AppState {
    /// Loads the gazetteer and time zone data (shared by every state of the
    /// process) around a database connection.
    pub fn new(db: DatabaseConnection, config: Config) -> anyhow::Result<AppState> {
        let places = Gazetteer::shared()?;
        let zones = ZoneFinder::shared();
        let services = Services::new(db, places, zones, &config.public_url);
        Ok(AppState {
            services,
            config: Arc::new(config),
            metrics: Metrics::new()?,
            draining: Draining::default(),
        })
    }
}
