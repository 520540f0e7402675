//! Campaigns: a day (or days) of action that events register for.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Set};
use shared::{Campaign, FieldError, FieldErrors};

use super::{ServiceError, ServiceResult, Services, stats};
use crate::entities::campaign;
use crate::storage::{self, StorageError};

/// A campaign to create, as given on the command line or by an organiser.
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub starts_on: String,
    pub ends_on: String,
    pub review: bool,
}

/// The longest campaign: a day of action, or a week of them.
pub const MAX_CAMPAIGN_DAYS: i64 = 14;

pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub async fn get(services: &Services, slug: &str) -> ServiceResult<Campaign> {
    let model = storage::campaigns::find_published(&services.db, slug).await?;
    let stats = stats::for_campaign(services, &model).await?;
    Ok(view(model, stats))
}

/// Published campaigns, the soonest day of action first.
pub async fn list(services: &Services) -> ServiceResult<Vec<Campaign>> {
    let models = storage::campaigns::list_published(&services.db).await?;
    let mut out = Vec::with_capacity(models.len());
    for model in models {
        let stats = stats::for_campaign(services, &model).await?;
        out.push(view(model, stats));
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
        stats,
    }
}

/// Checks a new campaign; its first and last day when it is valid.
pub fn validate(new: &NewCampaign) -> Result<(NaiveDate, NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::new();
    let slug_ok = (1..=64).contains(&new.slug.len())
        && new
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !new.slug.starts_with('-')
        && !new.slug.ends_with('-');
    if !slug_ok {
        errors.add("slug", FieldError::InvalidSlug { max: 64 });
    }
    if new.title.trim().is_empty() || new.title.chars().count() > 200 {
        errors.add("title", FieldError::RequiredAtMost { max: 200 });
    }
    let date = || FieldError::InvalidDate {
        example: "2026-11-05".into(),
    };
    match (parse_day(&new.starts_on), parse_day(&new.ends_on)) {
        (None, _) => errors.add("starts_on", date()),
        (_, None) => errors.add("ends_on", date()),
        (Some(a), Some(b)) if b < a => errors.add(
            "ends_on",
            FieldError::Before {
                other: "starts_on".into(),
            },
        ),
        (Some(a), Some(b)) if (b - a).num_days() >= MAX_CAMPAIGN_DAYS => errors.add(
            "ends_on",
            FieldError::TooLongCampaign {
                max_days: MAX_CAMPAIGN_DAYS,
            },
        ),
        (Some(a), Some(b)) if errors.is_empty() => return Ok((a, b)),
        _ => {}
    }
    Err(errors)
}

/// Creates a published campaign. A slug taken already, also by a campaign
/// created at the same moment (both passed the check), is a conflict.
pub async fn create(db: &impl ConnectionTrait, new: NewCampaign) -> ServiceResult<campaign::Model> {
    let (starts_on, ends_on) = validate(&new)?;
    let row = campaign::ActiveModel {
        slug: Set(new.slug.clone()),
        title: Set(new.title.trim().to_string()),
        summary: Set(new.summary.trim().to_string()),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        review: Set(new.review),
        published: Set(true),
        revision: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
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
