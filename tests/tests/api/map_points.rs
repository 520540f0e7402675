//! The map's points: the list's actions as markers in one answer, by the
//! list's own filters and order, with the public point only; every change
//! shows at once (also on another server on the same database), and what a
//! group hides changes nothing.

use reqwest::StatusCode;
use shared::{MapPoint, MapPoints, RegisterEvent};
use tests::live::ServerProcess;
use tests::places::{BERLIN, GOTHENBURG, PARIS, TEHRAN};
use tests::{DAY, REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of, ok_json};

async fn points(app: &TestApp, slug: &str, query: &str) -> Vec<MapPoint> {
    let answer: MapPoints = ok_json(
        app.get(&format!("/api/v1/campaigns/{slug}/points?{query}"))
            .await,
    )
    .await;
    answer.points
}

/// The list's actions for `query` (every page) as the markers the map
/// would make of them.
async fn listed(app: &TestApp, slug: &str, query: &str) -> Vec<MapPoint> {
    let mut all = Vec::new();
    let mut page = app.list(slug, &format!("{query}&limit=2")).await;
    loop {
        all.extend(page.events.iter().map(MapPoint::from));
        let Some(cursor) = page.next_cursor else {
            return all;
        };
        page = app
            .list(slug, &format!("{query}&limit=2&cursor={cursor}"))
            .await;
    }
}

api_test!(
    the_points_are_the_lists_actions_as_markers,
    |app: TestApp| async move {
        // A group that shows only its city: its meeting point in Potsdam
        // stays its own.
        let hidden = RegisterEvent {
            address: Some("Secret courtyard".into()),
            latitude: Some(52.3906),
            longitude: Some(13.0645),
            location_visibility: Some("city".into()),
            title: Some("Vigil for the prisoners".into()),
            kind: Some("vigil".into()),
            language: Some("de".into()),
            ..action(BERLIN, &format!("{DAY}T18:00"))
        };
        let hidden = app.registered(SLUG, &hidden).await;
        app.registered(SLUG, &action(TEHRAN, &format!("{DAY}T10:00")))
            .await;
        app.registered(SLUG, &action(GOTHENBURG, &format!("{DAY}T10:00")))
            .await;
        app.cancelled(SLUG, &action(PARIS, &format!("{DAY}T09:00")))
            .await;

        for query in [
            "include=cancelled",
            "",
            "country=de",
            "kind=vigil&include=cancelled",
            "country=FR",
            "country=FR&include=cancelled",
            "country=JP",
        ] {
            assert_eq!(
                points(&app, SLUG, query).await,
                listed(&app, SLUG, query).await,
                "{query}"
            );
        }
        let all = points(&app, SLUG, "include=cancelled").await;
        assert_eq!(all.len(), 4);
        assert_eq!(all.iter().filter(|p| p.cancelled).count(), 1);
        // By start in UTC: Tehran's 10:00 (+03:30) before Paris's 09:00
        // (+01:00) before Gothenburg's 10:00 (+01:00).
        let countries: Vec<&str> = all.iter().map(|p| p.country_code.as_str()).collect();
        assert_eq!(countries, ["IR", "FR", "SE", "DE"]);
        let vigil = all.iter().find(|p| p.id == hidden.event.id).expect("vigil");
        let public: shared::Event = ok_json(app.event(hidden.event.id, None).await).await;
        assert_eq!(
            (vigil.latitude, vigil.longitude),
            (public.place.latitude, public.place.longitude),
            "the public point, as the action's page shows it"
        );
        assert_eq!(
            (hidden.event.place.latitude, hidden.event.place.longitude),
            (52.3906, 13.0645),
            "the group sees its meeting point"
        );
        assert!(
            (vigil.latitude - 52.3906).abs() > 0.05,
            "not the meeting point"
        );
        assert_eq!(
            (vigil.utc_offset.as_str(), vigil.zone_abbreviation.as_str()),
            ("+01:00", "CET")
        );
        assert_eq!(vigil.language.as_deref(), Some("de"));
        let body = app
            .get(&format!(
                "/api/v1/campaigns/{SLUG}/points?include=cancelled"
            ))
            .await
            .text()
            .await
            .expect("body");
        for private in [
            "Secret courtyard",
            "private-contact",
            "52.3906",
            "Free them",
        ] {
            assert!(!body.contains(private), "{private} in {body}");
        }
    }
);

api_test!(
    a_change_shows_at_once_on_every_server,
    |app: TestApp| async move {
        let kept = app
            .registered(SLUG, &action(BERLIN, &format!("{DAY}T10:00")))
            .await;
        let other = ServerProcess::start(app.database_url()).await;
        let client = reqwest::Client::new();
        let url = other.url(&format!(
            "/api/v1/campaigns/{SLUG}/points?include=cancelled"
        ));
        let on_other = async || -> Vec<(i64, bool, String)> {
            let answer: MapPoints = ok_json(client.get(&url).send().await.expect("points")).await;
            answer
                .points
                .into_iter()
                .map(|p| (p.id, p.cancelled, p.title))
                .collect()
        };
        // Twice, so that the second answer is the other server's copy.
        for _ in 0..2 {
            assert_eq!(on_other().await.len(), 1);
        }
        let added = app
            .registered(SLUG, &action(PARIS, &format!("{DAY}T09:00")))
            .await;
        let title = "Rally for jailed workers".to_string();
        assert_eq!(
            on_other().await,
            vec![
                (added.event.id, false, title.clone()),
                (kept.event.id, false, title.clone())
            ]
        );
        let r = app.cancel(added.event.id, &added.edit_token).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(on_other().await[0], (added.event.id, true, title.clone()));
        let read = app.event(kept.event.id, Some(&kept.edit_token)).await;
        let etag = read.headers()["etag"].to_str().expect("etag").to_string();
        let r = app
            .patch(
                kept.event.id,
                Some(&kept.edit_token),
                Some(&etag),
                serde_json::json!({"title": "Renamed rally"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(on_other().await[1].2, "Renamed rally");
        let r = app.withdraw(added.event.id, Some(&added.edit_token)).await;
        assert!(r.status().is_success(), "{}", r.status());
        assert_eq!(
            on_other().await,
            vec![(kept.event.id, false, "Renamed rally".to_string())]
        );
    }
);

api_test!(
    an_action_waiting_for_review_changes_no_byte,
    |app: TestApp| async move {
        app.registered(REVIEW_SLUG, &action(PARIS, &format!("{DAY}T10:00")))
            .await;
        let path = format!("/api/v1/campaigns/{REVIEW_SLUG}/points?include=cancelled");
        let before = app.get(&path).await.text().await.expect("body");
        app.registered(REVIEW_SLUG, &action(BERLIN, &format!("{DAY}T11:00")))
            .await;
        let after = app.get(&path).await.text().await.expect("body");
        assert_eq!(after, before);
        assert_eq!(
            serde_json::from_str::<MapPoints>(&after)
                .expect("points")
                .points
                .len(),
            0,
            "nothing is published in the campaign in review"
        );
    }
);

api_test!(bad_filters_name_their_field, |app: TestApp| async move {
    for (query, field) in [
        ("kind=parade", "kind"),
        ("country=DEU", "country"),
        ("include=everything", "include"),
        ("kind=rally&kind=vigil", "kind"),
    ] {
        let e = error_of(
            app.get(&format!("/api/v1/campaigns/{SLUG}/points?{query}"))
                .await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(e.error.fields.contains_key(field), "{query}: {e:?}");
    }
    // The list's other parameters mean nothing to the map.
    assert!(
        points(&app, SLUG, "q=anything&limit=0&near=x")
            .await
            .is_empty()
    );
    error_of(
        app.get("/api/v1/campaigns/no-such-day/points").await,
        StatusCode::NOT_FOUND,
    )
    .await;
});

api_test!(
    the_points_carry_a_tag_that_changes_with_them,
    |app: TestApp| async move {
        app.registered(SLUG, &action(BERLIN, &format!("{DAY}T10:00")))
            .await;
        let path = format!("/api/v1/campaigns/{SLUG}/points");
        let client = reqwest::Client::new();
        let get = async |tag: Option<&str>| {
            let mut request = client.get(app.url(&path)).header("accept-encoding", "gzip");
            if let Some(tag) = tag {
                request = request.header("if-none-match", tag);
            }
            request.send().await.expect("points")
        };
        let first = get(None).await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()["content-encoding"], "gzip");
        assert_eq!(first.headers()["cache-control"], "no-cache");
        let tag = first.headers()["etag"].to_str().expect("etag").to_string();
        assert_eq!(get(Some(&tag)).await.status(), StatusCode::NOT_MODIFIED);
        app.registered(SLUG, &action(PARIS, &format!("{DAY}T10:00")))
            .await;
        let changed = get(Some(&tag)).await;
        assert_eq!(changed.status(), StatusCode::OK, "a new action, a new tag");
        assert_ne!(changed.headers()["etag"].to_str().expect("etag"), tag);
        assert_eq!(points(&app, SLUG, "").await.len(), 2, "and without gzip");
    }
);
