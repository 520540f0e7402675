//! The feeds (CSV, iCalendar, GeoJSON) in their formats.

use serde_json::json;
use tests::places::TEHRAN;
use tests::{SLUG, TestApp, action, api_test, ok_json};

api_test!(feeds_follow_their_formats, |app: TestApp| async move {
    let r = app
        .registered(SLUG, &action(TEHRAN, "2026-11-05T14:00"))
        .await;
    let response = app.get(&format!("/api/v1/events/{}.ics", r.event.id)).await;
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    let ics = response.text().await.expect("ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    // The local time with its zone, whose definition the calendar carries.
    assert!(
        ics.contains("DTSTART;TZID=Asia/Tehran:20261105T140000"),
        "{ics}"
    );
    assert!(
        ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tehran\r\n"),
        "{ics}"
    );
    assert!(ics.contains(&format!("UID:event-{}@actions.example.org", r.event.id)));
    assert!(ics.contains("\r\n"), "RFC 5545 lines end in CRLF");

    let geo: serde_json::Value = ok_json(
        app.get(&format!("/api/v1/campaigns/{SLUG}/events.geojson"))
            .await,
    )
    .await;
    assert_eq!(geo["type"], "FeatureCollection");
    assert_eq!(
        geo["features"][0]["geometry"]["coordinates"],
        json!([51.42151, 35.69439])
    );

    let csv = app
        .get(&format!("/api/v1/campaigns/{SLUG}/events.csv"))
        .await
        .text()
        .await
        .expect("csv");
    let mut lines = csv.lines();
    assert!(lines.next().expect("header").starts_with("id,title,kind"));
    assert!(lines.next().expect("row").contains("Tehran"));
});
