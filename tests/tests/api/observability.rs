//! What an operator sees: `/metrics` on a listener of its own (never on the
//! public one), and one JSON log line per request that names the route, the
//! status and the time, and nobody's address, token, email or point.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{RegisterEvent, Registered};
use tests::live::{EventStream, ServerProcess};
use tests::places::BERLIN;
use tests::{Backend, DAY, SLUG, action, ok_json};

/// The value of the series `name{labels}` (labels in any order) in a
/// Prometheus text exposition, if it is there.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut want: Vec<(String, String)> = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    want.sort();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (series_name, inside) = match series.split_once('{') {
                Some((n, rest)) => (n, rest.strip_suffix('}')?),
                None => (series, ""),
            };
            if series_name != name {
                return None;
            }
            let mut got: Vec<(String, String)> = inside
                .split(',')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    Some((k.to_string(), v.trim_matches('"').to_string()))
                })
                .collect::<Option<_>>()?;
            got.sort();
            (got == want).then(|| value.parse().ok()).flatten()
        })
}

fn requests(text: &str, method: &str, route: &str, status: &str) -> f64 {
    let labels = [("method", method), ("route", route), ("status", status)];
    sample(text, "dayofaction_http_requests_total", &labels).unwrap_or(0.0)
}

mod metrics {
    use super::*;

    async fn scrape(client: &reqwest::Client, base: &str) -> String {
        let response = client
            .get(format!("{base}/metrics"))
            .send()
            .await
            .expect("scraped");
        assert_eq!(response.status(), StatusCode::OK);
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
        response.text().await.expect("text")
    }

    async fn counted_by_route_on_their_own_listener(backend: Backend) {
        let app = tests::spawn_with(
            backend,
            tests::Options {
                metrics: true,
                ..Default::default()
            },
        )
        .await;
        let base = app.metrics_base.clone().expect("a metrics listener");
        let before = scrape(&app.client, &base).await;
        let stats = "/api/v1/campaigns/{slug}/stats";
        assert_eq!(requests(&before, "GET", stats, "200"), 0.0);

        // The public listener has no /metrics.
        assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
        let registered = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        app.cancelled(SLUG, &action(BERLIN, "2026-11-05T16:00"))
            .await;
        for _ in 0..3 {
            app.stats(SLUG).await;
        }
        for _ in 0..2 {
            ok_json::<Value>(
                app.get(&format!("/api/v1/events/{}", registered.event.id))
                    .await,
            )
            .await;
        }
        assert_eq!(
            app.get("/api/v1/events/987654321").await.status(),
            StatusCode::NOT_FOUND
        );
        for _ in 0..2 {
            let csv = app
                .get(&format!("/api/v1/campaigns/{SLUG}/events.csv"))
                .await;
            assert_eq!(csv.status(), StatusCode::OK);
        }
        let mut stream = EventStream::open(
            &app.client,
            &app.url(&format!("/api/v1/campaigns/{SLUG}/live")),
            None,
        )
        .await;
        stream.next_named("stats", Duration::from_secs(10)).await;

        let after = scrape(&app.client, &base).await;
        for family in [
            "# TYPE dayofaction_http_requests_total counter",
            "# TYPE dayofaction_http_request_duration_seconds histogram",
            "# TYPE dayofaction_db_pool_connections gauge",
            "# TYPE dayofaction_db_pool_max_connections gauge",
            "# TYPE dayofaction_cache_lookups_total counter",
            "# TYPE dayofaction_actions gauge",
            "# TYPE dayofaction_live_subscribers gauge",
        ] {
            assert!(after.contains(family), "{family} missing:\n{after}");
        }
        let event = "/api/v1/events/{id}";
        assert_eq!(requests(&after, "GET", stats, "200"), 3.0, "{after}");
        assert_eq!(requests(&after, "GET", event, "200"), 2.0);
        assert_eq!(requests(&after, "GET", event, "404"), 1.0);
        assert_eq!(
            requests(&after, "POST", "/api/v1/campaigns/{slug}/events", "201"),
            2.0
        );
        assert_eq!(
            requests(&after, "POST", "/api/v1/events/{id}/cancel", "200"),
            1.0
        );
        assert_eq!(requests(&after, "GET", "(fallback)", "404"), 1.0);
        let timed = [("method", "GET"), ("route", stats)];
        assert_eq!(
            sample(
                &after,
                "dayofaction_http_request_duration_seconds_count",
                &timed
            ),
            Some(3.0)
        );
        // Templates only: no id, no raw path.
        assert!(!after.contains("987654321"), "{after}");
        assert!(!after.contains(&format!("/events/{}", registered.event.id)));

        let actions = |status: &str| sample(&after, "dayofaction_actions", &[("status", status)]);
        assert_eq!(actions("published"), Some(1.0));
        assert_eq!(actions("cancelled"), Some(1.0));
        assert_eq!(actions("pending"), Some(0.0));
        assert_eq!(
            sample(&after, "dayofaction_live_subscribers", &[]),
            Some(1.0)
        );
        let pool = |state: &str| {
            sample(
                &after,
                "dayofaction_db_pool_connections",
                &[("state", state)],
            )
            .unwrap_or(-1.0)
        };
        assert!(pool("idle") >= 0.0 && pool("in_use") >= 0.0, "{after}");
        let max = sample(&after, "dayofaction_db_pool_max_connections", &[]).unwrap_or(0.0);
        assert!(
            pool("idle") + pool("in_use") <= max && max >= 1.0,
            "{after}"
        );
        let lookups = |cache: &str, result: &str| {
            sample(
                &after,
                "dayofaction_cache_lookups_total",
                &[("cache", cache), ("result", result)],
            )
            .unwrap_or(0.0)
        };
        // The second export was the first one's copy; the counters were
        // computed once for this revision and then read from the cache.
        assert_eq!(lookups("exports", "miss"), 1.0, "{after}");
        assert_eq!(lookups("exports", "hit"), 1.0, "{after}");
        assert!(lookups("stats", "miss") >= 1.0, "{after}");
        assert!(lookups("stats", "hit") >= 2.0, "{after}");
        drop(stream);

        // Only /metrics there.
        let other = app
            .client
            .get(format!("{base}/api/v1/campaigns/{SLUG}/stats"))
            .send()
            .await
            .expect("sent");
        assert_eq!(other.status(), StatusCode::NOT_FOUND);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        counted_by_route_on_their_own_listener(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        counted_by_route_on_their_own_listener(Backend::Postgres).await;
    }

    /// Without `METRICS_LISTEN` there is no metrics listener at all.
    #[tokio::test]
    async fn off_by_default() {
        let app = tests::spawn(Backend::Sqlite).await;
        assert!(app.metrics_base.is_none());
        assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
    }
}

/// The real server binary with `LOG_FORMAT=json`: every line is a JSON
/// object; each request is one line with method, route, status and
/// duration; and what would single a person out is nowhere in the log,
/// though the requests carried it in headers, bodies, paths and queries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_one_line_per_request_and_nothing_private() {
    let database = tests::backends::Database::create(Backend::Sqlite).await;
    let folder = server::db::sqlite_path(&database.url)
        .and_then(|p| p.parent().map(std::path::Path::to_path_buf))
        .expect("folder");
    let log = folder.join("server.log");
    let server = ServerProcess::start_with(
        &database.url,
        &[("LOG_FORMAT", "json"), ("LOG", "info")],
        Some(&log),
    )
    .await;
    let db = sea_orm::Database::connect(&database.url)
        .await
        .expect("connection");
    tests::create_campaign(&db, SLUG, DAY, DAY, false).await;
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", server.base);

    // A registration with a contact email and an exact point.
    let (lat, lon) = ("52.51631", "13.37771");
    let body = RegisterEvent {
        contact_email: Some("hidden.person@example.org".into()),
        address: Some("Pariser Platz".into()),
        latitude: Some(lat.parse().expect("lat")),
        longitude: Some(lon.parse().expect("lon")),
        location_visibility: Some("exact".into()),
        ..action(BERLIN, "2026-11-05T14:00")
    };
    let response = client
        .post(url(&format!("/api/v1/campaigns/{SLUG}/events")))
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    let registered: Registered = response.json().await.expect("Registered");
    let (id, token) = (registered.event.id, registered.edit_token.clone());

    // An edit with its token, which also travels in a query and a path.
    let edited = client
        .patch(url(&format!("/api/v1/events/{id}")))
        .bearer_auth(&token)
        .header("If-Match", format!("\"{}\"", registered.event.version))
        .json(&json!({"title": "Rally for the jailed workers"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(edited.status(), StatusCode::OK, "{:?}", edited.text().await);
    let read = client
        .get(url(&format!("/api/v1/events/{id}?token={token}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(read.status(), StatusCode::OK);
    let missing = client
        .get(url(&format!("/edit/{id}/{token}")))
        .send()
        .await
        .expect("sent");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    // A search near the point.
    let near = client
        .get(url(&format!(
            "/api/v1/campaigns/{SLUG}/events?near={lat},{lon}&within_km=5"
        )))
        .send()
        .await
        .expect("sent");
    assert_eq!(near.status(), StatusCode::OK);
    drop(server);
    let _ = db.close().await;

    let text = std::fs::read_to_string(&log).expect("log");
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let mut seen: Vec<(String, String, u64)> = Vec::new();
    for line in lines.iter().filter(|l| l["message"] == "request") {
        let duration = line["duration_ms"].as_f64().expect("duration_ms");
        assert!((0.0..10_000.0).contains(&duration), "{line}");
        seen.push((
            line["method"].as_str().expect("method").to_string(),
            line["route"].as_str().expect("route").to_string(),
            line["status"].as_u64().expect("status"),
        ));
    }
    let healthz = seen.iter().filter(|(_, r, _)| r == "/healthz").count();
    assert!(healthz >= 1, "{text}");
    seen.retain(|(_, r, _)| r != "/healthz");
    seen.sort();
    let expected = [
        ("GET", "(fallback)", 404),
        ("GET", "/api/v1/campaigns/{slug}/events", 200),
        ("GET", "/api/v1/events/{id}", 200),
        ("PATCH", "/api/v1/events/{id}", 200),
        ("POST", "/api/v1/campaigns/{slug}/events", 201),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|(m, r, s)| (m.to_string(), r.to_string(), *s))
        .collect();
    assert_eq!(seen, expected, "{text}");
    for secret in [
        token.as_str(),
        "hidden.person@example.org",
        "127.0.0.1",
        lat,
        lon,
    ] {
        assert!(!text.contains(secret), "{secret} is in the log:\n{text}");
    }
}
