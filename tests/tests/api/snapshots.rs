//! Snapshots (insta) of the feeds and of the OpenAPI document, so that a
//! change in what the API puts out is seen in review. Both databases must
//! give the same bytes, so both compare against one snapshot.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p tests --test
//! api snapshots::` (or `cargo insta review`), and commit the `.snap` files.
//! With `CI=true` a difference fails the test.

use reqwest::StatusCode;
use shared::RegisterEvent;
use tests::places::{BERLIN, KATHMANDU, PARIS, TEHRAN};
use tests::{SLUG, TestApp, action, api_test, ok_json};

/// What changes from run to run: today's dates (when an action was
/// registered or changed), the ids the database hands out and the random
/// public ids in the links.
fn variable_parts() -> insta::Settings {
    let today = chrono::Utc::now().date_naive();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    for (pattern, replacement) in [
        (
            format!(r"{}(T\d{{6}}Z?)?", today.format("%Y%m%d")),
            "[today]",
        ),
        (
            format!(
                r"{}([T ][0-9:.]+(Z|[+-]\d\d:?\d\d)?)?",
                today.format("%Y-%m-%d")
            ),
            "[today]",
        ),
        (r"event-\d+@".into(), "event-[id]@"),
        (r"/events/\d+".into(), "/events/[id]"),
        (r"/e/\d+".into(), "/e/[id]"),
        (r"(?m)^\d+,".into(), "[id],"),
    ] {
        settings.add_filter(&pattern, replacement);
    }
    settings
}

/// A fixed set of actions: plain, with every optional field, with a hidden
/// meeting point, and cancelled.
async fn register_the_set(app: &TestApp) {
    app.registered(SLUG, &action(TEHRAN, "2026-11-05T14:00"))
        .await;
    app.registered(
        SLUG,
        &RegisterEvent {
            title: Some("Vigil at the \"Gate\", with candles; bring one".into()),
            kind: Some("vigil".into()),
            description: Some("Line one.\nLine two, with a comma.".into()),
            public_contact: Some("https://example.org/vigil".into()),
            address: Some("Pariser Platz".into()),
            latitude: Some(52.5163),
            longitude: Some(13.3777),
            local_end: Some("2026-11-05T20:30".into()),
            links: vec!["https://example.org/call".into()],
            language: Some("de".into()),
            ..action(BERLIN, "2026-11-05T18:00")
        },
    )
    .await;
    app.registered(
        SLUG,
        &RegisterEvent {
            address: Some("Hidden courtyard 7".into()),
            latitude: Some(27.7000),
            longitude: Some(85.3300),
            location_visibility: Some("city".into()),
            ..action(KATHMANDU, "2026-11-05T09:15")
        },
    )
    .await;
    app.cancelled(SLUG, &action(PARIS, "2026-11-05T11:00"))
        .await;
}

/// iCalendar with its folded lines joined again and LF for CRLF, after a
/// check of the folding (lines of at most 75 octets, ending in CRLF): where a
/// line is folded depends on the length of the ids in it.
fn unfolded(ics: &str) -> String {
    assert!(ics.ends_with("\r\n"), "RFC 5545 lines end in CRLF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
        assert!(!line.contains('\n'), "a bare LF: {line}");
    }
    ics.replace("\r\n ", "").replace("\r\n", "\n")
}

async fn text(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.expect("body")
}

api_test!(snapshots_of_the_feeds, |app: TestApp| async move {
    register_the_set(&app).await;
    let first = app.list(SLUG, "").await.events[0].id;
    let campaign_ics = text(&app, &format!("/api/v1/campaigns/{SLUG}/events.ics")).await;
    let event_ics = text(&app, &format!("/api/v1/events/{first}.ics")).await;
    let csv = text(&app, &format!("/api/v1/campaigns/{SLUG}/events.csv")).await;
    let geojson: serde_json::Value = ok_json(
        app.get(&format!("/api/v1/campaigns/{SLUG}/events.geojson"))
            .await,
    )
    .await;
    variable_parts().bind(|| {
        insta::assert_snapshot!("campaign_ics", unfolded(&campaign_ics));
        insta::assert_snapshot!("event_ics", unfolded(&event_ics));
        insta::assert_snapshot!("campaign_csv", csv);
        insta::assert_json_snapshot!("campaign_geojson", geojson, {
            ".features[].id" => "[id]",
            ".features[].properties.id" => "[id]",
        });
    });
});

api_test!(
    snapshot_of_the_openapi_document,
    |app: TestApp| async move {
        let doc: serde_json::Value = ok_json(app.get("/api/openapi.json").await).await;
        variable_parts().bind(|| insta::assert_json_snapshot!("openapi", doc));
    }
);
