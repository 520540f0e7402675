//! SIGKILL in the middle of a load of registrations on SQLite: after a
//! restart every acknowledged registration is there, once, and the file
//! passes `PRAGMA integrity_check`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Statement};
use tests::Backend;

use crate::ledger::{Ledger, Writer};
use crate::support::{Site, client, report, serve};

const WRITERS: usize = 16;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_load_on_sqlite_loses_no_acknowledged_write() {
    let site = Site::new(Backend::Sqlite).await;
    let mut server = serve(site.url(), &[]).await;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|i| {
            let writer = Writer {
                client: client(Duration::from_secs(10)),
                base: server.base.clone(),
                name: format!("k{i}"),
                edits: 1,
                ledger: ledger.clone(),
            };
            tokio::spawn(writer.run(stop.clone()))
        })
        .collect();

    // Kill once writes are flowing, so that some are surely in flight.
    let deadline = Instant::now() + Duration::from_secs(30);
    while ledger.lock().expect("ledger").registered.len() < 200 {
        assert!(Instant::now() < deadline, "registrations do not flow");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.expect("writer");
    }

    let restarted = serve(site.url(), &[]).await;
    let ledger = Ledger::of_finished(ledger);
    report("sigkill (SQLite)", &ledger, started.elapsed());
    assert!(
        ledger.no_answer() > 0,
        "the kill cut no request: nothing was tested"
    );
    ledger.verify(&site).await;
    let backend = site.db.get_database_backend();
    let check = site
        .db
        .query_one_raw(Statement::from_string(backend, "PRAGMA integrity_check"))
        .await
        .expect("integrity check")
        .expect("a row");
    assert_eq!(check.try_get_by_index::<String>(0).expect("text"), "ok");
    // The restarted server serves what was stored.
    let stats: shared::Stats = tests::ok_json(
        reqwest::get(restarted.url(&format!("/api/v1/campaigns/{}/stats", tests::SLUG)))
            .await
            .expect("stats"),
    )
    .await;
    assert_eq!(stats.events as usize, site.events().await.len());
}
