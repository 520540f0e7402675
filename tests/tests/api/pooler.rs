//! Through PgBouncer in transaction mode (the real program, started by the
//! test on loopback): two server replicas migrate, register, cancel and read
//! through a pool of two server connections, every request answered 2xx and
//! every registration stored once; live updates cross from one replica to
//! the other over `LISTEN_DATABASE_URL`, the direct connection a
//! transaction-mode pooler cannot give.

use std::time::Duration;

use futures_util::{StreamExt, stream};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database as Db, DatabaseConnection, DbBackend, Statement};
use shared::{Registered, Stats};
use tests::backends::{Database, postgres_admin_url};
use tests::live::{EventStream, ServerProcess};
use tests::places::{BERLIN, PARIS, TEHRAN};
use tests::pooler::Pooler;
use tests::{Backend, DAY, SLUG, action};

const REGISTRATIONS: usize = 200;
const IN_FLIGHT: usize = 32;
/// What PgBouncer may open to PostgreSQL for the test's database.
const SERVER_CONNECTIONS: u32 = 2;

/// Host and port of a `postgres://user@host:port/db` URL.
fn host_and_port(url: &str) -> (String, u16) {
    let authority = url
        .split_once('@')
        .map_or(url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    let (host, port) = authority.rsplit_once(':').unwrap_or((authority, "5432"));
    (host.to_string(), port.parse().expect("a port"))
}

/// The number the query `sql` answers on `db`.
async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .expect("counted")
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("a number")
}

/// One request of the load: a registration through `writer`, or a read
/// through `reader`; its status, and the registration if it was one.
async fn request(
    client: &reqwest::Client,
    writer: &ServerProcess,
    reader: &ServerProcess,
    n: usize,
) -> (String, StatusCode, Option<Registered>) {
    if n.is_multiple_of(2) {
        let place = [BERLIN, PARIS, TEHRAN][n % 3];
        let response = client
            .post(writer.url(&format!("/api/v1/campaigns/{SLUG}/events")))
            .json(&action(place, &format!("{DAY}T{:02}:00", 8 + n % 10)))
            .send()
            .await
            .expect("registration sent");
        let status = response.status();
        let registered = response.json().await.ok();
        return ("registration".into(), status, registered);
    }
    let path = match n % 10 {
        1 => format!("/api/v1/campaigns/{SLUG}/events?near=52.5,13.4&within_km=3000&limit=5"),
        3 => format!("/api/v1/campaigns/{SLUG}/events?bbox=-10,30,60,60"),
        5 => format!("/api/v1/campaigns/{SLUG}/stats"),
        7 => format!("/api/v1/campaigns/{SLUG}"),
        _ => format!("/api/v1/campaigns/{SLUG}/events?kind=rally&limit=20"),
    };
    let response = client
        .get(reader.url(&path))
        .send()
        .await
        .expect("read sent");
    (path, response.status(), None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_work_through_a_transaction_mode_pooler() {
    let database = Database::create(Backend::Postgres).await;
    let name = database
        .postgres_name()
        .expect("a PostgreSQL database")
        .to_string();
    let (host, port) = host_and_port(&database.url);
    let pooler = Pooler::start((&host, port), SERVER_CONNECTIONS);
    let through = pooler.url(&name);
    let direct = [("LISTEN_DATABASE_URL", database.url.as_str())];
    // The first one migrates the empty database through the pooler.
    let one = ServerProcess::start_with(&through, &direct, None).await;
    let two = ServerProcess::start_with(&through, &direct, None).await;
    let db = Db::connect(&database.url).await.expect("direct connection");
    tests::create_campaign(&db, SLUG, DAY, DAY, false).await;
    let client = reqwest::Client::new();
    let mut live = EventStream::open(
        &client,
        &two.url(&format!("/api/v1/campaigns/{SLUG}/live")),
        None,
    )
    .await;

    let answers: Vec<_> = stream::iter(0..2 * REGISTRATIONS)
        .map(|n| request(&client, &one, &two, n))
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let failed: Vec<_> = answers
        .iter()
        .filter(|(_, status, _)| !status.is_success())
        .map(|(what, status, _)| format!("{what}: {status}"))
        .collect();
    assert!(failed.is_empty(), "{failed:?}\n{}", pooler.log());
    let registered: Vec<Registered> = answers.into_iter().filter_map(|(_, _, r)| r).collect();
    assert_eq!(registered.len(), REGISTRATIONS);

    // Writes through the other replica: cancel a few.
    for r in registered.iter().take(10) {
        let response = client
            .post(two.url(&format!("/api/v1/events/{}/cancel", r.event.id)))
            .bearer_auth(&r.edit_token)
            .send()
            .await
            .expect("cancel sent");
        assert_eq!(response.status(), StatusCode::OK, "{}", pooler.log());
    }

    // Each registration stored once.
    assert_eq!(
        count(&db, "SELECT count(*) FROM events").await,
        REGISTRATIONS as i64
    );
    assert_eq!(
        count(&db, "SELECT count(DISTINCT id) FROM events").await,
        REGISTRATIONS as i64
    );
    let stats: Stats = client
        .get(one.url(&format!("/api/v1/campaigns/{SLUG}/stats")))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats body");
    assert_eq!(stats.events, (REGISTRATIONS - 10) as u64);

    // The registrations through one replica reached the other's readers.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(data) = live.next_named("stats", left).await else {
            panic!("the live stream of the second replica never moved");
        };
        let seen: Stats = serde_json::from_str(&data).expect("stats event");
        if seen.events > 0 {
            break;
        }
    }

    // The replicas' 32 connections shared the pooler's two to PostgreSQL
    // (besides each replica's listener), as seen from another database.
    db.close().await.ok();
    let admin = Db::connect(postgres_admin_url()).await.expect("admin");
    let pooled = count(
        &admin,
        &format!(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' \
             AND backend_type = 'client backend' AND query NOT ILIKE 'listen%'"
        ),
    )
    .await;
    admin.close().await.ok();
    assert!(
        (1..=i64::from(SERVER_CONNECTIONS)).contains(&pooled),
        "{pooled} connections to PostgreSQL besides the listeners"
    );

    drop(live);
    drop(one);
    drop(two);
    drop(pooler);
    drop(database);
}
