//! The registration rules on a small gazetteer (`domain::fixture`), each
//! refusal asserted as its `FieldError`.

use shared::limits::TITLE_MAX;
use shared::{FieldError, FieldErrors, RegisterEvent};

use super::{EventDraft, validate};
use crate::domain::fixture::*;

const DAY: &str = "2026-11-05";

fn check(req: &RegisterEvent, first: &str, last: &str) -> Result<EventDraft, FieldErrors> {
    let fixture = Fixture::new();
    validate(req, &fixture.rules(first, last))
}

fn refused(req: &RegisterEvent, first: &str, last: &str) -> FieldErrors {
    check(req, first, last).expect_err("refused")
}

#[test]
fn a_valid_registration_passes() {
    let draft = check(&berlin_at("2026-11-05T14:00"), DAY, DAY).expect("valid");
    assert_eq!(draft.location.place_id, Some(BERLIN));
    assert_eq!(draft.location.timezone.name(), "Europe/Berlin");
    assert_eq!(draft.start.utc_offset(), "+01:00");
}

#[test]
fn names_every_missing_field() {
    let errors = refused(&RegisterEvent::default(), DAY, DAY);
    assert_eq!(errors.get("title"), Some(&FieldError::Required));
    assert_eq!(errors.get("organiser_name"), Some(&FieldError::Required));
    assert_eq!(
        errors.get("contact_email"),
        Some(&FieldError::ContactRequired)
    );
    assert_eq!(errors.get("city"), Some(&FieldError::CityRequired));
    match errors.get("kind") {
        Some(FieldError::RequiredOneOf { allowed }) => {
            assert!(allowed.iter().any(|k| k == "letter_writing"), "{allowed:?}")
        }
        other => panic!("kind: {other:?}"),
    }
}

#[test]
fn too_long_and_unknown_values() {
    let mut req = berlin_at("2026-11-05T14:00");
    req.title = Some("x".repeat(TITLE_MAX + 1));
    req.kind = Some("party".into());
    req.links = vec!["https://user@evil.example".into()];
    let errors = refused(&req, DAY, DAY);
    assert_eq!(
        errors.get("title"),
        Some(&FieldError::TooLong { max: TITLE_MAX })
    );
    assert!(matches!(
        errors.get("kind"),
        Some(FieldError::NotOneOf { value, .. }) if value == "party"
    ));
    assert_eq!(errors.get("links"), Some(&FieldError::LinkWithCredentials));
    assert_eq!(
        errors.get("title").map(ToString::to_string).as_deref(),
        Some("must be at most 140 characters")
    );
}

#[test]
fn a_time_in_the_spring_forward_gap_is_refused_naming_the_gap() {
    let errors = refused(&berlin_at("2026-03-29T02:30"), "2026-03-29", "2026-03-29");
    assert_eq!(
        errors.get("local_start"),
        Some(&FieldError::InDstGap {
            local: "2026-03-29T02:30".into(),
            zone: "Europe/Berlin".into(),
            from: "02:00".into(),
            to: "03:00".into(),
            offset_before: "+01:00".into(),
            offset_after: "+02:00".into(),
        })
    );
}

#[test]
fn an_ambiguous_fall_back_time_takes_the_earlier_instant_unless_an_offset_says() {
    let day = "2026-10-25";
    let earlier = check(&berlin_at("2026-10-25T02:30"), day, day).expect("valid");
    assert_eq!(earlier.start.utc_offset(), "+02:00");
    let later = check(&berlin_at("2026-10-25T02:30+01:00"), day, day).expect("valid");
    assert_eq!(later.start.utc_offset(), "+01:00");
    assert_eq!(
        later.start.utc_seconds() - earlier.start.utc_seconds(),
        3600
    );
    let errors = refused(&berlin_at("2026-10-25T02:30+03:00"), day, day);
    assert_eq!(
        errors.get("local_start"),
        Some(&FieldError::OffsetNotInForce {
            given: "+03:00".into(),
            zone: "Europe/Berlin".into(),
            local: "2026-10-25T02:30".into(),
            valid: "+02:00 or +01:00".into(),
        })
    );
}

fn auckland_at(local_start: &str) -> RegisterEvent {
    RegisterEvent {
        place_id: Some(AUCKLAND),
        latitude: None,
        longitude: None,
        ..berlin_at(local_start)
    }
}

#[test]
fn the_campaign_day_is_the_local_date_not_the_utc_one() {
    // 09:00 on the 5th in Auckland is the 4th in UTC: accepted.
    let draft = check(&auckland_at("2026-11-05T09:00"), DAY, DAY).expect("valid");
    assert_eq!(draft.start.utc_offset(), "+13:00");
    // 01:00 on the 6th is still the 5th in UTC: refused.
    let errors = refused(&auckland_at("2026-11-06T01:00"), DAY, DAY);
    assert_eq!(
        errors.get("local_start"),
        Some(&FieldError::OutsideCampaign {
            first: DAY.into(),
            last: DAY.into(),
            zone: "Pacific/Auckland".into(),
            date: "2026-11-06".into(),
        })
    );
}

#[test]
fn a_city_without_a_pin_is_at_the_city_centre() {
    let req = RegisterEvent {
        place_id: None,
        city: Some("berlin".into()),
        country_code: Some("de".into()),
        latitude: None,
        longitude: None,
        ..berlin_at("2026-11-05T14:00")
    };
    let loc = check(&req, DAY, DAY).expect("valid").location;
    assert_eq!(loc.place_id, Some(BERLIN));
    assert_eq!(loc.city, "Berlin");
    assert_eq!((loc.latitude, loc.longitude), (52.52437, 13.41053));
}

#[test]
fn showing_only_the_city_keeps_the_pin_private_and_the_centre_public() {
    let req = RegisterEvent {
        location_visibility: Some("city".into()),
        ..berlin_at("2026-11-05T14:00")
    };
    let draft = check(&req, DAY, DAY).expect("valid");
    let loc = &draft.location;
    assert_eq!((loc.latitude, loc.longitude), (52.5163, 13.3777));
    assert_eq!(
        (loc.centre_latitude, loc.centre_longitude),
        (52.52437, 13.41053)
    );
    assert!(!draft.search_text().is_empty());
}

#[test]
fn a_pin_far_from_its_city_is_refused() {
    let req = RegisterEvent {
        // In Hamburg, about 255 km away.
        latitude: Some(53.55),
        longitude: Some(9.99),
        ..berlin_at("2026-11-05T14:00")
    };
    let errors = refused(&req, DAY, DAY);
    match errors.get("latitude") {
        Some(FieldError::TooFarFromCity { km, city }) => {
            assert_eq!(city, "Berlin");
            assert!((250..=260).contains(km), "{km}");
        }
        other => panic!("latitude: {other:?}"),
    }
}

#[test]
fn a_shared_city_name_resolves_to_the_namesake_nearest_the_pin() {
    let charleston = |lat, lon| RegisterEvent {
        place_id: None,
        city: Some("Charleston".into()),
        country_code: Some("US".into()),
        latitude: lat,
        longitude: lon,
        ..berlin_at("2026-11-05T14:00")
    };
    let wv = check(&charleston(Some(38.36), Some(-81.64)), DAY, DAY).expect("valid");
    assert_eq!(wv.location.place_id, Some(CHARLESTON_WV));
    let sc = check(&charleston(Some(32.78), Some(-79.93)), DAY, DAY).expect("valid");
    assert_eq!(sc.location.place_id, Some(CHARLESTON_SC));
    // Without a pin: the best-known one.
    let any = check(&charleston(None, None), DAY, DAY).expect("valid");
    assert_eq!(any.location.place_id, Some(CHARLESTON_SC));
}

#[test]
fn a_place_in_another_country_and_an_end_before_the_start() {
    let req = RegisterEvent {
        country_code: Some("IR".into()),
        ..berlin_at("2026-11-05T14:00")
    };
    assert_eq!(
        refused(&req, DAY, DAY).get("country_code"),
        Some(&FieldError::WrongCountry {
            city: "Berlin".into(),
            country_code: "DE".into(),
            given: "IR".into(),
        })
    );
    let req = RegisterEvent {
        local_end: Some("2026-11-05T13:00".into()),
        ..berlin_at("2026-11-05T14:00")
    };
    assert_eq!(
        refused(&req, DAY, DAY).get("local_end"),
        Some(&FieldError::NotAfter {
            other: "local_start".into()
        })
    );
}
