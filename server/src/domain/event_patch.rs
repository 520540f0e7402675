//! How a `PATCH` overlays the stored action: absent fields stay, `null`
//! clears an optional one. Changing the city (or place, or country) resets
//! the point and zone unless the patch gives them; moving the pin re-derives
//! the zone unless the patch gives it. The result passes the same checks as a
//! registration.

use shared::{RegisterEvent, UpdateEvent};

/// The merged request and the names of what the patch changed (for the
/// audit log: names only, never values).
pub fn merge(mut base: RegisterEvent, patch: &UpdateEvent) -> (RegisterEvent, Vec<&'static str>) {
    let mut changed = Vec::new();
    macro_rules! set {
        ($field:ident) => {
            if let Some(v) = &patch.$field {
                base.$field = Some(v.clone());
                changed.push(stringify!($field));
            }
        };
    }
    macro_rules! set_nullable {
        ($field:ident) => {
            if let Some(v) = &patch.$field {
                base.$field = v.clone();
                changed.push(stringify!($field));
            }
        };
    }
    set!(title);
    set!(kind);
    set_nullable!(description);
    set!(organiser_name);
    set!(contact_email);
    set_nullable!(public_contact);
    set_nullable!(address);
    set!(local_start);
    set_nullable!(local_end);
    set!(language);
    set!(location_visibility);
    if let Some(links) = &patch.links {
        base.links = links.clone();
        changed.push("links");
    }
    let new_place =
        patch.place_id.is_some() || patch.city.is_some() || patch.country_code.is_some();
    let new_point = patch.latitude.is_some() || patch.longitude.is_some();
    if new_place {
        base.place_id = patch.place_id;
        base.city = patch.city.clone();
        base.country_code = patch.country_code.clone().or(base
            .country_code
            .filter(|_| patch.city.is_some() && patch.place_id.is_none()));
        base.latitude = patch.latitude;
        base.longitude = patch.longitude;
        base.timezone = patch.timezone.clone();
        changed.push("place");
    } else if new_point {
        base.latitude = patch.latitude.or(base.latitude);
        base.longitude = patch.longitude.or(base.longitude);
        base.timezone = patch.timezone.clone();
        changed.push("position");
    } else if let Some(tz) = &patch.timezone {
        base.timezone = Some(tz.clone());
        changed.push("timezone");
    } else if patch.location_visibility.is_some() {
        // The zone follows what the public sees (the point or the city
        // centre): derive it again for the new visibility.
        base.timezone = None;
    }
    (base, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> RegisterEvent {
        RegisterEvent {
            title: Some("Vigil".into()),
            description: Some("Candles".into()),
            city: Some("Berlin".into()),
            country_code: Some("DE".into()),
            place_id: Some(2950159),
            address: Some("Pariser Platz".into()),
            latitude: Some(52.5163),
            longitude: Some(13.3777),
            timezone: Some("Europe/Berlin".into()),
            local_start: Some("2026-11-05T14:00".into()),
            location_visibility: Some("exact".into()),
            ..Default::default()
        }
    }

    #[test]
    fn absent_fields_stay_and_null_clears() {
        let patch: UpdateEvent =
            serde_json::from_str(r#"{"title": "Vigil for Reza", "description": null}"#)
                .expect("patch");
        let (merged, changed) = merge(stored(), &patch);
        assert_eq!(merged.title.as_deref(), Some("Vigil for Reza"));
        assert_eq!(merged.description, None);
        assert_eq!(merged.address.as_deref(), Some("Pariser Platz"));
        assert_eq!(changed, vec!["title", "description"]);
    }

    #[test]
    fn a_new_city_resets_point_and_zone() {
        let patch: UpdateEvent = serde_json::from_str(r#"{"place_id": 2852458}"#).expect("patch");
        let (merged, changed) = merge(stored(), &patch);
        assert_eq!(merged.place_id, Some(2852458));
        assert_eq!((merged.latitude, merged.longitude), (None, None));
        assert_eq!(merged.timezone, None);
        assert_eq!(merged.city, None);
        assert_eq!(changed, vec!["place"]);
    }

    #[test]
    fn a_new_city_by_name_keeps_the_country() {
        let patch: UpdateEvent = serde_json::from_str(r#"{"city": "Hamburg"}"#).expect("patch");
        let (merged, _) = merge(stored(), &patch);
        assert_eq!(merged.country_code.as_deref(), Some("DE"));
        assert_eq!(merged.place_id, None);
    }

    #[test]
    fn moving_the_pin_rederives_the_zone() {
        let patch: UpdateEvent = serde_json::from_str(r#"{"latitude": 52.52}"#).expect("patch");
        let (merged, changed) = merge(stored(), &patch);
        assert_eq!(merged.latitude, Some(52.52));
        assert_eq!(merged.longitude, Some(13.3777));
        assert_eq!(merged.timezone, None);
        assert_eq!(changed, vec!["position"]);
    }

    #[test]
    fn hiding_the_point_rederives_the_zone_from_the_city() {
        let patch: UpdateEvent =
            serde_json::from_str(r#"{"location_visibility": "city", "address": null}"#)
                .expect("patch");
        let (merged, changed) = merge(stored(), &patch);
        assert_eq!(merged.location_visibility.as_deref(), Some("city"));
        assert_eq!(merged.address, None);
        assert_eq!(merged.timezone, None);
        assert_eq!(changed, vec!["address", "location_visibility"]);
    }
}
