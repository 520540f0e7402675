//! Storage (issue 7): typed values in the database, an unreadable stored
//! value answered as a logged 500 (never a default), the date migration's
//! round trip, and unique slugs as 409 under a race. Each test on SQLite and
//! on PostgreSQL.

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend};
use server::services::ServiceError;
use server::services::campaigns::{self, NewCampaign};
use server::storage::{self, StorageError};
use shared::Event;
use tests::places::*;
use tests::{DAY, SLUG, TestApp, action, api_test, error_of, ok_json};

async fn execute(app: &TestApp, sql: &str) -> Result<u64, sea_orm::DbErr> {
    app.db
        .execute_unprepared(sql)
        .await
        .map(|r| r.rows_affected())
}

/// A published action in Berlin from 14:00 to 16:00 on the day.
async fn berlin(app: &TestApp) -> Event {
    let mut body = action(BERLIN, &format!("{DAY}T14:00"));
    body.local_end = Some(format!("{DAY}T16:00"));
    app.registered(SLUG, &body).await.event
}

/// The one error mapping logs every database error and answers 500 with
/// nothing of the cause.
async fn internal_error(app: &TestApp, path: &str) {
    let e = error_of(app.get(path).await, StatusCode::INTERNAL_SERVER_ERROR).await;
    assert_eq!(e.error.code, "internal_error", "{path}");
}

api_test!(
    statuses_kinds_and_zones_are_stored_as_before,
    |app: TestApp| async move {
        let id = berlin(&app).await.id;
        for (column, text) in [
            ("status", "published"),
            ("kind", "rally"),
            ("location_visibility", "exact"),
            ("timezone", "Europe/Berlin"),
        ] {
            assert_eq!(
                app.stored(id, column).await.as_deref(),
                Some(text),
                "{column}"
            );
        }
        // Wall-clock times and days in the format both drivers read and write.
        assert_eq!(
            app.stored(id, "local_start").await.as_deref(),
            Some("2026-11-05 14:00:00")
        );
        assert_eq!(app.stored(id, "local_date").await.as_deref(), Some(DAY));
        let shown: Event = ok_json(app.event(id, None).await).await;
        assert_eq!(shown.local.date, DAY);
        assert_eq!(
            (shown.local.start.as_str(), shown.local.end.as_deref()),
            ("14:00", Some("16:00"))
        );
        assert_eq!(shown.timezone, "Europe/Berlin");
    }
);

api_test!(
    an_unknown_stored_status_is_an_error_not_pending,
    |app: TestApp| async move {
        let id = berlin(&app).await.id;
        let done = execute(
            &app,
            &format!("UPDATE events SET status = 'archived' WHERE id = {id}"),
        )
        .await
        .expect("update");
        assert_eq!(done, 1);
        // Read as `pending` before: a 404 that hid a broken row.
        internal_error(&app, &format!("/api/v1/events/{id}")).await;
        let read = storage::events::load(&app.db, id).await;
        assert!(matches!(read, Err(StorageError::Database(_))), "{read:?}");
    }
);

api_test!(
    an_unknown_stored_zone_kind_or_links_is_an_error_not_a_default,
    |app: TestApp| async move {
        let zoned = berlin(&app).await.id;
        execute(
            &app,
            &format!("UPDATE events SET timezone = 'Mars/Olympus_Mons' WHERE id = {zoned}"),
        )
        .await
        .expect("update");
        // Shown in UTC before.
        internal_error(&app, &format!("/api/v1/events/{zoned}")).await;
        internal_error(&app, &format!("/api/v1/campaigns/{SLUG}/events")).await;
        internal_error(&app, &format!("/api/v1/events/{zoned}.ics")).await;
        execute(
            &app,
            &format!(
                "UPDATE events SET timezone = 'Europe/Berlin', kind = 'sit_in' WHERE id = {zoned}"
            ),
        )
        .await
        .expect("update");
        // Shown as `other` before.
        internal_error(&app, &format!("/api/v1/events/{zoned}")).await;
        execute(
            &app,
            &format!("UPDATE events SET kind = 'rally', links = '[\"https://' WHERE id = {zoned}"),
        )
        .await
        .expect("update");
        // An empty list before.
        internal_error(&app, &format!("/api/v1/events/{zoned}")).await;
        execute(
            &app,
            &format!("UPDATE events SET links = '[]' WHERE id = {zoned}"),
        )
        .await
        .expect("update");
        let _: Event = ok_json(app.event(zoned, None).await).await;
    }
);

api_test!(
    a_stored_day_that_is_not_a_date_is_an_error,
    |app: TestApp| async move {
        let id = berlin(&app).await.id;
        let sql = format!("UPDATE events SET local_date = 'soon' WHERE id = {id}");
        match app.db.get_database_backend() {
            // The column is a date: the database itself refuses the text.
            DbBackend::Postgres => assert!(execute(&app, &sql).await.is_err()),
            _ => {
                execute(&app, &sql).await.expect("update");
                // Read as 1970-01-01 (or an empty day) before.
                internal_error(&app, &format!("/api/v1/events/{id}")).await;
            }
        }
    }
);

api_test!(
    the_date_migration_round_trips_stored_rows,
    |app: TestApp| async move {
        let id = berlin(&app).await.id;
        let before = storage::events::load(&app.db, id).await.expect("load");
        let campaign = storage::campaigns::find_published(&app.db, SLUG)
            .await
            .expect("campaign");
        // Down through the spatial index (10), the counters' (9), the
        // organisers' (8) and the date one (7).
        server::db::revert(&app.db, 4).await.expect("down");
        // As the text migrations 1 and 2 wrote.
        assert_eq!(
            app.stored(id, "local_start").await.as_deref(),
            Some("2026-11-05T14:00")
        );
        assert_eq!(
            app.stored(id, "local_end").await.as_deref(),
            Some("2026-11-05T16:00")
        );
        assert_eq!(app.stored(id, "local_date").await.as_deref(), Some(DAY));
        let starts_on = app
            .query_text(&format!(
                "SELECT CAST(starts_on AS TEXT) AS v FROM campaigns WHERE id = {}",
                campaign.id
            ))
            .await;
        assert_eq!(starts_on.as_deref(), Some(DAY));
        server::db::migrate(&app.db).await.expect("up");
        let after = storage::events::load(&app.db, id).await.expect("load");
        // All but the keyed hash of the contact, which migration 8 added.
        assert_eq!(
            after,
            server::entities::event::Model {
                contact_hash: String::new(),
                ..before
            }
        );
        assert_eq!(
            app.stored(id, "local_start").await.as_deref(),
            Some("2026-11-05 14:00:00")
        );
        let again = storage::campaigns::find_published(&app.db, SLUG)
            .await
            .expect("campaign");
        assert_eq!(again, campaign);
        // The counters' migration filled the tallies from the rows there.
        let tallied = app
            .query_i64(&format!(
                "SELECT events AS v FROM country_tallies WHERE campaign_id = {}",
                campaign.id
            ))
            .await;
        assert_eq!(tallied, 1);
    }
);

fn race_day(n: usize) -> NewCampaign {
    NewCampaign {
        slug: "race-day".into(),
        title: format!("Race {n}"),
        summary: String::new(),
        starts_on: DAY.into(),
        ends_on: DAY.into(),
        review: false,
        ..Default::default()
    }
}

api_test!(
    one_slug_created_at_once_is_one_campaign_and_conflicts,
    |app: TestApp| async move {
        const RACERS: usize = 12;
        let tasks: Vec<_> = (0..RACERS)
            .map(|n| {
                let db = app.db.clone();
                tokio::spawn(async move { campaigns::create(&db, race_day(n)).await })
            })
            .collect();
        let mut created = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(_) => created += 1,
                Err(ServiceError::Conflict(why)) => assert!(why.contains("race-day"), "{why}"),
                Err(other) => panic!("a conflict, not {other:?}"),
            }
        }
        assert_eq!(created, 1);
        assert_eq!(
            app.query_i64("SELECT COUNT(*) AS v FROM campaigns WHERE slug = 'race-day'")
                .await,
            1
        );
    }
);

api_test!(
    a_unique_violation_on_insert_is_a_conflict,
    |app: TestApp| async move {
        // Past the service's check, as the loser of a race gets there.
        let row = server::entities::campaign::ActiveModel {
            slug: sea_orm::Set(SLUG.into()),
            title: sea_orm::Set("Twin".into()),
            summary: sea_orm::Set(String::new()),
            starts_on: sea_orm::Set(chrono::NaiveDate::from_ymd_opt(2026, 11, 5).expect("day")),
            ends_on: sea_orm::Set(chrono::NaiveDate::from_ymd_opt(2026, 11, 5).expect("day")),
            review: sea_orm::Set(false),
            published: sea_orm::Set(true),
            revision: sea_orm::Set(0),
            created_at: sea_orm::Set(chrono::Utc::now()),
            ..Default::default()
        };
        let e = storage::campaigns::insert(&app.db, row)
            .await
            .expect_err("the slug is taken");
        assert!(matches!(e, StorageError::Duplicate("campaign")), "{e:?}");
        assert!(matches!(ServiceError::from(e), ServiceError::Conflict(_)));
        let e = campaigns::create(
            &app.db,
            NewCampaign {
                slug: SLUG.into(),
                ..race_day(0)
            },
        )
        .await
        .expect_err("the slug is taken");
        assert!(matches!(e, ServiceError::Conflict(_)), "{e:?}");
        // (Uses the whole `app`, which keeps its database alive.)
        assert_eq!(
            app.query_i64(&format!(
                "SELECT COUNT(*) AS v FROM campaigns WHERE slug = '{SLUG}'"
            ))
            .await,
            1
        );
    }
);
