//! Reading one action: the public sees published and cancelled ones; the
//! holder of the edit link sees its own in any state, with its private fields.

use super::common::{Credential, authorise, load, publicly_visible};
use crate::entities::{campaign, event};
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceError, ServiceResult, Services};

/// One event. The public sees published and cancelled ones; the holder of the
/// edit link sees its own in any state, with its private fields.
pub async fn get(
    services: &Services,
    id: i64,
    credential: &Credential,
) -> ServiceResult<shared::Event> {
    // The public may read a moment behind; the holder of the edit link
    // reads what it just wrote.
    let db = match credential {
        Credential::None => &services.read_db,
        _ => &services.db,
    };
    let (model, campaign) = load(db, id).await?;
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
    let (model, campaign) = load(&services.read_db, id).await?;
    if !publicly_visible(&model) {
        return Err(ServiceError::NotFound("event"));
    }
    Ok((model, campaign))
}
