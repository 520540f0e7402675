//! Campaigns: a day (or days) of action that events register for.

use chrono::NaiveDate;
use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::{Campaign, FieldErrors};

use super::{ServiceError, ServiceResult, Services};
use crate::entities::campaign;

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

/// The campaign's days as local dates.
pub fn days(c: &campaign::Model) -> (NaiveDate, NaiveDate) {
    let first = parse_day(&c.starts_on).unwrap_or_default();
    let last = parse_day(&c.ends_on).unwrap_or(first);
    (first, last)
}

pub async fn find_published(
    db: &impl ConnectionTrait,
    slug: &str,
) -> ServiceResult<campaign::Model> {
    campaign::Entity::find()
        .filter(campaign::Column::Slug.eq(slug))
        .filter(campaign::Column::Published.eq(true))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("campaign"))
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> ServiceResult<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("campaign"))
}

pub async fn get(services: &Services, slug: &str) -> ServiceResult<Campaign> {
    let model = find_published(&services.db, slug).await?;
    let stats = super::stats::for_campaign(services, &model).await?;
    Ok(view(model, stats))
}

/// Published campaigns, the soonest day of action first.
pub async fn list(services: &Services) -> ServiceResult<Vec<Campaign>> {
    let models = campaign::Entity::find()
        .filter(campaign::Column::Published.eq(true))
        .order_by_asc(campaign::Column::StartsOn)
        .order_by_asc(campaign::Column::Id)
        .all(&services.db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for model in models {
        let stats = super::stats::for_campaign(services, &model).await?;
        out.push(view(model, stats));
    }
    Ok(out)
}

fn view(model: campaign::Model, stats: shared::Stats) -> Campaign {
    Campaign {
        slug: model.slug,
        title: model.title,
        summary: model.summary,
        starts_on: model.starts_on,
        ends_on: model.ends_on,
        review: model.review,
        stats,
    }
}

pub fn validate(new: &NewCampaign) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let slug_ok = (1..=64).contains(&new.slug.len())
        && new
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !new.slug.starts_with('-')
        && !new.slug.ends_with('-');
    if !slug_ok {
        errors.add(
            "slug",
            "must be 1 to 64 lower-case letters, digits and inner hyphens",
        );
    }
    if new.title.trim().is_empty() || new.title.chars().count() > 200 {
        errors.add("title", "is required, at most 200 characters");
    }
    match (parse_day(&new.starts_on), parse_day(&new.ends_on)) {
        (None, _) => errors.add("starts_on", "must be a date like 2026-11-05"),
        (_, None) => errors.add("ends_on", "must be a date like 2026-11-05"),
        (Some(a), Some(b)) if b < a => errors.add("ends_on", "must not be before starts_on"),
        (Some(a), Some(b)) if (b - a).num_days() >= MAX_CAMPAIGN_DAYS => errors.add(
            "ends_on",
            format!("a campaign lasts at most {MAX_CAMPAIGN_DAYS} days"),
        ),
        _ => {}
    }
    errors.into_result()
}

pub async fn create(db: &impl ConnectionTrait, new: NewCampaign) -> ServiceResult<campaign::Model> {
    validate(&new)?;
    let exists = campaign::Entity::find()
        .filter(campaign::Column::Slug.eq(new.slug.as_str()))
        .one(db)
        .await?
        .is_some();
    if exists {
        return Err(ServiceError::Conflict(format!(
            "a campaign with slug '{}' exists already",
            new.slug
        )));
    }
    let model = campaign::ActiveModel {
        slug: Set(new.slug),
        title: Set(new.title.trim().to_string()),
        summary: Set(new.summary.trim().to_string()),
        starts_on: Set(new.starts_on.trim().to_string()),
        ends_on: Set(new.ends_on.trim().to_string()),
        review: Set(new.review),
        published: Set(true),
        revision: Set(0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model)
}

/// Marks the campaign's events as changed, inside the change's transaction.
pub async fn bump_revision(db: &impl ConnectionTrait, campaign_id: i64) -> Result<(), DbErr> {
    campaign::Entity::update_many()
        .col_expr(
            campaign::Column::Revision,
            Expr::col(campaign::Column::Revision).add(1),
        )
        .filter(campaign::Column::Id.eq(campaign_id))
        .exec(db)
        .await?;
    Ok(())
}
