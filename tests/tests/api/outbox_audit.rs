//! The outbox of notifications (moderators told of a new endorsement; kept
//! unsent without SMTP) and the audit log, both for admins only.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use shared::{AuditLog, Endorsement, Outbox, Role};
use tests::{REVIEW_SLUG, SLUG, TestApp, api_test, error_of};

async fn endorse(app: &TestApp, name: &str, city: &str, country: &str) -> Endorsement {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/campaigns/{SLUG}/endorsements")))
        .json(&json!({
            "name": name, "city": city, "country_code": country,
            "contact_email": "group@example.org",
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("Endorsement")
}

api_test!(
    a_new_endorsement_tells_the_moderators_who_asked,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let _whole = app.moderator("whole@example.org", &[(SLUG, None)]).await;
        let _germany = app.moderator("de@example.org", &[(SLUG, Some("DE"))]).await;
        let _france = app.moderator("fr@example.org", &[(SLUG, Some("FR"))]).await;
        let _elsewhere = app
            .moderator("other@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let quiet = app.moderator("quiet@example.org", &[(SLUG, None)]).await;
        app.set_notify(&quiet, false).await;
        let disabled = app.moderator("disabled@example.org", &[(SLUG, None)]).await;
        let response = admin
            .patch(&format!("/api/v1/organisers/{}", disabled.id))
            .json(&json!({ "disabled": true }))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::OK);

        endorse(&app, "Union of Berlin", "Berlin", "DE").await;

        let mut recipients: Vec<String> = {
            let outbox: Outbox = admin.get_json("/api/v1/outbox").await;
            outbox.messages.iter().map(|m| m.to.clone()).collect()
        };
        recipients.sort();
        assert_eq!(
            recipients,
            ["admin@example.org", "de@example.org", "whole@example.org"]
        );

        // Without SMTP_URL they stay, and say why (the sender notes it
        // within a few seconds).
        let mut noted = false;
        for _ in 0..40 {
            let outbox: Outbox = admin.get_json("/api/v1/outbox").await;
            let m = &outbox.messages[0];
            assert!(m.subject.contains("Union of Berlin"), "{m:?}");
            assert!(m.sent_at.is_none());
            if outbox
                .messages
                .iter()
                .all(|m| m.error.as_deref() == Some("not sent: no SMTP_URL configured"))
            {
                noted = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        assert!(noted, "unsent messages say why");

        // Admins only.
        let whole = app.moderator("whole2@example.org", &[(SLUG, None)]).await;
        error_of(
            whole.get("/api/v1/outbox").send().await.expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(app.get("/api/v1/outbox").await, StatusCode::UNAUTHORIZED).await;
    }
);

api_test!(
    the_audit_log_lists_who_did_what_newest_first,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let e = endorse(&app, "Union", "Berlin", "DE").await;
        let _: Endorsement = admin
            .post_ok(&format!("/api/v1/endorsements/{}/approve", e.id))
            .await;

        let log: AuditLog = admin
            .get_json(&format!("/api/v1/audit?campaign={SLUG}"))
            .await;
        assert!(log.entries.len() >= 2, "{log:?}");
        let newest = &log.entries[0];
        assert_eq!(newest.action, "approve_endorsement");
        assert_eq!(newest.actor, "organiser admin@example.org");
        assert_eq!(newest.campaign.as_deref(), Some(SLUG));
        assert_eq!(newest.detail["endorsement"], e.id);
        assert!(newest.at.ends_with('Z'), "{}", newest.at);
        let endorsed = &log.entries[1];
        assert_eq!(
            (endorsed.action.as_str(), endorsed.actor.as_str()),
            ("endorse", "public")
        );
        assert!(log.entries.windows(2).all(|w| w[0].id > w[1].id));

        // Pages.
        let first: AuditLog = admin.get_json("/api/v1/audit?limit=1").await;
        assert_eq!(first.entries.len(), 1);
        let before = first.next_before.expect("more");
        let second: AuditLog = admin
            .get_json(&format!("/api/v1/audit?limit=1&before={before}"))
            .await;
        assert!(second.entries[0].id < before);

        // Another campaign's log is empty here.
        let other: AuditLog = admin
            .get_json(&format!("/api/v1/audit?campaign={REVIEW_SLUG}"))
            .await;
        assert!(other.entries.is_empty(), "{other:?}");

        for (query, field) in [
            ("limit=0", "limit"),
            ("limit=201", "limit"),
            ("limit=ten", "limit"),
            ("before=-3", "before"),
            ("campaign=no-such-campaign", "campaign"),
        ] {
            let e = error_of(
                admin
                    .get(&format!("/api/v1/audit?{query}"))
                    .send()
                    .await
                    .expect("sent"),
                StatusCode::BAD_REQUEST,
            )
            .await;
            assert!(e.error.fields.contains_key(field), "{query}: {:?}", e.error);
        }

        let moderator = app.moderator("mod@example.org", &[(SLUG, None)]).await;
        error_of(
            moderator.get("/api/v1/audit").send().await.expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(app.get("/api/v1/audit").await, StatusCode::UNAUTHORIZED).await;
    }
);
