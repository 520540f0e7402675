//! `cargo bench -p tests --bench api`: the API at 100,000 events, on SQLite
//! and PostgreSQL.
//!
//! For each backend: a fresh database, the release server as its own process,
//! 2,000 registrations over HTTP (16 in flight), the rest of the events loaded
//! straight into the database, then 500 timed requests of each query kind, one
//! at a time, and the server's memory; then an export storm (50 parallel
//! downloads of the CSV, then of the ICS, while the list is timed). It prints figures and whether the
//! issue's targets were met; it never fails on a figure.
//!
//! `BENCH_EVENTS` (default `1000,10000,100000`: each size on a fresh
//! database, then how the figures grow) and `BENCH_BACKENDS` (default
//! `sqlite,postgres`) make a smaller or a single-backend run;
//! `BENCH_KEEP_DATABASE=1` leaves the databases in place (to EXPLAIN queries
//! on them); `TEST_POSTGRES_URL` is the PostgreSQL admin URL, as for the tests.

mod support;

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::DatabaseConnection;
use server::gazetteer::Gazetteer;
use server::storage;
use support::bulk;
use support::measure::{self, Samples};
use support::process::{self, ServerProcess};
use support::report::{self, BackendReport, duration, thousands};
use support::storm;
use support::throughput::{self, Rate};
use support::workload::{DAY, SLUG, Workload};
use tests::backends::{Backend, Database as BenchDatabase};

const REGISTRATIONS: usize = 2_000;
/// Clients registering at once.
const CONCURRENCY: usize = 32;
const WARMUP: usize = 20;
const QUERIES: usize = 500;
/// Requests of the map's points from the copy (each is the whole campaign).
const POINT_QUERIES: usize = 50;
/// Uncached stats requests, each after a revision bump.
const COLD_STATS: usize = 100;
const TOP_COUNTRIES: usize = 20;
/// Clients downloading one export at once in the export storm.
const STORM_CLIENTS: usize = 50;
/// One seed for every backend, so each gets the same events and queries.
const SEED: u64 = 20_261_105;

struct Settings {
    /// The sizes to run, each on a fresh database.
    events: Vec<usize>,
    backends: Vec<Backend>,
    keep_database: bool,
}

impl Settings {
    fn from_env() -> anyhow::Result<Settings> {
        let events = match std::env::var("BENCH_EVENTS") {
            Ok(v) => v
                .split(',')
                .map(|n| {
                    n.trim()
                        .replace('_', "")
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n > 0)
                        .with_context(|| format!("BENCH_EVENTS: not a positive whole number: {n}"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?,
            Err(_) => vec![1_000, 10_000, 100_000],
        };
        let names = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
        let backends = names
            .split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| {
                Backend::parse(n).with_context(|| format!("BENCH_BACKENDS: unknown backend {n:?}"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if backends.is_empty() {
            bail!("BENCH_BACKENDS names no backend (sqlite, postgres)");
        }
        let keep_database = std::env::var("BENCH_KEEP_DATABASE").is_ok_and(|v| v == "1");
        Ok(Settings {
            events,
            backends,
            keep_database,
        })
    }
}

fn main() -> anyhow::Result<()> {
    let started = Instant::now();
    let settings = Settings::from_env()?;
    let binary = process::build_binary()?;
    let workload = Workload::new(Gazetteer::shared().context("the embedded gazetteer")?);
    // Two workers, as many as the machine has cores; the server has its own.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    println!(
        "{} events per backend over {} gazetteer cities (drawn ∝ √population); \
         queries around uniformly drawn cities.\n\
         server = the server's own time (its Server-Timing header); \
         round trip = as this client saw it over loopback",
        settings
            .events
            .iter()
            .map(|n| thousands(*n as u64))
            .collect::<Vec<_>>()
            .join(", then "),
        thousands(workload.places.len() as u64)
    );
    let mut reports = Vec::new();
    for &events in &settings.events {
        for &backend in &settings.backends {
            let report =
                runtime.block_on(run(backend, events, &settings, binary.path(), &workload))?;
            report.print();
            reports.push(report);
        }
    }
    report::print_growth(&reports);
    println!("\nbench took {}", duration(started.elapsed().as_secs_f64()));
    Ok(())
}

async fn run(
    backend: Backend,
    events: usize,
    settings: &Settings,
    binary: &Path,
    workload: &Workload,
) -> anyhow::Result<BackendReport> {
    let started = Instant::now();
    let label = backend.label();
    println!("\n{label}: fresh database, migrations, campaign '{SLUG}' on {DAY}");
    let mut database = BenchDatabase::try_create(backend, "doa_bench").await?;
    if settings.keep_database {
        database.keep();
        println!(
            "{label}: the database stays after the run: {}",
            database.url
        );
    }
    process::run(binary, &database.url, &["migrate"])?;
    process::run(
        binary,
        &database.url,
        &[
            "campaign", "create", "--slug", SLUG, "--title", "Bench", "--from", DAY, "--to", DAY,
        ],
    )?;
    let mut server = ServerProcess::start(binary, &database.url).await?;
    let db = server::db::connect(&database.url).await?;
    let outcome = exercise(label, events, workload, &server, &db).await;
    let _ = db.close().await;
    // A request that failed because the server is gone should say so.
    let mut report = match (outcome, server.exit_status()) {
        (Err(e), Some(status)) => {
            return Err(e.context(format!("the server process ended early ({status})")));
        }
        (outcome, _) => outcome?,
    };
    drop(server);
    drop(database);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Registrations, the bulk load, then every timed query, against a running
/// server on a database with the campaign.
async fn exercise(
    label: &'static str,
    events: usize,
    workload: &Workload,
    server: &ServerProcess,
    db: &DatabaseConnection,
) -> anyhow::Result<BackendReport> {
    let client = reqwest::Client::new();
    let base = server.base.as_str();
    let mut rng = StdRng::seed_from_u64(SEED);

    let count = REGISTRATIONS.min(events);
    println!("{label}: registering {count} events over HTTP, {CONCURRENCY} in flight");
    let bodies = (0..count)
        .map(|n| workload.registration(&mut rng, n))
        .collect();
    let registrations = measure::register_all(&client, base, SLUG, bodies, CONCURRENCY).await?;

    let campaign = storage::campaigns::find_published(db, SLUG).await?;
    let remaining = events - registrations.accepted;
    println!(
        "{label}: loading {} events straight into the database",
        thousands(remaining as u64)
    );
    let loaded = bulk::load(db, &campaign, workload, &mut rng, remaining, count, label).await?;
    bulk::analyze(db).await?;
    // The server caches stats by revision; the bulk load went around it.
    storage::campaigns::bump_revision(db, campaign.id).await?;

    let stats_path = format!("/api/v1/campaigns/{SLUG}/stats");
    let counted: shared::Stats = client
        .get(format!("{base}{stats_path}"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    ensure!(
        counted.events == events as u64,
        "the server counts {} events, expected {events}",
        counted.events
    );
    println!(
        "{label}: {} events in {} cities and {} countries; {QUERIES} requests per query after {WARMUP} warm-up",
        thousands(counted.events),
        thousands(counted.cities),
        counted.countries
    );
    let top: Vec<String> = counted
        .by_country
        .iter()
        .take(TOP_COUNTRIES)
        .map(|c| c.country_code.clone())
        .collect();

    let load_before = process::load_average();
    let list_path = format!("/api/v1/campaigns/{SLUG}/events");
    // On the day the index is read once per change; here the bulk load
    // was one change, so the searches are timed once it is in use.
    let ready = server
        .wait_for_position_index(&client, &format!("{list_path}?near=0,0&limit=1"))
        .await?;
    println!(
        "{label}: position index in use {:.0} ms after the first search",
        ready.as_secs_f64() * 1000.0
    );
    let near = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{list_path}?{}", workload.near_query(&mut rng))
    })
    .await?;
    let bbox = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{list_path}?{}", workload.bbox_query(&mut rng))
    })
    .await?;
    let near_world = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{list_path}?{}", workload.near_world_query(&mut rng))
    })
    .await?;
    let bbox_wide = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{list_path}?{}", workload.bbox_wide_query(&mut rng))
    })
    .await?;
    let bbox_world = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{list_path}?bbox=-180,-90,180,90&limit=100")
    })
    .await?;
    let country = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        let code = &top[rng.random_range(0..top.len())];
        format!("{list_path}?country={code}&limit=100")
    })
    .await?;
    let stats = measure::run_queries(&client, base, WARMUP, QUERIES, || stats_path.clone()).await?;
    // Every write bumps the revision; bumping it here makes each request
    // miss the cache and read the tallies, as the first one after a
    // registration does. As for every query, the first ones are not
    // timed: they meet pool connections that have not yet prepared the
    // statement, which a server running for an hour no longer has.
    let mut cold = Samples::default();
    for round in 0..WARMUP + COLD_STATS {
        storage::campaigns::bump_revision(db, campaign.id).await?;
        let took = measure::timed_get(&client, base, &stats_path).await?;
        if round >= WARMUP {
            cold.push(took);
        }
    }
    // The map's points: built once after a change, then from the copy.
    storage::campaigns::bump_revision(db, campaign.id).await?;
    let points_path = format!("/api/v1/campaigns/{SLUG}/points?include=cancelled");
    let (built, points_bytes) = measure::timed_gzip_get(&client, base, &points_path).await?;
    let mut points = Samples::default();
    for _ in 0..POINT_QUERIES {
        points.push(
            measure::timed_gzip_get(&client, base, &points_path)
                .await?
                .0,
        );
    }
    let places = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("/api/v1/places?q={}", workload.place_prefix(&mut rng))
    })
    .await?;
    let load_after = process::load_average();

    // The reads many people make at once, beside what a bare axum handler
    // answering a body as large as the list's does on this machine.
    let list_url = format!("{base}{list_path}?limit=50");
    let list_body = client
        .get(&list_url)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let first: shared::EventList = serde_json::from_slice(&list_body)?;
    let one = first.events.first().context("the list is empty")?.id;
    let bare_url = throughput::bare_handler(list_body).await?;
    println!(
        "{label}: throughput, {} clients for {} s each",
        throughput::CLIENTS,
        throughput::SPAN.as_secs()
    );
    let mut rates = Vec::new();
    for (name, url) in [
        ("bare axum handler", bare_url),
        ("list of 50", list_url),
        ("one action", format!("{base}/api/v1/events/{one}")),
        ("stats", format!("{base}{stats_path}")),
        ("campaign", format!("{base}/api/v1/campaigns/{SLUG}")),
    ] {
        let per_second = throughput::measure(&client, &url).await?;
        rates.push(Rate {
            name: name.to_string(),
            per_second,
        });
    }
    // Read before the storm, which resets the peak.
    let memory = server.memory()?;

    // Fifty clients download an export at once (twice: the first wave waits
    // for the build, the second is served from the copy) while the list is
    // timed; each storm starts from a stale copy.
    let mut storms = Vec::new();
    for format in ["csv", "ics"] {
        println!("{label}: export storm, {STORM_CLIENTS} × events.{format} (×2) while listing");
        let figures = storm::run(
            server,
            format,
            &format!("/api/v1/campaigns/{SLUG}/events.{format}"),
            &format!("{list_path}?limit=100"),
            STORM_CLIENTS,
            async || Ok(storage::campaigns::bump_revision(db, campaign.id).await?),
        )
        .await?;
        storms.push(figures);
    }

    Ok(BackendReport {
        label,
        events: events as u64,
        registrations,
        bulk: loaded,
        near,
        near_world,
        bbox,
        bbox_wide,
        bbox_world,
        country,
        stats,
        stats_cold: cold.figures(),
        points_built: built.0,
        points: points.figures(),
        points_bytes,
        places,
        memory,
        rates,
        storms,
        load: (load_before, load_after),
        seconds: 0.0,
    })
}
