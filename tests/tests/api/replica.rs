//! `READ_DATABASE_URL`: the public's reads come from a real streaming
//! replica (made by `pg_basebackup`, started by the test), while writes and
//! the edit link's reads go to the primary. With the replica's replay paused
//! a new action is on the primary only: every public read path still shows
//! the old state, the group's own read shows the new one; resumed, the
//! public sees it too.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use shared::{EventList, Registered, Stats};
use tests::live::ServerProcess;
use tests::places::{BERLIN, PARIS};
use tests::replication::Replication;
use tests::{DAY, SLUG, action};

const CATCH_UP: Duration = Duration::from_secs(15);

struct Public<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
}

impl Public<'_> {
    async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Option<T> {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .ok()?;
        if !r.status().is_success() {
            return None;
        }
        r.json().await.ok()
    }

    /// What each public read path counts: list, near, box, stats, the
    /// campaign page, the GeoJSON feed.
    async fn counts(&self) -> Vec<u64> {
        let events = format!("/api/v1/campaigns/{SLUG}/events");
        let list = |query: &str| {
            let path = format!("{events}?{query}");
            async move { self.json::<EventList>(&path).await.map_or(0, |l| l.total) }
        };
        let stats: Option<Stats> = self.json(&format!("/api/v1/campaigns/{SLUG}/stats")).await;
        let campaign: Option<shared::Campaign> =
            self.json(&format!("/api/v1/campaigns/{SLUG}")).await;
        let geojson: Option<Value> = self
            .json(&format!("/api/v1/campaigns/{SLUG}/events.geojson"))
            .await;
        vec![
            list("").await,
            list("near=50.0,8.0&within_km=2000").await,
            list("bbox=-10,35,30,60").await,
            stats.map_or(0, |s| s.events),
            campaign.map_or(0, |c| c.stats.events),
            geojson
                .and_then(|g| g["features"].as_array().map(|f| f.len() as u64))
                .unwrap_or(0),
        ]
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_publics_reads_come_from_the_replica_and_the_editors_from_the_primary() {
    let pair = tokio::task::spawn_blocking(Replication::start)
        .await
        .expect("replication started");
    let admin = Database::connect(pair.primary_url("postgres"))
        .await
        .expect("primary");
    admin
        .execute_unprepared("CREATE DATABASE doa")
        .await
        .expect("database created");
    let server = ServerProcess::start_with(
        &pair.primary_url("doa"),
        &[("READ_DATABASE_URL", &pair.replica_url("doa"))],
        None,
    )
    .await;
    let primary = Database::connect(pair.primary_url("doa"))
        .await
        .expect("primary");
    let replica = Database::connect(pair.replica_url("doa"))
        .await
        .expect("replica");
    tests::create_campaign(&primary, SLUG, DAY, DAY, false).await;
    let client = reqwest::Client::new();
    let public = Public {
        client: &client,
        base: &server.base,
    };
    let register = |place| {
        let client = &client;
        let base = &server.base;
        async move {
            let r = client
                .post(format!("{base}/api/v1/campaigns/{SLUG}/events"))
                .json(&action(place, "2026-11-05T14:00"))
                .send()
                .await
                .expect("registration sent");
            assert_eq!(r.status(), StatusCode::CREATED);
            r.json::<Registered>().await.expect("registered")
        }
    };

    // The campaign reaches the replica; then the first action does.
    assert!(
        Replication::eventually(CATCH_UP, || async {
            public
                .json::<shared::Campaign>(&format!("/api/v1/campaigns/{SLUG}"))
                .await
                .is_some()
        })
        .await,
        "the replica never had the campaign"
    );
    register(BERLIN).await;
    assert!(
        Replication::eventually(CATCH_UP, || async { public.counts().await == vec![1; 6] }).await,
        "the replica never caught up: {:?}",
        public.counts().await
    );

    replica
        .execute_unprepared("SELECT pg_wal_replay_pause()")
        .await
        .expect("replay paused");
    let second = register(PARIS).await;
    // Give a replay that did not pause a fair chance to show itself.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        public.counts().await,
        vec![1; 6],
        "a public read went to the primary"
    );
    let event = |token: Option<&str>| {
        let mut request = client.get(format!("{}/api/v1/events/{}", server.base, second.event.id));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        async move { request.send().await.expect("sent").status() }
    };
    assert_eq!(event(None).await, StatusCode::NOT_FOUND);
    assert_eq!(
        event(Some(&second.edit_token)).await,
        StatusCode::OK,
        "the group's own read must see its write at once"
    );

    replica
        .execute_unprepared("SELECT pg_wal_replay_resume()")
        .await
        .expect("replay resumed");
    assert!(
        Replication::eventually(CATCH_UP, || async { public.counts().await == vec![2; 6] }).await,
        "the public never saw the second action: {:?}",
        public.counts().await
    );
    assert_eq!(event(None).await, StatusCode::OK);
    drop(server);
    primary.close().await.ok();
    replica.close().await.ok();
    admin.close().await.ok();
}
