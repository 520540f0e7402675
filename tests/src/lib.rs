//! Helpers for the end-to-end tests: a fresh server per test on a fresh
//! database (a SQLite file, or a PostgreSQL database created and dropped for
//! the test), and typed requests.

use std::net::SocketAddr;

use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde::de::DeserializeOwned;
use server::config::Config;
use server::services::campaigns::{self, NewCampaign};
use shared::{ErrorBody, RegisterEvent};

pub mod backends;
pub mod live;
pub mod organiser;
pub mod pooler;
pub mod process;
pub mod replication;

pub use backends::Backend;
pub use organiser::Organiser;

/// GeoNames ids used across the tests.
pub mod places {
    pub const BERLIN: i64 = 2950159;
    pub const TEHRAN: i64 = 112931;
    pub const KATHMANDU: i64 = 1283240;
    pub const GOTHENBURG: i64 = 2711537;
    pub const LONDON: i64 = 2643743;
    pub const PARIS: i64 = 2988507;
    pub const AUCKLAND: i64 = 2193733;
    pub const HONOLULU: i64 = 5856195;
    pub const ST_JOHNS: i64 = 6324733;
    pub const SYDNEY: i64 = 2147714;
    pub const POTSDAM: i64 = 2852458;
    pub const HAMBURG: i64 = 2911298;
}

/// The day of action of the default test campaign.
pub const DAY: &str = "2026-11-05";
pub const SLUG: &str = "test-day";
pub const REVIEW_SLUG: &str = "reviewed-day";

pub struct TestApp {
    pub address: SocketAddr,
    pub base: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// `http://127.0.0.1:<port>` of `METRICS_LISTEN`, when asked for.
    pub metrics_base: Option<String>,
    _backend: backends::Database,
}

/// Settings for `spawn_with`.
pub struct Options {
    pub write_rate_per_minute: u32,
    pub body_limit_bytes: usize,
    /// `TRUSTED_PROXIES` (empty: none).
    pub trusted_proxies: String,
    pub public_url: String,
    pub header_read_timeout_seconds: u64,
    pub body_read_timeout_seconds: u64,
    pub request_timeout_seconds: u64,
    /// `SMTP_URL` (none: messages stay in the outbox).
    pub smtp_url: Option<String>,
    /// `CONTACT_RETENTION_DAYS` of the server's own daily purge.
    pub contact_retention_days: u32,
    /// `STATIC_DIR`: the built web app (none by default).
    pub static_dir: String,
    /// Serve `/metrics` on a loopback port of its own (`METRICS_LISTEN`).
    pub metrics: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            write_rate_per_minute: 0,
            body_limit_bytes: 64 * 1024,
            trusted_proxies: String::new(),
            public_url: "https://actions.example.org".into(),
            header_read_timeout_seconds: 10,
            body_read_timeout_seconds: 10,
            request_timeout_seconds: 30,
            smtp_url: None,
            // Ten years: the daily purge, which runs at start, must not race
            // the tests that call `retention::purge` with a day of their own.
            contact_retention_days: 3650,
            static_dir: "/nonexistent".into(),
            metrics: false,
        }
    }
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, Options::default()).await
}

/// A running server on a new, migrated database with two campaigns: `SLUG`
/// (publishes at once, on `DAY`) and `REVIEW_SLUG` (new events wait).
pub async fn spawn_with(backend: Backend, options: Options) -> TestApp {
    let database = backends::Database::create(backend).await;
    let url = database.url.clone();
    let metrics_listen = options
        .metrics
        .then(|| format!("127.0.0.1:{}", free_port()));
    let config = Config::from_lookup(|name| match name {
        "METRICS_LISTEN" => metrics_listen.clone(),
        "DATABASE_URL" => Some(url.clone()),
        "LISTEN" => Some("127.0.0.1:0".into()),
        "PUBLIC_URL" => Some(options.public_url.clone()),
        "STATIC_DIR" => Some(options.static_dir.clone()),
        "WRITE_RATE_PER_MINUTE" => Some(options.write_rate_per_minute.to_string()),
        "BODY_LIMIT_BYTES" => Some(options.body_limit_bytes.to_string()),
        "TRUSTED_PROXIES" => Some(options.trusted_proxies.clone()),
        "HEADER_READ_TIMEOUT_SECONDS" => Some(options.header_read_timeout_seconds.to_string()),
        "BODY_READ_TIMEOUT_SECONDS" => Some(options.body_read_timeout_seconds.to_string()),
        "REQUEST_TIMEOUT_SECONDS" => Some(options.request_timeout_seconds.to_string()),
        "SMTP_URL" => options.smtp_url.clone(),
        "CONTACT_RETENTION_DAYS" => Some(options.contact_retention_days.to_string()),
        _ => None,
    })
    .expect("test config");
    let (address, _handle) = server::start(config).await.expect("server starts");
    let db = Database::connect(&database.url)
        .await
        .expect("test connection");
    for (slug, review) in [(SLUG, false), (REVIEW_SLUG, true)] {
        create_campaign(&db, slug, DAY, DAY, review).await;
    }
    TestApp {
        address,
        base: format!("http://{address}"),
        client: reqwest::Client::new(),
        db,
        metrics_base: metrics_listen.map(|at| format!("http://{at}")),
        _backend: database,
    }
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

pub async fn create_campaign(
    db: &DatabaseConnection,
    slug: &str,
    from: &str,
    to: &str,
    review: bool,
) {
    campaigns::create(
        db,
        NewCampaign {
            slug: slug.into(),
            title: format!("Campaign {slug}"),
            summary: "A day of action for the tests.".into(),
            starts_on: from.into(),
            ends_on: to.into(),
            review,
            ..Default::default()
        },
    )
    .await
    .expect("campaign created");
}

/// A valid registration in a gazetteer city at a local time.
pub fn action(place_id: i64, local_start: &str) -> RegisterEvent {
    RegisterEvent {
        title: Some("Rally for jailed workers".into()),
        kind: Some("rally".into()),
        description: Some("Free them now.".into()),
        organiser_name: Some("Solidarity committee".into()),
        contact_email: Some("private-contact@example.org".into()),
        place_id: Some(place_id),
        local_start: Some(local_start.into()),
        ..Default::default()
    }
}

impl TestApp {
    /// The database this server runs on (for a second server on it).
    pub fn database_url(&self) -> &str {
        &self._backend.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn register(&self, slug: &str, body: &RegisterEvent) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/campaigns/{slug}/events")))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Registers and expects 201.
    pub async fn registered(&self, slug: &str, body: &RegisterEvent) -> shared::Registered {
        let response = self.register(slug, body).await;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::CREATED, "{text}");
        serde_json::from_str(&text).expect("Registered")
    }

    /// Registers an action and cancels it with its edit token (expects 200).
    pub async fn cancelled(&self, slug: &str, body: &RegisterEvent) -> shared::Registered {
        let r = self.registered(slug, body).await;
        let response = self.cancel(r.event.id, &r.edit_token).await;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::OK, "{text}");
        r
    }

    /// Registers and expects a 422 that names `field`; returns the error.
    pub async fn refused(&self, slug: &str, body: &RegisterEvent, field: &str) -> ErrorBody {
        let e = error_of(
            self.register(slug, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            e.error.fields.contains_key(field),
            "{field} not named: {:?}",
            e.error.fields
        );
        e
    }

    pub async fn patch(
        &self,
        id: i64,
        token: Option<&str>,
        if_match: Option<&str>,
        body: serde_json::Value,
    ) -> Response {
        let mut request = self
            .client
            .patch(self.url(&format!("/api/v1/events/{id}")))
            .json(&body);
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        if let Some(v) = if_match {
            request = request.header("If-Match", v);
        }
        request.send().await.expect("request sent")
    }

    pub async fn cancel(&self, id: i64, token: &str) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/events/{id}/cancel")))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent")
    }

    /// `DELETE /api/v1/events/{id}` with an optional edit token.
    pub async fn withdraw(&self, id: i64, token: Option<&str>) -> Response {
        let mut request = self
            .client
            .delete(self.url(&format!("/api/v1/events/{id}")));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send().await.expect("request sent")
    }

    /// `POST /api/v1/events/{id}/edit-link` with an optional edit token.
    pub async fn new_edit_link(&self, id: i64, token: Option<&str>) -> Response {
        let mut request = self
            .client
            .post(self.url(&format!("/api/v1/events/{id}/edit-link")));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send().await.expect("request sent")
    }

    /// `GET /api/v1/events/{id}` with an optional edit token.
    pub async fn event(&self, id: i64, token: Option<&str>) -> Response {
        let mut request = self.client.get(self.url(&format!("/api/v1/events/{id}")));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send().await.expect("request sent")
    }

    /// One column of an event's stored row, as text (NULL as `None`).
    pub async fn stored(&self, id: i64, column: &str) -> Option<String> {
        self.query_text(&format!(
            "SELECT CAST({column} AS TEXT) AS v FROM events WHERE id = {id}"
        ))
        .await
    }

    /// The column `v` of the one row of `sql`, as text (NULL as `None`).
    pub async fn query_text(&self, sql: &str) -> Option<String> {
        self.query_row(sql)
            .await
            .try_get::<Option<String>>("", "v")
            .expect("text")
    }

    /// The column `v` of the one row of `sql`, a whole number.
    pub async fn query_i64(&self, sql: &str) -> i64 {
        self.query_row(sql)
            .await
            .try_get::<i64>("", "v")
            .expect("a number")
    }

    async fn query_row(&self, sql: &str) -> sea_orm::QueryResult {
        let backend = self.db.get_database_backend();
        self.db
            .query_one_raw(sea_orm::Statement::from_string(backend, sql.to_string()))
            .await
            .expect("query")
            .expect("a row")
    }

    pub async fn list(&self, slug: &str, query: &str) -> shared::EventList {
        ok_json(
            self.get(&format!("/api/v1/campaigns/{slug}/events?{query}"))
                .await,
        )
        .await
    }

    pub async fn stats(&self, slug: &str) -> shared::Stats {
        ok_json(self.get(&format!("/api/v1/campaigns/{slug}/stats")).await).await
    }

    pub async fn count_rows(&self, table: &str) -> i64 {
        self.query_i64(&format!("SELECT COUNT(*) AS v FROM {table}"))
            .await
    }
}

/// Expects 200 and decodes the body.
/// How many searches the position index answered, from the text of
/// `/metrics` (`None` when the counter is not there).
pub fn position_index_hits(metrics: &str) -> Option<u64> {
    metrics
        .lines()
        .find(|l| {
            l.starts_with("dayofaction_cache_lookups_total{cache=\"positions\",result=\"hit\"}")
        })
        .and_then(|l| l.rsplit(' ').next()?.parse().ok())
}

pub async fn ok_json<T: DeserializeOwned>(response: Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot decode {text}: {e}"))
}

/// Expects `status` and our error body; returns it.
pub async fn error_of(response: Response, status: StatusCode) -> ErrorBody {
    let got = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an error body: {text}: {e}"))
}

/// Runs one async test body on both databases: `api_test!(name, |app| async move { … })`
/// expands to `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! api_test {
    ($name:ident, $body:expr) => {
        mod $name {
            // Some bodies use the test file's imports, some do not.
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::spawn($crate::Backend::Sqlite).await;
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = $crate::spawn($crate::Backend::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}
