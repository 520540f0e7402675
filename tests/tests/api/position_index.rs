//! The in-memory position index answers every search by point or box as
//! the database does: the same ids in the same order, the same total, the
//! same cursor, for random filters over random actions (ties at one point,
//! cancelled ones, totals beyond 1,000, boxes across the antimeridian, the
//! whole world); and the server uses it only at the revision it was read at.

use futures_util::{StreamExt, stream};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use server::domain::event_filter::{BBox, Cursor, EventFilter, Near};
use server::entities::event;
use server::storage::events::{self, PageKeys};
use server::storage::position_index::PositionIndex;
use shared::limits::TOTAL_COUNTED_MAX;
use shared::{EventKind, EventList, RegisterEvent};
use tests::places::*;
use tests::{DAY, REVIEW_SLUG, SLUG, TestApp, action, api_test};

/// The places the actions are at, with their rough centres.
const PLACES: [(i64, f64, f64); 12] = [
    (BERLIN, 52.52, 13.40),
    (POTSDAM, 52.40, 13.07),
    (HAMBURG, 53.55, 10.00),
    (PARIS, 48.85, 2.35),
    (LONDON, 51.51, -0.13),
    (GOTHENBURG, 57.71, 11.97),
    (TEHRAN, 35.69, 51.42),
    (KATHMANDU, 27.70, 85.32),
    (SYDNEY, -33.87, 151.21),
    (AUCKLAND, -36.85, 174.76),
    (HONOLULU, 21.31, -157.86),
    (ST_JOHNS, 47.56, -52.71),
];

const KINDS: [&str; 3] = ["rally", "vigil", "march"];

/// `n` actions: most at a place's centre (ties), some at an exact point
/// near it, of a few kinds, at a few hours.
fn bodies(rng: &mut StdRng, n: usize) -> Vec<RegisterEvent> {
    (0..n)
        .map(|_| {
            let (place, lat, lon) = PLACES[rng.random_range(0..PLACES.len())];
            let hour = rng.random_range(6..22);
            let mut body = action(place, &format!("{DAY}T{hour:02}:00"));
            body.kind = Some(KINDS[rng.random_range(0..KINDS.len())].into());
            if rng.random_bool(0.4) {
                body.address = Some("A street".into());
                body.latitude = Some(lat + rng.random_range(-0.05..0.05));
                body.longitude = Some(lon + rng.random_range(-0.05..0.05));
                body.location_visibility = Some("exact".into());
            }
            body
        })
        .collect()
}

/// A box, some with an edge exactly on a stored point.
fn random_box(rng: &mut StdRng, points: &[(f64, f64)]) -> BBox {
    match rng.random_range(0..7) {
        6 => {
            let (lat, lon) = points[rng.random_range(0..points.len())];
            if rng.random_bool(0.5) {
                BBox {
                    min_lon: lon - 1.0,
                    min_lat: lat,
                    max_lon: lon,
                    max_lat: lat + 1.0,
                }
            } else {
                BBox {
                    min_lon: lon,
                    min_lat: lat - 1.0,
                    max_lon: lon + 1.0,
                    max_lat: lat,
                }
            }
        }
        0 => BBox {
            min_lon: -180.0,
            min_lat: -90.0,
            max_lon: 180.0,
            max_lat: 90.0,
        },
        // Across the antimeridian.
        1 => BBox {
            min_lon: rng.random_range(150.0..179.0),
            min_lat: rng.random_range(-60.0..0.0),
            max_lon: rng.random_range(-179.0..-150.0),
            max_lat: rng.random_range(0.0..60.0),
        },
        _ => {
            let (_, lat, lon) = PLACES[rng.random_range(0..PLACES.len())];
            let half = [0.02, 0.3, 2.0, 20.0][rng.random_range(0..4)];
            BBox {
                min_lon: (lon - half).max(-180.0),
                min_lat: (lat - half).max(-90.0),
                max_lon: (lon + half).min(180.0),
                max_lat: (lat + half).min(90.0),
            }
        }
    }
}

fn random_near(rng: &mut StdRng, points: &[(f64, f64)]) -> Near {
    let (latitude, longitude) = match rng.random_range(0..5) {
        0 => (
            rng.random_range(-90.0..90.0),
            rng.random_range(-180.0..180.0),
        ),
        1 => points[rng.random_range(0..points.len())],
        _ => {
            let (_, lat, lon) = PLACES[rng.random_range(0..PLACES.len())];
            (lat, lon)
        }
    };
    Near {
        latitude,
        longitude,
        within_km: [1.0, 10.0, 30.0, 300.0, 3_000.0, 20_038.0][rng.random_range(0..6)],
    }
}

fn random_filter(rng: &mut StdRng, points: &[(f64, f64)]) -> EventFilter {
    let near = rng.random_bool(0.5).then(|| random_near(rng, points));
    let bbox = (near.is_none() || rng.random_bool(0.1)).then(|| random_box(rng, points));
    EventFilter {
        near,
        bbox,
        country: match rng.random_range(0..5) {
            0 => Some("DE".into()),
            1 => Some("NZ".into()),
            2 => Some("XX".into()),
            _ => None,
        },
        kind: rng.random_bool(0.3).then_some(EventKind::Vigil),
        text: None,
        limit: [1, 7, 50, 1_000][rng.random_range(0..4)],
        cursor: None,
        include_cancelled: rng.random_bool(0.5),
    }
}

/// The database's answer, as the keys the index gives.
async fn from_database(app: &TestApp, campaign_id: i64, filter: &EventFilter) -> PageKeys {
    let page = match &filter.near {
        Some(near) => events::page_by_distance(&app.db, campaign_id, filter, near).await,
        None => events::page_by_start(&app.db, campaign_id, filter).await,
    }
    .expect("the database's page");
    PageKeys {
        ids: page.rows.iter().map(|r| r.id).collect(),
        total: page.total,
        total_capped: page.total_capped,
        next_cursor: page.next_cursor,
    }
}

fn from_index(index: &PositionIndex, filter: &EventFilter) -> PageKeys {
    match &filter.near {
        Some(near) => index.page_by_distance(filter, near),
        None => index.page_by_start(filter),
    }
}

api_test!(
    the_position_index_answers_as_the_database_does,
    |app: TestApp| async move {
        let mut rng = StdRng::seed_from_u64(9);
        let n = TOTAL_COUNTED_MAX as usize + 150;
        let registered: Vec<_> = stream::iter(bodies(&mut rng, n))
            .map(|body| {
                let app = &app;
                async move { app.registered(SLUG, &body).await }
            })
            .buffer_unordered(8)
            .collect()
            .await;
        for r in registered.iter().step_by(9) {
            let token = r.edit_token.as_str();
            assert_eq!(app.cancel(r.event.id, token).await.status(), StatusCode::OK);
        }
        let campaign_id = app
            .query_i64(&format!(
                "SELECT id AS v FROM campaigns WHERE slug = '{SLUG}'"
            ))
            .await;
        let points: Vec<(f64, f64)> = event::Entity::find()
            .all(&app.db)
            .await
            .expect("the stored actions")
            .iter()
            .map(|m| (m.public_latitude, m.public_longitude))
            .collect();
        let index = PositionIndex::load(&app.db, campaign_id)
            .await
            .expect("the index");
        assert_eq!(index.len(), n);
        let mut capped = 0;
        for round in 0..300 {
            let mut filter = random_filter(&mut rng, &points);
            // Follow a few pages of each.
            for page in 0..3 {
                let expected = from_database(&app, campaign_id, &filter).await;
                assert_eq!(
                    from_index(&index, &filter),
                    expected,
                    "round {round}, page {page}: {filter:?}"
                );
                capped += usize::from(expected.total_capped);
                match expected.next_cursor {
                    Some(cursor) => filter.cursor = Some(cursor),
                    None => break,
                }
            }
        }
        // The random filters reached the interesting cases.
        assert!(capped > 0, "no total beyond {TOTAL_COUNTED_MAX}");
        assert!(matches!(
            Cursor::decode(&Cursor::Offset(1).encode()),
            Some(Cursor::Offset(1))
        ));
    }
);

/// The hits of the position index, as `/metrics` counts them.
async fn index_hits(app: &TestApp) -> u64 {
    let base = app.metrics_base.clone().expect("a metrics listener");
    let text = reqwest::get(format!("{base}/metrics"))
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text");
    tests::position_index_hits(&text).unwrap_or(0)
}

/// Asks `query` until the answer came from the index (bounded), and
/// returns it.
async fn once_indexed(app: &TestApp, slug: &str, query: &str) -> EventList {
    for _ in 0..200 {
        let before = index_hits(app).await;
        let list = app.list(slug, query).await;
        if index_hits(app).await > before {
            return list;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the position index was never used for {query}");
}

mod follows_every_write {
    use super::*;

    async fn check(app: TestApp) {
        let berlin = app
            .registered(SLUG, &action(BERLIN, &format!("{DAY}T10:00")))
            .await;
        app.registered(SLUG, &action(PARIS, &format!("{DAY}T11:00")))
            .await;
        let query = "near=52.52,13.40&within_km=2000&limit=10";
        let first = once_indexed(&app, SLUG, query).await;
        assert_eq!(first.events.len(), 2);
        assert_eq!(first.events[0].id, berlin.event.id);
        // A new action nearer than any: the next answer has it at once,
        // whether or not the index has caught up yet.
        let potsdam = app
            .registered(SLUG, &action(POTSDAM, &format!("{DAY}T12:00")))
            .await;
        let ids = |l: &EventList| l.events.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(&app.list(SLUG, query).await).len(), 3);
        let after = once_indexed(&app, SLUG, query).await;
        assert_eq!(after.total, 3);
        assert!(ids(&after).contains(&potsdam.event.id));
        // Cancelled: gone from the list, at once.
        app.cancel(berlin.event.id, &berlin.edit_token).await;
        assert!(!ids(&app.list(SLUG, query).await).contains(&berlin.event.id));
        let cancelled = once_indexed(&app, SLUG, query).await;
        assert_eq!(cancelled.total, 2);
        assert!(!ids(&cancelled).contains(&berlin.event.id));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        check(tests::spawn_with(tests::Backend::Sqlite, with_metrics()).await).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        check(tests::spawn_with(tests::Backend::Postgres, with_metrics()).await).await;
    }

    pub fn with_metrics() -> tests::Options {
        tests::Options {
            metrics: true,
            ..Default::default()
        }
    }
}

/// An attacker's searches answered by the index: an exact point its group
/// hides is never found near itself, and an action waiting for review
/// changes no answer, its total or whether the index is in use.
mod hides_what_groups_hide {
    use super::*;

    async fn check(app: TestApp) {
        // Shown at Berlin's centre; the meeting point, 20 km away in
        // Potsdam, is the group's secret.
        let hidden_point = (52.3906, 13.0645);
        let hidden = RegisterEvent {
            address: Some("Secret courtyard".into()),
            latitude: Some(hidden_point.0),
            longitude: Some(hidden_point.1),
            location_visibility: Some("city".into()),
            ..action(BERLIN, &format!("{DAY}T10:00"))
        };
        app.registered(SLUG, &hidden).await;
        app.registered(REVIEW_SLUG, &action(PARIS, &format!("{DAY}T10:00")))
            .await;
        let near_secret = format!(
            "near={},{}&within_km=2&include=cancelled",
            hidden_point.0, hidden_point.1
        );
        let box_secret = format!(
            "bbox={},{},{},{}",
            hidden_point.1 - 0.01,
            hidden_point.0 - 0.01,
            hidden_point.1 + 0.01,
            hidden_point.0 + 0.01
        );
        for query in [near_secret.as_str(), box_secret.as_str()] {
            let list = once_indexed(&app, SLUG, query).await;
            assert_eq!((list.total, list.events.len()), (0, 0), "{query}");
        }
        let at_berlin = once_indexed(&app, SLUG, "near=52.52,13.40&within_km=5").await;
        assert_eq!(at_berlin.total, 1);
        // The campaign in review: what a stranger sees before and after a
        // group's action arrives and waits there.
        let queries = ["near=48.86,2.35&within_km=50", "bbox=2,48,3,49"];
        let mut before = Vec::new();
        for query in queries {
            let list = once_indexed(&app, REVIEW_SLUG, query).await;
            before.push(serde_json::to_string(&list).expect("json"));
        }
        app.registered(REVIEW_SLUG, &action(PARIS, &format!("{DAY}T11:00")))
            .await;
        for (query, before) in queries.into_iter().zip(before) {
            let hits = index_hits(&app).await;
            let list = app.list(REVIEW_SLUG, query).await;
            assert_eq!(
                serde_json::to_string(&list).expect("json"),
                before,
                "{query}"
            );
            assert!(
                index_hits(&app).await > hits,
                "a waiting action moved the index off the public revision: {query}"
            );
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        check(tests::spawn_with(tests::Backend::Sqlite, follows_every_write::with_metrics()).await)
            .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        check(
            tests::spawn_with(
                tests::Backend::Postgres,
                follows_every_write::with_metrics(),
            )
            .await,
        )
        .await;
    }
}
