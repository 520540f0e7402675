//! Campaigns: a day (or days) of action that events register for. The
//! public reads published, unarchived ones; admins create and edit them;
//! organisers see the ones they moderate.

use std::sync::Arc;

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::json;
use shared::{
    Campaign, CampaignInput, CampaignSettings, CampaignSettingsList, FieldError, FieldErrors,
    ModerationPolicy, Stats,
};

use super::accounts::Viewer;
use super::audit::{self, Actor};
use super::{Rendered, ServiceError, ServiceResult, Services, stats};
use crate::domain::campaign_input::{self, CampaignDraft};
pub use crate::domain::campaign_input::{MAX_CAMPAIGN_DAYS, NewCampaign, parse_day};
use crate::entities::campaign;
use crate::entities::values::Texts;
use crate::storage::{self, StorageError};

/// The published campaign with its counters, from this replica's copy while
/// the campaign's revision is the one it was read at.
pub async fn get(services: &Services, slug: &str) -> ServiceResult<Arc<Rendered<Campaign>>> {
    let db = &services.read_db;
    let now = services.revisions.published(db, slug).await?;
    if let Some(copy) = services.page_cache.campaign(now.campaign_id, now.revision) {
        return Ok(copy);
    }
    let model = storage::campaigns::find_published(db, slug).await?;
    let stats = stats::for_campaign(services, db, &model).await?;
    let (id, revision) = (model.id, model.revision);
    let copy = Arc::new(Rendered::new(view(model, Stats::clone(&stats))));
    services.page_cache.put_campaign(id, revision, copy.clone());
    Ok(copy)
}

/// Published campaigns that are not archived, the soonest day of action first.
pub async fn list(services: &Services) -> ServiceResult<Vec<Campaign>> {
    let models = storage::campaigns::list_published(&services.read_db).await?;
    let mut out = Vec::with_capacity(models.len());
    for model in models.into_iter().filter(|m| !m.archived) {
        let stats = stats::for_campaign(services, &services.read_db, &model).await?;
        out.push(view(model, Stats::clone(&stats)));
    }
    Ok(out)
}

fn view(model: campaign::Model, stats: shared::Stats) -> Campaign {
    Campaign {
        slug: model.slug,
        title: model.title,
        summary: model.summary,
        starts_on: model.starts_on.to_string(),
        ends_on: model.ends_on.to_string(),
        review: model.review,
        call_to_action: model.call_to_action.0,
        public_contact: model.public_contact,
        archived: model.archived,
        stats,
    }
}

pub fn settings_view(model: &campaign::Model) -> CampaignSettings {
    CampaignSettings {
        slug: model.slug.clone(),
        title: model.title.clone(),
        summary: model.summary.clone(),
        call_to_action: model.call_to_action.0.clone(),
        starts_on: model.starts_on.to_string(),
        ends_on: model.ends_on.to_string(),
        moderation: if model.review {
            ModerationPolicy::ReviewFirst
        } else {
            ModerationPolicy::PublishAtOnce
        },
        public_contact: model.public_contact.clone(),
        archived: model.archived,
        max_pending_per_client_hour: u32::try_from(model.max_pending_per_client_hour).unwrap_or(0),
    }
}

/// Checks a new campaign; its first and last day when it is valid.
pub fn validate(new: &NewCampaign) -> Result<(chrono::NaiveDate, chrono::NaiveDate), FieldErrors> {
    campaign_input::validate(new).map(|d| (d.starts_on, d.ends_on))
}

fn apply(active: &mut campaign::ActiveModel, draft: CampaignDraft) {
    active.slug = Set(draft.slug);
    active.title = Set(draft.title);
    active.summary = Set(draft.summary);
    active.starts_on = Set(draft.starts_on);
    active.ends_on = Set(draft.ends_on);
    active.review = Set(draft.review);
    active.call_to_action = Set(Texts(draft.call_to_action));
    active.public_contact = Set(draft.public_contact);
    active.archived = Set(draft.archived);
    active.max_pending_per_client_hour =
        Set(i32::try_from(draft.max_pending_per_client_hour).unwrap_or(i32::MAX));
}

/// Creates a published campaign. A slug taken already, also by a campaign
/// created at the same moment (both passed the check), is a conflict.
pub async fn create(db: &impl ConnectionTrait, new: NewCampaign) -> ServiceResult<campaign::Model> {
    let draft = campaign_input::validate(&new)?;
    let mut row = campaign::ActiveModel {
        published: Set(true),
        revision: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply(&mut row, draft);
    // The unique index on the slug is the one check, so that of two
    // campaigns created at once with one slug, one is refused.
    match storage::campaigns::insert(db, row).await {
        Err(StorageError::Duplicate(_)) => Err(ServiceError::Conflict(format!(
            "a campaign with slug '{}' exists already",
            new.slug
        ))),
        other => Ok(other?),
    }
}

/// The input with every field that was left out taken from `base`.
fn merged(base: &NewCampaign, input: CampaignInput) -> NewCampaign {
    NewCampaign {
        slug: input.slug.unwrap_or_else(|| base.slug.clone()),
        title: input.title.unwrap_or_else(|| base.title.clone()),
        summary: input.summary.unwrap_or_else(|| base.summary.clone()),
        starts_on: input.starts_on.unwrap_or_else(|| base.starts_on.clone()),
        ends_on: input.ends_on.unwrap_or_else(|| base.ends_on.clone()),
        review: input
            .moderation
            .map_or(base.review, |m| m == ModerationPolicy::ReviewFirst),
        call_to_action: input
            .call_to_action
            .unwrap_or_else(|| base.call_to_action.clone()),
        public_contact: input.public_contact.or_else(|| base.public_contact.clone()),
        archived: input.archived.unwrap_or(base.archived),
        max_pending_per_client_hour: input
            .max_pending_per_client_hour
            .unwrap_or(base.max_pending_per_client_hour),
    }
}

/// `POST /api/v1/campaigns` (admin).
pub async fn create_by(
    services: &Services,
    viewer: &Viewer,
    input: CampaignInput,
) -> ServiceResult<CampaignSettings> {
    viewer.require_admin()?;
    let mut missing = FieldErrors::new();
    for (field, given) in [
        ("slug", input.slug.is_some()),
        ("title", input.title.is_some()),
        ("starts_on", input.starts_on.is_some()),
        ("ends_on", input.ends_on.is_some()),
    ] {
        if !given {
            missing.add(field, FieldError::Required);
        }
    }
    if !missing.is_empty() {
        return Err(missing.into());
    }
    let new = merged(&NewCampaign::default(), input);
    let txn = crate::db::begin_write(&services.write_db).await?;
    let created = create(&txn, new).await?;
    audit::record(
        &txn,
        created.id,
        None,
        Actor::Organiser(viewer.id),
        "create_campaign",
        json!({ "slug": created.slug }),
    )
    .await?;
    txn.commit().await?;
    Ok(settings_view(&created))
}

fn as_new(model: &campaign::Model) -> NewCampaign {
    let settings = settings_view(model);
    NewCampaign {
        slug: settings.slug,
        title: settings.title,
        summary: settings.summary,
        starts_on: settings.starts_on,
        ends_on: settings.ends_on,
        review: model.review,
        call_to_action: settings.call_to_action,
        public_contact: settings.public_contact,
        archived: settings.archived,
        max_pending_per_client_hour: settings.max_pending_per_client_hour,
    }
}

/// `PATCH /api/v1/campaigns/{slug}` (admin): only the fields sent change.
pub async fn update(
    services: &Services,
    viewer: &Viewer,
    slug: &str,
    input: CampaignInput,
) -> ServiceResult<CampaignSettings> {
    viewer.require_admin()?;
    let model = storage::campaigns::find_by_slug(&services.db, slug).await?;
    let changed: Vec<&str> = [
        ("slug", input.slug.is_some()),
        ("title", input.title.is_some()),
        ("summary", input.summary.is_some()),
        ("call_to_action", input.call_to_action.is_some()),
        ("starts_on", input.starts_on.is_some()),
        ("ends_on", input.ends_on.is_some()),
        ("moderation", input.moderation.is_some()),
        ("public_contact", input.public_contact.is_some()),
        ("archived", input.archived.is_some()),
        (
            "max_pending_per_client_hour",
            input.max_pending_per_client_hour.is_some(),
        ),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    let clear_contact = input.public_contact.as_deref() == Some("");
    let mut new = merged(&as_new(&model), input);
    if clear_contact {
        new.public_contact = None;
    }
    let draft = campaign_input::validate(&new)?;
    let txn = crate::db::begin_write(&services.write_db).await?;
    let mut active: campaign::ActiveModel = model.clone().into();
    apply(&mut active, draft);
    // The public page shows these fields: its caches and live readers must
    // see the change.
    active.revision = Set(model.revision + 1);
    let updated = match active.update(&txn).await {
        Err(e) => match storage::unique_violation_of(e, "campaign") {
            StorageError::Duplicate(_) => {
                return Err(ServiceError::Conflict(format!(
                    "a campaign with slug '{}' exists already",
                    new.slug
                )));
            }
            other => return Err(other.into()),
        },
        Ok(updated) => updated,
    };
    audit::record(
        &txn,
        model.id,
        None,
        Actor::Organiser(viewer.id),
        "update_campaign",
        json!({ "fields": changed }),
    )
    .await?;
    txn.commit().await?;
    services.live.announce(model.id, true);
    Ok(settings_view(&updated))
}

/// The campaigns an organiser moderates (an admin: all, archived too).
pub async fn for_organiser(
    services: &Services,
    viewer: &Viewer,
) -> ServiceResult<CampaignSettingsList> {
    let all = storage::campaigns::list_all(&services.db).await?;
    Ok(CampaignSettingsList {
        campaigns: all
            .iter()
            .filter(|c| viewer.moderates_campaign(c.id))
            .map(settings_view)
            .collect(),
    })
}

/// `GET /api/v1/campaigns/{slug}/settings`.
pub async fn settings(
    services: &Services,
    viewer: &Viewer,
    slug: &str,
) -> ServiceResult<CampaignSettings> {
    let model = storage::campaigns::find_by_slug(&services.db, slug).await?;
    viewer.require_campaign(model.id)?;
    Ok(settings_view(&model))
}
