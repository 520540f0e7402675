//! `cargo bench -p tests --bench api`: the API at 100,000 events, on SQLite
//! and PostgreSQL.
//!
//! For each backend: a fresh database, the release server as its own process,
//! 2,000 registrations over HTTP (16 in flight), the rest of the events loaded
//! straight into the database, then 500 timed requests of each query kind, one
//! at a time, and the server's memory. It prints figures and whether the
//! issue's targets were met; it never fails on a figure.
//!
//! `BENCH_EVENTS` (default 100000) and `BENCH_BACKENDS` (default
//! `sqlite,postgres`) make a smaller or a single-backend run;
//! `TEST_POSTGRES_URL` is the PostgreSQL admin URL, as for the tests.

mod support;

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail, ensure};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use server::gazetteer::Gazetteer;
use server::services::campaigns;
use support::bulk;
use support::database::{Backend, BenchDatabase};
use support::measure::{self, Samples};
use support::process::{self, ServerProcess};
use support::report::{BackendReport, duration, thousands};
use support::workload::{DAY, SLUG, Workload};

const REGISTRATIONS: usize = 2_000;
const CONCURRENCY: usize = 16;
const WARMUP: usize = 20;
const QUERIES: usize = 500;
/// Uncached stats requests, each after a revision bump.
const COLD_STATS: usize = 20;
const TOP_COUNTRIES: usize = 20;
/// One seed for every backend, so each gets the same events and queries.
const SEED: u64 = 20_261_105;

struct Settings {
    events: usize,
    backends: Vec<Backend>,
}

impl Settings {
    fn from_env() -> anyhow::Result<Settings> {
        let events = match std::env::var("BENCH_EVENTS") {
            Ok(v) => v
                .replace(['_', ','], "")
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .with_context(|| format!("BENCH_EVENTS: not a positive whole number: {v}"))?,
            Err(_) => 100_000,
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
        Ok(Settings { events, backends })
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
         queries around uniformly drawn cities",
        thousands(settings.events as u64),
        thousands(workload.places.len() as u64)
    );
    for &backend in &settings.backends {
        let report = runtime.block_on(run(backend, &settings, &binary, &workload))?;
        report.print();
    }
    println!("\nbench took {}", duration(started.elapsed().as_secs_f64()));
    Ok(())
}

async fn run(
    backend: Backend,
    settings: &Settings,
    binary: &Path,
    workload: &Workload,
) -> anyhow::Result<BackendReport> {
    let started = Instant::now();
    let label = backend.label();
    println!("\n{label}: fresh database, migrations, campaign '{SLUG}' on {DAY}");
    let database = BenchDatabase::create(backend).await?;
    process::run(binary, &database.url, &["migrate"])?;
    process::run(
        binary,
        &database.url,
        &[
            "campaign", "create", "--slug", SLUG, "--title", "Bench", "--from", DAY, "--to", DAY,
        ],
    )?;
    let server = ServerProcess::start(binary, &database.url).await?;
    let db = server::db::connect(&database.url).await?;
    let client = reqwest::Client::new();
    let mut rng = StdRng::seed_from_u64(SEED);

    let count = REGISTRATIONS.min(settings.events);
    println!("{label}: registering {count} events over HTTP, {CONCURRENCY} in flight");
    let bodies = (0..count)
        .map(|n| workload.registration(&mut rng, n))
        .collect();
    let registrations =
        measure::register_all(&client, &server.base, SLUG, bodies, CONCURRENCY).await?;

    let campaign = campaigns::find_published(&db, SLUG).await?;
    let remaining = settings.events - registrations.accepted;
    println!(
        "{label}: loading {} events straight into the database",
        thousands(remaining as u64)
    );
    let loaded = bulk::load(&db, &campaign, workload, &mut rng, remaining, count, label).await?;
    bulk::analyze(&db).await?;
    // The server caches stats by revision; the bulk load went around it.
    campaigns::bump_revision(&db, campaign.id).await?;

    let counted: shared::Stats = client
        .get(format!("{}/api/v1/campaigns/{SLUG}/stats", server.base))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    ensure!(
        counted.events == settings.events as u64,
        "the server counts {} events, expected {}",
        counted.events,
        settings.events
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

    let base = server.base.as_str();
    let events = format!("/api/v1/campaigns/{SLUG}/events");
    let stats_path = format!("/api/v1/campaigns/{SLUG}/stats");
    let near = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{events}?{}", workload.near_query(&mut rng))
    })
    .await?;
    let bbox = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("{events}?{}", workload.bbox_query(&mut rng))
    })
    .await?;
    let country = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        let code = &top[rng.random_range(0..top.len())];
        format!("{events}?country={code}&limit=100")
    })
    .await?;
    let stats = measure::run_queries(&client, base, WARMUP, QUERIES, || stats_path.clone()).await?;
    // Every write bumps the revision; bumping it here makes each request
    // recompute, as the first one after a registration does.
    let mut cold = Samples::default();
    for _ in 0..COLD_STATS {
        campaigns::bump_revision(&db, campaign.id).await?;
        cold.push(measure::timed_get(&client, base, &stats_path).await?);
    }
    let places = measure::run_queries(&client, base, WARMUP, QUERIES, || {
        format!("/api/v1/places?q={}", workload.place_prefix(&mut rng))
    })
    .await?;

    let memory = server.memory()?;
    drop(server);
    let _ = db.close().await;
    drop(database);
    Ok(BackendReport {
        label,
        events: settings.events as u64,
        registrations,
        bulk: loaded,
        near,
        bbox,
        country,
        stats,
        stats_cold: cold.figures(),
        places,
        memory,
        seconds: started.elapsed().as_secs_f64(),
    })
}
