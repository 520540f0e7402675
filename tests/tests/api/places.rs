//! Places: cities matched against the gazetteer, and the autocomplete.

use reqwest::StatusCode;
use tests::places::{BERLIN, GOTHENBURG, TEHRAN};
use tests::{SLUG, TestApp, action, api_test, error_of, ok_json};

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
    // A malformed query is a 400 naming the parameter, as on every endpoint.
    let e = error_of(app.get("/api/v1/places").await, StatusCode::BAD_REQUEST).await;
    assert!(e.error.fields.contains_key("q"));
    let e = error_of(
        app.get("/api/v1/places?q=a&limit=0").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(e.error.fields.contains_key("limit"));
});
