//! Load without faults: a burst of 2,000 registrations at once is stored
//! exactly once each, and a minute of mixed reads and writes gets no 5xx,
//! on each database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tests::Backend;

use crate::ledger::{Ledger, Writer, start_load};
use crate::support::{Site, client, report, serve};

const BURST: usize = 2_000;
/// Every registration of the burst must be answered within this.
const BURST_BOUND: Duration = Duration::from_secs(60);

async fn burst(backend: Backend) {
    let site = Site::new(backend).await;
    let server = serve(site.url(), &[]).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    // All at once: one connection each, all opened together.
    let gate = Arc::new(tokio::sync::Barrier::new(BURST));
    let shared = client(BURST_BOUND);
    let started = Instant::now();
    let tasks: Vec<_> = (0..BURST)
        .map(|i| {
            let writer = Writer {
                client: shared.clone(),
                base: server.base.clone(),
                name: format!("b{i}"),
                edits: 0,
                ledger: ledger.clone(),
            };
            let gate = gate.clone();
            tokio::spawn(async move {
                gate.wait().await;
                writer.register(&format!("{} action", writer.name)).await;
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("client");
    }
    let ledger = Ledger::of_finished(ledger);
    report(
        &format!("burst ({})", backend.label()),
        &ledger,
        started.elapsed(),
    );
    let faults: Vec<_> = ledger
        .faults()
        .iter()
        .take(5)
        .map(|a| a.fault.clone())
        .collect();
    assert!(faults.is_empty(), "{faults:#?}");
    assert_eq!(ledger.count(StatusCode::CREATED), BURST);
    ledger.verify(&site).await;
    assert_eq!(site.events().await.len(), BURST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_registrations_at_once_on_sqlite_are_each_stored_once() {
    burst(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_registrations_at_once_on_postgres_are_each_stored_once() {
    burst(Backend::Postgres).await;
}

const WRITERS: usize = 4;
const READERS: usize = 12;

/// `FAULTS_MIXED_SECONDS` (default 60): how long the mixed load runs.
fn mixed_duration() -> Duration {
    let seconds = std::env::var("FAULTS_MIXED_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(seconds)
}

async fn mixed(backend: Backend) {
    let site = Site::new(backend).await;
    let server = serve(site.url(), &[]).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let bound = Duration::from_secs(30);
    let started = Instant::now();
    let tasks = start_load(&server.base, "m", (WRITERS, READERS), bound, &ledger, &stop);
    tokio::time::sleep(mixed_duration()).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.expect("client");
    }
    let ledger = Ledger::of_finished(ledger);
    report(
        &format!("mixed ({})", backend.label()),
        &ledger,
        started.elapsed(),
    );
    let server_errors: Vec<_> = ledger
        .answers
        .iter()
        .filter(|a| a.status.is_none_or(|s| s.is_server_error()))
        .take(5)
        .map(|a| (a.what, a.status, a.fault.clone()))
        .collect();
    assert!(server_errors.is_empty(), "{server_errors:#?}");
    assert!(ledger.registered.len() > 100, "too few writes to tell");
    ledger.verify(&site).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minute_of_mixed_reads_and_writes_on_sqlite_gets_no_5xx() {
    mixed(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minute_of_mixed_reads_and_writes_on_postgres_gets_no_5xx() {
    mixed(Backend::Postgres).await;
}
