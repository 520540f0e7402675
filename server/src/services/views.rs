//! How a stored event is shown: to the public (city-only actions show the
//! city's centre and no address; private contact never) or to its editors.

use shared::{Event, EventPlace, EventStatus, LocalTimes, LocationVisibility};

use crate::domain::local_time::{self, rfc3339_in_zone, rfc3339_utc};
use crate::entities::event;
use crate::gazetteer::Gazetteer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    /// The holder of the edit link, or an organiser: sees the exact point,
    /// the address and the private contact.
    Editor,
}

pub fn event_view(
    model: &event::Model,
    campaign_slug: &str,
    places: &Gazetteer,
    audience: Audience,
) -> Event {
    let zone = model.timezone.0;
    let visibility = model.location_visibility;
    let hide_point = audience == Audience::Public && visibility == LocationVisibility::City;
    let (utc_offset, zone_abbreviation) =
        local_time::offset_and_abbreviation(model.starts_at_utc, zone);
    let status = model.status;
    Event {
        id: model.id,
        campaign: campaign_slug.to_string(),
        title: model.title.clone(),
        kind: model.kind,
        description: model.description.clone(),
        organiser_name: model.organiser_name.clone(),
        public_contact: model.public_contact.clone(),
        place: EventPlace {
            city: model.city.clone(),
            country_code: model.country_code.clone(),
            country: places
                .country_name(&model.country_code)
                .unwrap_or(&model.country_code)
                .to_string(),
            address: if hide_point {
                None
            } else {
                model.address.clone()
            },
            latitude: if hide_point {
                model.public_latitude
            } else {
                model.latitude
            },
            longitude: if hide_point {
                model.public_longitude
            } else {
                model.longitude
            },
            place_id: model.place_id,
        },
        location_visibility: visibility,
        timezone: model.timezone.name().to_string(),
        starts_at: rfc3339_in_zone(model.starts_at_utc, zone),
        ends_at: model.ends_at_utc.map(|t| rfc3339_in_zone(t, zone)),
        starts_at_utc: rfc3339_utc(model.starts_at_utc),
        local: LocalTimes {
            date: model.local_date.to_string(),
            start: model.local_start.format("%H:%M").to_string(),
            end: model.local_end.map(|e| e.format("%H:%M").to_string()),
            utc_offset,
            zone_abbreviation,
        },
        links: model.links.0.clone(),
        language: model.language.clone(),
        status,
        cancelled: status == EventStatus::Cancelled,
        version: model.version,
        // The day only: an exact time would let a watcher of the network tie
        // a registration or an edit to a person.
        created_at: model.created_at.date_naive().to_string(),
        updated_at: model.updated_at.date_naive().to_string(),
        contact_email: (audience == Audience::Editor).then(|| model.contact_email.clone()),
        distance_km: None,
    }
}
