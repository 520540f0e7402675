//! A registration request becomes an `EventDraft` here, or a list of field
//! errors. Updates merge into the stored request (`event_patch`) and pass the
//! same checks.
//!
//! - `fields`: the action's own fields (text, kind, contact, links, language);
//! - `location`: city, meeting point, visibility and time zone (`Location`);
//! - `times`: local start and end, on the campaign's days.
//!
//! The parts take what they need, not `Rules`, so that they do not import
//! this module (which calls them).

mod fields;
mod location;
mod times;

use chrono::NaiveDate;
use shared::limits::{CONTACT_MAX, DESCRIPTION_MAX, LANGUAGE_MAX, ORGANISER_NAME_MAX, TITLE_MAX};
use shared::{EventKind, FieldErrors, LocationVisibility, RegisterEvent};

pub use fields::parse_kind;
pub use location::{Location, MAX_KM_FROM_CITY};

use super::local_time::ZonedTime;
use super::text::fold;
use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

/// A validated action, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub kind: EventKind,
    pub description: Option<String>,
    pub organiser_name: String,
    pub contact_email: String,
    pub public_contact: Option<String>,
    pub location: Location,
    pub start: ZonedTime,
    pub end: Option<ZonedTime>,
    pub links: Vec<String>,
    pub language: Option<String>,
    pub visibility: LocationVisibility,
}

impl EventDraft {
    /// Lower-cased, accent-free text that the `q` filter searches: public
    /// fields only, so that a search never answers for a hidden address.
    pub fn search_text(&self) -> String {
        let address = match self.visibility {
            LocationVisibility::Exact => self.location.address.as_deref(),
            LocationVisibility::City => None,
        };
        let parts = [
            Some(self.title.as_str()),
            self.description.as_deref(),
            Some(self.organiser_name.as_str()),
            Some(self.location.city.as_str()),
            address,
        ];
        fold(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
    }
}

/// What the checks need besides the request.
pub struct Rules<'a> {
    pub places: &'a Gazetteer,
    pub zones: &'a ZoneFinder,
    /// The campaign's day(s) of action, as local dates.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// False for an update of an action whose contact was erased after its
    /// campaign (the retention period): it may stay without one.
    pub contact_required: bool,
}

/// Every check at once, so that the answer names every field at fault.
pub fn validate(req: &RegisterEvent, rules: &Rules<'_>) -> Result<EventDraft, FieldErrors> {
    let mut errors = FieldErrors::new();

    let title = fields::required_text(&mut errors, "title", req.title.as_deref(), TITLE_MAX);
    let kind = fields::kind(&mut errors, req.kind.as_deref());
    let description = fields::optional_text(
        &mut errors,
        "description",
        req.description.as_deref(),
        DESCRIPTION_MAX,
        true,
    );
    let organiser_name = fields::required_text(
        &mut errors,
        "organiser_name",
        req.organiser_name.as_deref(),
        ORGANISER_NAME_MAX,
    );
    let contact_email = fields::contact_email(
        &mut errors,
        req.contact_email.as_deref(),
        rules.contact_required,
    );
    let public_contact = fields::optional_text(
        &mut errors,
        "public_contact",
        req.public_contact.as_deref(),
        CONTACT_MAX,
        false,
    );
    let visibility = fields::visibility(&mut errors, req.location_visibility.as_deref());
    let location =
        location::resolve_location(&mut errors, req, visibility, rules.places, rules.zones);
    let links = fields::links(&mut errors, &req.links);
    let language = fields::language(&mut errors, req.language.as_deref(), LANGUAGE_MAX);

    let (start, end) = match &location {
        Some(loc) => times::resolve_times(
            &mut errors,
            req,
            loc.timezone,
            (rules.first_day, rules.last_day),
        ),
        None => (None, None),
    };

    match (title, kind, organiser_name, contact_email, location, start) {
        (
            Some(title),
            Some(kind),
            Some(organiser_name),
            Some(contact_email),
            Some(location),
            Some(start),
        ) if errors.is_empty() => Ok(EventDraft {
            title,
            kind,
            description,
            organiser_name,
            contact_email,
            public_contact,
            location,
            start,
            end,
            links,
            language,
            visibility,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests;
