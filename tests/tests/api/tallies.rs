//! The public counters are kept by every write in its own transaction; after
//! each kind of write, and after writes at once, they say what counting the
//! stored rows says.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use shared::{Event, Role, Stats};
use tests::places::{BERLIN, HAMBURG, LONDON, PARIS, POTSDAM, TEHRAN};
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test, ok_json};

/// Counters as numbers: totals, (events, cities) by country, events by hour.
#[derive(Debug, PartialEq, Eq)]
struct Counted {
    events: u64,
    cities: u64,
    countries: u64,
    organisations: u64,
    by_country: BTreeMap<String, (u64, u64)>,
    by_hour: Vec<u64>,
}

fn counted(stats: &Stats) -> Counted {
    Counted {
        events: stats.events,
        cities: stats.cities,
        countries: stats.countries,
        organisations: stats.organisations,
        by_country: stats
            .by_country
            .iter()
            .map(|c| (c.country_code.clone(), (c.events, c.cities)))
            .collect(),
        by_hour: stats.by_utc_hour.iter().map(|h| h.events).collect(),
    }
}

/// The counters of `slug` counted from the stored rows, by SQL of its own.
async fn recount(app: &TestApp, slug: &str) -> Counted {
    let campaign = app
        .query_i64(&format!(
            "SELECT id AS v FROM campaigns WHERE slug = '{slug}'"
        ))
        .await;
    let published = format!("FROM events WHERE campaign_id = {campaign} AND status = 'published'");
    let rows = |sql: String| {
        let backend = app.db.get_database_backend();
        async move {
            app.db
                .query_all_raw(Statement::from_string(backend, sql))
                .await
                .expect("recount")
        }
    };
    let mut by_country = BTreeMap::new();
    for row in rows(format!(
        "SELECT country_code, COUNT(*) AS n, COUNT(DISTINCT city_key) AS c {published} \
         GROUP BY country_code"
    ))
    .await
    {
        let code: String = row.try_get("", "country_code").expect("code");
        let n: i64 = row.try_get("", "n").expect("n");
        let c: i64 = row.try_get("", "c").expect("c");
        by_country.insert(code, (n as u64, c as u64));
    }
    let mut by_hour = vec![0; 24];
    for row in rows(format!("SELECT starts_at_utc AS t {published}")).await {
        let t: i64 = row.try_get("", "t").expect("t");
        by_hour[(t.rem_euclid(86_400) / 3_600) as usize] += 1;
    }
    let count = |sql: String| async move { app.query_i64(&sql).await as u64 };
    Counted {
        events: count(format!("SELECT COUNT(*) AS v {published}")).await,
        cities: count(format!("SELECT COUNT(DISTINCT city_key) AS v {published}")).await,
        countries: count(format!(
            "SELECT COUNT(DISTINCT country_code) AS v {published}"
        ))
        .await,
        organisations: count(format!(
            "SELECT COUNT(*) AS v FROM endorsements \
             WHERE campaign_id = {campaign} AND status = 'approved'"
        ))
        .await,
        by_country,
        by_hour,
    }
}

async fn check(app: &TestApp, slug: &str, after: &str) -> Counted {
    let served = counted(&app.stats(slug).await);
    assert_eq!(served, recount(app, slug).await, "after {after}");
    served
}

api_test!(
    the_counters_say_what_the_rows_say_after_every_kind_of_write,
    |app: TestApp| async move {
        let berlin = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T10:00"))
            .await;
        app.registered(SLUG, &action(BERLIN, "2026-11-05T15:00"))
            .await;
        let hamburg = app
            .registered(SLUG, &action(HAMBURG, "2026-11-05T10:00"))
            .await;
        let tehran = app
            .registered(SLUG, &action(TEHRAN, "2026-11-05T14:00"))
            .await;
        let counts = check(&app, SLUG, "registrations").await;
        assert_eq!((counts.events, counts.cities, counts.countries), (4, 3, 2));

        // Hamburg moves to Paris, later in the day: a city and a country
        // leave and join, and an hour moves.
        let moved = app
            .patch(
                hamburg.event.id,
                Some(&hamburg.edit_token),
                Some("\"1\""),
                json!({ "place_id": PARIS, "local_start": "2026-11-05T18:00" }),
            )
            .await;
        ok_json::<Event>(moved).await;
        let counts = check(&app, SLUG, "a move to another country").await;
        assert_eq!(counts.by_country.get("FR"), Some(&(1, 1)));
        // A change that moves nothing counted.
        let retitled = app
            .patch(
                tehran.event.id,
                Some(&tehran.edit_token),
                Some("\"1\""),
                json!({ "title": "Vigil" }),
            )
            .await;
        ok_json::<Event>(retitled).await;
        check(&app, SLUG, "a new title").await;

        ok_json::<Event>(app.cancel(berlin.event.id, &berlin.edit_token).await).await;
        check(&app, SLUG, "a cancellation").await;
        let withdrawn = app
            .withdraw(tehran.event.id, Some(&tehran.edit_token))
            .await;
        assert!(withdrawn.status().is_success(), "{}", withdrawn.status());
        let counts = check(&app, SLUG, "a withdrawal").await;
        assert_eq!((counts.events, counts.countries), (2, 2));

        // Review first: held back counts nothing; approval, take-down and
        // approval again move the counters.
        let moderator = app
            .moderator("mod@example.org", &[(REVIEW_SLUG, None)])
            .await;
        let held = app
            .registered(REVIEW_SLUG, &action(POTSDAM, "2026-11-05T09:00"))
            .await;
        assert_eq!(
            check(&app, REVIEW_SLUG, "a held-back action").await.events,
            0
        );
        moderator
            .post_ok::<Event>(&format!("/api/v1/events/{}/approve", held.event.id))
            .await;
        assert_eq!(check(&app, REVIEW_SLUG, "an approval").await.events, 1);
        let admin = app.organiser("admin@example.org", Role::Admin).await;
        let r = admin
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/events/{}/unpublish", held.event.id),
                json!({ "reason": "Not a real action." }),
            )
            .await;
        ok_json::<Event>(r).await;
        assert_eq!(check(&app, REVIEW_SLUG, "a take-down").await.events, 0);

        // Endorsements: approved ones count, a rejection takes one back.
        let mut ids = Vec::new();
        for (name, city, country) in [("Union", "Berlin", "DE"), ("Guild", "Paris", "FR")] {
            let body = json!({
                "name": name, "city": city, "country_code": country,
                "contact_email": "secretary@union.example.org",
            });
            let response = app
                .client
                .post(app.url(&format!("/api/v1/campaigns/{SLUG}/endorsements")))
                .json(&body)
                .send()
                .await
                .expect("sent");
            assert_eq!(response.status(), reqwest::StatusCode::CREATED);
            let created: shared::Endorsement = response.json().await.expect("endorsement");
            ids.push(created.id);
        }
        for id in &ids {
            admin
                .post_ok::<shared::Endorsement>(&format!("/api/v1/endorsements/{id}/approve"))
                .await;
        }
        assert_eq!(check(&app, SLUG, "two approvals").await.organisations, 2);
        admin
            .post_ok::<shared::Endorsement>(&format!("/api/v1/endorsements/{}/reject", ids[0]))
            .await;
        assert_eq!(check(&app, SLUG, "a rejection").await.organisations, 1);
    }
);

api_test!(
    writes_at_once_keep_the_counters_exact,
    |app: TestApp| async move {
        let places = [BERLIN, HAMBURG, LONDON, PARIS, TEHRAN, POTSDAM];
        let registrations = (0..48).map(|i| {
            let app = &app;
            let place = places[i % places.len()];
            let time = format!("2026-11-05T{:02}:00", 8 + i % 12);
            async move { app.registered(SLUG, &action(place, &time)).await }
        });
        let registered = futures_util::future::join_all(registrations).await;
        check(&app, SLUG, "registrations at once").await;
        // Cancel a third and move a third at the same time.
        let writes = registered.iter().enumerate().map(|(i, r)| {
            let app = &app;
            async move {
                match i % 3 {
                    0 => ok_json::<Event>(app.cancel(r.event.id, &r.edit_token).await).await,
                    1 => {
                        let place = places[(i + 1) % places.len()];
                        let body = json!({ "place_id": place, "local_start": "2026-11-05T20:00" });
                        let r = app
                            .patch(r.event.id, Some(&r.edit_token), Some("\"1\""), body)
                            .await;
                        ok_json::<Event>(r).await
                    }
                    _ => r.event.clone(),
                }
            }
        });
        futures_util::future::join_all(writes).await;
        let counts = check(&app, SLUG, "cancellations and moves at once").await;
        assert_eq!(counts.events, 32);
    }
);
