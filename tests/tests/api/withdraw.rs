//! A group controls its action: withdraw it, replace its edit link, hide its
//! meeting point after cancelling; private data does not outlive the need.

use reqwest::StatusCode;
use serde_json::json;
use shared::{Event, RegisterEvent};
use tests::places::BERLIN;
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of, ok_json};

fn with_private_details(place_id: i64) -> RegisterEvent {
    RegisterEvent {
        title: Some("Picket at the consulate".into()),
        address: Some("Consulate gate, Hinterhof 3".into()),
        public_contact: Some("@picket_group".into()),
        links: vec!["https://example.org/picket".into()],
        latitude: Some(52.5002),
        longitude: Some(13.4190),
        ..action(place_id, "2026-11-05T14:00")
    }
}

api_test!(
    a_withdrawn_action_leaves_every_public_output,
    |app: TestApp| async move {
        let r = app.registered(SLUG, &with_private_details(BERLIN)).await;
        let id = r.event.id;
        let feeds = [
            format!("/api/v1/campaigns/{SLUG}/events.csv"),
            format!("/api/v1/campaigns/{SLUG}/events.geojson"),
            format!("/api/v1/campaigns/{SLUG}/events.ics"),
        ];
        for feed in &feeds {
            let text = app.get(feed).await.text().await.unwrap_or_default();
            assert!(text.contains("Picket at the consulate"), "{feed}");
        }
        assert_eq!(app.stats(SLUG).await.events, 1);

        // Only the edit token withdraws.
        error_of(app.withdraw(id, None).await, StatusCode::UNAUTHORIZED).await;
        let wrong = "y".repeat(43);
        error_of(app.withdraw(id, Some(&wrong)).await, StatusCode::FORBIDDEN).await;
        let response = app.withdraw(id, Some(&r.edit_token)).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);

        // Gone at once: event, its calendar, lists, counts, feeds.
        let missing_body = app.event(id ^ 0x5555, None).await.text().await.ok();
        let gone = app.event(id, None).await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);
        assert_eq!(gone.text().await.ok(), missing_body);
        assert_eq!(
            app.get(&format!("/api/v1/events/{id}.ics")).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(app.list(SLUG, "").await.total, 0);
        assert_eq!(app.list(SLUG, "include=cancelled").await.total, 0);
        assert_eq!(
            app.list(SLUG, "near=52.52,13.40&within_km=100").await.total,
            0
        );
        let stats = app.stats(SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (0, 0, 0));
        for feed in &feeds {
            let text = app.get(feed).await.text().await.unwrap_or_default();
            assert!(!text.contains("Picket at the consulate"), "{feed}: {text}");
        }

        // The token is spent: the action answers it as a missing one.
        for response in [
            app.event(id, Some(&r.edit_token)).await,
            app.withdraw(id, Some(&r.edit_token)).await,
            app.new_edit_link(id, Some(&r.edit_token)).await,
            app.patch(
                id,
                Some(&r.edit_token),
                Some("\"2\""),
                json!({"title": "x"}),
            )
            .await,
        ] {
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
        }

        // A tombstone remains, with nothing private in it.
        assert_eq!(app.stored(id, "status").await.as_deref(), Some("withdrawn"));
        assert_eq!(app.stored(id, "contact_email").await.as_deref(), Some(""));
        assert_eq!(app.stored(id, "address").await, None);
        assert_eq!(app.stored(id, "public_contact").await, None);
        assert_eq!(app.stored(id, "description").await, None);
        assert_eq!(app.stored(id, "organiser_name").await.as_deref(), Some(""));
        assert_eq!(app.stored(id, "links").await.as_deref(), Some("[]"));
        assert_eq!(app.stored(id, "edit_token_hash").await.as_deref(), Some(""));
        let lat: f64 = app
            .stored(id, "latitude")
            .await
            .and_then(|v| v.parse().ok())
            .expect("latitude");
        assert!(
            (lat - 52.52437).abs() < 1e-6,
            "the exact point is erased: {lat}"
        );
        assert_eq!(count_audit(&app, id, "withdraw").await, 1);
    }
);

api_test!(
    a_cancelled_action_can_be_withdrawn_and_can_still_hide_its_point,
    |app: TestApp| async move {
        let r = app.registered(SLUG, &with_private_details(BERLIN)).await;
        let cancelled: Event = ok_json(app.cancel(r.event.id, &r.edit_token).await).await;
        assert!(cancelled.cancelled);
        // Hide the meeting point after cancelling.
        let response = app
            .patch(
                r.event.id,
                Some(&r.edit_token),
                Some(&format!("\"{}\"", cancelled.version)),
                json!({"location_visibility": "city", "address": null}),
            )
            .await;
        let hidden: Event = ok_json(response).await;
        assert_eq!(hidden.status, shared::EventStatus::Cancelled);
        let public: Event = ok_json(app.event(r.event.id, None).await).await;
        assert_eq!(public.place.address, None);
        assert_eq!(
            (public.place.latitude, public.place.longitude),
            (52.52437, 13.41053)
        );
        assert!(public.cancelled);

        let response = app.withdraw(r.event.id, Some(&r.edit_token)).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.list(SLUG, "include=cancelled").await.total, 0);
    }
);

api_test!(
    a_new_edit_link_makes_the_old_one_useless,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let id = r.event.id;
        error_of(app.new_edit_link(id, None).await, StatusCode::UNAUTHORIZED).await;
        let link: shared::EditLink =
            ok_json(app.new_edit_link(id, Some(&r.edit_token)).await).await;
        assert_ne!(link.edit_token, r.edit_token);
        assert_eq!(link.edit_token.len(), 43);
        assert_eq!(
            link.edit_url,
            format!(
                "https://actions.example.org/edit/{id}#token={}",
                link.edit_token
            )
        );
        // The old token no longer opens or changes anything.
        error_of(
            app.patch(
                id,
                Some(&r.edit_token),
                Some("\"1\""),
                json!({"title": "Seized"}),
            )
            .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            app.new_edit_link(id, Some(&r.edit_token)).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        let own: Event = ok_json(app.event(id, Some(&link.edit_token)).await).await;
        assert!(own.contact_email.is_some());
        let updated: Event = ok_json(
            app.patch(
                id,
                Some(&link.edit_token),
                Some("\"1\""),
                json!({"title": "Still on"}),
            )
            .await,
        )
        .await;
        assert_eq!(updated.title, "Still on");
        assert_eq!(count_audit(&app, id, "new_edit_link").await, 1);

        // A held-back action's group may replace its link too.
        let pending = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let link: shared::EditLink = ok_json(
            app.new_edit_link(pending.event.id, Some(&pending.edit_token))
                .await,
        )
        .await;
        assert_eq!(
            app.event(pending.event.id, Some(&pending.edit_token))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.event(pending.event.id, Some(&link.edit_token))
                .await
                .status(),
            StatusCode::OK
        );
    }
);

api_test!(
    private_data_is_erased_after_the_retention_period,
    |app: TestApp| async move {
        tests::create_campaign(&app.db, "last-winter", "2026-01-10", "2026-01-10", false).await;
        let mut exact = with_private_details(BERLIN);
        exact.local_start = Some("2026-01-10T12:00".into());
        let hidden = RegisterEvent {
            location_visibility: Some("city".into()),
            ..exact.clone()
        };
        let old_exact = app.registered("last-winter", &exact).await;
        let old_hidden = app.registered("last-winter", &hidden).await;
        let current = app.registered(SLUG, &with_private_details(BERLIN)).await;

        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let purged = server::services::retention::purge(&app.db, today, 30)
            .await
            .expect("purge");
        assert_eq!((purged.campaigns, purged.actions), (1, 2));
        for id in [old_hidden.event.id, old_exact.event.id] {
            assert_eq!(app.stored(id, "contact_email").await.as_deref(), Some(""));
            assert_eq!(
                app.stored(id, "latitude").await,
                app.stored(id, "public_latitude").await
            );
        }
        // The hidden address goes; the public one stays public.
        assert_eq!(app.stored(old_hidden.event.id, "address").await, None);
        assert!(app.stored(old_exact.event.id, "address").await.is_some());
        // The current campaign keeps its contacts.
        assert_eq!(
            app.stored(current.event.id, "contact_email")
                .await
                .as_deref(),
            Some("private-contact@example.org")
        );
        // A second run changes nothing; within the period nothing happens.
        let again = server::services::retention::purge(&app.db, today, 30)
            .await
            .expect("purge");
        assert_eq!(again.actions, 0);
        let early = chrono::NaiveDate::from_ymd_opt(2026, 2, 5).expect("date");
        let none = server::services::retention::purge(&app.db, early, 30)
            .await
            .expect("purge");
        assert_eq!(none.actions, 0);
        // The group can still edit without a contact address.
        let updated: Event = ok_json(
            app.patch(
                old_exact.event.id,
                Some(&old_exact.edit_token),
                Some("\"1\""),
                json!({"title": "Thank you all"}),
            )
            .await,
        )
        .await;
        assert_eq!(updated.title, "Thank you all");
        assert_eq!(updated.contact_email.as_deref(), Some(""));
    }
);

async fn count_audit(app: &TestApp, event_id: i64, action: &str) -> i64 {
    app.query_i64(&format!(
        "SELECT COUNT(*) AS v FROM audit_log WHERE event_id = {event_id} AND action = '{action}'"
    ))
    .await
}
