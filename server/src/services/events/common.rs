//! What registering, reading and editing an action share: the credential,
//! the rules for a campaign, the edit link, the row from a validated draft,
//! loading an action with its campaign, and who may see it.

use sea_orm::{ConnectionTrait, Set};
use shared::LocationVisibility;

use crate::domain::event_input::{EventDraft, Rules};
use crate::domain::geometry::unit_vector;
use crate::domain::token;
use crate::entities::values::Links;
use crate::entities::{campaign, event};
use crate::services::views::Audience;
use crate::services::{ServiceError, ServiceResult, Services};
use crate::storage;

/// How a caller proves it may change an event.
#[derive(Debug, Clone)]
pub enum Credential {
    None,
    EditToken(String),
}

pub(crate) fn rules<'a>(
    services: &'a Services,
    campaign: &campaign::Model,
    contact_required: bool,
) -> Rules<'a> {
    Rules {
        places: &services.places,
        zones: &services.zones,
        first_day: campaign.starts_on,
        last_day: campaign.ends_on,
        contact_required,
    }
}

/// `{public_url}/edit/{id}#token=…`: the token stays in the fragment, which
/// browsers never send to a server.
pub(super) fn edit_url(services: &Services, id: i64, token: &str) -> String {
    format!("{}/edit/{id}#token={token}", services.public_url)
}

/// Copies every validated field into the row (all but identity and status).
/// Public so that the benchmark's bulk loader stores rows exactly as
/// registration does.
pub fn apply_draft(
    active: &mut event::ActiveModel,
    draft: &EventDraft,
    now: chrono::DateTime<chrono::Utc>,
) {
    let loc = &draft.location;
    let city_only = draft.visibility == LocationVisibility::City;
    active.title = Set(draft.title.clone());
    active.kind = Set(draft.kind);
    active.description = Set(draft.description.clone());
    active.organiser_name = Set(draft.organiser_name.clone());
    active.contact_email = Set(draft.contact_email.clone());
    active.public_contact = Set(draft.public_contact.clone());
    active.city = Set(loc.city.clone());
    active.city_key = Set(loc.city_key());
    active.country_code = Set(loc.country_code.clone());
    active.place_id = Set(loc.place_id);
    active.address = Set(loc.address.clone());
    active.latitude = Set(loc.latitude);
    active.longitude = Set(loc.longitude);
    let public = if city_only {
        (loc.centre_latitude, loc.centre_longitude)
    } else {
        (loc.latitude, loc.longitude)
    };
    set_public_point(active, public);
    active.location_visibility = Set(draft.visibility);
    active.timezone = Set(loc.timezone.into());
    active.local_start = Set(draft.start.local);
    active.local_end = Set(draft.end.map(|e| e.local));
    active.local_date = Set(draft.start.local.date());
    active.starts_at_utc = Set(draft.start.utc_seconds());
    active.ends_at_utc = Set(draft.end.map(|e| e.utc_seconds()));
    active.links = Set(Links(draft.links.clone()));
    active.language = Set(draft.language.clone());
    active.search_text = Set(draft.search_text());
    active.updated_at = Set(now);
}

/// What the public sees of the place: the point, and its unit vector.
fn set_public_point(active: &mut event::ActiveModel, (lat, lon): (f64, f64)) {
    let [x, y, z] = unit_vector(lat, lon);
    active.public_latitude = Set(lat);
    active.public_longitude = Set(lon);
    active.public_x = Set(x);
    active.public_y = Set(y);
    active.public_z = Set(z);
}

pub(crate) async fn load(
    db: &impl ConnectionTrait,
    id: i64,
) -> ServiceResult<(event::Model, campaign::Model)> {
    let model = storage::events::load(db, id).await?;
    let campaign = storage::campaigns::find_by_id(db, model.campaign_id).await?;
    Ok((model, campaign))
}

pub(super) fn publicly_visible(model: &event::Model) -> bool {
    model.status.is_public()
}

/// Checks the credential against the event; `Ok(Audience::Editor)` when it
/// holds. A failed credential on an action the public cannot see is answered
/// as for a missing action.
pub(super) fn authorise(model: &event::Model, credential: &Credential) -> ServiceResult<Audience> {
    let holds = match credential {
        Credential::EditToken(t) => token::verify(t, &model.edit_token_hash),
        Credential::None => false,
    };
    if holds {
        return Ok(Audience::Editor);
    }
    if !publicly_visible(model) {
        return Err(ServiceError::NotFound("event"));
    }
    Err(match credential {
        Credential::None => ServiceError::Unauthorized(
            "send the edit token of this action: Authorization: Bearer <token>".into(),
        ),
        Credential::EditToken(_) => {
            ServiceError::Forbidden("this edit token does not belong to this action".into())
        }
    })
}
