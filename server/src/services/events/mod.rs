//! Events (a local group's action): register, read, edit (update, cancel,
//! withdraw, new edit link), list.
//!
//! Who may see what: the public sees published and cancelled actions, with
//! the public point only; the holder of the edit link sees its own in any
//! state but withdrawn, with its private fields. A stranger asking about an
//! action it may not see (pending, rejected, withdrawn) gets exactly the
//! answer a missing id gets.

mod edit;
mod list;
mod register;

use rand::Rng;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use shared::{EventStatus, LocationVisibility};

pub use edit::{ExpectedVersion, cancel, new_edit_link, update, withdraw};
pub use list::{all_published, list};
pub use register::{Registration, register};

use super::views::{Audience, event_view};
use super::{ServiceError, ServiceResult, Services, campaigns};
use crate::domain::event_input::{EventDraft, Rules};
use crate::domain::geometry::unit_vector;
use crate::domain::token;
use crate::entities::{campaign, event};

/// How a caller proves it may change an event.
#[derive(Debug, Clone)]
pub enum Credential {
    None,
    EditToken(String),
}

/// Public ids are random, below 2^53 so that JavaScript reads them exactly:
/// a sequence would let anyone count the actions held back for review.
pub fn random_id() -> i64 {
    rand::rng().random_range(1..(1_i64 << 53))
}

fn rules<'a>(
    services: &'a Services,
    campaign: &campaign::Model,
    contact_required: bool,
) -> Rules<'a> {
    let (first_day, last_day) = campaigns::days(campaign);
    Rules {
        places: &services.places,
        zones: &services.zones,
        first_day,
        last_day,
        contact_required,
    }
}

/// `{public_url}/edit/{id}#token=…`: the token stays in the fragment, which
/// browsers never send to a server.
fn edit_url(services: &Services, id: i64, token: &str) -> String {
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
    active.kind = Set(draft.kind.as_str().to_string());
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
    active.location_visibility = Set(draft.visibility.as_str().to_string());
    active.timezone = Set(loc.timezone.name().to_string());
    active.local_start = Set(draft.start.local_string());
    active.local_end = Set(draft.end.map(|e| e.local_string()));
    active.local_date = Set(draft.start.local.date().to_string());
    active.starts_at_utc = Set(draft.start.utc_seconds());
    active.ends_at_utc = Set(draft.end.map(|e| e.utc_seconds()));
    active.links = Set(serde_json::to_string(&draft.links).unwrap_or_else(|_| "[]".into()));
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

async fn load(
    db: &impl ConnectionTrait,
    id: i64,
) -> ServiceResult<(event::Model, campaign::Model)> {
    let model = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("event"))?;
    let campaign = campaigns::find_by_id(db, model.campaign_id).await?;
    Ok((model, campaign))
}

fn publicly_visible(model: &event::Model) -> bool {
    model
        .status
        .parse::<EventStatus>()
        .is_ok_and(EventStatus::is_public)
}

/// Checks the credential against the event; `Ok(Audience::Editor)` when it
/// holds. A failed credential on an action the public cannot see is answered
/// as for a missing action.
fn authorise(model: &event::Model, credential: &Credential) -> ServiceResult<Audience> {
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

/// One event. The public sees published and cancelled ones; the holder of the
/// edit link sees its own in any state, with its private fields.
pub async fn get(
    services: &Services,
    id: i64,
    credential: &Credential,
) -> ServiceResult<shared::Event> {
    let (model, campaign) = load(&services.db, id).await?;
    let audience = match credential {
        Credential::None if publicly_visible(&model) => Audience::Public,
        Credential::None => return Err(ServiceError::NotFound("event")),
        _ => authorise(&model, credential)?,
    };
    Ok(event_view(
        &model,
        &campaign.slug,
        &services.places,
        audience,
    ))
}

/// The public view of a published (or cancelled) event, for feeds.
pub async fn get_public_model(
    services: &Services,
    id: i64,
) -> ServiceResult<(event::Model, campaign::Model)> {
    let (model, campaign) = load(&services.db, id).await?;
    if !publicly_visible(&model) {
        return Err(ServiceError::NotFound("event"));
    }
    Ok((model, campaign))
}
