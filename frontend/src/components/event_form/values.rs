//! The values of the action form and their conversions: an event into the
//! form (editing), the form into a registration or a PATCH. Pure, with
//! native unit tests.

use shared::{Event, Place, RegisterEvent, UpdateEvent};

/// Where the action is: a gazetteer place, moved by the pin.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub place_id: Option<i64>,
    pub city: String,
    pub country_code: String,
    pub timezone: String,
    pub latitude: f64,
    pub longitude: f64,
}

impl From<&Place> for Location {
    fn from(p: &Place) -> Self {
        Location {
            place_id: Some(p.place_id),
            city: p.name.clone(),
            country_code: p.country_code.clone(),
            timezone: p.timezone.clone(),
            latitude: p.latitude,
            longitude: p.longitude,
        }
    }
}

/// The values of the form, as the page sends them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormValues {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub organiser_name: String,
    pub contact_email: String,
    pub public_contact: String,
    pub location: Option<Location>,
    /// The pin was moved or the city changed since loading.
    pub location_changed: bool,
    pub address: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub links: String,
    pub language: String,
    pub visibility: String,
    /// The honeypot: people leave it empty (they never see it).
    pub homepage: String,
}

impl FormValues {
    /// The form filled with an event as its edit link sees it.
    pub fn from_event(e: &Event) -> Self {
        FormValues {
            title: e.title.clone(),
            kind: e.kind.as_str().to_string(),
            description: e.description.clone().unwrap_or_default(),
            organiser_name: e.organiser_name.clone(),
            contact_email: e.contact_email.clone().unwrap_or_default(),
            public_contact: e.public_contact.clone().unwrap_or_default(),
            location: Some(Location {
                place_id: e.place.place_id,
                city: e.place.city.clone(),
                country_code: e.place.country_code.clone(),
                timezone: e.timezone.clone(),
                latitude: e.place.latitude,
                longitude: e.place.longitude,
            }),
            location_changed: false,
            address: e.place.address.clone().unwrap_or_default(),
            date: e.local.date.clone(),
            start: e.local.start.clone(),
            end: e.local.end.clone().unwrap_or_default(),
            links: e.links.join("\n"),
            language: e.language.clone().unwrap_or_default(),
            visibility: e.location_visibility.as_str().to_string(),
            homepage: String::new(),
        }
    }

    /// The registration as the server receives it. The server derives the
    /// zone from the pin's coordinates.
    pub fn to_register(&self) -> RegisterEvent {
        let loc = self.location.as_ref();
        RegisterEvent {
            title: Some(self.title.clone()),
            kind: Some(self.kind.clone()),
            description: Self::optional(&self.description),
            organiser_name: Some(self.organiser_name.clone()),
            contact_email: Some(self.contact_email.clone()),
            public_contact: Self::optional(&self.public_contact),
            city: loc.map(|l| l.city.clone()),
            country_code: loc.map(|l| l.country_code.clone()),
            place_id: loc.and_then(|l| l.place_id),
            address: Self::optional(&self.address),
            latitude: loc.map(|l| l.latitude),
            longitude: loc.map(|l| l.longitude),
            timezone: None,
            local_start: self.local(&self.start),
            local_end: self.local(&self.end),
            links: self.link_list(),
            language: Self::optional(&self.language),
            location_visibility: Some(self.visibility.clone()),
            homepage: Self::optional(&self.homepage),
        }
    }

    /// The changes to `before` as a PATCH: every field of the form (a blank
    /// optional field clears it); the place only when the city or the pin
    /// moved, the city only when it is another gazetteer place.
    pub fn to_update(&self, before: &Event) -> UpdateEvent {
        let mut update = UpdateEvent {
            title: Some(self.title.clone()),
            kind: Some(self.kind.clone()),
            description: Some(Self::optional(&self.description)),
            organiser_name: Some(self.organiser_name.clone()),
            contact_email: Some(self.contact_email.clone()),
            public_contact: Some(Self::optional(&self.public_contact)),
            address: Some(Self::optional(&self.address)),
            local_start: self.local(&self.start),
            local_end: Some(self.local(&self.end)),
            links: Some(self.link_list()),
            language: Self::optional(&self.language),
            location_visibility: Some(self.visibility.clone()),
            ..Default::default()
        };
        if self.location_changed
            && let Some(loc) = &self.location
        {
            if loc.place_id != before.place.place_id {
                update.place_id = loc.place_id;
                update.city = Some(loc.city.clone());
                update.country_code = Some(loc.country_code.clone());
            }
            update.latitude = Some(loc.latitude);
            update.longitude = Some(loc.longitude);
        }
        update
    }

    /// `YYYY-MM-DDTHH:MM` on the form's date, when both are given.
    pub fn local(&self, time_of_day: &str) -> Option<String> {
        (!time_of_day.is_empty() && !self.date.is_empty())
            .then(|| format!("{}T{}", self.date, time_of_day))
    }

    /// One link a line; blank lines dropped.
    pub fn link_list(&self) -> Vec<String> {
        self.links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// `None` for a blank field, else the field trimmed.
    pub fn optional(s: &str) -> Option<String> {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use shared::{EventKind, LocationVisibility};

    use super::*;
    use crate::search::tests::event;

    fn berlin_form() -> FormValues {
        FormValues {
            title: "Vigil".into(),
            kind: "vigil".into(),
            description: "  ".into(),
            organiser_name: "Group".into(),
            contact_email: "group@example.org".into(),
            public_contact: " @group ".into(),
            location: Some(Location {
                place_id: Some(2950159),
                city: "Berlin".into(),
                country_code: "DE".into(),
                timezone: "Europe/Berlin".into(),
                latitude: 52.5163,
                longitude: 13.3777,
            }),
            location_changed: true,
            address: "Pariser Platz".into(),
            date: "2026-11-05".into(),
            start: "14:00".into(),
            end: String::new(),
            links: "https://example.org/a\n\n  https://example.org/b  \n".into(),
            language: "de".into(),
            visibility: "city".into(),
            homepage: String::new(),
        }
    }

    #[test]
    fn a_registration_carries_the_form_with_blanks_left_out() {
        let r = berlin_form().to_register();
        assert_eq!(r.title.as_deref(), Some("Vigil"));
        assert_eq!(r.kind.as_deref(), Some("vigil"));
        assert_eq!(r.description, None, "blank");
        assert_eq!(r.public_contact.as_deref(), Some("@group"), "trimmed");
        assert_eq!(r.place_id, Some(2950159));
        assert_eq!(r.city.as_deref(), Some("Berlin"));
        assert_eq!(r.country_code.as_deref(), Some("DE"));
        assert_eq!((r.latitude, r.longitude), (Some(52.5163), Some(13.3777)));
        assert_eq!(r.timezone, None, "the server derives it from the pin");
        assert_eq!(r.local_start.as_deref(), Some("2026-11-05T14:00"));
        assert_eq!(r.local_end, None);
        assert_eq!(r.links, ["https://example.org/a", "https://example.org/b"]);
        assert_eq!(r.language.as_deref(), Some("de"));
        assert_eq!(r.location_visibility.as_deref(), Some("city"));
        assert_eq!(r.homepage, None, "people leave the honeypot empty");
    }

    #[test]
    fn a_registration_without_a_city_or_date_sends_none() {
        let r = FormValues {
            start: "14:00".into(),
            ..Default::default()
        }
        .to_register();
        assert_eq!((r.city, r.place_id, r.latitude), (None, None, None));
        assert_eq!(r.local_start, None, "no date");
    }

    #[test]
    fn an_event_fills_the_form_and_an_unchanged_form_keeps_the_place() {
        let mut e = event("Vigil");
        e.description = Some("Candles".into());
        e.place.address = Some("Pariser Platz".into());
        e.local.end = Some("16:00".into());
        e.links = vec![
            "https://example.org/a".into(),
            "https://example.org/b".into(),
        ];
        e.location_visibility = LocationVisibility::City;
        e.contact_email = Some("group@example.org".into());
        let v = FormValues::from_event(&e);
        assert_eq!(v.kind, EventKind::Vigil.as_str());
        assert_eq!(v.links, "https://example.org/a\nhttps://example.org/b");
        assert_eq!(v.visibility, "city");
        assert_eq!(v.contact_email, "group@example.org");
        assert!(!v.location_changed);

        let u = v.to_update(&e);
        assert_eq!(u.description, Some(Some("Candles".into())));
        assert_eq!(u.address, Some(Some("Pariser Platz".into())));
        assert_eq!(u.local_start.as_deref(), Some("2026-11-05T14:00"));
        assert_eq!(u.local_end, Some(Some("2026-11-05T16:00".into())));
        assert_eq!(u.links.as_deref().map(<[String]>::len), Some(2));
        assert_eq!((u.place_id, u.city, u.latitude), (None, None, None));
    }

    #[test]
    fn a_blank_optional_field_clears_it_in_the_update() {
        let mut e = event("Vigil");
        e.description = Some("Candles".into());
        let mut v = FormValues::from_event(&e);
        v.description = " ".into();
        v.end = String::new();
        let u = v.to_update(&e);
        assert_eq!(u.description, Some(None));
        assert_eq!(u.local_end, Some(None));
        assert_eq!(u.public_contact, Some(None));
    }

    #[test]
    fn a_moved_pin_sends_the_point_and_another_city_sends_the_city() {
        let e = event("Vigil");
        let mut v = FormValues::from_event(&e);
        v.location_changed = true;
        if let Some(l) = v.location.as_mut() {
            l.latitude = 52.5;
            l.longitude = 13.4;
        }
        let u = v.to_update(&e);
        assert_eq!((u.latitude, u.longitude), (Some(52.5), Some(13.4)));
        assert_eq!((u.place_id, u.city.as_deref()), (None, None), "same city");

        v.location = Some(Location::from(&Place {
            place_id: 2711537,
            name: "Gothenburg".into(),
            country_code: "SE".into(),
            country: "Sweden".into(),
            admin1: "Västra Götaland".into(),
            latitude: 57.70716,
            longitude: 11.96679,
            timezone: "Europe/Stockholm".into(),
            population: 572799,
        }));
        let u = v.to_update(&e);
        assert_eq!(u.place_id, Some(2711537));
        assert_eq!(u.city.as_deref(), Some("Gothenburg"));
        assert_eq!(u.country_code.as_deref(), Some("SE"));
        assert_eq!(u.latitude, Some(57.70716));
    }
}
