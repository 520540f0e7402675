//! Registering an action and reading it back: the answers, the field
//! errors, and many registrations at once.

use reqwest::StatusCode;
use shared::{Event, RegisterEvent};
use tests::places::{BERLIN, TEHRAN};
use tests::{DAY, SLUG, TestApp, action, api_test, error_of};

api_test!(health_and_unknown_routes, |app: TestApp| async move {
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let e = error_of(app.get("/api/v1/nowhere").await, StatusCode::NOT_FOUND).await;
    assert_eq!(e.error.code, "not_found");
    let e = error_of(
        app.get("/api/v1/campaigns/no-such-day").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e.error.message, "no such campaign");
    let e = error_of(app.get("/api/v1/events/abc").await, StatusCode::BAD_REQUEST).await;
    assert!(e.error.fields.contains_key("id"));
    error_of(
        app.get("/api/v1/events/999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;
});

api_test!(
    register_read_and_list_in_local_time,
    |app: TestApp| async move {
        let mut req = action(TEHRAN, "2026-11-05T14:00");
        req.local_end = Some("2026-11-05T16:30".into());
        req.links = vec!["https://example.org/call".into()];
        let r = app.registered(SLUG, &req).await;
        assert_eq!(r.edit_token.len(), 43);
        assert_eq!(
            r.edit_url,
            format!(
                "https://actions.example.org/edit/{}#token={}",
                r.event.id, r.edit_token
            )
        );
        let e = &r.event;
        assert_eq!(e.timezone, "Asia/Tehran");
        assert_eq!(e.starts_at, "2026-11-05T14:00:00+03:30");
        assert_eq!(e.starts_at_utc, "2026-11-05T10:30:00Z");
        assert_eq!(e.ends_at.as_deref(), Some("2026-11-05T16:30:00+03:30"));
        assert_eq!(
            (
                e.local.date.as_str(),
                e.local.start.as_str(),
                e.local.utc_offset.as_str()
            ),
            (DAY, "14:00", "+03:30")
        );
        assert_eq!(e.place.country, "Iran");
        assert_eq!(e.place.place_id, Some(TEHRAN));
        assert_eq!(e.version, 1);
        assert_eq!(e.status, shared::EventStatus::Published);

        let response = app.get(&format!("/api/v1/events/{}", e.id)).await;
        assert_eq!(
            response.headers().get("etag").and_then(|v| v.to_str().ok()),
            Some("\"1\"")
        );
        let text = response.text().await.expect("body");
        assert!(
            !text.contains("private-contact@example.org"),
            "private email leaked: {text}"
        );
        let public: Event = serde_json::from_str(&text).expect("event");
        assert_eq!(public.contact_email, None);
        assert_eq!(public.title, "Rally for jailed workers");

        let list = app.list(SLUG, "").await;
        assert_eq!(list.total, 1);
        assert_eq!(list.events[0].id, e.id);
        assert!(app.count_rows("audit_log").await >= 1);
    }
);

api_test!(
    bad_input_names_the_field_and_stores_nothing,
    |app: TestApp| async move {
        let e = error_of(
            app.register(SLUG, &RegisterEvent::default()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(e.error.code, "validation_failed");
        for field in ["title", "kind", "organiser_name", "contact_email", "city"] {
            assert!(
                e.error.fields.contains_key(field),
                "{field} not named: {:?}",
                e.error.fields
            );
        }

        let mut bad = action(BERLIN, "2026-11-05T14:00");
        bad.kind = Some("party".into());
        bad.contact_email = Some("not-an-email".into());
        bad.links = vec!["javascript:alert(1)".into()];
        bad.location_visibility = Some("secret".into());
        let e = error_of(
            app.register(SLUG, &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        for field in ["kind", "contact_email", "links", "location_visibility"] {
            assert!(
                e.error.fields.contains_key(field),
                "{field} not named: {:?}",
                e.error.fields
            );
        }

        let post = |body: &'static str, content_type: &'static str| {
            app.client
                .post(app.url(&format!("/api/v1/campaigns/{SLUG}/events")))
                .header("content-type", content_type)
                .body(body)
                .send()
        };
        let e = error_of(
            post(r#"{"title": "x", "latitude": "north"}"#, "application/json")
                .await
                .expect("sent"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("latitude"), "{e:?}");
        let e = error_of(
            post(r#"{"colour": "red"}"#, "application/json")
                .await
                .expect("sent"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("colour"), "{e:?}");
        error_of(
            post("{not json", "application/json").await.expect("sent"),
            StatusCode::BAD_REQUEST,
        )
        .await;
        error_of(
            post("title=x", "application/x-www-form-urlencoded")
                .await
                .expect("sent"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        )
        .await;

        let mut huge = action(BERLIN, "2026-11-05T14:00");
        huge.description = Some("x".repeat(200_000));
        error_of(
            app.register(SLUG, &huge).await,
            StatusCode::PAYLOAD_TOO_LARGE,
        )
        .await;

        let mut long = action(BERLIN, "2026-11-05T14:00");
        long.title = Some("t".repeat(141));
        let e = error_of(
            app.register(SLUG, &long).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields["title"].contains("140"));

        error_of(
            app.register("no-such-day", &action(BERLIN, "2026-11-05T14:00"))
                .await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(app.count_rows("events").await, 0);
        assert_eq!(app.count_rows("audit_log").await, 0);
    }
);

api_test!(
    two_hundred_concurrent_registrations_are_each_stored_once,
    |app: TestApp| async move {
        let app = std::sync::Arc::new(app);
        let mut tasks = Vec::new();
        for n in 0..200 {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let mut req = action(BERLIN, "2026-11-05T14:00");
                req.title = Some(format!("Action number {n}"));
                app.registered(SLUG, &req).await.event.id
            }));
        }
        let mut ids = Vec::new();
        for t in tasks {
            ids.push(t.await.expect("task"));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 200);
        assert_eq!(app.count_rows("events").await, 200);
        assert_eq!(app.stats(SLUG).await.events, 200);
        let titles = app.list(SLUG, "limit=1000").await;
        let mut names: Vec<String> = titles.events.iter().map(|e| e.title.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 200);
    }
);
