//! Day of Action server: the JSON API of `shared/`, the built web app, and the
//! services and storage behind them.
//!
//! Data flows one way: `routes` (parse, authorise) → `services` (rules,
//! transactions) → `entities` (sea-orm) → database.

pub mod app_pages;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod entities;
pub mod error;
pub mod first_paint;
pub mod gazetteer;
pub mod metrics;
pub mod outage;
pub mod routes;
pub mod services;
pub mod shutdown;
pub mod state;
pub mod storage;
pub mod web;
pub mod zones;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::Service;

use crate::config::Config;

pub use state::AppState;

/// The whole application: API, web app, and the layers around them.
pub fn app(state: AppState) -> Router {
    web::with_layers(routes::api_router(), &state).with_state(state)
}

/// Connects, migrates, binds `config.listen` (port 0 picks one) and serves in
/// the background. Returns the bound address.
pub async fn start(
    config: Config,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    // Migrations get a connection of their own without the statement
    // timeout: building an index on a large table may take longer.
    let migrating = db::connect(&config.database_url).await?;
    let applied = db::migrate(&migrating).await?;
    if applied > 0 {
        tracing::info!(applied, "migrations applied");
    }
    migrating.close().await?;
    let db = db::connect_with(&config.database_url, config.statement_timeout).await?;
    let writer = db::connect_writer(&config.database_url, config.statement_timeout).await?;
    // A streaming replica answers the public's reads; it is never migrated
    // (it follows the primary).
    let replica = match &config.read_database_url {
        Some(url) => Some(db::connect_with(url, config.statement_timeout).await?),
        None => None,
    };
    let listener = TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let header_read_timeout = config.header_read_timeout;
    let (drain, grace) = (config.shutdown_drain, config.shutdown_grace);
    // Private data of past campaigns is erased daily, on every replica
    // (the erasure is idempotent).
    services::retention::spawn_daily(db.clone(), config.contact_retention_days);
    // Every replica sends notifications; each message goes once.
    services::notifications::spawn_sender(
        db.clone(),
        config.smtp_url.clone(),
        config.mail_from.clone(),
    );
    let notifications_url = config
        .listen_database_url
        .clone()
        .unwrap_or_else(|| config.database_url.clone());
    let metrics_listener = match config.metrics_listen {
        Some(at) => Some(TcpListener::bind(at).await?),
        None => None,
    };
    let mut state = AppState::new(db, config)?;
    if let Some(writer) = writer {
        state.services = state.services.with_write_db(writer);
    }
    if let Some(replica) = replica {
        state.services = state.services.with_read_db(replica);
    }
    if let Some(listener) = metrics_listener {
        // The port only: no address goes into the log.
        tracing::info!(port = listener.local_addr()?.port(), "metrics listening");
        tokio::spawn(metrics::serve(
            listener,
            state.metrics.clone(),
            state.services.clone(),
        ));
    }
    // Live updates from the other replicas (PostgreSQL), and ended sessions
    // swept now and then.
    state.services.live.spawn_listener(notifications_url);
    services::accounts::sessions::spawn_sweeper(state.services.clone());
    let draining = state.draining.clone();
    let router = app(state);
    let handle = tokio::spawn(serve(
        listener,
        router,
        header_read_timeout,
        grace,
        shutdown::on_signal(draining, drain),
    ));
    Ok((address, handle))
}

/// Every connection is closed after this long, even a busy or an idle
/// HTTP/2 one (clients reconnect); HTTP/1 idle ones go much sooner.
const CONNECTION_MAX_AGE: Duration = Duration::from_secs(15 * 60);

/// Serves `router` on `listener` until `shutdown` completes, then lets open
/// requests finish within `grace` (the rest are cut). Slow and idle clients
/// are bounded: a connection must send its first byte, and each request
/// header, within `header_read_timeout`, and
/// an idle kept-alive HTTP/1 connection is closed after the same time (hyper
/// starts the header timer as soon as it waits for the next request).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    grace: Duration,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    // HTTP/2 has no header timer; pings find peers that went away.
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(header_read_timeout)
        .keep_alive_timeout(header_read_timeout);
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // Puts `ConnectInfo<SocketAddr>` into each request (the rate limiter reads it).
        let service = match make_service.call(peer).await {
            Ok(service) => service,
            Err(never) => match never {},
        };
        let builder = Arc::clone(&builder);
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            // hyper's header timer starts only once the protocol is known.
            let mut first = [0u8; 1];
            match tokio::time::timeout(header_read_timeout, stream.peek(&mut first)).await {
                Ok(Ok(n)) if n > 0 => {}
                _ => return,
            }
            let connection = builder.serve_connection_with_upgrades(
                TokioIo::new(stream),
                TowerToHyperService::new(service),
            );
            match tokio::time::timeout(CONNECTION_MAX_AGE, watcher.watch(connection)).await {
                Ok(Err(e)) => tracing::debug!(error = %e, "connection ended"),
                Ok(Ok(())) => {}
                Err(_) => tracing::debug!("connection closed at its maximum age"),
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still open at shutdown were cut");
    }
    Ok(())
}
