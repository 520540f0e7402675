//! The CSV export with private columns for the campaign's organisers only
//! (and never from the cache that serves the public), and the Atom feed
//! read by an independent parser.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
use shared::Role;
use tests::places::{BERLIN, PARIS, TEHRAN};
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test};

fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}: {header:?}"));
    &row[i]
}

async fn text(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("body")
}

api_test!(
    private_csv_columns_are_for_the_campaigns_organisers_only,
    |app: TestApp| async move {
        let mut berlin = action(BERLIN, "2026-11-05T14:00");
        berlin.address = Some("Pariser Platz 1".into());
        berlin.latitude = Some(52.516_31);
        berlin.longitude = Some(13.377_72);
        berlin.location_visibility = Some("city".into());
        let berlin = app.registered(SLUG, &berlin).await.event;
        app.registered(SLUG, &action(PARIS, "2026-11-05T15:00"))
            .await;
        let url = format!("/api/v1/campaigns/{SLUG}/events.csv");

        let organiser = app.moderator("mod@example.org", &[(SLUG, None)]).await;
        let response = organiser.get(&url).send().await.expect("sent");
        assert_eq!(
            response.headers()[CACHE_CONTROL].to_str().ok(),
            Some("no-store")
        );
        let (header, rows) = table(&text(response).await);
        assert_eq!(rows.len(), 2);
        let row = rows
            .iter()
            .find(|r| column(&header, r, "id") == berlin.id.to_string())
            .expect("Berlin");
        assert_eq!(
            column(&header, row, "contact_email"),
            "private-contact@example.org"
        );
        assert_eq!(column(&header, row, "exact_address"), "Pariser Platz 1");
        assert_eq!(column(&header, row, "exact_latitude"), "52.516310");
        assert_eq!(
            column(&header, row, "address"),
            "",
            "the public column stays public"
        );

        // Right after it, the public (from the cache or not) has no private column.
        for response in [
            app.get(&url).await,
            app.client
                .get(app.url(&url))
                .header(reqwest::header::COOKIE, "doa_session=forged")
                .send()
                .await
                .expect("sent"),
        ] {
            let body = text(response).await;
            assert!(!body.contains("private-contact@example.org"), "{body}");
            assert!(!body.contains("Pariser Platz"), "{body}");
            let (header, rows) = table(&body);
            assert!(!header.iter().any(|h| h == "contact_email"), "{header:?}");
            assert_eq!(rows.len(), 2);
        }
        // A moderator of another campaign is the public here.
        let other = app
            .moderator("other@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let body = text(other.get(&url).send().await.expect("sent")).await;
        assert!(!body.contains("private-contact@example.org"));

        // A national coordinator gets their country's rows.
        let germany = app.moderator("de@example.org", &[(SLUG, Some("DE"))]).await;
        let (_, rows) = table(&text(germany.get(&url).send().await.expect("sent")).await);
        assert_eq!(rows.len(), 1);
    }
);

api_test!(
    organisers_see_actions_waiting_for_review_in_their_csv,
    |app: TestApp| async move {
        app.registered(REVIEW_SLUG, &action(TEHRAN, "2026-11-05T10:00"))
            .await;
        let url = format!("/api/v1/campaigns/{REVIEW_SLUG}/events.csv");
        let (_, public_rows) = table(&text(app.get(&url).await).await);
        assert!(public_rows.is_empty());
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let (header, rows) = table(&text(admin.get(&url).send().await.expect("sent")).await);
        assert_eq!(rows.len(), 1);
        assert_eq!(column(&header, &rows[0], "status"), "pending");
        let (_, public_rows) = table(&text(app.get(&url).await).await);
        assert!(public_rows.is_empty(), "still nothing for the public");
    }
);

api_test!(
    the_atom_feed_lists_published_actions_for_a_feed_reader,
    |app: TestApp| async move {
        let berlin = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await
            .event;
        let paris = app
            .registered(SLUG, &action(PARIS, "2026-11-05T15:00"))
            .await
            .event;
        app.registered(REVIEW_SLUG, &action(TEHRAN, "2026-11-05T10:00"))
            .await;
        let response = app
            .get(&format!("/api/v1/campaigns/{SLUG}/events.atom"))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[CONTENT_TYPE].to_str().ok(),
            Some("application/atom+xml; charset=utf-8")
        );
        let body = response.bytes().await.expect("body");
        let feed = feed_rs::parser::parse(&body[..]).expect("a valid feed");
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.entries.len(), 2);
        let links: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.links[0].href.clone())
            .collect();
        for id in [berlin.id, paris.id] {
            let url = format!("https://actions.example.org/e/{id}");
            assert!(links.contains(&url), "{url} in {links:?}");
        }
        for entry in &feed.entries {
            let updated = entry.updated.expect("updated");
            assert_eq!(
                updated.time(),
                chrono::NaiveTime::MIN,
                "public timestamps are days"
            );
            let summary = entry.summary.as_ref().expect("summary").content.clone();
            assert!(summary.contains("2026-11-05"), "{summary}");
        }
        let berlin_entry = feed
            .entries
            .iter()
            .find(|e| e.links[0].href.ends_with(&format!("/e/{}", berlin.id)))
            .expect("Berlin");
        let summary = &berlin_entry.summary.as_ref().expect("summary").content;
        assert!(
            summary.contains("14:00") && summary.contains("Berlin, Germany"),
            "{summary}"
        );
        assert!(summary.contains("UTC+01:00"), "{summary}");
        assert!(!String::from_utf8_lossy(&body).contains("private-contact"));
        // The review campaign's pending action is in no feed.
        let pending = app
            .get(&format!("/api/v1/campaigns/{REVIEW_SLUG}/events.atom"))
            .await;
        let body = pending.bytes().await.expect("body");
        let feed = feed_rs::parser::parse(&body[..]).expect("a valid feed");
        assert!(feed.entries.is_empty());
    }
);
