//! Changing an action with its edit token: update, cancel, withdraw, and a
//! new edit link. Each write checks the version again inside its transaction,
//! so that of two concurrent edits of one version only one lands.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TryIntoModel, UpdateMany,
};
use serde_json::json;
use shared::{EditLink, Event, EventStatus, LocationVisibility, RegisterEvent, UpdateEvent};

use super::common::{Credential, apply_draft, authorise, edit_url, load, publicly_visible, rules};
use crate::db;
use crate::domain::event_input;
use crate::domain::event_patch::merge;
use crate::domain::geometry::unit_vector;
use crate::domain::local_time::LOCAL_FORMAT;
use crate::domain::token;
use crate::entities::event;
use crate::services::audit::{self, Actor};
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceError, ServiceResult, Services, moderation};
use crate::storage;
use crate::storage::tallies::Share;

/// `If-Match: "<version>"`, as the handler read it.
pub type ExpectedVersion = Option<i32>;

/// The stored event as a registration request: the base an update merges into.
pub(crate) fn as_request(model: &event::Model) -> RegisterEvent {
    RegisterEvent {
        title: Some(model.title.clone()),
        kind: Some(model.kind.as_str().to_string()),
        description: model.description.clone(),
        organiser_name: Some(model.organiser_name.clone()),
        // Empty once erased after the campaign (see `services::retention`).
        contact_email: Some(model.contact_email.clone()).filter(|e| !e.is_empty()),
        public_contact: model.public_contact.clone(),
        city: Some(model.city.clone()),
        country_code: Some(model.country_code.clone()),
        place_id: model.place_id,
        address: model.address.clone(),
        latitude: Some(model.latitude),
        longitude: Some(model.longitude),
        timezone: Some(model.timezone.name().to_string()),
        local_start: Some(model.local_start.format(LOCAL_FORMAT).to_string()),
        local_end: model.local_end.map(|e| e.format(LOCAL_FORMAT).to_string()),
        links: model.links.0.clone(),
        language: model.language.clone(),
        location_visibility: Some(model.location_visibility.as_str().to_string()),
        homepage: None,
    }
}

fn check_version(model: &event::Model, expected: ExpectedVersion) -> ServiceResult<()> {
    match expected {
        Some(expected) if expected != model.version => Err(ServiceError::Stale {
            current_version: model.version,
        }),
        _ => Ok(()),
    }
}

/// The version now stored, for a 412 after a lost race.
async fn current_version(db: &impl ConnectionTrait, id: i64, fallback: i32) -> i32 {
    storage::events::load(db, id)
        .await
        .map_or(fallback, |m| m.version)
}

/// Writes a change of `model` in one transaction, only if the action is
/// still at the version read (else 412 with the version now stored; of two
/// concurrent edits of one version only one lands), bumping the campaign's
/// revision when the public can see the action, with its audit record.
async fn commit_change(
    services: &Services,
    model: &event::Model,
    change: UpdateMany<event::Entity>,
    action: &str,
    detail: serde_json::Value,
) -> ServiceResult<()> {
    let txn = db::begin_write(&services.write_db).await?;
    let result = change
        .filter(event::Column::Id.eq(model.id))
        .filter(event::Column::Version.eq(model.version))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Err(ServiceError::Stale {
            current_version: current_version(&services.db, model.id, model.version + 1).await,
        });
    }
    // Held-back actions change no public answer, nor what the public can time.
    if publicly_visible(model) {
        storage::campaigns::bump_revision(&txn, model.campaign_id).await?;
        let after = storage::events::load(&txn, model.id).await?;
        let (before, after) = (Share::of(model), Share::of(&after));
        storage::tallies::shift(&txn, model.campaign_id, before.as_ref(), after.as_ref()).await?;
    }
    audit::record(
        &txn,
        model.campaign_id,
        Some(model.id),
        Actor::EditLink,
        action,
        detail,
    )
    .await?;
    txn.commit().await?;
    services
        .live
        .announce(model.campaign_id, publicly_visible(model));
    Ok(())
}

async fn editor_view(services: &Services, id: i64, slug: &str) -> ServiceResult<Event> {
    let (updated, _) = load(&services.db, id).await?;
    Ok(event_view(
        &updated,
        slug,
        &services.places,
        Audience::Editor,
    ))
}

/// Updates an action. A cancelled one can still be edited, so that a group
/// can hide its meeting point after calling the action off.
pub async fn update(
    services: &Services,
    id: i64,
    credential: &Credential,
    expected: ExpectedVersion,
    patch: UpdateEvent,
) -> ServiceResult<Event> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    let expected = expected.ok_or(ServiceError::PreconditionRequired)?;
    check_version(&model, Some(expected))?;
    if model.status == EventStatus::Rejected {
        return Err(ServiceError::Conflict(
            "the action was rejected; it can no longer be edited".into(),
        ));
    }
    let (request, changed) = merge(as_request(&model), &patch);
    let contact_required = !model.contact_email.is_empty();
    let draft = event_input::validate(&request, &rules(services, &campaign, contact_required))?;

    let now = chrono::Utc::now();
    let mut active: event::ActiveModel = model.clone().into();
    apply_draft(&mut active, &draft, now);
    active.version = Set(model.version + 1);
    active.contact_hash = Set(services
        .keys
        .contact_hash(&services.db, &draft.contact_email)
        .await?);
    // In a review-first campaign, a published action whose title, time or
    // place its group changes goes back to the queue (still shown), unless
    // the group is trusted there.
    if campaign.review
        && model.status.is_public()
        && !storage::moderation::trusted(&services.db, campaign.id, &model.contact_hash).await?
    {
        let after = active.clone().try_into_model()?;
        moderation::track_changes(&model, &after, &mut active);
    }

    let change = event::Entity::update_many().set(active);
    let detail = json!({ "fields": changed });
    commit_change(services, &model, change, "update", detail).await?;
    editor_view(services, id, &campaign.slug).await
}

/// Cancels: the event stays, shown as cancelled, and counts for nothing.
pub async fn cancel(
    services: &Services,
    id: i64,
    credential: &Credential,
    expected: ExpectedVersion,
) -> ServiceResult<Event> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    check_version(&model, expected)?;
    if model.status == EventStatus::Cancelled {
        return Ok(event_view(
            &model,
            &campaign.slug,
            &services.places,
            Audience::Editor,
        ));
    }
    // A cancelled action is shown (struck through): one that was never
    // published must not appear that way. It can be withdrawn instead.
    if model.status != EventStatus::Published {
        return Err(ServiceError::Conflict(format!(
            "the action is {} and was never shown publicly; withdraw it instead",
            model.status.as_str()
        )));
    }
    let change = event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(EventStatus::Cancelled))
        .col_expr(event::Column::Version, Expr::value(model.version + 1))
        .col_expr(event::Column::UpdatedAt, Expr::value(chrono::Utc::now()));
    let detail = json!({ "from": model.status.as_str() });
    commit_change(services, &model, change, "cancel", detail).await?;
    editor_view(services, id, &campaign.slug).await
}

/// Withdraws: the action leaves every public output at once; its exact
/// point, address, contacts, description, links and organiser name are
/// erased, and its edit token stops working. What stays is a tombstone for
/// the audit log: id, campaign, title, kind, city, time, status.
pub async fn withdraw(
    services: &Services,
    id: i64,
    credential: &Credential,
    expected: ExpectedVersion,
) -> ServiceResult<()> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    check_version(&model, expected)?;
    // The city's centre replaces every point kept for the action.
    let centre = model
        .place_id
        .and_then(|p| services.places.get(p))
        .map_or((model.public_latitude, model.public_longitude), |p| {
            (p.latitude, p.longitude)
        });
    let [x, y, z] = unit_vector(centre.0, centre.1);
    let change = event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(EventStatus::Withdrawn))
        .col_expr(event::Column::PublicX, Expr::value(x))
        .col_expr(event::Column::PublicY, Expr::value(y))
        .col_expr(event::Column::PublicZ, Expr::value(z))
        .col_expr(event::Column::ContactEmail, Expr::value(""))
        .col_expr(event::Column::PublicContact, Expr::value(None::<String>))
        .col_expr(event::Column::Description, Expr::value(None::<String>))
        .col_expr(event::Column::Address, Expr::value(None::<String>))
        .col_expr(event::Column::OrganiserName, Expr::value(""))
        .col_expr(event::Column::Links, Expr::value("[]"))
        .col_expr(event::Column::SearchText, Expr::value(""))
        .col_expr(event::Column::Latitude, Expr::value(centre.0))
        .col_expr(event::Column::Longitude, Expr::value(centre.1))
        .col_expr(event::Column::PublicLatitude, Expr::value(centre.0))
        .col_expr(event::Column::PublicLongitude, Expr::value(centre.1))
        .col_expr(
            event::Column::LocationVisibility,
            Expr::value(LocationVisibility::City),
        )
        .col_expr(event::Column::EditTokenHash, Expr::value(""))
        .col_expr(event::Column::Version, Expr::value(model.version + 1))
        .col_expr(event::Column::UpdatedAt, Expr::value(chrono::Utc::now()));
    let detail = json!({ "from": model.status.as_str() });
    commit_change(services, &model, change, "withdraw", detail).await?;
    tracing::info!(campaign = %campaign.slug, "action withdrawn");
    Ok(())
}

/// A new edit token for the action; the one used (and any other) stops
/// working at once, e.g. after a phone with the link was seized.
pub async fn new_edit_link(
    services: &Services,
    id: i64,
    credential: &Credential,
) -> ServiceResult<EditLink> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    let (edit_token, token_hash) = token::generate();
    let txn = db::begin_write(&services.write_db).await?;
    // Only against the hash just checked: of two rotations at once, one wins.
    let result = event::Entity::update_many()
        .col_expr(event::Column::EditTokenHash, Expr::value(token_hash))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::EditTokenHash.eq(model.edit_token_hash.as_str()))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Err(ServiceError::Conflict(
            "the edit link was replaced at the same moment; use the newest link".into(),
        ));
    }
    audit::record(
        &txn,
        campaign.id,
        Some(id),
        Actor::EditLink,
        "new_edit_link",
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(EditLink {
        edit_url: edit_url(services, id, &edit_token),
        edit_token,
    })
}
