//! What a group hides never changes a public answer: search, places,
//! counts, times, zones, and the answers about held-back actions.

use reqwest::StatusCode;
use serde_json::json;
use shared::{Event, RegisterEvent};
use tests::places::{BERLIN, GOTHENBURG};
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of, ok_json};

/// Berlin's centre in the gazetteer, which city-only actions show.
const BERLIN_CENTRE: (f64, f64) = (52.52437, 13.41053);

fn city_only(place_id: i64, address: &str, point: (f64, f64)) -> RegisterEvent {
    RegisterEvent {
        address: Some(address.into()),
        latitude: Some(point.0),
        longitude: Some(point.1),
        location_visibility: Some("city".into()),
        ..action(place_id, "2026-11-05T14:00")
    }
}

api_test!(
    search_and_places_never_answer_for_a_hidden_meeting_point,
    |app: TestApp| async move {
        // Hidden: a point in Kreuzberg, 4 km from Berlin's centre.
        let hidden = app
            .registered(
                SLUG,
                &city_only(BERLIN, "Oranienstrasse 25 Hinterhof", (52.5002, 13.4190)),
            )
            .await;
        let mut open = action(BERLIN, "2026-11-05T15:00");
        open.address = Some("Pariser Platz".into());
        open.latitude = Some(52.5163);
        open.longitude = Some(13.3777);
        app.registered(SLUG, &open).await;

        // The editor sees the point; the public sees the centre, no address.
        assert_eq!(
            hidden.event.place.address.as_deref(),
            Some("Oranienstrasse 25 Hinterhof")
        );
        let public: Event = ok_json(app.event(hidden.event.id, None).await).await;
        assert_eq!(public.place.address, None);
        assert_eq!(
            (public.place.latitude, public.place.longitude),
            BERLIN_CENTRE
        );

        // Guessing the hidden address, piece by piece, finds nothing.
        for guess in ["oran", "oranien", "Oranienstrasse 25", "hinterhof", "25"] {
            let found = app.list(SLUG, &format!("q={guess}")).await;
            assert!(
                found.events.iter().all(|e| e.id != hidden.event.id),
                "q={guess} found the hidden address"
            );
        }
        assert_eq!(app.list(SLUG, "q=pariser").await.total, 1);
        assert_eq!(app.list(SLUG, "q=rally").await.total, 2);

        // A box or a circle around the hidden point finds only what is public.
        let near_hidden = app.list(SLUG, "near=52.5002,13.4190&within_km=1").await;
        assert_eq!(near_hidden.total, 0, "{near_hidden:?}");
        let in_box = app.list(SLUG, "bbox=13.41,52.49,13.43,52.51").await;
        assert_eq!(in_box.total, 0);
        // Distances are measured to the centre the public sees.
        let near_centre = app.list(SLUG, "near=52.52437,13.41053&within_km=1").await;
        assert_eq!(near_centre.total, 1);
        assert_eq!(near_centre.events[0].id, hidden.event.id);
        assert_eq!(near_centre.events[0].distance_km, Some(0.0));

        // The same answers as for a twin action that never had an address.
        let twin = app
            .registered(
                SLUG,
                &RegisterEvent {
                    address: None,
                    ..city_only(BERLIN, "", (52.5002, 13.4190))
                },
            )
            .await;
        let with_address = app.list(SLUG, "q=rally&country=DE&kind=rally").await;
        let ids: Vec<i64> = with_address.events.iter().map(|e| e.id).collect();
        assert!(ids.contains(&hidden.event.id) && ids.contains(&twin.event.id));
    }
);

api_test!(
    an_unlisted_city_name_joins_the_nearest_listed_city,
    |app: TestApp| async move {
        // City-only in a place the gazetteer does not list: the public sees
        // the nearest listed city, never the point.
        let mut nowhere = city_only(BERLIN, "Hinterhof", (52.5300, 13.4100));
        nowhere.place_id = None;
        nowhere.city = Some("Nowhereville-Mitte".into());
        nowhere.country_code = Some("DE".into());
        let e = app.registered(SLUG, &nowhere).await.event;
        assert_eq!(e.place.place_id, Some(BERLIN));
        assert_eq!(e.place.city, "Berlin");
        let public: Event = ok_json(app.event(e.id, None).await).await;
        assert_eq!(
            (public.place.latitude, public.place.longitude),
            BERLIN_CENTRE
        );

        // A free spelling is one city with the real one in the counts.
        let mut mitte = action(BERLIN, "2026-11-05T16:00");
        mitte.place_id = None;
        mitte.city = Some("Berlin-Mitte".into());
        mitte.country_code = Some("DE".into());
        mitte.latitude = Some(52.5170);
        mitte.longitude = Some(13.3889);
        let e = app.registered(SLUG, &mitte).await.event;
        assert_eq!(e.place.place_id, Some(BERLIN));
        app.registered(SLUG, &action(BERLIN, "2026-11-05T17:00"))
            .await;
        let stats = app.stats(SLUG).await;
        assert_eq!((stats.events, stats.cities, stats.countries), (3, 1, 1));

        let mut gutenberg = action(GOTHENBURG, "2026-11-05T12:00");
        gutenberg.place_id = None;
        gutenberg.city = Some("Gutenberg".into());
        gutenberg.country_code = Some("SE".into());
        gutenberg.latitude = Some(57.70);
        gutenberg.longitude = Some(11.97);
        let e = app.registered(SLUG, &gutenberg).await.event;
        assert_eq!(e.place.place_id, Some(GOTHENBURG));
        assert_eq!(e.place.city, "Gothenburg");
        // Without a point an unknown name cannot be placed.
        gutenberg.latitude = None;
        gutenberg.longitude = None;
        app.refused(SLUG, &gutenberg, "city").await;

        // City-only needs a listed city: Kiritimati has none within 100 km.
        let mut remote = city_only(BERLIN, "Harbour", (1.87, -157.43));
        remote.place_id = None;
        remote.city = Some("Kiritimati".into());
        remote.country_code = Some("KI".into());
        let e = app.refused(SLUG, &remote, "city").await;
        assert!(e.error.fields["city"].contains("listed city"), "{e:?}");
    }
);

api_test!(
    public_times_are_days_and_a_hidden_point_keeps_its_zone_to_itself,
    |app: TestApp| async move {
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let is_day =
            |s: &str| s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
        let public: Event = ok_json(app.event(r.event.id, None).await).await;
        let listed = app.list(SLUG, "").await.events.remove(0);
        for e in [&r.event, &public, &listed] {
            assert!(is_day(&e.created_at), "{}", e.created_at);
            assert!(is_day(&e.updated_at), "{}", e.updated_at);
        }

        // Badajoz (Spain, Europe/Madrid); the hidden point is across the
        // border in Elvas (Portugal, Europe/Lisbon).
        const BADAJOZ: i64 = 2521420;
        let elvas = (38.8810, -7.1630);
        let mut exact = action(BADAJOZ, "2026-11-05T12:00");
        exact.latitude = Some(elvas.0);
        exact.longitude = Some(elvas.1);
        let e = app.registered(SLUG, &exact).await.event;
        assert_eq!(
            e.timezone, "Europe/Lisbon",
            "an exact point has its own zone"
        );

        let hidden = city_only(BADAJOZ, "Rua de Olivença", elvas);
        let e = app.registered(SLUG, &hidden).await.event;
        assert_eq!(
            e.timezone, "Europe/Madrid",
            "the city's zone, not the point's"
        );
        let listed = app.list(SLUG, "country=ES").await;
        assert!(listed.events.iter().all(|e| e.timezone == "Europe/Madrid"
            || e.location_visibility == shared::LocationVisibility::Exact));
        // Naming the point's zone for a city-only action is refused.
        let mut named = hidden.clone();
        named.timezone = Some("Europe/Lisbon".into());
        app.refused(SLUG, &named, "timezone").await;
        // Switching an exact action to city-only takes the city's zone.
        let r = app.registered(SLUG, &exact).await;
        let response = app
            .patch(
                r.event.id,
                Some(&r.edit_token),
                Some("\"1\""),
                json!({"location_visibility": "city"}),
            )
            .await;
        let switched: Event = ok_json(response).await;
        assert_eq!(switched.timezone, "Europe/Madrid");
    }
);

api_test!(
    strangers_learn_nothing_about_held_back_actions,
    |app: TestApp| async move {
        let pending = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert_eq!(pending.event.status, shared::EventStatus::Pending);
        let id = pending.event.id;
        // Another id of the same size that no action has.
        let missing = id ^ 0x5555;
        let wrong = "x".repeat(43);

        async fn answer(response: reqwest::Response) -> (StatusCode, String) {
            let status = response.status();
            (status, response.text().await.unwrap_or_default())
        }
        let pairs = [
            (app.event(id, None).await, app.event(missing, None).await),
            (
                app.event(id, Some(&wrong)).await,
                app.event(missing, Some(&wrong)).await,
            ),
            (
                app.patch(id, None, Some("\"1\""), json!({"title": "x"}))
                    .await,
                app.patch(missing, None, Some("\"1\""), json!({"title": "x"}))
                    .await,
            ),
            (
                app.patch(id, Some(&wrong), Some("\"1\""), json!({"title": "x"}))
                    .await,
                app.patch(missing, Some(&wrong), Some("\"1\""), json!({"title": "x"}))
                    .await,
            ),
            (
                app.cancel(id, &wrong).await,
                app.cancel(missing, &wrong).await,
            ),
            (
                app.withdraw(id, Some(&wrong)).await,
                app.withdraw(missing, Some(&wrong)).await,
            ),
            (
                app.withdraw(id, None).await,
                app.withdraw(missing, None).await,
            ),
            (
                app.new_edit_link(id, Some(&wrong)).await,
                app.new_edit_link(missing, Some(&wrong)).await,
            ),
            (
                app.get(&format!("/api/v1/events/{id}.ics")).await,
                app.get(&format!("/api/v1/events/{missing}.ics")).await,
            ),
        ];
        for (n, (held_back, absent)) in pairs.into_iter().enumerate() {
            let (held_back, absent) = (answer(held_back).await, answer(absent).await);
            // 404, or 401 for a change sent with no credential at all.
            assert!(
                [StatusCode::NOT_FOUND, StatusCode::UNAUTHORIZED].contains(&held_back.0),
                "case {n}: {held_back:?}"
            );
            assert_eq!(held_back, absent, "case {n}");
        }
        // The group itself still sees it.
        assert_eq!(
            app.event(id, Some(&pending.edit_token)).await.status(),
            StatusCode::OK
        );
    }
);

api_test!(
    ids_are_random_not_a_count_of_submissions,
    |app: TestApp| async move {
        let mut ids = Vec::new();
        for _ in 0..12 {
            let r = app
                .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
                .await;
            ids.push(r.event.id);
        }
        let r = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        ids.push(r.event.id);
        assert!(ids.iter().all(|id| (1..(1_i64 << 53)).contains(id)));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        // Neither in order nor close together: twelve held-back submissions
        // leave no gap one could measure.
        assert_ne!(sorted, ids, "ids come in order: {ids:?}");
        let spread = sorted[sorted.len() - 1] - sorted[0];
        assert!(spread > 1_000_000, "ids too close together: {ids:?}");
    }
);

api_test!(
    held_back_actions_leave_no_trace_in_public_answers_or_their_timing,
    |app: TestApp| async move {
        async fn revision(app: &TestApp) -> i64 {
            app.query_i64(&format!(
                "SELECT revision AS v FROM campaigns WHERE slug = '{REVIEW_SLUG}'"
            ))
            .await
        }
        let before = revision(&app).await;
        let csv_before = app
            .get(&format!("/api/v1/campaigns/{REVIEW_SLUG}/events.csv"))
            .await
            .text()
            .await
            .expect("csv");
        // Caches keyed by the revision would be rebuilt (and answer slower)
        // after a change: held-back submissions must not cause one.
        let r = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let edited = app
            .patch(
                r.event.id,
                Some(&r.edit_token),
                Some("\"1\""),
                json!({"title": "Changed while held back"}),
            )
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        // Never published, so it cannot be shown as cancelled.
        let e = error_of(
            app.cancel(r.event.id, &r.edit_token).await,
            StatusCode::CONFLICT,
        )
        .await;
        assert!(e.error.message.contains("withdraw"), "{e:?}");
        assert_eq!(app.list(REVIEW_SLUG, "include=cancelled").await.total, 0);
        assert_eq!(
            app.withdraw(r.event.id, Some(&r.edit_token)).await.status(),
            StatusCode::NO_CONTENT
        );
        assert_eq!(revision(&app).await, before);
        let csv_after = app
            .get(&format!("/api/v1/campaigns/{REVIEW_SLUG}/events.csv"))
            .await
            .text()
            .await
            .expect("csv");
        assert_eq!(csv_before, csv_after);
        assert_eq!(app.stats(REVIEW_SLUG).await.events, 0);
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
