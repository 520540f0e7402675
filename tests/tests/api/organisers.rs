//! Organiser accounts and sessions: login, the cookie, CSRF, logout, the
//! login limit, expiry, disabled accounts, invitations, and campaigns made
//! and edited by admins.

use reqwest::{Method, StatusCode};
use serde_json::json;
use shared::{CampaignSettings, CampaignSettingsList, InviteLink, Role, SessionInfo};
use tests::organiser::{PASSWORD, cookie_named};
use tests::{REVIEW_SLUG, SLUG, TestApp, api_test, error_of, ok_json};

api_test!(
    login_sets_a_strict_cookie_and_logout_ends_the_session_on_the_server,
    |app: TestApp| async move {
        let admin = app.organiser("Admin@Example.org", Role::Admin).await;
        assert_eq!(admin.info.organiser.email, "admin@example.org");
        assert_eq!(admin.info.organiser.role, Role::Admin);

        let response = app.login_response("admin@example.org", PASSWORD).await;
        let header = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("set-cookie")
            .to_string();
        for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(header.contains(part), "{part} missing: {header}");
        }
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store")
        );

        // The session answers who is logged in, with the same CSRF token.
        let again: SessionInfo = ok_json(admin.fetch("/api/v1/session").await).await;
        assert_eq!(again.csrf_token, admin.csrf_token);

        // Logging out is a write: without the token it is refused.
        let forged = admin
            .forged(Method::DELETE, "/api/v1/session", serde_json::Value::Null)
            .await;
        error_of(forged, StatusCode::FORBIDDEN).await;
        let out = admin
            .call(Method::DELETE, "/api/v1/session", serde_json::Value::Null)
            .await;
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        // The cookie no longer works, even if a copy of it was kept.
        error_of(
            admin.fetch("/api/v1/session").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        assert_eq!(
            app.count_rows("sessions").await,
            1,
            "the other login remains"
        );
    }
);

api_test!(
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    |app: TestApp| async move {
        app.organiser("admin@example.org", Role::Admin).await;
        let wrong = app
            .login_response("admin@example.org", "not the password at all")
            .await;
        let unknown = app.login_response("nobody@example.org", PASSWORD).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
        assert!(cookie_named(&wrong, "doa_session").is_none());
        assert_eq!(
            wrong.text().await.expect("body"),
            unknown.text().await.expect("body")
        );
    }
);

api_test!(
    login_attempts_are_limited_per_account_known_or_not,
    |app: TestApp| async move {
        app.organiser("admin@example.org", Role::Admin).await;
        for email in ["admin@example.org", "nobody@example.org"] {
            let mut limited = None;
            for attempt in 0..12 {
                let r = app.login_response(email, "wrong wrong wrong").await;
                if r.status() == StatusCode::TOO_MANY_REQUESTS {
                    assert!(r.headers().contains_key("retry-after"));
                    limited = Some(attempt);
                    break;
                }
                assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
            }
            // The one login above counts for the known account.
            let expected = if email.starts_with("admin") { 9 } else { 10 };
            assert_eq!(limited, Some(expected), "{email}");
        }
        // Even the right password waits now.
        let r = app.login_response("admin@example.org", PASSWORD).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }
);

api_test!(
    sessions_end_when_idle_when_too_old_and_when_the_account_is_disabled,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let moderator = app.moderator("mod@example.org", &[(SLUG, None)]).await;
        let idle = app.log_in("mod@example.org", PASSWORD).await;
        let old = app.log_in("mod@example.org", PASSWORD).await;
        let long_ago = "2020-01-01T00:00:00+00:00";
        let hash =
            |cookie: &str| server::domain::token::hash(cookie.trim_start_matches("doa_session="));
        for (session, column) in [(&idle, "last_seen_at"), (&old, "expires_at")] {
            let sql = format!(
                "UPDATE sessions SET {column} = '{long_ago}' WHERE id = '{}'",
                hash(&session.cookie)
            );
            sea_orm::ConnectionTrait::execute_unprepared(&app.db, &sql)
                .await
                .expect("aged");
            error_of(
                session.fetch("/api/v1/session").await,
                StatusCode::UNAUTHORIZED,
            )
            .await;
        }
        ok_json::<SessionInfo>(moderator.fetch("/api/v1/session").await).await;

        let id = moderator.info.organiser.id;
        let r = admin
            .call(
                Method::PATCH,
                &format!("/api/v1/organisers/{id}"),
                json!({ "disabled": true }),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        error_of(
            moderator.fetch("/api/v1/session").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let r = app.login_response("mod@example.org", PASSWORD).await;
        error_of(r, StatusCode::UNAUTHORIZED).await;
        // A moderator cannot disable anyone.
        let other = app.moderator("other@example.org", &[]).await;
        let r = other
            .call(
                Method::PATCH,
                &format!("/api/v1/organisers/{}", admin.info.organiser.id),
                json!({ "disabled": true }),
            )
            .await;
        error_of(r, StatusCode::FORBIDDEN).await;
    }
);

api_test!(
    an_invitation_link_makes_one_account_once,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let r = admin
            .call(
                Method::POST,
                "/api/v1/organisers/invitations",
                json!({ "email": "coordinator@example.org", "role": "moderator",
                        "scopes": [{ "campaign": SLUG, "countries": ["DE"] }] }),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let link: InviteLink = r.json().await.expect("link");
        let token = link
            .invite_url
            .split("#token=")
            .nth(1)
            .expect("token")
            .to_string();
        assert!(
            link.invite_url
                .starts_with("https://actions.example.org/invite#token=")
        );

        let short = app
            .client
            .post(app.url("/api/v1/organisers/invitations/accept"))
            .json(&json!({ "token": token, "password": "short" }))
            .send()
            .await
            .expect("sent");
        let e = error_of(short, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(e.error.fields.contains_key("password"));

        let accept = || {
            app.client
                .post(app.url("/api/v1/organisers/invitations/accept"))
                .json(&json!({ "token": token, "password": "a good long password" }))
                .send()
        };
        let info: SessionInfo = ok_json(accept().await.expect("sent")).await;
        assert_eq!(info.organiser.role, Role::Moderator);
        assert_eq!(info.organiser.scopes[0].campaign, SLUG);
        assert_eq!(info.organiser.scopes[0].countries, ["DE"]);
        error_of(accept().await.expect("sent"), StatusCode::NOT_FOUND).await;

        let moderator = app
            .log_in("coordinator@example.org", "a good long password")
            .await;
        let r = moderator
            .call(
                Method::POST,
                "/api/v1/organisers/invitations",
                json!({ "email": "x@example.org", "role": "admin" }),
            )
            .await;
        error_of(r, StatusCode::FORBIDDEN).await;
        let r = admin
            .call(
                Method::POST,
                "/api/v1/organisers/invitations",
                json!({ "email": "y@example.org", "role": "moderator",
                        "scopes": [{ "campaign": "no-such-campaign" }] }),
            )
            .await;
        let e = error_of(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(e.error.fields.contains_key("scopes"));
    }
);

api_test!(
    admins_create_and_edit_campaigns_and_nobody_else_can,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let moderator = app.moderator("mod@example.org", &[(SLUG, None)]).await;
        let body = json!({
            "slug": "workers-day", "title": "Workers' day", "summary": "Join us.",
            "call_to_action": { "en": "Stand with Iran's workers", "fa": "در کنار کارگران ایران" },
            "starts_on": "2026-11-05", "ends_on": "2026-11-06", "moderation": "review_first",
            "public_contact": "press@example.org"
        });
        let anonymous = app
            .client
            .post(app.url("/api/v1/campaigns"))
            .json(&body)
            .send()
            .await
            .expect("sent");
        error_of(anonymous, StatusCode::UNAUTHORIZED).await;
        error_of(
            admin
                .forged(Method::POST, "/api/v1/campaigns", body.clone())
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            moderator
                .call(Method::POST, "/api/v1/campaigns", body.clone())
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        let r = admin
            .call(Method::POST, "/api/v1/campaigns", body.clone())
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: CampaignSettings = r.json().await.expect("settings");
        assert_eq!(created.call_to_action["fa"], "در کنار کارگران ایران");
        let public: shared::Campaign =
            ok_json(app.get("/api/v1/campaigns/workers-day").await).await;
        assert!(public.review);
        assert_eq!(public.public_contact.as_deref(), Some("press@example.org"));
        error_of(
            admin.call(Method::POST, "/api/v1/campaigns", body).await,
            StatusCode::CONFLICT,
        )
        .await;

        let bad = admin.call(Method::POST,
                "/api/v1/campaigns",
                json!({ "slug": "Bad Slug", "title": "", "starts_on": "2026-11-05", "ends_on": "soon" }),
            )
            .await;
        let e = error_of(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        for field in ["slug", "title", "ends_on"] {
            assert!(
                e.error.fields.contains_key(field),
                "{field}: {:?}",
                e.error.fields
            );
        }

        // Archiving hides it from the list and closes registration.
        let r = admin
            .call(
                Method::PATCH,
                "/api/v1/campaigns/workers-day",
                json!({ "archived": true, "title": "Workers' day 2026" }),
            )
            .await;
        let edited: CampaignSettings = ok_json(r).await;
        assert!(edited.archived);
        assert_eq!(edited.slug, "workers-day");
        let list: shared::CampaignList = ok_json(app.get("/api/v1/campaigns").await).await;
        assert!(list.campaigns.iter().all(|c| c.slug != "workers-day"));
        let r = app
            .register(
                "workers-day",
                &tests::action(tests::places::BERLIN, "2026-11-05T14:00"),
            )
            .await;
        error_of(r, StatusCode::CONFLICT).await;
        error_of(
            moderator
                .call(
                    Method::PATCH,
                    &format!("/api/v1/campaigns/{SLUG}"),
                    json!({ "title": "x" }),
                )
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;

        // Organisers see the campaigns they moderate; admins all of them.
        let mine: CampaignSettingsList =
            ok_json(moderator.fetch("/api/v1/organise/campaigns").await).await;
        let slugs: Vec<&str> = mine.campaigns.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, [SLUG]);
        let all: CampaignSettingsList =
            ok_json(admin.fetch("/api/v1/organise/campaigns").await).await;
        assert_eq!(all.campaigns.len(), 3);
        error_of(
            moderator
                .fetch(&format!("/api/v1/campaigns/{REVIEW_SLUG}/settings"))
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
);
