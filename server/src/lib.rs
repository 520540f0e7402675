//! Day of Action server: the JSON API of `shared/`, the built web app, and the
//! services and storage behind them.
//!
//! Data flows one way: `routes` (parse, authorise) → `services` (rules,
//! transactions) → `entities` (sea-orm) → database.

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod entities;
pub mod error;
pub mod gazetteer;
pub mod routes;
pub mod services;
pub mod web;
pub mod zones;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::gazetteer::Gazetteer;
use crate::services::Services;
use crate::zones::ZoneFinder;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub services: Services,
    pub config: Arc<Config>,
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
        })
    }
}

/// The whole application: API, web app, and the layers around them.
pub fn app(state: AppState) -> Router {
    web::with_layers(routes::api_router(), &state.config).with_state(state)
}

/// Connects, migrates, binds `config.listen` (port 0 picks one) and serves in
/// the background. Returns the bound address.
pub async fn start(
    config: Config,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    let db = db::connect(&config.database_url).await?;
    let applied = db::migrate(&db).await?;
    if applied > 0 {
        tracing::info!(applied, "migrations applied");
    }
    let listener = TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let state = AppState::new(db, config)?;
    let router = app(state);
    let handle = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    });
    Ok((address, handle))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
