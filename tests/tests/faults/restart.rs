//! PostgreSQL stopped (as a crash would) and started again in the middle of
//! a load of registrations, edits and reads: every answer is a 2xx, a 4xx or
//! a 503 with `Retry-After`, within a bound; every acknowledged write is
//! stored, once; the server recovers by itself within seconds.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tests::backends::Database;

use crate::cluster::Cluster;
use crate::ledger::{Ledger, start_load};
use crate::support::{ANSWER_BOUND, Site, report, serve};

const WRITERS: usize = 8;
const READERS: usize = 4;
/// Longer than the pool's acquire timeout (10 s), so that requests wait it
/// out and are answered 503 rather than only delayed.
const OUTAGE: Duration = Duration::from_secs(12);
/// From the database being back to the first acknowledged registration.
const RECOVERY_BOUND: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restart_under_load_loses_nothing_and_recovers() {
    let cluster = Cluster::ensure().await;
    let database = Database::try_create_on(&cluster.admin_url(), "doa_faults")
        .await
        .expect("a database on the faults cluster");
    let site = Site::on(database).await;
    let server = serve(site.url(), &[]).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tasks = start_load(
        &server.base,
        "r",
        (WRITERS, READERS),
        ANSWER_BOUND,
        &ledger,
        &stop,
    );

    tokio::time::sleep(Duration::from_secs(2)).await;
    let down = Instant::now();
    cluster.stop().await;
    tokio::time::sleep(OUTAGE).await;
    cluster.start().await;
    cluster.wait_ready(Duration::from_secs(30)).await;
    let up = Instant::now();
    let recovered = loop {
        let first = ledger
            .lock()
            .expect("ledger")
            .answers
            .iter()
            .filter(|a| a.started > up && a.status == Some(StatusCode::CREATED))
            .map(|a| a.started + a.took)
            .min();
        if let Some(at) = first {
            break at - up;
        }
        assert!(
            up.elapsed() < RECOVERY_BOUND,
            "no registration went through within {RECOVERY_BOUND:?} of the database's return"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.expect("client");
    }

    let ledger = Ledger::of_finished(ledger);
    report("postgres restart", &ledger, started.elapsed());
    println!(
        "postgres restart: down for {:.1} s, first registration {:.0} ms after it was back",
        (up - down).as_secs_f64(),
        recovered.as_secs_f64() * 1000.0
    );
    let faults: Vec<String> = ledger
        .faults()
        .iter()
        .take(5)
        .map(|a| format!("{} after {:?}: {:?}", a.what, a.took, a.fault))
        .collect();
    assert!(
        faults.is_empty(),
        "answers that break the rules: {faults:#?}"
    );
    assert!(ledger.slowest() < ANSWER_BOUND);
    // Requests made while the database was away were told so.
    let told = ledger
        .answers
        .iter()
        .filter(|a| a.started > down && a.started + a.took < up)
        .filter(|a| a.status == Some(StatusCode::SERVICE_UNAVAILABLE))
        .count();
    assert!(told > 0, "no request met the outage");
    ledger.verify(&site).await;
}
