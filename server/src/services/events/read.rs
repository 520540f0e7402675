//! Reading one action: the public sees published and cancelled ones; the
//! holder of the edit link sees its own in any state, with its private fields.

use std::sync::Arc;

use super::common::{Credential, authorise, load, publicly_visible};
use crate::entities::{campaign, event};
use crate::services::views::{Audience, event_view};
use crate::services::{Rendered, ServiceError, ServiceResult, Services};
use crate::storage;

/// One event. The public sees published and cancelled ones; the holder of the
/// edit link sees its own in any state, with its private fields.
pub async fn get(
    services: &Services,
    id: i64,
    credential: &Credential,
) -> ServiceResult<Arc<Rendered<shared::Event>>> {
    if let Credential::None = credential {
        return public_view(services, id).await;
    }
    // The holder of the edit link reads what it just wrote.
    let (model, campaign) = load(&services.db, id).await?;
    let audience = authorise(&model, credential)?;
    Ok(Arc::new(Rendered::new(event_view(
        &model,
        &campaign.slug,
        &services.places,
        audience,
    ))))
}

/// What the public sees of an action, a moment behind, from the replica's
/// copy while the campaign's revision is the one it was read at.
async fn public_view(services: &Services, id: i64) -> ServiceResult<Arc<Rendered<shared::Event>>> {
    let db = &services.read_db;
    let campaign_id = match services.page_cache.event_campaign(id) {
        Some(campaign_id) => {
            let now = services.revisions.of_campaign(db, campaign_id).await?;
            if let Some(copy) = services.page_cache.event(id, now.revision) {
                return Ok(copy);
            }
            campaign_id
        }
        None => {
            let model = storage::events::load(db, id).await?;
            if !publicly_visible(&model) {
                return Err(ServiceError::NotFound("event"));
            }
            model.campaign_id
        }
    };
    // The revision is read before the row, so a copy never carries a
    // revision newer than what it shows.
    let campaign = storage::campaigns::find_by_id(db, campaign_id).await?;
    let model = storage::events::load(db, id).await?;
    if !publicly_visible(&model) || model.campaign_id != campaign.id {
        return Err(ServiceError::NotFound("event"));
    }
    let view = Arc::new(Rendered::new(event_view(
        &model,
        &campaign.slug,
        &services.places,
        Audience::Public,
    )));
    services
        .page_cache
        .put_event(id, campaign.id, campaign.revision, view.clone());
    Ok(view)
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
