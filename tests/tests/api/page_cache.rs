//! The copies each server keeps of list pages and action pages: a second
//! server process on the same database, whose copies are warm, answers the
//! change another process made at once, because every public write bumps
//! the campaign's revision in the database. The same for the campaign and
//! its counters.

use reqwest::StatusCode;
use shared::EventList;
use tests::live::ServerProcess;
use tests::places::{BERLIN, PARIS};
use tests::{DAY, SLUG, TestApp, action, api_test};

async fn list_of(client: &reqwest::Client, url: &str) -> EventList {
    let r = client.get(url).send().await.expect("list");
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.expect("a list")
}

api_test!(
    a_write_through_one_server_leaves_no_stale_copy_on_another,
    |app: TestApp| async move {
        let kept = app
            .registered(SLUG, &action(BERLIN, &format!("{DAY}T10:00")))
            .await;
        let leaving = app
            .registered(SLUG, &action(PARIS, &format!("{DAY}T11:00")))
            .await;
        let other = ServerProcess::start(app.database_url()).await;
        let client = reqwest::Client::new();
        let list = other.url(&format!("/api/v1/campaigns/{SLUG}/events?limit=10"));
        let page = |id: i64| other.url(&format!("/api/v1/events/{id}"));
        let campaign = other.url(&format!("/api/v1/campaigns/{SLUG}"));
        let stats = other.url(&format!("/api/v1/campaigns/{SLUG}/stats"));
        let counted = async |url: &str| -> u64 {
            let r = client.get(url).send().await.expect("counters");
            assert_eq!(r.status(), StatusCode::OK);
            let body: serde_json::Value = r.json().await.expect("json");
            body.get("stats").unwrap_or(&body)["events"]
                .as_u64()
                .expect("a count of events")
        };
        // Twice each, so that the second answers come from the copies.
        for _ in 0..2 {
            assert_eq!(counted(&campaign).await, 2);
            assert_eq!(counted(&stats).await, 2);
            assert_eq!(list_of(&client, &list).await.total, 2);
            let r = client
                .get(page(leaving.event.id))
                .send()
                .await
                .expect("page");
            assert_eq!(r.status(), StatusCode::OK);
        }

        let r = app
            .withdraw(leaving.event.id, Some(&leaving.edit_token))
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let after = list_of(&client, &list).await;
        assert_eq!(
            after.events.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![kept.event.id],
            "the withdrawn action left the other server's list at once"
        );
        let r = client
            .get(page(leaving.event.id))
            .send()
            .await
            .expect("page");
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            counted(&campaign).await,
            1,
            "the campaign's counters at once"
        );
        assert_eq!(counted(&stats).await, 1, "the counters at once");

        // An edit shows on the other server's pages at once.
        let read = app.event(kept.event.id, Some(&kept.edit_token)).await;
        let etag = read.headers()["etag"].to_str().expect("etag").to_string();
        let _ = client.get(page(kept.event.id)).send().await.expect("page");
        let r = app
            .patch(
                kept.event.id,
                Some(&kept.edit_token),
                Some(&etag),
                serde_json::json!({"title": "Rally moved to the square"}),
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let shown: shared::Event = client
            .get(page(kept.event.id))
            .send()
            .await
            .expect("page")
            .json()
            .await
            .expect("an event");
        assert_eq!(shown.title, "Rally moved to the square");
        assert_eq!(
            list_of(&client, &list).await.events[0].title,
            "Rally moved to the square"
        );
    }
);
