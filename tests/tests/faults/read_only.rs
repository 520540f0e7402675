//! A read-only database: writes answer 503 with `Retry-After` and a message
//! that names the cause, reads keep working; on PostgreSQL the server takes
//! writes again once the database does, without a restart.

use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Database as Db};
use shared::ErrorBody;
use tests::live::ServerProcess;
use tests::places::BERLIN;
use tests::{Backend, SLUG, action};

use crate::support::{Site, serve};

async fn register(client: &Client, server: &ServerProcess, title: &str) -> reqwest::Response {
    let mut body = action(BERLIN, "2026-11-05T14:00");
    body.title = Some(title.into());
    client
        .post(server.url(&format!("/api/v1/campaigns/{SLUG}/events")))
        .json(&body)
        .send()
        .await
        .expect("answered")
}

/// Writes refused with the read-only 503, reads of what was there served.
async fn writes_refused_reads_served(client: &Client, server: &ServerProcess) {
    let refused = register(client, server, "Refused while read-only").await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.headers().contains_key("retry-after"));
    let body: ErrorBody = refused.json().await.expect("our error body");
    assert_eq!(body.error.code, "read_only");
    assert!(
        body.error.message.contains("read-only"),
        "{}",
        body.error.message
    );
    for path in [
        format!("/api/v1/campaigns/{SLUG}"),
        format!("/api/v1/campaigns/{SLUG}/stats"),
        "/healthz".to_string(),
    ] {
        let read = client.get(server.url(&path)).send().await.expect("read");
        assert_eq!(read.status(), StatusCode::OK, "{path}");
    }
    let list: shared::EventList = tests::ok_json(
        client
            .get(server.url(&format!("/api/v1/campaigns/{SLUG}/events")))
            .send()
            .await
            .expect("list"),
    )
    .await;
    let titles: Vec<&str> = list.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Stored before"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_opened_read_only_refuses_writes_and_serves_reads() {
    let site = Site::new(Backend::Sqlite).await;
    let client = Client::new();
    {
        let server = serve(site.url(), &[]).await;
        let stored = register(&client, &server, "Stored before").await;
        assert_eq!(stored.status(), StatusCode::CREATED);
    }
    // What an operator does with a database on a read-only disk, or a copy.
    let read_only = site.url().replace("mode=rwc", "mode=ro");
    assert_ne!(read_only, site.url());
    let server = serve(&read_only, &[]).await;
    writes_refused_reads_served(&client, &server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_read_only_refuses_writes_serves_reads_and_recovers() {
    let site = Site::new(Backend::Postgres).await;
    let name = site
        .database
        .postgres_name()
        .expect("PostgreSQL")
        .to_string();
    let client = Client::new();
    let server = serve(site.url(), &[]).await;
    let stored = register(&client, &server, "Stored before").await;
    assert_eq!(stored.status(), StatusCode::CREATED);

    // New connections are read-only; the server's current ones are ended,
    // as a failover or an operator would.
    let admin = Db::connect(tests::backends::postgres_admin_url())
        .await
        .expect("admin");
    let reconnect_all = format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    );
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE {name} SET default_transaction_read_only = on"
        ))
        .await
        .expect("read-only");
    admin
        .execute_unprepared(&reconnect_all)
        .await
        .expect("connections ended");
    writes_refused_reads_served(&client, &server).await;

    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE {name} RESET default_transaction_read_only"
        ))
        .await
        .expect("read-write");
    admin
        .execute_unprepared(&reconnect_all)
        .await
        .expect("connections ended");
    let _ = admin.close().await;
    let again = register(&client, &server, "Stored after").await;
    assert_eq!(again.status(), StatusCode::CREATED);
}
