//! Lists: filters, cursor pages, the search near a point, and the text
//! search folding as the web app does.

use reqwest::StatusCode;
use shared::text::FOLD_CASES;
use shared::{Event, EventList, RegisterEvent};
use tests::places::{
    AUCKLAND, BERLIN, GOTHENBURG, HAMBURG, LONDON, PARIS, POTSDAM, SYDNEY, TEHRAN,
};
use tests::{DAY, SLUG, TestApp, action, api_test, error_of};

/// Great-circle distance written out independently of the server's `geo`.
fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dp = p2 - p1;
    let dl = (b.1 - a.1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

api_test!(
    near_sorts_by_true_distance_within_the_radius,
    |app: TestApp| async move {
        let cities = [
            BERLIN, POTSDAM, HAMBURG, PARIS, LONDON, GOTHENBURG, TEHRAN, SYDNEY,
        ];
        for place in cities {
            app.registered(SLUG, &action(place, "2026-11-05T12:00"))
                .await;
        }
        let origin = (52.52, 13.40);
        let list = app.list(SLUG, "near=52.52,13.40&within_km=900").await;
        let expected: Vec<(f64, &Event)> = list
            .events
            .iter()
            .map(|e| {
                (
                    great_circle_km(origin, (e.place.latitude, e.place.longitude)),
                    e,
                )
            })
            .collect();
        // Berlin, Potsdam, Hamburg, Gothenburg and Paris (≈ 878 km) are within 900 km; London (≈ 930) is not.
        let names: Vec<&str> = list.events.iter().map(|e| e.place.city.as_str()).collect();
        assert_eq!(
            names,
            vec!["Berlin", "Potsdam", "Hamburg", "Gothenburg", "Paris"]
        );
        assert_eq!(list.total, 5);
        for (km, e) in &expected {
            let got = e.distance_km.expect("distance");
            assert!(
                (got - km).abs() <= 0.01 + km * 0.001,
                "{}: server {got} vs {km}",
                e.place.city
            );
        }
        assert!(expected.windows(2).all(|w| w[0].0 <= w[1].0));

        // Pages of a near search cover every result once.
        let first = app
            .list(SLUG, "near=52.52,13.40&within_km=20000&limit=3")
            .await;
        assert_eq!(first.total, 8);
        let cursor = first.next_cursor.clone().expect("more");
        let second = app
            .list(
                SLUG,
                &format!("near=52.52,13.40&within_km=20000&limit=3&cursor={cursor}"),
            )
            .await;
        let third = app
            .list(
                SLUG,
                &format!(
                    "near=52.52,13.40&within_km=20000&limit=3&cursor={}",
                    second.next_cursor.clone().expect("more")
                ),
            )
            .await;
        assert_eq!(third.next_cursor, None);
        let all: Vec<i64> = [first, second, third]
            .iter()
            .flat_map(|p| p.events.iter().map(|e| e.id))
            .collect();
        assert_eq!(all.len(), 8);
        assert_eq!(list.events[0].distance_km.map(|d| d < 3.0), Some(true));
    }
);

api_test!(list_filters_and_cursor_pages, |app: TestApp| async move {
    let mut vigil = action(LONDON, "2026-11-05T18:30");
    vigil.kind = Some("vigil".into());
    vigil.title = Some("Candlelight vigil for Haft Tappeh workers".into());
    app.registered(SLUG, &vigil).await;
    for (place, time) in [
        (BERLIN, "10:00"),
        (HAMBURG, "11:00"),
        (PARIS, "12:00"),
        (SYDNEY, "09:00"),
        (AUCKLAND, "09:00"),
    ] {
        app.registered(SLUG, &action(place, &format!("{DAY}T{time}")))
            .await;
    }
    assert_eq!(app.list(SLUG, "country=de").await.total, 2);
    assert_eq!(app.list(SLUG, "kind=vigil").await.total, 1);
    assert_eq!(app.list(SLUG, "q=HAFT%20tappeh").await.total, 1);
    assert_eq!(
        app.list(SLUG, "q=50%25").await.total,
        0,
        "LIKE wildcards are literal"
    );
    // Europe, page by page in start order.
    let mut europe = Vec::new();
    let mut query = "bbox=-10,35,30,60&limit=1".to_string();
    loop {
        let page = app.list(SLUG, &query).await;
        assert_eq!(page.total, 4);
        europe.extend(page.events.iter().map(|e| e.starts_at_utc.clone()));
        match page.next_cursor {
            Some(c) => query = format!("bbox=-10,35,30,60&limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(europe.len(), 4);
    assert!(europe.windows(2).all(|w| w[0] <= w[1]), "{europe:?}");
    // Across the antimeridian: Auckland only (Sydney is at 151°E).
    let pacific = app.list(SLUG, "bbox=170,-50,-170,-30").await;
    assert_eq!(
        pacific
            .events
            .iter()
            .map(|e| e.place.city.as_str())
            .collect::<Vec<_>>(),
        vec!["Auckland"]
    );

    // Sorted by start instant: Auckland (UTC+13) and Sydney (UTC+11) start first.
    let all = app.list(SLUG, "").await;
    let starts: Vec<&str> = all
        .events
        .iter()
        .map(|e| e.starts_at_utc.as_str())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(all.events[0].place.city, "Auckland");

    let mut seen = Vec::new();
    let mut query = "limit=2".to_string();
    loop {
        let page: EventList = app.list(SLUG, &query).await;
        assert_eq!(page.total, 6);
        seen.extend(page.events.iter().map(|e| e.id));
        match page.next_cursor {
            Some(c) => query = format!("limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, all.events.iter().map(|e| e.id).collect::<Vec<_>>());

    for (query, field) in [
        ("near=100,0", "near"),
        ("bbox=1,2", "bbox"),
        ("country=Germany", "country"),
        ("kind=party", "kind"),
        ("limit=5000", "limit"),
        ("cursor=zzz", "cursor"),
        ("within_km=-3&near=0,0", "within_km"),
    ] {
        let e = error_of(
            app.get(&format!("/api/v1/campaigns/{SLUG}/events?{query}"))
                .await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(e.error.fields.contains_key(field), "{query}: {e:?}");
    }
});

/// `q=<query>`, encoded for a query string.
fn q_param(query: &str) -> String {
    let mut url = reqwest::Url::parse("http://localhost/").expect("a URL");
    url.query_pairs_mut().append_pair("q", query);
    url.query().unwrap_or_default().to_owned()
}

// The web app filters its list with `shared::text::fold` and proves it on
// `FOLD_CASES` (in the browser's unit tests); the server's `q` must find the
// same actions for the same cases.
api_test!(
    the_q_filter_folds_as_the_web_app_does,
    |app: TestApp| async move {
        let mut ids = std::collections::BTreeMap::new();
        for (text, _, _) in FOLD_CASES {
            if ids.contains_key(text) {
                continue;
            }
            let registered = app
                .registered(
                    SLUG,
                    &RegisterEvent {
                        title: Some((*text).to_owned()),
                        description: None,
                        ..action(BERLIN, "2026-11-05T14:00")
                    },
                )
                .await;
            ids.insert(*text, registered.event.id);
        }
        for (text, query, matches) in FOLD_CASES {
            let found = app.list(SLUG, &q_param(query)).await;
            assert_eq!(
                found.events.iter().any(|e| e.id == ids[text]),
                *matches,
                "q={query:?} on {text:?}: {:?}",
                found.events.iter().map(|e| &e.title).collect::<Vec<_>>()
            );
        }
    }
);
