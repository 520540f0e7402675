//! The spatial index behind `near` and `bbox`: the nearest actions found by
//! widening a circle through the index are exactly the nearest ones, from
//! any point of the world and across the antimeridian; the index follows
//! every write; totals stop counting at 1,000 but the pages go on.

use futures_util::{StreamExt, stream};
use shared::limits::TOTAL_COUNTED_MAX;
use shared::{Event, EventList};
use tests::places::*;
use tests::{DAY, SLUG, TestApp, action, api_test};

/// Great-circle distance written out independently of the server's `geo`.
fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dl = (b.1 - a.1).to_radians();
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

/// Every listed action, read page by page in start order (no index).
async fn everything(app: &TestApp) -> Vec<Event> {
    let mut all = Vec::new();
    let mut query = "limit=5".to_string();
    loop {
        let page: EventList = app.list(SLUG, &query).await;
        all.extend(page.events);
        match page.next_cursor {
            Some(c) => query = format!("limit=5&cursor={c}"),
            None => return all,
        }
    }
}

/// The ids of the `limit` nearest of `all` to `origin` within `km`, by
/// distance, then start, then id.
fn nearest(all: &[Event], origin: (f64, f64), km: f64, limit: usize) -> Vec<i64> {
    let mut by_distance: Vec<(f64, &str, i64)> = all
        .iter()
        .map(|e| {
            let d = great_circle_km(origin, (e.place.latitude, e.place.longitude));
            (d, e.starts_at_utc.as_str(), e.id)
        })
        .filter(|(d, _, _)| *d <= km)
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
    by_distance.iter().take(limit).map(|t| t.2).collect()
}

/// The ids the index holds for the test campaign (SQLite's R*Tree; on
/// PostgreSQL the GiST index is part of the table and cannot drift).
async fn indexed_ids(app: &TestApp) -> Option<Vec<i64>> {
    if !app.database_url().starts_with("sqlite:") {
        return None;
    }
    let listed = app
        .query_text(
            "SELECT group_concat(id) AS v FROM (SELECT id FROM event_positions ORDER BY id)",
        )
        .await
        .unwrap_or_default();
    Some(listed.split(',').filter_map(|s| s.parse().ok()).collect())
}

api_test!(
    the_nearest_actions_anywhere_are_the_ones_the_index_finds,
    |app: TestApp| async move {
        let places = [
            BERLIN, POTSDAM, HAMBURG, PARIS, LONDON, GOTHENBURG, TEHRAN, KATHMANDU, SYDNEY,
            AUCKLAND, HONOLULU, ST_JOHNS,
        ];
        for (i, place) in places.iter().enumerate() {
            app.registered(SLUG, &action(*place, &format!("{DAY}T{:02}:00", 8 + i)))
                .await;
        }
        // Two at one place: the tie goes to the earlier start.
        app.registered(SLUG, &action(BERLIN, &format!("{DAY}T07:00")))
            .await;
        let all = everything(&app).await;
        assert_eq!(all.len(), places.len() + 1);

        let origins = [
            (52.52, 13.40),   // Berlin
            (-17.8, 178.1),   // Fiji, beside the antimeridian
            (21.0, -179.5),   // the other side of it
            (89.9, 0.0),      // the North Pole
            (-89.9, 120.0),   // the South Pole
            (-52.52, -166.6), // Berlin's antipode
        ];
        for origin in origins {
            for (km, limit) in [
                (20_038.0, 1),
                (20_038.0, 3),
                (20_038.0, 13),
                (3_000.0, 5),
                (9_000.0, 4),
            ] {
                let query = format!(
                    "near={},{}&within_km={km}&limit={limit}",
                    origin.0, origin.1
                );
                let list = app.list(SLUG, &query).await;
                let got: Vec<i64> = list.events.iter().map(|e| e.id).collect();
                let expected = nearest(&all, origin, km, limit);
                assert_eq!(got, expected, "{query}");
                let within = nearest(&all, origin, km, usize::MAX).len() as u64;
                assert_eq!(list.total, within, "{query}");
                assert!(!list.total_capped);
                assert_eq!(list.next_cursor.is_some(), within > limit as u64, "{query}");
            }
        }

        // Page after page of the world from the Pacific: each action once,
        // nearest first.
        let mut seen = Vec::new();
        let mut query = "near=-17.8,178.1&within_km=20038&limit=2".to_string();
        loop {
            let page = app.list(SLUG, &query).await;
            seen.extend(page.events.iter().map(|e| e.id));
            match page.next_cursor {
                Some(c) => query = format!("near=-17.8,178.1&within_km=20038&limit=2&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, nearest(&all, (-17.8, 178.1), 20_038.0, usize::MAX));

        // Boxes, small and across the antimeridian, in start order.
        let pacific = app.list(SLUG, "bbox=170,-50,-150,25").await;
        let names: Vec<&str> = pacific
            .events
            .iter()
            .map(|e| e.place.city.as_str())
            .collect();
        assert_eq!(names, vec!["Auckland", "Honolulu"]);
        let world = app.list(SLUG, "bbox=-180,-90,180,90").await;
        assert_eq!(world.total, all.len() as u64);

        // The index follows moves, cancellations and withdrawals.
        let mut ids: Vec<i64> = all.iter().map(|e| e.id).collect();
        ids.sort();
        assert_eq!(indexed_ids(&app).await.unwrap_or(ids.clone()), ids);
        let moved = app
            .registered(SLUG, &action(LONDON, &format!("{DAY}T12:30")))
            .await;
        let patch = serde_json::json!({"place_id": AUCKLAND});
        let read = app.event(moved.event.id, Some(&moved.edit_token)).await;
        let etag = read.headers()["etag"].to_str().expect("etag").to_string();
        let r = app
            .patch(moved.event.id, Some(&moved.edit_token), Some(&etag), patch)
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let auckland = app
            .list(SLUG, "near=-36.85,174.76&within_km=20&limit=5")
            .await;
        assert_eq!(auckland.total, 2, "the moved action is found where it went");
        assert!(app.list(SLUG, "near=51.5,-0.12&within_km=20").await.total == 1);
        let withdrawn = app
            .registered(SLUG, &action(TEHRAN, &format!("{DAY}T13:00")))
            .await;
        assert_eq!(
            app.list(SLUG, "near=35.69,51.39&within_km=20").await.total,
            2
        );
        let r = app
            .withdraw(withdrawn.event.id, Some(&withdrawn.edit_token))
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        assert_eq!(
            app.list(SLUG, "near=35.69,51.39&within_km=20").await.total,
            1
        );
        let mut ids: Vec<i64> = everything(&app).await.iter().map(|e| e.id).collect();
        ids.sort();
        if let Some(indexed) = indexed_ids(&app).await {
            assert_eq!(
                indexed, ids,
                "the R*Tree holds the listed actions, no others"
            );
        }
    }
);

api_test!(
    totals_stop_counting_at_a_thousand_and_the_pages_go_on,
    |app: TestApp| async move {
        let n = TOTAL_COUNTED_MAX as usize + 20;
        let hours = ["09:00", "10:00", "11:00", "12:00", "13:00"];
        let bodies: Vec<_> = (0..n)
            .map(|i| action(BERLIN, &format!("{DAY}T{}", hours[i % hours.len()])))
            .collect();
        stream::iter(bodies.iter())
            .for_each_concurrent(8, |body| {
                let app = &app;
                async move {
                    app.registered(SLUG, body).await;
                }
            })
            .await;
        // The counters know the whole campaign and each country.
        let plain = app.list(SLUG, "limit=1").await;
        assert_eq!((plain.total, plain.total_capped), (n as u64, false));
        let germany = app.list(SLUG, "country=DE&limit=1").await;
        assert_eq!((germany.total, germany.total_capped), (n as u64, false));
        let world = app.list(SLUG, "near=0,0&within_km=20038&limit=1").await;
        assert_eq!((world.total, world.total_capped), (n as u64, false));
        // Anything narrower is counted up to the limit.
        for query in [
            "kind=rally&limit=1",
            "bbox=13,52,14,53&limit=1",
            "near=52.52,13.40&within_km=30&limit=1",
            "q=jailed&limit=1",
        ] {
            let list = app.list(SLUG, query).await;
            assert_eq!(
                (list.total, list.total_capped),
                (TOTAL_COUNTED_MAX, true),
                "{query}"
            );
        }
        // A box beyond the limit still pages to its last action, in order.
        let mut seen = 0;
        let mut last = String::new();
        let mut query = "bbox=13,52,14,53&limit=400".to_string();
        loop {
            let page = app.list(SLUG, &query).await;
            for e in &page.events {
                assert!(e.starts_at_utc >= last);
                last = e.starts_at_utc.clone();
            }
            seen += page.events.len();
            match page.next_cursor {
                Some(c) => query = format!("bbox=13,52,14,53&limit=400&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, n);
    }
);
