//! The edge: a query string is parsed the same way on every endpoint, field
//! errors carry a code with typed parameters (`problems`) besides the English
//! sentence, the 429 keeps its shape, and the city autocomplete ranks a city's
//! own name first.

#[allow(unused_imports)]
use super::*;
use shared::FieldError;

api_test!(
    the_same_bad_query_gets_the_same_answer_everywhere,
    |app: TestApp| async move {
        let events = format!("/api/v1/campaigns/{SLUG}/events?");
        let places = "/api/v1/places?q=ber&";
        for (query, code) in [
            ("limit=abc", "whole_number_range"),
            ("limit=0", "whole_number_range"),
            ("limit=-1", "whole_number_range"),
            ("limit=2&limit=3", "wrong_type"),
        ] {
            for base in [events.as_str(), places] {
                let path = format!("{base}{query}");
                let e = error_of(app.get(&path).await, StatusCode::BAD_REQUEST).await;
                assert_eq!(e.error.code, "bad_request", "{path}");
                assert!(e.error.fields.contains_key("limit"), "{path}: {e:?}");
                let problem = serde_json::to_value(&e.error.problems["limit"]).expect("json");
                assert_eq!(problem["code"], code, "{path}: {e:?}");
                assert!(e.error.message.starts_with("limit: "), "{path}: {e:?}");
            }
        }
        // The bounds are each endpoint's own.
        let e = error_of(
            app.get("/api/v1/places?q=ber&limit=51").await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(
            e.error.problems["limit"],
            FieldError::WholeNumberRange { min: 1, max: 50 }
        );
        let e = error_of(app.get("/api/v1/places").await, StatusCode::BAD_REQUEST).await;
        assert_eq!(e.error.problems["q"], FieldError::SearchRequired);
        // A good query still works on both, and unknown parameters are ignored.
        assert_eq!(app.list(SLUG, "limit=5&utm_source=x").await.total, 0);
        let ok: shared::PlaceList =
            ok_json(app.get("/api/v1/places?q=ber&limit=2&x=1").await).await;
        assert_eq!(ok.places.len(), 2);
    }
);

api_test!(
    a_refused_registration_names_each_problem_by_code,
    |app: TestApp| async move {
        let mut req = action(BERLIN, "2026-11-05T14:00");
        req.title = Some("t".repeat(141));
        req.kind = Some("party".into());
        req.latitude = Some(53.55);
        req.longitude = Some(9.99);
        let response = app.register(SLUG, &req).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let raw: serde_json::Value = response.json().await.expect("json");
        let error = &raw["error"];
        assert_eq!(error["code"], "validation_failed");
        assert_eq!(
            error["problems"]["title"],
            json!({"code": "too_long", "max": 140})
        );
        assert_eq!(error["fields"]["title"], "must be at most 140 characters");
        assert_eq!(error["problems"]["kind"]["code"], "not_one_of");
        assert_eq!(error["problems"]["kind"]["value"], "party");
        assert_eq!(error["problems"]["latitude"]["code"], "too_far_from_city");
        assert_eq!(error["problems"]["latitude"]["city"], "Berlin");
        let km = error["problems"]["latitude"]["km"].as_u64().expect("km");
        assert!((250..=260).contains(&km), "{km}");
        // The message is the summary of every field, in field order.
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("kind: ") && message.contains("; title: must be at most 140"),
            "{message}"
        );

        // A time in the spring-forward gap names the gap.
        let mut gap = action(BERLIN, "2026-03-29T02:30");
        gap.local_start = Some("2026-03-29T02:30".into());
        let e = app.refused(SLUG, &gap, "local_start").await;
        assert_eq!(
            e.error.problems["local_start"],
            FieldError::InDstGap {
                local: "2026-03-29T02:30".into(),
                zone: "Europe/Berlin".into(),
                from: "02:00".into(),
                to: "03:00".into(),
                offset_before: "+01:00".into(),
                offset_after: "+02:00".into(),
            }
        );

        // A field of the wrong type in the JSON body.
        let response = app
            .client
            .post(app.url(&format!("/api/v1/campaigns/{SLUG}/events")))
            .json(&json!({"title": "x", "latitude": "north"}))
            .send()
            .await
            .expect("send");
        let e = error_of(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(
            matches!(&e.error.problems["latitude"], FieldError::WrongType { .. }),
            "{e:?}"
        );
    }
);

api_test!(teh_offers_tehran_first, |app: TestApp| async move {
    for q in ["teh", "Teh", "tehr"] {
        let list: shared::PlaceList =
            ok_json(app.get(&format!("/api/v1/places?q={q}")).await).await;
        assert_eq!(list.places[0].place_id, TEHRAN, "{q}: {:?}", list.places);
    }
    let list: shared::PlaceList = ok_json(app.get("/api/v1/places?q=gothen").await).await;
    assert_eq!(list.places[0].place_id, GOTHENBURG);
});

mod rate_limited {
    use super::*;

    async fn the_429_body(backend: tests::Backend) {
        let app = tests::spawn_with(
            backend,
            tests::Options {
                write_rate_per_minute: 1,
                ..Default::default()
            },
        )
        .await;
        app.registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let response = app
            .register(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in seconds");
        assert!((1..=60).contains(&wait), "{wait}");
        let raw: serde_json::Value = response.json().await.expect("json");
        assert_eq!(
            raw,
            json!({"error": {
                "code": "rate_limited",
                "message": format!("too many changes from this address; try again in {wait} s"),
            }})
        );
    }

    #[tokio::test]
    async fn sqlite() {
        the_429_body(tests::Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        the_429_body(tests::Backend::Postgres).await;
    }
}
