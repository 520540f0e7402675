//! Updates with the edit token and the current version, and cancelling.

use std::sync::Arc;
use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use serde_json::json;
use shared::Event;
use tests::places::{BERLIN, LONDON, PARIS, TEHRAN};
use tests::{SLUG, TestApp, action, api_test, error_of, ok_json};

api_test!(
    update_needs_the_token_and_the_current_version,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let id = r.event.id;
        let token = r.edit_token.as_str();
        let change = json!({ "title": "Vigil for jailed workers", "kind": "vigil" });

        error_of(
            app.patch(id, None, Some("\"1\""), change.clone()).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let (other, _) = server::domain::token::generate();
        error_of(
            app.patch(id, Some(&other), Some("\"1\""), change.clone())
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            app.patch(id, Some(token), None, change.clone()).await,
            StatusCode::PRECONDITION_REQUIRED,
        )
        .await;
        error_of(
            app.patch(id, Some(token), Some("\"7\""), change.clone())
                .await,
            StatusCode::PRECONDITION_FAILED,
        )
        .await;

        let response = app
            .patch(id, Some(token), Some("\"1\""), change.clone())
            .await;
        assert_eq!(
            response.headers().get("etag").and_then(|v| v.to_str().ok()),
            Some("\"2\"")
        );
        let updated: Event = ok_json(response).await;
        assert_eq!(
            (updated.title.as_str(), updated.kind, updated.version),
            ("Vigil for jailed workers", shared::EventKind::Vigil, 2)
        );

        // A second editor still holding version 1 is told it is stale.
        let stale = error_of(
            app.patch(id, Some(token), Some("\"1\""), json!({ "title": "Old" }))
                .await,
            StatusCode::PRECONDITION_FAILED,
        )
        .await;
        assert_eq!(stale.error.code, "stale_version");

        // Moving to another city re-derives the zone; the wall-clock time stays.
        let moved: Event = ok_json(
            app.patch(
                id,
                Some(token),
                Some("\"2\""),
                json!({ "place_id": TEHRAN }),
            )
            .await,
        )
        .await;
        assert_eq!(
            (moved.timezone.as_str(), moved.local.start.as_str()),
            ("Asia/Tehran", "14:00")
        );
        assert_eq!(moved.starts_at_utc, "2026-11-05T10:30:00Z");
        assert_eq!(moved.place.city, "Tehran");

        // Invalid changes are refused and nothing is written.
        let e = error_of(
            app.patch(
                id,
                Some(token),
                Some("\"3\""),
                json!({ "local_start": "2026-11-09T10:00" }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("local_start"));
        let e = error_of(
            app.patch(id, Some(token), Some("\"3\""), json!({ "title": 42 }))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("title"));
        let now: Event = ok_json(app.get(&format!("/api/v1/events/{id}")).await).await;
        assert_eq!(
            (now.version, now.title.as_str()),
            (3, "Vigil for jailed workers")
        );

        // null clears an optional field.
        let cleared: Event = ok_json(
            app.patch(
                id,
                Some(token),
                Some("\"3\""),
                json!({ "description": null }),
            )
            .await,
        )
        .await;
        assert_eq!(cleared.description, None);
    }
);

api_test!(
    cancelled_events_stay_visible_marked_and_count_for_nothing,
    |app: TestApp| async move {
        let keep = app
            .registered(SLUG, &action(PARIS, "2026-11-05T15:00"))
            .await;
        let r = app
            .registered(SLUG, &action(LONDON, "2026-11-05T13:00"))
            .await;
        assert_eq!(app.stats(SLUG).await.events, 2);

        let cancelled: Event = ok_json(app.cancel(r.event.id, &r.edit_token).await).await;
        assert!(cancelled.cancelled);
        assert_eq!(cancelled.status, shared::EventStatus::Cancelled);
        // Cancelling twice changes nothing.
        let again: Event = ok_json(app.cancel(r.event.id, &r.edit_token).await).await;
        assert_eq!(again.version, cancelled.version);

        let default_list = app.list(SLUG, "").await;
        assert_eq!(
            default_list.events.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![keep.event.id]
        );
        let with_cancelled = app.list(SLUG, "include=cancelled").await;
        assert_eq!(with_cancelled.total, 2);
        assert!(
            with_cancelled
                .events
                .iter()
                .any(|e| e.id == r.event.id && e.cancelled)
        );
        let one: Event = ok_json(app.get(&format!("/api/v1/events/{}", r.event.id)).await).await;
        assert!(one.cancelled);

        let stats = app.stats(SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (1, 1, 1));
        // Still editable (to hide its meeting point), and still cancelled.
        let edited: Event = ok_json(
            app.patch(
                r.event.id,
                Some(&r.edit_token),
                Some(&format!("\"{}\"", cancelled.version)),
                json!({"title": "x"}),
            )
            .await,
        )
        .await;
        assert!(edited.cancelled);
        let ics = app
            .get(&format!("/api/v1/campaigns/{SLUG}/events.ics"))
            .await
            .text()
            .await
            .expect("ics");
        assert!(ics.contains("STATUS:CANCELLED"));
    }
);

api_test!(
    concurrent_updates_of_one_version_land_once,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let (id, token) = (r.event.id, r.edit_token.clone());
        // The server's SQLite pool has four connections: leave one spare.
        let writers = match app.db.get_database_backend() {
            DbBackend::Sqlite => 3,
            _ => 8,
        };

        // Hold the event's row (PostgreSQL) or the write lock (SQLite): every
        // PATCH reads version 1, passes the version check in memory and waits
        // at its UPDATE, so only the compare-and-set in the database can let
        // one of them land and stop the others.
        let lock = app.db.begin().await.expect("begin");
        lock.execute_unprepared(&format!(
            "UPDATE events SET version = version WHERE id = {id}"
        ))
        .await
        .expect("lock the row");
        let app = Arc::new(app);
        let mut patches = tokio::task::JoinSet::new();
        for n in 0..writers {
            let (app, token) = (Arc::clone(&app), token.clone());
            patches.spawn(async move {
                let change = json!({ "title": format!("Edit number {n}") });
                let response = app.patch(id, Some(&token), Some("\"1\""), change).await;
                let status = response.status();
                let etag = response
                    .headers()
                    .get("etag")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                (status, etag, response.text().await.unwrap_or_default())
            });
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        // None was answered from the check in memory: all wait for the lock.
        assert!(
            patches.try_join_next().is_none(),
            "a PATCH was answered while the row was locked"
        );
        lock.rollback().await.expect("release the row");

        let mut answers = Vec::new();
        while let Some(answer) = patches.join_next().await {
            answers.push(answer.expect("the PATCH task"));
        }
        let landed: Vec<&str> = answers
            .iter()
            .filter(|(status, _, _)| *status == StatusCode::OK)
            .map(|(_, _, body)| body.as_str())
            .collect();
        assert_eq!(landed.len(), 1, "exactly one lands: {answers:?}");
        for (status, etag, body) in &answers {
            if *status != StatusCode::OK {
                assert_eq!(*status, StatusCode::PRECONDITION_FAILED, "{body}");
                assert_eq!(etag.as_deref(), Some("\"2\""), "the new version: {body}");
                assert!(body.contains("stale_version"), "{body}");
            }
        }
        let winner: Event = serde_json::from_str(landed[0]).expect("the event");
        assert_eq!(winner.version, 2);
        assert_eq!(app.stored(id, "version").await.as_deref(), Some("2"));
        assert_eq!(
            app.stored(id, "title").await.as_deref(),
            Some(winner.title.as_str())
        );
        let audited = app
            .query_i64(&format!(
                "SELECT COUNT(*) AS v FROM audit_log WHERE event_id = {id} AND action = 'update'"
            ))
            .await;
        assert_eq!(audited, 1, "one update is recorded");
    }
);
