//! Counters: of the campaigns, and of places, countries and UTC hours.

use tests::places::{BERLIN, HAMBURG, PARIS, TEHRAN};
use tests::{DAY, REVIEW_SLUG, SLUG, TestApp, action, api_test, ok_json};

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
