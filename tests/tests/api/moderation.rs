//! Moderation: the queue, decisions and who may make them, changes after
//! approval, trusted groups, duplicates, spam defences, the dashboard, and
//! the audit and outbox records each decision leaves.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::Registered;
use shared::{BulkResult, Dashboard, Event, EventStatus, ModerationQueue, QueueReason, Role};
use tests::organiser::Organiser;
use tests::places::*;
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of, ok_json};

const DAY_TIME: &str = "2026-11-05T14:00";

fn queue_path(query: &str) -> String {
    format!("/api/v1/campaigns/{REVIEW_SLUG}/moderation?{query}")
}

api_test!(
    approving_publishes_and_the_count_moves_rejecting_never_does,
    |app: TestApp| async move {
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let berlin = app.registered(REVIEW_SLUG, &action(BERLIN, DAY_TIME)).await;
        let paris = app.registered(REVIEW_SLUG, &action(PARIS, DAY_TIME)).await;
        assert_eq!(app.list(REVIEW_SLUG, "").await.total, 0);

        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 2);
        let item = &queue.items[0];
        assert_eq!(item.reason, QueueReason::New);
        assert_eq!(
            item.event.contact_email.as_deref(),
            Some("private-contact@example.org")
        );

        let r = moderator
            .call(
                Method::POST,
                &format!("/api/v1/events/{}/approve", berlin.event.id),
                serde_json::Value::Null,
            )
            .await;
        let approved: Event = ok_json(r).await;
        assert_eq!(approved.status, EventStatus::Published);
        assert_eq!(app.list(REVIEW_SLUG, "").await.total, 1);
        assert_eq!(app.stats(REVIEW_SLUG).await.events, 1);

        let r = moderator
            .call(
                Method::POST,
                &format!("/api/v1/events/{}/reject", paris.event.id),
                json!({ "reason": "Please give the exact meeting point." }),
            )
            .await;
        let rejected: Event = ok_json(r).await;
        assert_eq!(rejected.status, EventStatus::Rejected);
        assert_eq!(app.stats(REVIEW_SLUG).await.events, 1);
        // The public cannot see it, not even by its id.
        error_of(app.event(paris.event.id, None).await, StatusCode::NOT_FOUND).await;
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 0);

        // A decision twice is a conflict, not a second decision.
        let r = moderator
            .call(
                Method::POST,
                &format!("/api/v1/events/{}/approve", berlin.event.id),
                serde_json::Value::Null,
            )
            .await;
        error_of(r, StatusCode::CONFLICT).await;

        // Who did what, and the group was told (the reason too, no token).
        let actor = app
            .query_text(&format!(
                "SELECT actor AS v FROM audit_log WHERE event_id = {} AND action = 'reject'",
                paris.event.id
            ))
            .await;
        assert_eq!(
            actor,
            Some(format!("organiser:{}", moderator.info.organiser.id))
        );
        let body = app
            .query_text("SELECT body AS v FROM outbox WHERE subject LIKE '%not accepted%'")
            .await
            .expect("a message");
        assert!(body.contains("exact meeting point"), "{body}");
        assert!(
            body.contains(&format!("/edit/{}", paris.event.id)),
            "{body}"
        );
        assert!(!body.contains(&paris.edit_token), "{body}");
        assert_eq!(
            app.query_i64(
                "SELECT COUNT(*) AS v FROM outbox WHERE recipient = 'private-contact@example.org'"
            )
            .await,
            2
        );
    }
);

api_test!(
    a_takedown_removes_a_published_action_at_once,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let trap = app.registered(SLUG, &action(BERLIN, DAY_TIME)).await;
        assert_eq!(app.stats(SLUG).await.events, 1);
        let r = admin
            .call(
                Method::POST,
                &format!("/api/v1/events/{}/unpublish", trap.event.id),
                json!({ "reason": "Not a real action." }),
            )
            .await;
        assert_eq!(ok_json::<Event>(r).await.status, EventStatus::Rejected);
        assert_eq!(app.stats(SLUG).await.events, 0);
        assert_eq!(app.list(SLUG, "").await.total, 0);
        error_of(app.event(trap.event.id, None).await, StatusCode::NOT_FOUND).await;
        let csv = app
            .get(&format!("/api/v1/campaigns/{SLUG}/events.csv"))
            .await
            .text()
            .await
            .expect("csv");
        assert_eq!(csv.lines().count(), 1, "{csv}");
        // Organisers still find it, among the rejected ones.
        let rejected: ModerationQueue = ok_json(
            admin
                .fetch(&format!(
                    "/api/v1/campaigns/{SLUG}/moderation?status=rejected"
                ))
                .await,
        )
        .await;
        assert_eq!(rejected.items[0].event.id, trap.event.id);
    }
);

api_test!(
    every_permission_boundary_of_moderation_holds,
    |app: TestApp| async move {
        let germany = app
            .moderator("de@example.org", &[(REVIEW_SLUG, Some("DE"))])
            .await;
        let elsewhere = app.moderator("other@example.org", &[(SLUG, None)]).await;
        let berlin = app.registered(REVIEW_SLUG, &action(BERLIN, DAY_TIME)).await;
        let paris = app.registered(REVIEW_SLUG, &action(PARIS, DAY_TIME)).await;
        let approve = |id: i64| format!("/api/v1/events/{id}/approve");

        // Anonymous, and the edit token of an action (even its own): 401.
        let r = app
            .client
            .post(app.url(&approve(berlin.event.id)))
            .send()
            .await
            .expect("sent");
        error_of(r, StatusCode::UNAUTHORIZED).await;
        let r = app
            .client
            .post(app.url(&approve(paris.event.id)))
            .bearer_auth(&berlin.edit_token)
            .send()
            .await
            .expect("sent");
        error_of(r, StatusCode::UNAUTHORIZED).await;
        // A moderator of another campaign, or of another country: 403.
        error_of(
            elsewhere
                .call(
                    Method::POST,
                    &approve(berlin.event.id),
                    serde_json::Value::Null,
                )
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            elsewhere.fetch(&queue_path("")).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            germany
                .call(
                    Method::POST,
                    &approve(paris.event.id),
                    serde_json::Value::Null,
                )
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        // Without the CSRF token: 403, and nothing changed.
        error_of(
            germany
                .forged(Method::POST, &approve(berlin.event.id), json!({}))
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_eq!(
            app.stored(berlin.event.id, "status").await.as_deref(),
            Some("pending")
        );
        // The national coordinator's queue holds their country only.
        let queue: ModerationQueue = ok_json(germany.fetch(&queue_path("")).await).await;
        let countries: Vec<&str> = queue
            .items
            .iter()
            .map(|i| i.event.place.country_code.as_str())
            .collect();
        assert_eq!(countries, ["DE"]);
        let queue: ModerationQueue = ok_json(germany.fetch(&queue_path("country=FR")).await).await;
        assert_eq!(queue.total, 0);
        let r = germany.fetch(&queue_path("status=lost")).await;
        let e = error_of(r, StatusCode::BAD_REQUEST).await;
        assert!(e.error.fields.contains_key("status"));
        ok_json::<Event>(
            germany
                .call(
                    Method::POST,
                    &approve(berlin.event.id),
                    serde_json::Value::Null,
                )
                .await,
        )
        .await;
        // An ended session: 401.
        sea_orm::ConnectionTrait::execute_unprepared(
            &app.db,
            "UPDATE sessions SET expires_at = '2020-01-01T00:00:00+00:00'",
        )
        .await
        .expect("expired");
        error_of(
            germany.fetch(&queue_path("")).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
);

/// A moderator of the review-first campaign, and an action registered there
/// and approved by them.
async fn approved_in_review(app: &TestApp) -> (Organiser, Registered, Event) {
    let moderator = app
        .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
        .await;
    let r = app.registered(REVIEW_SLUG, &action(BERLIN, DAY_TIME)).await;
    let approved: Event = moderator
        .post_ok(&format!("/api/v1/events/{}/approve", r.event.id))
        .await;
    (moderator, r, approved)
}

api_test!(
    a_change_after_approval_waits_beside_the_approved_version,
    |app: TestApp| async move {
        let (moderator, r, approved) = approved_in_review(&app).await;
        let id = r.event.id;
        // The group moves it to 10:00 and to the embassy.
        let v = format!("\"{}\"", approved.version);
        let r = app
            .patch(
                id,
                Some(&r.edit_token),
                Some(&v),
                json!({ "local_start": "2026-11-05T10:00", "address": "Embassy" }),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        // Still shown, with the change …
        let public = app.list(REVIEW_SLUG, "").await;
        assert_eq!(public.events[0].local.start, "10:00");
        // … and in the queue, side by side.
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.items.len(), 1);
        let item = &queue.items[0];
        assert_eq!(item.reason, QueueReason::Changed);
        let fields: Vec<&str> = item.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["address", "local_start"]);
        assert_eq!(item.changes[1].approved, "2026-11-05T14:00");
        assert_eq!(item.changes[1].now, "2026-11-05T10:00");

        let reverted: Event = moderator
            .post_ok(&format!("/api/v1/events/{id}/revert"))
            .await;
        assert_eq!(reverted.local.start, "14:00");
        assert_eq!(reverted.place.address, None);
        assert_eq!(
            app.list(REVIEW_SLUG, "").await.events[0].local.start,
            "14:00"
        );
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 0);
    }
);

api_test!(
    accepting_a_change_makes_it_the_approved_version,
    |app: TestApp| async move {
        let (moderator, r, approved) = approved_in_review(&app).await;
        let id = r.event.id;
        let v = format!("\"{}\"", approved.version);
        let changed: Event = ok_json(
            app.patch(
                id,
                Some(&r.edit_token),
                Some(&v),
                json!({ "title": "Vigil for jailed workers" }),
            )
            .await,
        )
        .await;
        let accepted: Event = moderator
            .post_ok(&format!("/api/v1/events/{id}/accept"))
            .await;
        assert_eq!(accepted.title, "Vigil for jailed workers");
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 0);
        // A description change needs no review.
        let v = format!("\"{}\"", accepted.version);
        ok_json::<Event>(
            app.patch(
                id,
                Some(&r.edit_token),
                Some(&v),
                json!({ "description": "Bring candles." }),
            )
            .await,
        )
        .await;
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 0, "{changed:?}");
        // Nothing to accept any more.
        error_of(
            moderator
                .call(
                    Method::POST,
                    &format!("/api/v1/events/{id}/accept"),
                    serde_json::Value::Null,
                )
                .await,
            StatusCode::CONFLICT,
        )
        .await;
    }
);

api_test!(
    a_trusted_group_publishes_at_once_in_that_campaign,
    |app: TestApp| async move {
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let first = app.registered(REVIEW_SLUG, &action(BERLIN, DAY_TIME)).await;
        ok_json::<Event>(
            moderator
                .call(
                    Method::POST,
                    &format!("/api/v1/events/{}/approve", first.event.id),
                    json!({ "trust_group": true }),
                )
                .await,
        )
        .await;
        let mut again = action(HAMBURG, DAY_TIME);
        again.contact_email = Some(" Private-Contact@Example.org ".into());
        let second = app.registered(REVIEW_SLUG, &again).await;
        assert_eq!(second.event.status, EventStatus::Published);
        let mut stranger = action(HAMBURG, "2026-11-05T18:00");
        stranger.contact_email = Some("someone-else@example.org".into());
        let third = app.registered(REVIEW_SLUG, &stranger).await;
        assert_eq!(third.event.status, EventStatus::Pending);
        // The email itself is not what is kept to recognise the group.
        let kept = app
            .query_text("SELECT contact_hash AS v FROM trusted_groups")
            .await
            .expect("hash");
        assert_eq!(kept.len(), 64);
        assert!(!kept.contains('@'));
    }
);

api_test!(
    possible_duplicates_are_flagged_in_the_queue,
    |app: TestApp| async move {
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let a = app.registered(REVIEW_SLUG, &action(BERLIN, DAY_TIME)).await;
        let b = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:30"))
            .await;
        let c = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T18:00"))
            .await;
        let queue: ModerationQueue = ok_json(moderator.fetch(&queue_path("")).await).await;
        let of = |id: i64| {
            queue
                .items
                .iter()
                .find(|i| i.event.id == id)
                .expect("item")
                .possible_duplicates
                .clone()
        };
        assert_eq!(of(a.event.id), [b.event.id]);
        assert_eq!(of(b.event.id), [a.event.id]);
        assert!(of(c.event.id).is_empty());
    }
);

api_test!(
    robots_and_floods_do_not_reach_the_queue,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let mut robot = action(BERLIN, DAY_TIME);
        robot.homepage = Some("http://spam.example".into());
        let caught = app.registered(REVIEW_SLUG, &robot).await;
        let queue: ModerationQueue = ok_json(admin.fetch(&queue_path("")).await).await;
        assert_eq!(queue.total, 0);
        let spam: ModerationQueue = ok_json(admin.fetch(&queue_path("status=spam")).await).await;
        assert_eq!(spam.items[0].event.id, caught.event.id);
        // Nobody is told about spam.
        assert_eq!(app.count_rows("outbox").await, 0);

        ok_json::<shared::CampaignSettings>(
            admin
                .call(
                    Method::PATCH,
                    &format!("/api/v1/campaigns/{REVIEW_SLUG}"),
                    json!({ "max_pending_per_client_hour": 2 }),
                )
                .await,
        )
        .await;
        for hour in ["10:00", "11:00"] {
            app.registered(REVIEW_SLUG, &action(PARIS, &format!("2026-11-05T{hour}")))
                .await;
        }
        let r = app
            .register(REVIEW_SLUG, &action(PARIS, "2026-11-05T12:00"))
            .await;
        assert!(r.headers().contains_key("retry-after"));
        error_of(r, StatusCode::TOO_MANY_REQUESTS).await;
        // Campaigns that publish at once are not limited this way.
        for hour in ["10:00", "11:00", "12:00"] {
            app.registered(SLUG, &action(PARIS, &format!("2026-11-05T{hour}")))
                .await;
        }
    }
);

api_test!(
    bulk_decisions_and_the_dashboard,
    |app: TestApp| async move {
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let mut ids = Vec::new();
        for place in [BERLIN, HAMBURG, PARIS, TEHRAN] {
            ids.push(
                app.registered(REVIEW_SLUG, &action(place, DAY_TIME))
                    .await
                    .event
                    .id,
            );
        }
        let other = app.registered(SLUG, &action(LONDON, DAY_TIME)).await;
        let r = moderator
            .call(
                Method::POST,
                &format!("/api/v1/campaigns/{REVIEW_SLUG}/moderation"),
                json!({ "ids": [ids[0], ids[1], ids[2], other.event.id], "decision": "approve" }),
            )
            .await;
        let result: BulkResult = ok_json(r).await;
        assert_eq!(result.done, &ids[..3]);
        assert!(result.refused.contains_key(&other.event.id.to_string()));
        let stats = app.stats(REVIEW_SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (3, 3, 2));

        let d: Dashboard = ok_json(
            moderator
                .fetch(&format!("/api/v1/campaigns/{REVIEW_SLUG}/dashboard"))
                .await,
        )
        .await;
        assert_eq!(
            (d.statuses.published, d.statuses.pending, d.queue_length),
            (3, 1, 1)
        );
        assert_eq!((d.cities, d.countries), (3, 2));
        assert_eq!(d.by_country[0].country_code, "DE");
        assert_eq!(d.by_country[0].cities.len(), 2);
        // 14:00 in Berlin and Hamburg is 13:00 UTC, in Paris too.
        assert_eq!(d.by_utc_hour[13].events, 3);
        assert_eq!(d.points.len(), 4);
    }
);
