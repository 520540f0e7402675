//! Live updates: the public stream carries the public counters after public
//! changes only; organisers also hear of held-back ones; and on PostgreSQL a
//! change made through one server process reaches the readers of another.

use std::time::Duration;

use serde_json::Value;
use shared::Stats;
use tests::live::{EventStream, ServerProcess};
use tests::places::*;
use tests::{Backend, REVIEW_SLUG, SLUG, TestApp, action, api_test};

const WAIT: Duration = Duration::from_secs(10);
/// Across processes the news takes a trip through PostgreSQL: on a machine
/// busy with the whole suite, allow it more.
const ACROSS: Duration = Duration::from_secs(30);
/// Long enough for a change that would be announced to arrive.
const QUIET: Duration = Duration::from_millis(1500);

fn live_path(slug: &str) -> String {
    format!("/api/v1/campaigns/{slug}/live")
}

fn stats_of(data: &str) -> Stats {
    serde_json::from_str(data).unwrap_or_else(|e| panic!("stats: {e}: {data}"))
}

api_test!(
    the_public_hears_of_public_changes_and_organisers_of_all,
    |app: TestApp| async move {
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let mut public =
            EventStream::open(&app.client, &app.url(&live_path(REVIEW_SLUG)), None).await;
        let mut organiser = EventStream::open(
            &app.client,
            &app.url(&live_path(REVIEW_SLUG)),
            Some(&moderator.cookie),
        )
        .await;
        let first = public
            .next_named("stats", WAIT)
            .await
            .expect("counters at once");
        assert_eq!(stats_of(&first).events, 0);
        organiser
            .next_named("stats", WAIT)
            .await
            .expect("counters at once");

        // A submission held for review: organisers hear of it, the public not.
        let held = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert_eq!(
            organiser.next_named("moderation", WAIT).await.as_deref(),
            Some("{}")
        );
        assert_eq!(public.next(QUIET).await, None);

        // Its approval moves the public count.
        moderator
            .post_ok::<Value>(&format!("/api/v1/events/{}/approve", held.event.id))
            .await;
        let moved = public
            .next_named("stats", WAIT)
            .await
            .expect("new counters");
        assert_eq!(stats_of(&moved).events, 1);
        assert_eq!(stats_of(&moved).cities, 1);

        // A change in another campaign says nothing here.
        app.registered(SLUG, &action(PARIS, "2026-11-05T14:00"))
            .await;
        assert_eq!(public.next(QUIET).await, None);
    }
);

/// Two server processes on one PostgreSQL database: an approval through one
/// arrives as an event on the other (LISTEN/NOTIFY). On SQLite there is one
/// process, so the test runs on PostgreSQL only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_through_one_process_reaches_the_readers_of_another() {
    let app = tests::spawn(Backend::Postgres).await;
    let moderator = app
        .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
        .await;
    let held = app
        .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
        .await;
    let other = ServerProcess::start(app.database_url()).await;
    let mut stream = EventStream::open(
        &app.client,
        &format!("{}{}", other.base, live_path(REVIEW_SLUG)),
        None,
    )
    .await;
    let first = stream
        .next_named("stats", ACROSS)
        .await
        .expect("counters at once");
    assert_eq!(stats_of(&first).events, 0);
    // The approval goes through this test's server, not the other one.
    moderator
        .post_ok::<Value>(&format!("/api/v1/events/{}/approve", held.event.id))
        .await;
    // The other process may also send a catch-up when its listener starts;
    // the approval must arrive within the wait all the same.
    let deadline = tokio::time::Instant::now() + ACROSS;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(moved) = stream.next_named("stats", left).await else {
            panic!("the other process did not tell of the approval; it sent {seen:?}");
        };
        let events = stats_of(&moved).events;
        if events == 1 {
            break;
        }
        seen.push(events);
    }
}
