//! Moderation: organisers approve, reject or mark as spam what groups
//! submit, take published actions down, and accept or revert changes made
//! after approval. Each decision is one transaction with its audit record
//! (and the group's notification), checked against the version read so that
//! of two moderators deciding at once, one wins.

pub mod approved;
pub mod dashboard;
pub mod queue;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use shared::{BulkDecision, BulkResult, Decision, Event, EventStatus};

use self::approved::Approved;
use super::accounts::Viewer;
use super::audit::{self, Actor};
use super::views::{Audience, event_view};
use super::{ServiceError, ServiceResult, Services, events};
use crate::domain::event_input;
use crate::entities::{event, trusted_group};
use crate::storage;
use crate::storage::tallies::Share;

pub const REASON_MAX: usize = 2_000;

/// The decision's name in messages and the audit log.
fn name(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => "approve",
        Decision::Reject => "reject",
        Decision::Spam => "spam",
        Decision::Accept => "accept_changes",
        Decision::Revert => "revert_changes",
        Decision::Unpublish => "unpublish",
    }
}

/// What a decision does to an action in its state, or why it cannot.
fn transition(model: &event::Model, decision: Decision) -> ServiceResult<EventStatus> {
    use EventStatus::*;
    let status = model.status;
    let next = match (decision, status) {
        (Decision::Approve, Pending | Rejected) => Some(Published),
        (Decision::Reject | Decision::Spam, Pending | Rejected) => Some(Rejected),
        (Decision::Unpublish, Published | Cancelled) => Some(Rejected),
        (Decision::Accept | Decision::Revert, Published | Cancelled)
            if model.changed_since_approval =>
        {
            Some(status)
        }
        _ => None,
    };
    next.ok_or_else(|| {
        let why = if matches!(decision, Decision::Accept | Decision::Revert) {
            "has no changes waiting for review".to_string()
        } else {
            format!("is {}", status.as_str())
        };
        ServiceError::Conflict(format!(
            "the action {why}; it cannot be given the decision '{}'",
            name(decision)
        ))
    })
}

fn clean_reason(reason: Option<String>) -> ServiceResult<Option<String>> {
    let Some(reason) = reason else {
        return Ok(None);
    };
    let text = crate::domain::safe_text::multi_line(&reason)
        .map_err(|why| shared::FieldErrors::one("reason", why))?;
    if text.chars().count() > REASON_MAX {
        return Err(shared::FieldErrors::one(
            "reason",
            shared::FieldError::TooLong { max: REASON_MAX },
        )
        .into());
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// One decision about one action.
pub async fn decide(
    services: &Services,
    viewer: &Viewer,
    id: i64,
    decision: Decision,
    reason: Option<String>,
    trust_group: bool,
) -> ServiceResult<Event> {
    let (model, campaign) = events::load(&services.db, id).await?;
    viewer.require(campaign.id, &model.country_code)?;
    let reason = clean_reason(reason)?;
    let next = transition(&model, decision)?;
    let was_public = model.status.is_public();
    let now = chrono::Utc::now();

    let mut active: event::ActiveModel = model.clone().into();
    active.status = Set(next);
    active.version = Set(model.version + 1);
    active.updated_at = Set(now);
    match decision {
        Decision::Approve => {
            active.spam = Set(false);
            active.moderation_reason = Set(None);
            active.approved = Set(Some(Approved::of(&model).to_json()));
            active.changed_since_approval = Set(false);
        }
        Decision::Reject | Decision::Unpublish => {
            active.spam = Set(false);
            active.moderation_reason = Set(reason.clone());
            active.changed_since_approval = Set(false);
        }
        Decision::Spam => {
            active.spam = Set(true);
            active.moderation_reason = Set(reason.clone());
        }
        Decision::Accept => {
            active.approved = Set(Some(Approved::of(&model).to_json()));
            active.changed_since_approval = Set(false);
        }
        Decision::Revert => {
            let approved = Approved::stored_or_current(&model);
            let mut request = events::as_request(&model);
            request.title = Some(approved.title.clone());
            request.city = Some(approved.city.clone());
            request.country_code = Some(approved.country_code.clone());
            request.place_id = approved.place_id;
            request.address = approved.address.clone();
            request.latitude = Some(approved.latitude);
            request.longitude = Some(approved.longitude);
            request.location_visibility = Some(approved.location_visibility.clone());
            request.timezone = Some(approved.timezone.clone());
            request.local_start = Some(approved.local_start.clone());
            request.local_end = approved.local_end.clone();
            let contact_required = !model.contact_email.is_empty();
            let draft = event_input::validate(
                &request,
                &events::rules(services, &campaign, contact_required),
            )
            .map_err(|_| {
                ServiceError::Conflict(
                    "the approved version no longer passes the campaign's rules (its days \
                     changed?); reject or unpublish the action instead"
                        .into(),
                )
            })?;
            events::apply_draft(&mut active, &draft, now);
            active.changed_since_approval = Set(false);
        }
    }
    let is_public = next.is_public();
    // A revert changes what the public sees; so does any change of status
    // in or out of public view. Decisions about held-back actions change
    // nothing the public can see or time.
    let public_change = was_public != is_public || decision == Decision::Revert;

    let txn = crate::db::begin_write(&services.write_db).await?;
    let result = event::Entity::update_many()
        .set(active)
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Version.eq(model.version))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Err(ServiceError::Conflict(
            "someone changed the action meanwhile; load the queue again".into(),
        ));
    }
    if decision == Decision::Approve && trust_group && !model.contact_hash.is_empty() {
        let trusted = trusted_group::ActiveModel {
            campaign_id: Set(campaign.id),
            contact_hash: Set(model.contact_hash.clone()),
            trusted_by: Set(Some(viewer.id)),
            created_at: Set(now),
        };
        if storage::moderation::trusted(&txn, campaign.id, &model.contact_hash).await? {
            tracing::debug!("group trusted already");
        } else {
            trusted.insert(&txn).await?;
        }
    }
    let (updated, _) = events::load(&txn, id).await?;
    if public_change {
        storage::campaigns::bump_revision(&txn, campaign.id).await?;
        let (before, after) = (Share::of(&model), Share::of(&updated));
        storage::tallies::shift(&txn, campaign.id, before.as_ref(), after.as_ref()).await?;
    }
    audit::record(
        &txn,
        campaign.id,
        Some(id),
        Actor::Organiser(viewer.id),
        name(decision),
        json!({
            "from": model.status.as_str(),
            "to": next.as_str(),
            "reason": reason,
            "trust_group": trust_group && decision == Decision::Approve,
        }),
    )
    .await?;
    super::notifications::action_decided(
        &txn,
        &services.public_url,
        &updated,
        &campaign,
        decision,
        reason.as_deref(),
    )
    .await?;
    txn.commit().await?;
    services.live.announce(campaign.id, public_change);
    tracing::info!(campaign = %campaign.slug, decision = name(decision), "moderation decision");
    Ok(event_view(
        &updated,
        &campaign.slug,
        &services.places,
        Audience::Editor,
    ))
}

/// One decision for many actions of a campaign; each is its own
/// transaction, and one refused does not stop the others.
pub async fn bulk(
    services: &Services,
    viewer: &Viewer,
    slug: &str,
    bulk: BulkDecision,
) -> ServiceResult<BulkResult> {
    let campaign = storage::campaigns::find_by_slug(&services.db, slug).await?;
    viewer.require_campaign(campaign.id)?;
    if bulk.ids.len() > 500 {
        return Err(shared::FieldErrors::one(
            "ids",
            shared::FieldError::WholeNumberRange { min: 1, max: 500 },
        )
        .into());
    }
    let mut result = BulkResult {
        done: Vec::new(),
        refused: Default::default(),
    };
    for id in bulk.ids {
        let in_campaign = storage::events::load(&services.db, id)
            .await
            .is_ok_and(|m| m.campaign_id == campaign.id);
        let outcome = if in_campaign {
            decide(
                services,
                viewer,
                id,
                bulk.decision,
                bulk.reason.clone(),
                false,
            )
            .await
        } else {
            Err(ServiceError::NotFound("event in this campaign"))
        };
        match outcome {
            Ok(_) => result.done.push(id),
            Err(e @ ServiceError::Database(_)) => return Err(e),
            Err(e) => {
                result.refused.insert(id.to_string(), e.to_string());
            }
        }
    }
    Ok(result)
}

/// Marks an action's fields as changed since approval when its group edits
/// a published action of a review-first campaign (and it is not trusted).
/// Called by the edit inside its transaction, with the row as it will be.
pub fn track_changes(before: &event::Model, after: &event::Model, active: &mut event::ActiveModel) {
    let approved = Approved::stored_or_current(before);
    let changed = !approved.changes(&Approved::of(after)).is_empty();
    active.approved = Set(Some(approved.to_json()));
    active.changed_since_approval = Set(changed);
}
