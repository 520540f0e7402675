//! What the fault tests share: a migrated database with the test campaign,
//! the real server on it, and clients that neither retry nor wait forever.

use std::collections::HashMap;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tests::backends::Database;
use tests::live::ServerProcess;
use tests::{Backend, DAY, SLUG};

use crate::ledger::Ledger;

/// The longest any answer may take while the database is away: the pool's
/// acquire timeout (10 s, `server::db`) and a margin for a loaded machine.
pub const ANSWER_BOUND: Duration = Duration::from_secs(20);

/// A migrated database with the campaign `SLUG`, and a connection of the
/// test's own to look at it.
pub struct Site {
    pub database: Database,
    pub db: DatabaseConnection,
}

impl Site {
    pub async fn new(backend: Backend) -> Site {
        Site::on(Database::create(backend).await).await
    }

    pub async fn on(database: Database) -> Site {
        let db = server::db::connect(&database.url)
            .await
            .expect("test connection");
        server::db::migrate(&db).await.expect("migrations");
        tests::create_campaign(&db, SLUG, DAY, DAY, false).await;
        Site { database, db }
    }

    pub fn url(&self) -> &str {
        &self.database.url
    }

    /// `(title, version)` of each stored event by id.
    pub async fn events(&self) -> HashMap<i64, (String, i32)> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, title, version FROM events",
            ))
            .await
            .expect("events");
        rows.iter()
            .map(|row| {
                (
                    row.try_get::<i64>("", "id").expect("id"),
                    (
                        row.try_get::<String>("", "title").expect("title"),
                        row.try_get::<i32>("", "version").expect("version"),
                    ),
                )
            })
            .collect()
    }
}

/// The real server on `url` with `settings`, logging errors only (set
/// `FAULTS_SERVER_LOG`, e.g. to `warn`, to see more): under a fault the
/// expected 503s would fill the log.
pub async fn serve(url: &str, settings: &[(&str, &str)]) -> ServerProcess {
    let log = std::env::var("FAULTS_SERVER_LOG").unwrap_or_else(|_| "error,tower_http=off".into());
    let mut all = vec![("LOG", log.as_str())];
    all.extend_from_slice(settings);
    ServerProcess::start_with(url, &all, None).await
}

/// A client that neither retries nor keeps waiting past `bound`: what the
/// ledger says was sent was sent once.
pub fn client(bound: Duration) -> Client {
    Client::builder()
        .timeout(bound)
        .pool_max_idle_per_host(64)
        .build()
        .expect("client")
}

/// Prints a line of figures for the log of `cargo xtask faults`.
pub fn report(test: &str, ledger: &Ledger, elapsed: Duration) {
    let ok = ledger
        .answers
        .iter()
        .filter(|a| a.status.is_some_and(|s| s.is_success()))
        .count();
    println!(
        "{test}: {} requests in {:.1} s ({ok} 2xx, {} 503, {} unanswered), slowest {:.0} ms, \
         {} registrations acknowledged",
        ledger.answers.len(),
        elapsed.as_secs_f64(),
        ledger.count(StatusCode::SERVICE_UNAVAILABLE),
        ledger.no_answer(),
        ledger.slowest().as_secs_f64() * 1000.0,
        ledger.registered.len(),
    );
}
