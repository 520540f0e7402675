//! Endorsements (issue 8): the public form, moderation, the public list and
//! count, the honeypot, permission boundaries and the CSV import.

use reqwest::StatusCode;
use serde_json::json;
use shared::{Endorsement, EndorsementList, EndorsementStatus, ImportResult, Role};
use tests::{REVIEW_SLUG, SLUG, TestApp, api_test, error_of, ok_json};

/// «The workers' union of Haft Tappeh», with its zero-width non-joiner.
const PERSIAN: &str = "سندیکای کارگران نیشکر هفت\u{200c}تپه";

fn endorse_body(name: &str, city: &str, country: &str) -> serde_json::Value {
    json!({
        "name": name,
        "name_alt": PERSIAN,
        "city": city,
        "country_code": country,
        "website": "https://union.example.org",
        "contact_email": "secretary@union.example.org",
    })
}

async fn endorse(app: &TestApp, slug: &str, body: &serde_json::Value) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/campaigns/{slug}/endorsements")))
        .json(body)
        .send()
        .await
        .expect("request sent")
}

async fn endorsed(app: &TestApp, slug: &str, body: &serde_json::Value) -> Endorsement {
    let response = endorse(app, slug, body).await;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).expect("Endorsement")
}

async fn public_list(app: &TestApp, slug: &str) -> EndorsementList {
    ok_json(
        app.get(&format!("/api/v1/campaigns/{slug}/endorsements"))
            .await,
    )
    .await
}

api_test!(
    an_endorsement_is_public_and_counted_once_approved,
    |app: TestApp| async move {
        let created = endorsed(&app, SLUG, &endorse_body("Workers' Union", "Berlin", "DE")).await;
        assert_eq!(created.status, EndorsementStatus::Pending);
        assert_eq!(created.contact_email, None, "the contact is never echoed");
        assert_eq!(created.city.as_deref(), Some("Berlin"));
        assert_eq!(created.country.as_deref(), Some("Germany"));

        // Pending: neither listed nor counted.
        assert_eq!(public_list(&app, SLUG).await.total, 0);
        assert_eq!(app.stats(SLUG).await.organisations, 0);

        let moderator = app.moderator("mod@example.org", &[(SLUG, None)]).await;
        let pending: EndorsementList = moderator
            .get_json(&format!(
                "/api/v1/campaigns/{SLUG}/endorsements?status=pending"
            ))
            .await;
        assert_eq!(pending.total, 1);
        assert_eq!(
            pending.endorsements[0].contact_email.as_deref(),
            Some("secretary@union.example.org")
        );

        let approved: Endorsement = moderator
            .post_ok(&format!("/api/v1/endorsements/{}/approve", created.id))
            .await;
        assert_eq!(approved.status, EndorsementStatus::Approved);

        let list = public_list(&app, SLUG).await;
        assert_eq!(list.total, 1);
        let shown = &list.endorsements[0];
        assert_eq!(shown.name, "Workers' Union");
        assert_eq!(shown.name_alt.as_deref(), Some(PERSIAN), "kept exactly");
        assert_eq!(shown.contact_email, None);
        assert_eq!(shown.website.as_deref(), Some("https://union.example.org"));
        assert_eq!(app.stats(SLUG).await.organisations, 1);
        let stored = app
            .query_text(&format!(
                "SELECT name_alt AS v FROM endorsements WHERE id = {}",
                created.id
            ))
            .await;
        assert_eq!(stored.as_deref(), Some(PERSIAN));

        // A rejected one is never public, and taking an approved one back
        // takes it out of the list and the count.
        let other = endorsed(&app, SLUG, &endorse_body("Other group", "Paris", "FR")).await;
        let rejected: Endorsement = moderator
            .post_ok(&format!("/api/v1/endorsements/{}/reject", other.id))
            .await;
        assert_eq!(rejected.status, EndorsementStatus::Rejected);
        assert_eq!(public_list(&app, SLUG).await.total, 1);
        assert_eq!(app.stats(SLUG).await.organisations, 1);
        let _: Endorsement = moderator
            .post_ok(&format!("/api/v1/endorsements/{}/reject", created.id))
            .await;
        assert_eq!(public_list(&app, SLUG).await.total, 0);
        assert_eq!(app.stats(SLUG).await.organisations, 0);
        let all: EndorsementList = moderator
            .get_json(&format!("/api/v1/campaigns/{SLUG}/endorsements?status=all"))
            .await;
        assert_eq!(all.total, 2);
    }
);

api_test!(
    the_public_list_is_sorted_by_country_city_and_name,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        for (name, city, country) in [
            ("Zeta", "Paris", "FR"),
            ("Beta", "Hamburg", "DE"),
            ("Alpha", "Hamburg", "DE"),
            ("Gamma", "Berlin", "DE"),
        ] {
            let e = endorsed(&app, SLUG, &endorse_body(name, city, country)).await;
            let _: Endorsement = admin
                .post_ok(&format!("/api/v1/endorsements/{}/approve", e.id))
                .await;
        }
        let names: Vec<String> = public_list(&app, SLUG)
            .await
            .endorsements
            .into_iter()
            .map(|e| e.name)
            .collect();
        // France, then Germany (Berlin, then Hamburg).
        assert_eq!(names, ["Zeta", "Gamma", "Alpha", "Beta"]);
    }
);

api_test!(
    a_filled_honeypot_looks_accepted_but_is_stored_rejected,
    |app: TestApp| async move {
        let mut body = endorse_body("Robot", "Berlin", "DE");
        body["homepage"] = json!("https://spam.example");
        let answer = endorsed(&app, SLUG, &body).await;
        assert_eq!(
            answer.status,
            EndorsementStatus::Pending,
            "looks like a success"
        );
        let stored = app
            .query_text(&format!(
                "SELECT status AS v FROM endorsements WHERE id = {}",
                answer.id
            ))
            .await;
        assert_eq!(stored.as_deref(), Some("rejected"));
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let pending: EndorsementList = admin
            .get_json(&format!(
                "/api/v1/campaigns/{SLUG}/endorsements?status=pending"
            ))
            .await;
        assert_eq!(pending.total, 0);
        assert_eq!(
            app.count_rows("outbox").await,
            0,
            "nobody is told of a robot"
        );
    }
);

api_test!(
    bad_endorsements_name_their_field,
    |app: TestApp| async move {
        for (change, field) in [
            (json!({ "name": "" }), "name"),
            (json!({ "name": "x".repeat(201) }), "name"),
            (json!({ "name_alt": "x".repeat(201) }), "name_alt"),
            (json!({ "contact_email": null }), "contact_email"),
            (
                json!({ "contact_email": "not-an-address" }),
                "contact_email",
            ),
            (json!({ "website": "javascript:alert(1)" }), "website"),
            (json!({ "city": "Nowhereville" }), "city"),
            (json!({ "country_code": "FR" }), "city"),
            (
                json!({ "city": null, "place_id": 2950159, "country_code": "FR" }),
                "country_code",
            ),
            (json!({ "colour": "red" }), "colour"),
        ] {
            let mut body = endorse_body("Union", "Berlin", "DE");
            for (k, v) in change.as_object().expect("object") {
                body[k] = v.clone();
            }
            let e = error_of(
                endorse(&app, SLUG, &body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert!(e.error.fields.contains_key(field), "{field}: {:?}", e.error);
        }
        // A city is optional; a country alone is enough.
        let e = endorsed(
            &app,
            SLUG,
            &json!({ "name": "Union", "country_code": "se", "contact_email": "a@example.org" }),
        )
        .await;
        assert_eq!(e.country_code.as_deref(), Some("SE"));
        error_of(
            endorse(&app, "no-such-campaign", &endorse_body("U", "Berlin", "DE")).await,
            StatusCode::NOT_FOUND,
        )
        .await;
        sea_orm::ConnectionTrait::execute_unprepared(
            &app.db,
            &format!("UPDATE campaigns SET archived = true WHERE slug = '{SLUG}'"),
        )
        .await
        .expect("archived");
        error_of(
            endorse(&app, SLUG, &endorse_body("Late", "Berlin", "DE")).await,
            StatusCode::CONFLICT,
        )
        .await;
    }
);

api_test!(
    only_the_campaigns_moderators_see_and_decide,
    |app: TestApp| async move {
        let e = endorsed(&app, SLUG, &endorse_body("Union", "Berlin", "DE")).await;
        let approve = format!("/api/v1/endorsements/{}/approve", e.id);
        let queue = format!("/api/v1/campaigns/{SLUG}/endorsements?status=pending");

        // Anonymous.
        error_of(app.get(&queue).await, StatusCode::UNAUTHORIZED).await;
        let anonymous = app
            .client
            .post(app.url(&approve))
            .send()
            .await
            .expect("sent");
        error_of(anonymous, StatusCode::UNAUTHORIZED).await;

        // A moderator of another campaign.
        let other = app
            .moderator("other@example.org", &[(REVIEW_SLUG, None)])
            .await;
        error_of(
            other.get(&queue).send().await.expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            other.post(&approve).send().await.expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;

        // A national coordinator of another country.
        let france = app.moderator("fr@example.org", &[(SLUG, Some("FR"))]).await;
        error_of(
            france.post(&approve).send().await.expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;
        let theirs: EndorsementList = france.get_json(&queue).await;
        assert_eq!(theirs.total, 0, "a German endorsement is not in their list");

        // The right moderator without the CSRF token.
        let germany = app.moderator("de@example.org", &[(SLUG, Some("DE"))]).await;
        error_of(
            germany
                .without_csrf(reqwest::Method::POST, &approve)
                .send()
                .await
                .expect("sent"),
            StatusCode::FORBIDDEN,
        )
        .await;
        assert_eq!(public_list(&app, SLUG).await.total, 0);

        // A bad status is a 400 naming it.
        let e400 = error_of(
            germany
                .get(&format!(
                    "/api/v1/campaigns/{SLUG}/endorsements?status=maybe"
                ))
                .send()
                .await
                .expect("sent"),
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(e400.error.fields.contains_key("status"), "{:?}", e400.error);
        error_of(
            germany
                .post("/api/v1/endorsements/999999/approve")
                .send()
                .await
                .expect("sent"),
            StatusCode::NOT_FOUND,
        )
        .await;

        let done: Endorsement = germany.post_ok(&approve).await;
        assert_eq!(done.status, EndorsementStatus::Approved);
        assert_eq!(public_list(&app, SLUG).await.total, 1);
    }
);

const LIST: &str = "name,name_alt,city,country_code,website
Union A,,Berlin,DE,https://a.example.org
\"Union B, Paris\",اتحادیه ب,Paris,fr,
,,,,
Union C,,Nowhereville,DE,
Union D,,,XX,
Union E,,,,javascript:alert(1)
Union A,,Berlin,DE,
Union F,too,many,fields,here,extra
";

async fn import(
    app: &TestApp,
    who: &tests::Organiser,
    content_type: &str,
    body: &str,
) -> reqwest::Response {
    who.post(&format!("/api/v1/campaigns/{SLUG}/endorsements/import"))
        .header(reqwest::header::CONTENT_TYPE, content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", app.base))
}

api_test!(
    an_imported_list_is_approved_and_its_bad_lines_named,
    |app: TestApp| async move {
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let result: ImportResult = ok_json(import(&app, &admin, "text/csv", LIST).await).await;
        assert_eq!(result.imported, 2, "{result:?}");
        let lines: Vec<&str> = result.refused.keys().map(String::as_str).collect();
        assert_eq!(lines, ["5", "6", "7", "8", "9"], "{result:?}");
        assert!(result.refused["5"].contains("city"), "{result:?}");
        assert!(result.refused["6"].contains("country_code"), "{result:?}");
        assert!(result.refused["7"].contains("website"), "{result:?}");
        assert!(result.refused["8"].contains("already"), "{result:?}");

        let list = public_list(&app, SLUG).await;
        assert_eq!(list.total, 2);
        let b = list
            .endorsements
            .iter()
            .find(|e| e.name == "Union B, Paris")
            .expect("Union B");
        assert_eq!(b.name_alt.as_deref(), Some("اتحادیه ب"));
        assert_eq!(b.country_code.as_deref(), Some("FR"));
        assert_eq!(app.stats(SLUG).await.organisations, 2);

        // Importing it again adds nothing.
        let again: ImportResult = ok_json(import(&app, &admin, "text/csv", LIST).await).await;
        assert_eq!(again.imported, 0);

        let e = error_of(
            import(&app, &admin, "text/csv", "organisation,country\nX,DE\n").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("header"), "{:?}", e.error);
        error_of(
            import(&app, &admin, "application/json", "{}").await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        )
        .await;
        let other = app
            .moderator("other@example.org", &[(REVIEW_SLUG, None)])
            .await;
        error_of(
            import(&app, &other, "text/csv", LIST).await,
            StatusCode::FORBIDDEN,
        )
        .await;
        // A national coordinator imports their country's lines only.
        let germany = app.moderator("de@example.org", &[(SLUG, Some("DE"))]).await;
        let theirs: ImportResult = ok_json(
            import(
                &app,
                &germany,
                "text/csv",
                "name,name_alt,city,country_code,website\nUnion G,,Hamburg,DE,\nUnion H,,Paris,FR,\n",
            )
            .await,
        )
        .await;
        assert_eq!(theirs.imported, 1, "{theirs:?}");
        assert!(theirs.refused.contains_key("3"), "{theirs:?}");
    }
);
