//! The layers around the API and the web app: static files with the app's
//! fallback page, body limit, rate limit on writes, timeouts, compression,
//! tracing and security headers (every asset from our own origin; nothing from
//! a CDN; no page but `/embed/…` may be framed; nothing private is cached).

use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use ipnet::IpNet;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_governor::GovernorLayer;
use tower_governor::errors::GovernorError;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tracing::Instrument;

use crate::app_pages::is_app_page;
use crate::error::ApiError;
use crate::first_paint::AppPage;
use crate::metrics::{self, Metrics};
use crate::routes::extract::{BodyLimit, client_of};
use crate::state::AppState;

pub fn with_layers(api: Router<AppState>, state: &AppState) -> Router<AppState> {
    let config = &state.config;
    let index = config.static_dir.join("index.html");
    let security = Arc::new(SecurityHeaders::new(
        &content_security_policy(&index, config.tile_url.as_deref()),
        config.public_url.starts_with("https://"),
    ));

    // The campaign homes carry their call to action in the first HTML.
    let api = match std::fs::read_to_string(&index) {
        Ok(html) => api.merge(crate::routes::home::router(Arc::new(AppPage::new(html)))),
        Err(_) => api,
    };
    let router = with_write_rate_limit(
        api.merge(static_files(&config.static_dir)),
        config.write_rate_per_minute,
        &config.trusted_proxies,
    );
    let limit = config.body_limit_bytes;
    let router = router
        .layer(axum::middleware::from_fn(server_timing))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::Extension(BodyLimit(limit)))
        .layer(RequestBodyTimeoutLayer::new(config.body_read_timeout))
        .layer(CompressionLayer::new());
    // The timeout covers all of the above; the headers below go on every
    // answer, a 429 or a 503 too.
    with_request_timeout(router, config.request_timeout)
        .layer(axum::middleware::from_fn_with_state(
            security,
            security_headers,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            observe,
        ))
}

/// One log line per request, and its figures for `/metrics`: the method, the
/// route's template, the status and the time until the response started.
/// Never the path or the query, which can carry an edit token or an
/// invitation, nor the client's address: people using this may be targeted.
/// Lines logged while the request runs carry the method and route too.
async fn observe(
    State(metrics): State<Metrics>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = metrics::method_label(req.method());
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let route = matched
        .as_ref()
        .map_or(metrics::UNMATCHED, MatchedPath::as_str);
    let span = tracing::info_span!("request", method, route);
    let response = next.run(req).instrument(span).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    metrics.observe(method, route, status, elapsed);
    let duration_ms = (elapsed.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    if status >= 500 {
        tracing::warn!(method, route, status, duration_ms, "request");
    } else {
        tracing::info!(method, route, status, duration_ms, "request");
    }
    response
}

/// The built web app: its files, its `index.html` for each of its pages
/// (the routes of `frontend/src/app.rs`), and a 404 in our JSON shape for
/// anything else (`/app.js.map`, `/wp-login.php`, `/.env`, `/nowhere`), so
/// that a missing file is not answered with the app's page and a 200.
fn static_files<S>(static_dir: &Path) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let index = ServeFile::new(static_dir.join("index.html"));
    let pages = tower::service_fn(move |req: Request<axum::body::Body>| {
        let index = index.clone();
        async move {
            if is_app_page(req.uri().path()) {
                let response = index.oneshot(req).await?;
                Ok::<_, std::convert::Infallible>(response.map(axum::body::Body::new))
            } else {
                Ok(ApiError::NoRoute.into_response())
            }
        }
    });
    Router::new()
        // `cargo xtask` writes `name.br` and `name.gz` beside each built file.
        .fallback_service(
            ServeDir::new(static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(pages),
        )
        .layer(axum::middleware::from_fn(asset_caching))
}

/// A built file whose name carries its content's hash (Trunk's
/// `frontend-<hash>.js`, `frontend-<hash>_bg.wasm`, `app-<hash>.css`) never
/// changes: browsers keep it for a year without asking. Everything else (the
/// app's page, the vendored map library) is checked with the server each
/// time (`Last-Modified`), so that a new release is seen at once.
async fn asset_caching(req: Request<axum::body::Body>, next: Next) -> Response {
    let immutable = is_hashed_asset(req.uri().path());
    let mut response = next.run(req).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// `…/name-<16 or more hex digits>.ext` or `…-<hex>_bg.wasm`.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = file.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
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

/// Ends a request that has not produced its response within `limit` with a
/// 503 in our JSON shape; the handler's future is dropped, which rolls back
/// its transaction (a registration still waiting for its batch is left out
/// of it). A streamed body, once started, is not cut.
pub fn with_request_timeout<S>(router: Router<S>, limit: Duration) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(axum::middleware::from_fn(
        move |req: Request<axum::body::Body>, next: Next| async move {
            // Logged inside the request's span, which names the route.
            match tokio::time::timeout(limit, next.run(req)).await {
                Ok(response) => response,
                Err(_) => {
                    tracing::warn!("request timed out");
                    ApiError::Timeout.into_response()
                }
            }
        },
    ))
}

/// Headers that depend on the request: who may frame the page, and whether
/// the response may be stored by a browser or proxy cache.
struct SecurityHeaders {
    /// For every page but `/embed/…`: `frame-ancestors 'none'` added.
    csp: HeaderValue,
    /// For `/embed/…`, which any site may frame.
    csp_embed: HeaderValue,
    hsts: Option<HeaderValue>,
}

/// Geolocation only for our own pages ("near me"); everything else a page
/// could ask a browser for is off, for us and for any frame. Only features
/// Chromium knows: an unknown one is logged as an error on every page.
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), browsing-topics=(), \
     camera=(), display-capture=(), geolocation=(self), gyroscope=(), hid=(), \
     interest-cohort=(), magnetometer=(), microphone=(), midi=(), payment=(), \
     publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()";

impl SecurityHeaders {
    fn new(csp: &str, https: bool) -> SecurityHeaders {
        let value = |v: &str| {
            HeaderValue::from_str(v)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
        };
        SecurityHeaders {
            csp: value(&format!("{csp}; frame-ancestors 'none'")),
            csp_embed: value(csp),
            hsts: https.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// Whether the answer to this request must not be stored by any cache: it
/// may carry a credential's result, or (for a write) an edit token.
fn is_private(method: &Method, headers: &HeaderMap) -> bool {
    matches!(
        *method,
        Method::POST | Method::PATCH | Method::PUT | Method::DELETE
    ) || headers.contains_key(header::AUTHORIZATION)
        || headers.contains_key(header::COOKIE)
}

async fn security_headers(
    State(security): State<Arc<SecurityHeaders>>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let embed = req.uri().path().starts_with("/embed/");
    let private = is_private(req.method(), req.headers());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if embed {
        headers.remove(header::X_FRAME_OPTIONS);
        headers.insert(header::CONTENT_SECURITY_POLICY, security.csp_embed.clone());
    } else {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(header::CONTENT_SECURITY_POLICY, security.csp.clone());
    }
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    if let Some(hsts) = &security.hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    if private {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Only our own origin (plus the tile server, if one is configured). Trunk's
/// inline start-up script is allowed by its hash, read from the built page.
fn content_security_policy(index: &Path, tile_url: Option<&str>) -> String {
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
    policy.trim().to_string()
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
/// window only and never stored. `X-Forwarded-For` is believed only when the
/// connection comes from a trusted proxy — see the README.
#[derive(Clone)]
struct ClientAddress {
    trusted: Arc<[IpNet]>,
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        client_of(req.extensions(), req.headers(), &self.trusted)
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

/// Limits POST, PATCH, PUT and DELETE per client address (0: no limit).
fn with_write_rate_limit(
    router: Router<AppState>,
    per_minute: u32,
    trusted_proxies: &[IpNet],
) -> Router<AppState> {
    if per_minute == 0 {
        return router;
    }
    let config = GovernorConfigBuilder::default()
        .key_extractor(ClientAddress {
            trusted: trusted_proxies.into(),
        })
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
            ApiError::RateLimited {
                retry_after_secs: wait,
            }
            .into_response()
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
    use crate::domain::client_address::client_key;

    #[test]
    fn only_files_named_by_their_hash_are_immutable() {
        for hashed in [
            "/frontend-8f3a9c0d1e2b4f56.js",
            "/frontend-8f3a9c0d1e2b4f56_bg.wasm",
            "/app-0123456789abcdef.css",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/vendor/leaflet/leaflet.js",
            "/vendor/leaflet.markercluster/MarkerCluster.css",
            "/countries-110m.json",
            "/-0123456789abcdef.js",
            "/frontend-0123.js",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html =
            r#"<script src="/a.js"></script><script type="module">init('/x.wasm');</script>"#;
        assert_eq!(inline_scripts(html), vec!["init('/x.wasm');"]);
    }

    fn key(peer: &str, forwarded: &[&str], trusted: &[&str]) -> String {
        let trusted: Vec<IpNet> = trusted.iter().map(|n| n.parse().expect("net")).collect();
        client_key(peer.parse().expect("peer"), forwarded, &trusted).to_string()
    }

    #[test]
    fn forwarded_for_is_ignored_from_untrusted_peers() {
        assert_eq!(key("198.51.100.4", &["6.6.6.6"], &[]), "198.51.100.4");
        assert_eq!(
            key("198.51.100.4", &["6.6.6.6"], &["10.0.0.0/8"]),
            "198.51.100.4"
        );
    }

    #[test]
    fn right_most_untrusted_forwarded_address_is_the_client() {
        let proxies = ["10.0.0.0/8", "127.0.0.1/32"];
        assert_eq!(key("10.0.0.2", &["203.0.113.9"], &proxies), "203.0.113.9");
        // The client wrote 6.6.6.6; our proxy appended what it saw.
        assert_eq!(
            key("10.0.0.2", &["6.6.6.6", " 203.0.113.9"], &proxies),
            "203.0.113.9"
        );
        // Two trusted hops (CDN → load balancer → us).
        assert_eq!(
            key(
                "127.0.0.1",
                &["6.6.6.6", "203.0.113.9", "10.1.2.3"],
                &proxies
            ),
            "203.0.113.9"
        );
        // Only proxies: the left-most of them.
        assert_eq!(key("10.0.0.2", &["10.9.9.9"], &proxies), "10.9.9.9");
        // No header: the proxy itself.
        assert_eq!(key("10.0.0.2", &[], &proxies), "10.0.0.2");
        // Unreadable entry: the hop that passed it on.
        assert_eq!(
            key(
                "10.0.0.2",
                &["203.0.113.9", "not-an-ip", "10.1.2.3"],
                &proxies
            ),
            "10.1.2.3"
        );
        // Ports and brackets.
        assert_eq!(
            key("10.0.0.2", &["203.0.113.9:4711"], &proxies),
            "203.0.113.9"
        );
        assert_eq!(
            key("10.0.0.2", &["[2001:db8::1]:443"], &proxies),
            "2001:db8::"
        );
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        assert_eq!(key("2001:db8:1:2:aaaa::1", &[], &[]), "2001:db8:1:2::");
        assert_eq!(
            key("2001:db8:1:2:ffff:ffff:ffff:ffff", &[], &[]),
            "2001:db8:1:2::"
        );
        assert_eq!(key("2001:db8:1:3::1", &[], &[]), "2001:db8:1:3::");
        // An IPv4 client on a dual-stack socket is still keyed by its address.
        assert_eq!(key("::ffff:203.0.113.9", &[], &[]), "203.0.113.9");
        assert_eq!(
            key("::ffff:127.0.0.1", &["203.0.113.7"], &["127.0.0.0/8"]),
            "203.0.113.7"
        );
    }

    #[test]
    fn private_requests_are_recognised() {
        let mut headers = HeaderMap::new();
        assert!(!is_private(&Method::GET, &headers));
        assert!(is_private(&Method::POST, &headers));
        assert!(is_private(&Method::DELETE, &headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("session=x"));
        assert!(is_private(&Method::GET, &headers));
    }

    #[tokio::test]
    async fn slow_handlers_get_a_503_in_our_shape() {
        use tower::ServiceExt;
        let router: Router = with_request_timeout(
            Router::new()
                .route(
                    "/slow",
                    axum::routing::get(|| async {
                        tokio::time::sleep(Duration::from_secs(30)).await;
                        "late"
                    }),
                )
                .route("/fast", axum::routing::get(|| async { "ok" })),
            Duration::from_millis(100),
        );
        let request = |path: &str| {
            Request::builder()
                .uri(path)
                .body(axum::body::Body::empty())
                .expect("request")
        };
        let fast = router
            .clone()
            .oneshot(request("/fast"))
            .await
            .expect("fast");
        assert_eq!(fast.status(), axum::http::StatusCode::OK);

        let started = std::time::Instant::now();
        let slow = router.oneshot(request("/slow")).await.expect("slow");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(slow.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert!(slow.headers().contains_key(header::RETRY_AFTER));
        let bytes = axum::body::to_bytes(slow.into_body(), 10_000)
            .await
            .expect("body");
        let body: shared::ErrorBody = serde_json::from_slice(&bytes).expect("error body");
        assert_eq!(body.error.code, "timeout");
    }

    #[tokio::test]
    async fn unknown_files_are_404_and_app_pages_get_the_index() {
        use tower::ServiceExt;
        let dir = std::env::temp_dir().join(format!("doa-static-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("vendor")).expect("dir");
        std::fs::write(dir.join("index.html"), "<html>app</html>").expect("index");
        std::fs::write(dir.join("vendor/a.js"), "let a;").expect("file");
        let router: Router = static_files(&dir);
        let get = |path: &str| {
            let router = router.clone();
            let request = Request::builder()
                .uri(path)
                .body(axum::body::Body::empty())
                .expect("request");
            async move {
                let response = router.oneshot(request).await.expect("answer");
                let status = response.status();
                let bytes = axum::body::to_bytes(response.into_body(), 10_000)
                    .await
                    .expect("body");
                (status, String::from_utf8_lossy(&bytes).into_owned())
            }
        };
        for page in ["/", "/register", "/e/12", "/c/day", "/embed/day?country=DE"] {
            assert_eq!(
                get(page).await,
                (axum::http::StatusCode::OK, "<html>app</html>".into()),
                "{page}"
            );
        }
        assert_eq!(get("/vendor/a.js").await.1, "let a;");
        for missing in [
            "/vendor/a.js.map",
            "/index.php",
            "/.env",
            "/nowhere",
            "/e/1/x",
        ] {
            let (status, body) = get(missing).await;
            assert_eq!(status, axum::http::StatusCode::NOT_FOUND, "{missing}");
            let body: shared::ErrorBody = serde_json::from_str(&body).expect("our error shape");
            assert_eq!(body.error.code, "not_found");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tile_origin() {
        assert_eq!(
            origin_of("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
    }
}
