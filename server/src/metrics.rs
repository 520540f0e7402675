//! `/metrics` in the Prometheus text format, for the operator: served only on
//! `METRICS_LISTEN` (unset: nowhere), never on the public listener, where
//! `/metrics` is a 404 like any unknown path.
//!
//! Requests are counted by the route's template (`/api/v1/events/{id}`),
//! never by the path asked for, which may carry an id, a token or whatever a
//! scanner tries: the series stay few and say nothing about anyone. The
//! database pool, the caches, the actions by status and the live-update
//! subscribers are read when scraped.
//!
//! Each server has its own registry (the tests run many in one process), so
//! nothing here is global.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use tokio::net::TcpListener;

use crate::services::{CacheLookups, Services};
use crate::{db, storage};

/// The route of requests that no route matched (the web app's files and
/// pages, and 404s).
pub const UNMATCHED: &str = "(fallback)";

/// Seconds until the response starts: from well under a millisecond (a
/// cached list) to the request timeout.
const LATENCY_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0, 30.0,
];

#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    pool_max: IntGauge,
    cache: IntCounterVec,
    actions: IntGaugeVec,
    live: IntGauge,
}

impl Metrics {
    pub fn new() -> prometheus::Result<Metrics> {
        let registry = Registry::new_custom(Some("dayofaction".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests answered, by route template and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time until the response started, by route template",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["method", "route"],
        )?;
        let pool = IntGaugeVec::new(
            Opts::new(
                "db_pool_connections",
                "Database connections of the pool, by state",
            ),
            &["state"],
        )?;
        let pool_max = IntGauge::new("db_pool_max_connections", "The most the pool opens")?;
        let cache = IntCounterVec::new(
            Opts::new(
                "cache_lookups_total",
                "Lookups in the counters cache (stats), the pages cache (pages), the feeds and exports cache (exports) and the position index of point and box searches (positions)",
            ),
            &["cache", "result"],
        )?;
        let actions = IntGaugeVec::new(
            Opts::new("actions", "Actions stored, by status, over every campaign"),
            &["status"],
        )?;
        let live = IntGauge::new(
            "live_subscribers",
            "Open live-update streams of this server",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(pool.clone()))?;
        registry.register(Box::new(pool_max.clone()))?;
        registry.register(Box::new(cache.clone()))?;
        registry.register(Box::new(actions.clone()))?;
        registry.register(Box::new(live.clone()))?;
        Ok(Metrics(Arc::new(Inner {
            registry,
            requests,
            latency,
            pool,
            pool_max,
            cache,
            actions,
            live,
        })))
    }

    /// Counts one answered request: `method` from `method_label`, `route` a
    /// template or `UNMATCHED`.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        self.0
            .requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.0
            .latency
            .with_label_values(&[method, route])
            .observe(elapsed.as_secs_f64());
    }

    /// Reads the figures that are not counted as they happen, then writes
    /// every metric out.
    pub async fn render(&self, services: &Services) -> String {
        let m = &self.0;
        if let Some(pool) = db::pool_use(&services.db) {
            let idle = i64::from(pool.idle.min(pool.open));
            m.pool.with_label_values(&["idle"]).set(idle);
            m.pool
                .with_label_values(&["in_use"])
                .set(i64::from(pool.open) - idle);
            m.pool_max.set(i64::from(pool.max));
        }
        for (name, lookups) in [
            ("stats", services.stats_cache.lookups()),
            ("pages", services.page_cache.lookups()),
            ("exports", services.export_cache.lookups()),
            ("points", services.map_points.lookups()),
            ("positions", services.positions.lookups()),
        ] {
            self.catch_up(name, lookups);
        }
        m.live
            .set(i64::try_from(services.live.subscribers()).unwrap_or(i64::MAX));
        match storage::events::count_by_status(&services.db).await {
            Ok(counts) => {
                // A status whose last action left reads 0, not its old count.
                for status in shared::EventStatus::ALL {
                    let n = counts
                        .iter()
                        .find(|(s, _)| *s == status)
                        .map_or(0, |(_, n)| *n);
                    m.actions.with_label_values(&[status.as_str()]).set(n);
                }
            }
            // The rest is still worth a scrape; the old counts stay.
            Err(e) => tracing::warn!(error = %e, "metrics: actions not counted"),
        }
        let mut text = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&m.registry.gather(), &mut text) {
            tracing::warn!(error = %e, "metrics: not encoded");
        }
        String::from_utf8_lossy(&text).into_owned()
    }

    /// The caches count in plain atomics; the counters follow them.
    fn catch_up(&self, cache: &str, lookups: &CacheLookups) {
        for (result, now) in [("hit", lookups.hits()), ("miss", lookups.misses())] {
            let counter = self.0.cache.with_label_values(&[cache, result]);
            counter.inc_by(now.saturating_sub(counter.get()));
        }
    }
}

/// The standard methods by name; any other (a client may send anything)
/// as one label, so that the series stay few.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// What a scrape reads: the counters, and the services it asks for the rest.
#[derive(Clone)]
struct Scraped {
    metrics: Metrics,
    services: Services,
}

async fn scrape(State(scraped): State<Scraped>) -> Response {
    let text = scraped.metrics.render(&scraped.services).await;
    ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], text).into_response()
}

/// Serves `GET /metrics` (and 404 for anything else) on `listener` until the
/// process ends. Only the operator's scraper should reach it.
pub async fn serve(listener: TcpListener, metrics: Metrics, services: Services) {
    let router = Router::new()
        .route("/metrics", get(scrape))
        .with_state(Scraped { metrics, services });
    if let Err(e) = axum::serve(listener, router).await {
        tracing::error!(error = %e, "metrics listener stopped");
    }
}
