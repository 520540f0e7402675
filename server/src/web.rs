//! The layers around the API and the web app: static files with the app's
//! fallback page, body limit, rate limit on writes, compression, tracing and
//! security headers (every asset from our own origin; nothing from a CDN).

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::http::{HeaderValue, Method, Request, header};
use axum::response::IntoResponse;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_governor::GovernorLayer;
use tower_governor::errors::GovernorError;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::config::Config;
use crate::routes::extract::BodyLimit;

pub fn with_layers(api: Router<AppState>, config: &Config) -> Router<AppState> {
    let index = config.static_dir.join("index.html");
    let static_files = ServeDir::new(&config.static_dir).fallback(ServeFile::new(&index));
    let csp = content_security_policy(&index, config.tile_url.as_deref());

    let router = with_write_rate_limit(
        api.fallback_service(static_files),
        config.write_rate_per_minute,
    );
    let limit = config.body_limit_bytes;
    router
        .layer(axum::middleware::from_fn(server_timing))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::Extension(BodyLimit(limit)))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(
            // No client address in the logs: people using this may be targeted.
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
            }),
        )
}

/// `Server-Timing: app;dur=<ms>`: the time the server spent on a request,
/// for browsers' developer tools and the benchmark.
async fn server_timing(
    req: Request<axum::body::Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let started = std::time::Instant::now();
    let mut response = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.3}")) {
        response.headers_mut().insert("server-timing", v);
    }
    response
}

/// Only our own origin (plus the tile server, if one is configured). Trunk's
/// inline start-up script is allowed by its hash, read from the built page.
fn content_security_policy(index: &Path, tile_url: Option<&str>) -> HeaderValue {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    if let Ok(html) = std::fs::read_to_string(index) {
        for script in inline_scripts(&html) {
            let hash =
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
            script_src.push_str(&format!(" 'sha256-{hash}'"));
        }
    }
    let tiles = tile_url.and_then(origin_of).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob: {tiles}; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'"
    );
    HeaderValue::from_str(policy.trim())
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The bodies of `<script>` elements without `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let tag = &after_open[..tag_end];
        let body_start = &after_open[tag_end + 1..];
        let Some(close) = body_start.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&body_start[..close]);
        }
        rest = &body_start[close..];
    }
    out
}

/// `https://tile.example.org/{z}/{x}/{y}.png` → `https://tile.example.org`.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}"))
}

/// Clients are told apart by their address, held in memory for the limiter's
/// window only and never stored. Behind a reverse proxy, the proxy must set
/// `X-Forwarded-For` (the first address is taken) — see the README.
#[derive(Clone, Copy)]
struct ClientAddress;

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok());
        forwarded
            .or_else(|| {
                req.extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

/// Limits POST, PATCH, PUT and DELETE per client address (0: no limit).
fn with_write_rate_limit(router: Router<AppState>, per_minute: u32) -> Router<AppState> {
    if per_minute == 0 {
        return router;
    }
    let config = GovernorConfigBuilder::default()
        .key_extractor(ClientAddress)
        .period(Duration::from_millis(60_000 / u64::from(per_minute)))
        .burst_size(per_minute)
        .methods(vec![
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
        ])
        .error_handler(|error| {
            let wait = match &error {
                GovernorError::TooManyRequests { wait_time, .. } => *wait_time,
                _ => 60,
            };
            let body = shared::ErrorBody {
                error: shared::ErrorDetail {
                    code: "rate_limited".into(),
                    message: format!("too many changes from this address; try again in {wait} s"),
                    fields: Default::default(),
                },
            };
            let mut response =
                (axum::http::StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        })
        .finish();
    let Some(config) = config.map(Arc::new) else {
        tracing::warn!(per_minute, "write rate limit not applied: invalid setting");
        return router;
    };
    // Forget idle clients now and then so the table stays small.
    let limiter = config.limiter().clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiter.retain_recent();
        }
    });
    router.layer(GovernorLayer { config })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html =
            r#"<script src="/a.js"></script><script type="module">init('/x.wasm');</script>"#;
        assert_eq!(inline_scripts(html), vec!["init('/x.wasm');"]);
    }

    #[test]
    fn tile_origin() {
        assert_eq!(
            origin_of("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
    }
}
