//! The HTTP API against a running server, each test on SQLite and on PostgreSQL.

use reqwest::StatusCode;
use serde_json::json;
use shared::{Event, EventList, RegisterEvent};
use tests::places::*;
use tests::{DAY, REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of, ok_json};

// Safety (issue 6): one module per area.
// (The crate root is tests/api.rs, so the folder is named.)
#[path = "api/exports_safety.rs"]
mod exports_safety;
#[path = "api/input_safety.rs"]
mod input_safety;
#[path = "api/privacy.rs"]
mod privacy;
#[path = "api/web_layer.rs"]
mod web_layer;
#[path = "api/withdraw.rs"]
mod withdraw;

api_test!(health_and_unknown_routes, |app: TestApp| async move {
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let e = error_of(app.get("/api/v1/nowhere").await, StatusCode::NOT_FOUND).await;
    assert_eq!(e.error.code, "not_found");
    let e = error_of(
        app.get("/api/v1/campaigns/no-such-day").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e.error.message, "no such campaign");
    let e = error_of(app.get("/api/v1/events/abc").await, StatusCode::BAD_REQUEST).await;
    assert!(e.error.fields.contains_key("id"));
    error_of(
        app.get("/api/v1/events/999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;
});

api_test!(
    campaigns_are_listed_with_their_stats,
    |app: TestApp| async move {
        let list: shared::CampaignList = ok_json(app.get("/api/v1/campaigns").await).await;
        let slugs: Vec<&str> = list.campaigns.iter().map(|c| c.slug.as_str()).collect();
        assert!(
            slugs.contains(&SLUG) && slugs.contains(&REVIEW_SLUG),
            "{slugs:?}"
        );
        let one: shared::Campaign =
            ok_json(app.get(&format!("/api/v1/campaigns/{SLUG}")).await).await;
        assert_eq!((one.starts_on.as_str(), one.ends_on.as_str()), (DAY, DAY));
        assert_eq!(one.stats.events, 0);
        assert_eq!(one.stats.by_utc_hour.len(), 24);
    }
);

api_test!(
    register_read_and_list_in_local_time,
    |app: TestApp| async move {
        let mut req = action(TEHRAN, "2026-11-05T14:00");
        req.local_end = Some("2026-11-05T16:30".into());
        req.links = vec!["https://example.org/call".into()];
        let r = app.registered(SLUG, &req).await;
        assert_eq!(r.edit_token.len(), 43);
        assert_eq!(
            r.edit_url,
            format!(
                "https://actions.example.org/edit/{}#token={}",
                r.event.id, r.edit_token
            )
        );
        let e = &r.event;
        assert_eq!(e.timezone, "Asia/Tehran");
        assert_eq!(e.starts_at, "2026-11-05T14:00:00+03:30");
        assert_eq!(e.starts_at_utc, "2026-11-05T10:30:00Z");
        assert_eq!(e.ends_at.as_deref(), Some("2026-11-05T16:30:00+03:30"));
        assert_eq!(
            (
                e.local.date.as_str(),
                e.local.start.as_str(),
                e.local.utc_offset.as_str()
            ),
            (DAY, "14:00", "+03:30")
        );
        assert_eq!(e.place.country, "Iran");
        assert_eq!(e.place.place_id, Some(TEHRAN));
        assert_eq!(e.version, 1);
        assert_eq!(e.status, shared::EventStatus::Published);

        let response = app.get(&format!("/api/v1/events/{}", e.id)).await;
        assert_eq!(
            response.headers().get("etag").and_then(|v| v.to_str().ok()),
            Some("\"1\"")
        );
        let text = response.text().await.expect("body");
        assert!(
            !text.contains("private-contact@example.org"),
            "private email leaked: {text}"
        );
        let public: Event = serde_json::from_str(&text).expect("event");
        assert_eq!(public.contact_email, None);
        assert_eq!(public.title, "Rally for jailed workers");

        let list = app.list(SLUG, "").await;
        assert_eq!(list.total, 1);
        assert_eq!(list.events[0].id, e.id);
        assert!(app.count_rows("audit_log").await >= 1);
    }
);

api_test!(
    the_private_email_never_appears_in_public_outputs,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T12:00"))
            .await;
        for path in [
            format!("/api/v1/events/{}", r.event.id),
            format!("/api/v1/events/{}.ics", r.event.id),
            format!("/api/v1/campaigns/{SLUG}/events"),
            format!("/api/v1/campaigns/{SLUG}/events?near=52.5,13.4"),
            format!("/api/v1/campaigns/{SLUG}/events.ics"),
            format!("/api/v1/campaigns/{SLUG}/events.geojson"),
            format!("/api/v1/campaigns/{SLUG}/events.csv"),
        ] {
            let response = app.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let body = response.text().await.expect("body");
            assert!(
                !body.contains("private-contact"),
                "{path} leaks the contact email"
            );
        }
        // The holder of the edit link sees it.
        let mine: Event = ok_json(
            app.client
                .get(app.url(&format!("/api/v1/events/{}", r.event.id)))
                .bearer_auth(&r.edit_token)
                .send()
                .await
                .expect("sent"),
        )
        .await;
        assert_eq!(
            mine.contact_email.as_deref(),
            Some("private-contact@example.org")
        );
    }
);

api_test!(
    bad_input_names_the_field_and_stores_nothing,
    |app: TestApp| async move {
        let e = error_of(
            app.register(SLUG, &RegisterEvent::default()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(e.error.code, "validation_failed");
        for field in ["title", "kind", "organiser_name", "contact_email", "city"] {
            assert!(
                e.error.fields.contains_key(field),
                "{field} not named: {:?}",
                e.error.fields
            );
        }

        let mut bad = action(BERLIN, "2026-11-05T14:00");
        bad.kind = Some("party".into());
        bad.contact_email = Some("not-an-email".into());
        bad.links = vec!["javascript:alert(1)".into()];
        bad.location_visibility = Some("secret".into());
        let e = error_of(
            app.register(SLUG, &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        for field in ["kind", "contact_email", "links", "location_visibility"] {
            assert!(
                e.error.fields.contains_key(field),
                "{field} not named: {:?}",
                e.error.fields
            );
        }

        let post = |body: &'static str, content_type: &'static str| {
            app.client
                .post(app.url(&format!("/api/v1/campaigns/{SLUG}/events")))
                .header("content-type", content_type)
                .body(body)
                .send()
        };
        let e = error_of(
            post(r#"{"title": "x", "latitude": "north"}"#, "application/json")
                .await
                .expect("sent"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("latitude"), "{e:?}");
        let e = error_of(
            post(r#"{"colour": "red"}"#, "application/json")
                .await
                .expect("sent"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("colour"), "{e:?}");
        error_of(
            post("{not json", "application/json").await.expect("sent"),
            StatusCode::BAD_REQUEST,
        )
        .await;
        error_of(
            post("title=x", "application/x-www-form-urlencoded")
                .await
                .expect("sent"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        )
        .await;

        let mut huge = action(BERLIN, "2026-11-05T14:00");
        huge.description = Some("x".repeat(200_000));
        error_of(
            app.register(SLUG, &huge).await,
            StatusCode::PAYLOAD_TOO_LARGE,
        )
        .await;

        let mut long = action(BERLIN, "2026-11-05T14:00");
        long.title = Some("t".repeat(141));
        let e = error_of(
            app.register(SLUG, &long).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields["title"].contains("140"));

        error_of(
            app.register("no-such-day", &action(BERLIN, "2026-11-05T14:00"))
                .await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(app.count_rows("events").await, 0);
        assert_eq!(app.count_rows("audit_log").await, 0);
    }
);

api_test!(
    a_time_in_a_dst_gap_is_refused_and_a_fold_takes_the_earlier_instant,
    |app: TestApp| async move {
        tests::create_campaign(&app.db, "spring", "2026-03-29", "2026-03-29", false).await;
        let e = error_of(
            app.register("spring", &action(BERLIN, "2026-03-29T02:30"))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let why = &e.error.fields["local_start"];
        assert!(
            why.contains("does not exist in Europe/Berlin") && why.contains("02:00 to 03:00"),
            "{why}"
        );

        tests::create_campaign(&app.db, "autumn", "2026-10-25", "2026-10-25", false).await;
        let earlier = app
            .registered("autumn", &action(BERLIN, "2026-10-25T02:30"))
            .await
            .event;
        assert_eq!(earlier.starts_at_utc, "2026-10-25T00:30:00Z");
        assert_eq!(earlier.local.utc_offset, "+02:00");
        let later = app
            .registered("autumn", &action(BERLIN, "2026-10-25T02:30+01:00"))
            .await
            .event;
        assert_eq!(later.starts_at_utc, "2026-10-25T01:30:00Z");
        assert_eq!(later.local.utc_offset, "+01:00");
        assert_eq!(later.local.start, "02:30");
    }
);

api_test!(
    the_day_of_action_is_each_city_s_local_date,
    |app: TestApp| async move {
        // Kiritimati (UTC+14): 09:00 on the 5th is the 4th in UTC. Not in the gazetteer.
        let mut kiritimati = action(BERLIN, "2026-11-05T09:00");
        kiritimati.place_id = None;
        kiritimati.city = Some("Kiritimati".into());
        kiritimati.country_code = Some("KI".into());
        kiritimati.latitude = Some(1.87);
        kiritimati.longitude = Some(-157.43);
        let e = app.registered(SLUG, &kiritimati).await.event;
        assert_eq!(e.timezone, "Pacific/Kiritimati");
        assert_eq!(e.starts_at_utc, "2026-11-04T19:00:00Z");
        assert_eq!(e.place.place_id, None);

        // Honolulu (UTC−10): 20:00 on the 5th is the 6th in UTC.
        let e = app
            .registered(SLUG, &action(HONOLULU, "2026-11-05T20:00"))
            .await
            .event;
        assert_eq!(e.starts_at_utc, "2026-11-06T06:00:00Z");

        // Auckland, 01:00 on the 6th: still the 5th in UTC, but not the local day.
        let e = error_of(
            app.register(SLUG, &action(AUCKLAND, "2026-11-06T01:00"))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            e.error.fields["local_start"].contains("day of action"),
            "{e:?}"
        );
    }
);

api_test!(
    half_and_quarter_hour_zones_come_from_the_coordinates,
    |app: TestApp| async move {
        let mut kathmandu = action(KATHMANDU, "2026-11-05T14:00");
        kathmandu.latitude = Some(27.7045);
        kathmandu.longitude = Some(85.3076);
        let e = app.registered(SLUG, &kathmandu).await.event;
        assert_eq!(
            (e.timezone.as_str(), e.local.utc_offset.as_str()),
            ("Asia/Kathmandu", "+05:45")
        );
        assert_eq!(e.starts_at_utc, "2026-11-05T08:15:00Z");

        let e = app
            .registered(SLUG, &action(ST_JOHNS, "2026-11-05T14:00"))
            .await
            .event;
        assert_eq!(
            (e.timezone.as_str(), e.local.utc_offset.as_str()),
            ("America/St_Johns", "-03:30")
        );

        let e = app
            .registered(SLUG, &action(SYDNEY, "2026-11-05T14:00"))
            .await
            .event;
        assert_eq!(e.local.utc_offset, "+11:00", "southern summer time");

        let mut bad = action(BERLIN, "2026-11-05T14:00");
        bad.timezone = Some("Mars/Olympus_Mons".into());
        app.refused(SLUG, &bad, "timezone").await;
    }
);

api_test!(
    cities_are_matched_against_the_gazetteer,
    |app: TestApp| async move {
        let mut by_name = action(BERLIN, "2026-11-05T14:00");
        by_name.place_id = None;
        by_name.city = Some("Göteborg".into());
        by_name.country_code = Some("se".into());
        let e = app.registered(SLUG, &by_name).await.event;
        assert_eq!(e.place.place_id, Some(GOTHENBURG));
        assert_eq!(e.timezone, "Europe/Stockholm");

        let mut unknown = by_name.clone();
        unknown.city = Some("Nowhereville".into());
        app.refused(SLUG, &unknown, "city").await;

        let mut wrong_country = action(BERLIN, "2026-11-05T14:00");
        wrong_country.country_code = Some("FR".into());
        app.refused(SLUG, &wrong_country, "country_code").await;

        let mut far = action(BERLIN, "2026-11-05T14:00");
        far.latitude = Some(48.85);
        far.longitude = Some(2.35);
        let e = error_of(
            app.register(SLUG, &far).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            e.error.fields["latitude"].contains("km from Berlin"),
            "{e:?}"
        );

        app.refused(SLUG, &action(999_999_999, "2026-11-05T14:00"), "place_id")
            .await;
    }
);

api_test!(
    update_needs_the_token_and_the_current_version,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let id = r.event.id;
        let token = r.edit_token.as_str();
        let change = json!({ "title": "Vigil for jailed workers", "kind": "vigil" });

        error_of(
            app.patch(id, None, Some("\"1\""), change.clone()).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let (other, _) = server::domain::token::generate();
        error_of(
            app.patch(id, Some(&other), Some("\"1\""), change.clone())
                .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        error_of(
            app.patch(id, Some(token), None, change.clone()).await,
            StatusCode::PRECONDITION_REQUIRED,
        )
        .await;
        error_of(
            app.patch(id, Some(token), Some("\"7\""), change.clone())
                .await,
            StatusCode::PRECONDITION_FAILED,
        )
        .await;

        let response = app
            .patch(id, Some(token), Some("\"1\""), change.clone())
            .await;
        assert_eq!(
            response.headers().get("etag").and_then(|v| v.to_str().ok()),
            Some("\"2\"")
        );
        let updated: Event = ok_json(response).await;
        assert_eq!(
            (updated.title.as_str(), updated.kind, updated.version),
            ("Vigil for jailed workers", shared::EventKind::Vigil, 2)
        );

        // A second editor still holding version 1 is told it is stale.
        let stale = error_of(
            app.patch(id, Some(token), Some("\"1\""), json!({ "title": "Old" }))
                .await,
            StatusCode::PRECONDITION_FAILED,
        )
        .await;
        assert_eq!(stale.error.code, "stale_version");

        // Moving to another city re-derives the zone; the wall-clock time stays.
        let moved: Event = ok_json(
            app.patch(
                id,
                Some(token),
                Some("\"2\""),
                json!({ "place_id": TEHRAN }),
            )
            .await,
        )
        .await;
        assert_eq!(
            (moved.timezone.as_str(), moved.local.start.as_str()),
            ("Asia/Tehran", "14:00")
        );
        assert_eq!(moved.starts_at_utc, "2026-11-05T10:30:00Z");
        assert_eq!(moved.place.city, "Tehran");

        // Invalid changes are refused and nothing is written.
        let e = error_of(
            app.patch(
                id,
                Some(token),
                Some("\"3\""),
                json!({ "local_start": "2026-11-09T10:00" }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("local_start"));
        let e = error_of(
            app.patch(id, Some(token), Some("\"3\""), json!({ "title": 42 }))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(e.error.fields.contains_key("title"));
        let now: Event = ok_json(app.get(&format!("/api/v1/events/{id}")).await).await;
        assert_eq!(
            (now.version, now.title.as_str()),
            (3, "Vigil for jailed workers")
        );

        // null clears an optional field.
        let cleared: Event = ok_json(
            app.patch(
                id,
                Some(token),
                Some("\"3\""),
                json!({ "description": null }),
            )
            .await,
        )
        .await;
        assert_eq!(cleared.description, None);
    }
);

api_test!(
    cancelled_events_stay_visible_marked_and_count_for_nothing,
    |app: TestApp| async move {
        let keep = app
            .registered(SLUG, &action(PARIS, "2026-11-05T15:00"))
            .await;
        let r = app
            .registered(SLUG, &action(LONDON, "2026-11-05T13:00"))
            .await;
        assert_eq!(app.stats(SLUG).await.events, 2);

        let cancelled: Event = ok_json(app.cancel(r.event.id, &r.edit_token).await).await;
        assert!(cancelled.cancelled);
        assert_eq!(cancelled.status, shared::EventStatus::Cancelled);
        // Cancelling twice changes nothing.
        let again: Event = ok_json(app.cancel(r.event.id, &r.edit_token).await).await;
        assert_eq!(again.version, cancelled.version);

        let default_list = app.list(SLUG, "").await;
        assert_eq!(
            default_list.events.iter().map(|e| e.id).collect::<Vec<_>>(),
            vec![keep.event.id]
        );
        let with_cancelled = app.list(SLUG, "include=cancelled").await;
        assert_eq!(with_cancelled.total, 2);
        assert!(
            with_cancelled
                .events
                .iter()
                .any(|e| e.id == r.event.id && e.cancelled)
        );
        let one: Event = ok_json(app.get(&format!("/api/v1/events/{}", r.event.id)).await).await;
        assert!(one.cancelled);

        let stats = app.stats(SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (1, 1, 1));
        // Still editable (to hide its meeting point), and still cancelled.
        let edited: Event = ok_json(
            app.patch(
                r.event.id,
                Some(&r.edit_token),
                Some(&format!("\"{}\"", cancelled.version)),
                json!({"title": "x"}),
            )
            .await,
        )
        .await;
        assert!(edited.cancelled);
        let ics = app
            .get(&format!("/api/v1/campaigns/{SLUG}/events.ics"))
            .await
            .text()
            .await
            .expect("ics");
        assert!(ics.contains("STATUS:CANCELLED"));
    }
);

api_test!(
    a_campaign_under_review_holds_new_events_back,
    |app: TestApp| async move {
        let r = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert_eq!(r.event.status, shared::EventStatus::Pending);
        assert_eq!(app.list(REVIEW_SLUG, "").await.total, 0);
        assert_eq!(app.stats(REVIEW_SLUG).await.events, 0);
        error_of(
            app.get(&format!("/api/v1/events/{}", r.event.id)).await,
            StatusCode::NOT_FOUND,
        )
        .await;
        error_of(
            app.get(&format!("/api/v1/events/{}.ics", r.event.id)).await,
            StatusCode::NOT_FOUND,
        )
        .await;
        let mine: Event = ok_json(
            app.client
                .get(app.url(&format!("/api/v1/events/{}", r.event.id)))
                .bearer_auth(&r.edit_token)
                .send()
                .await
                .expect("sent"),
        )
        .await;
        assert_eq!(mine.status, shared::EventStatus::Pending);
    }
);

api_test!(
    city_only_actions_show_the_city_centre_everywhere,
    |app: TestApp| async move {
        // A meeting point in Charlottenburg, ~8 km west of Berlin's centre.
        let mut req = action(BERLIN, "2026-11-05T14:00");
        req.latitude = Some(52.5200);
        req.longitude = Some(13.2950);
        req.address = Some("Secret Hall, Hinterhof 3".into());
        req.location_visibility = Some("city".into());
        let r = app.registered(SLUG, &req).await;
        let id = r.event.id;
        // Its editor sees the exact point.
        assert_eq!(
            (r.event.place.latitude, r.event.place.longitude),
            (52.52, 13.295)
        );

        let public: Event = ok_json(app.get(&format!("/api/v1/events/{id}")).await).await;
        assert_eq!(
            (public.place.latitude, public.place.longitude),
            (52.52437, 13.41053),
            "Berlin's centre"
        );
        assert_eq!(public.place.address, None);

        // near: the distance is to the centre.
        let near = app.list(SLUG, "near=52.52437,13.41053&within_km=1").await;
        assert_eq!(near.events.len(), 1);
        assert!(near.events[0].distance_km.expect("distance") < 0.01);
        assert_eq!(
            app.list(SLUG, "near=52.5200,13.2950&within_km=2")
                .await
                .total,
            0
        );
        // bbox around the secret point finds nothing.
        assert_eq!(
            app.list(SLUG, "bbox=13.28,52.51,13.31,52.53").await.total,
            0
        );

        for path in [
            format!("/api/v1/campaigns/{SLUG}/events"),
            format!("/api/v1/campaigns/{SLUG}/events.geojson"),
            format!("/api/v1/campaigns/{SLUG}/events.ics"),
            format!("/api/v1/campaigns/{SLUG}/events.csv"),
            format!("/api/v1/events/{id}.ics"),
        ] {
            let body = app.get(&path).await.text().await.expect("body");
            assert!(
                !body.contains("Secret Hall") && !body.contains("13.295"),
                "{path} shows the exact place: {body}"
            );
        }
    }
);

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

api_test!(
    stats_count_places_countries_and_utc_hours,
    |app: TestApp| async move {
        app.registered(SLUG, &action(BERLIN, "2026-11-05T10:00"))
            .await;
        app.registered(SLUG, &action(BERLIN, "2026-11-05T15:00"))
            .await;
        app.registered(SLUG, &action(HAMBURG, "2026-11-05T10:00"))
            .await;
        app.registered(SLUG, &action(TEHRAN, "2026-11-05T14:00"))
            .await;
        app.registered(REVIEW_SLUG, &action(PARIS, "2026-11-05T14:00"))
            .await;
        let stats = app.stats(SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (4, 3, 2));
        assert_eq!(stats.by_country[0].country_code, "DE");
        assert_eq!(
            (stats.by_country[0].events, stats.by_country[0].cities),
            (3, 2)
        );
        assert_eq!(stats.by_country[1].country, "Iran");
        let hour = |h: usize| stats.by_utc_hour[h].events;
        assert_eq!(
            (hour(9), hour(14), hour(10)),
            (2, 1, 1),
            "Berlin 10:00 = 09 UTC; Tehran 14:00 = 10:30 UTC"
        );
        assert_eq!(stats.by_utc_hour.iter().map(|h| h.events).sum::<u64>(), 4);
    }
);

api_test!(places_autocomplete, |app: TestApp| async move {
    let list: shared::PlaceList =
        ok_json(app.get("/api/v1/places?q=g%C3%B6teb&limit=3").await).await;
    assert_eq!(list.places[0].place_id, GOTHENBURG);
    assert_eq!(list.places[0].timezone, "Europe/Stockholm");
    let persian: shared::PlaceList = ok_json(
        app.get("/api/v1/places?q=%D8%AA%D9%87%D8%B1%D8%A7%D9%86")
            .await,
    )
    .await;
    assert_eq!(persian.places[0].place_id, TEHRAN);
    let e = error_of(
        app.get("/api/v1/places").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(e.error.fields.contains_key("q"));
    let e = error_of(
        app.get("/api/v1/places?q=a&limit=0").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(e.error.fields.contains_key("limit"));
});

api_test!(
    two_hundred_concurrent_registrations_are_each_stored_once,
    |app: TestApp| async move {
        let app = std::sync::Arc::new(app);
        let mut tasks = Vec::new();
        for n in 0..200 {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let mut req = action(BERLIN, "2026-11-05T14:00");
                req.title = Some(format!("Action number {n}"));
                app.registered(SLUG, &req).await.event.id
            }));
        }
        let mut ids = Vec::new();
        for t in tasks {
            ids.push(t.await.expect("task"));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 200);
        assert_eq!(app.count_rows("events").await, 200);
        assert_eq!(app.stats(SLUG).await.events, 200);
        let titles = app.list(SLUG, "limit=1000").await;
        let mut names: Vec<String> = titles.events.iter().map(|e| e.title.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 200);
    }
);

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
    assert!(ics.contains("DTSTART:20261105T103000Z"), "{ics}");
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

api_test!(
    the_openapi_document_describes_the_api,
    |app: TestApp| async move {
        let doc: serde_json::Value = ok_json(app.get("/api/openapi.json").await).await;
        assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
        for path in [
            "/healthz",
            "/api/v1/campaigns",
            "/api/v1/campaigns/{slug}",
            "/api/v1/campaigns/{slug}/events",
            "/api/v1/campaigns/{slug}/stats",
            "/api/v1/events/{id}",
            "/api/v1/events/{id}/cancel",
            "/api/v1/events/{id}.ics",
            "/api/v1/places",
            "/api/v1/campaigns/{slug}/events.geojson",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
        assert!(doc["components"]["schemas"].get("RegisterEvent").is_some());

        // Every operation has its own id and lists the failures any request
        // can meet; the new write operations are there.
        let mut ids = std::collections::BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("item") {
                let id = operation["operationId"].as_str().expect("operationId");
                assert!(ids.insert(id.to_string()), "{id} used twice");
                for status in ["500", "503"] {
                    assert!(
                        operation["responses"].get(status).is_some(),
                        "{method} {path} does not list {status}"
                    );
                }
                if method != "get" {
                    assert!(
                        operation["responses"].get("429").is_some(),
                        "{method} {path}"
                    );
                }
            }
        }
        assert!(doc["paths"]["/api/v1/events/{id}"].get("delete").is_some());
        assert!(doc["paths"].get("/api/v1/events/{id}/edit-link").is_some());
        let links =
            &doc["paths"]["/api/v1/campaigns/{slug}/events"]["post"]["responses"]["201"]["links"];
        assert_eq!(links["UpdateEvent"]["operationId"], "update_event");
    }
);

mod rate_limit {
    use super::*;

    async fn writes_are_limited(backend: tests::Backend) {
        let app = tests::spawn_with(
            backend,
            tests::Options {
                write_rate_per_minute: 3,
                ..Default::default()
            },
        )
        .await;
        for _ in 0..3 {
            app.registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
                .await;
        }
        let response = app
            .register(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert!(response.headers().contains_key("retry-after"));
        let e = error_of(response, StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(e.error.code, "rate_limited");
        // Reads are not limited.
        assert_eq!(app.list(SLUG, "").await.total, 3);
    }

    #[tokio::test]
    async fn sqlite() {
        writes_are_limited(tests::Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        writes_are_limited(tests::Backend::Postgres).await;
    }
}
