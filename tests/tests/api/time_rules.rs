//! Local times: DST gaps and folds, each city's own date, and zones with
//! half and quarter hours.

use reqwest::StatusCode;
use tests::places::{AUCKLAND, BERLIN, HONOLULU, KATHMANDU, ST_JOHNS, SYDNEY};
use tests::{SLUG, TestApp, action, api_test, error_of};

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
