//! Campaign rows: find (published, by slug or id), insert, bump the revision.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{StorageError, StorageResult, unique_violation};
use crate::entities::campaign;

/// The published campaign with `slug`.
pub async fn find_published(
    db: &impl ConnectionTrait,
    slug: &str,
) -> StorageResult<campaign::Model> {
    campaign::Entity::find()
        .filter(campaign::Column::Slug.eq(slug))
        .filter(campaign::Column::Published.eq(true))
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("campaign"))
}

/// A campaign's id and the revision it is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignRevision {
    pub campaign_id: i64,
    pub revision: i64,
}

/// The id and revision of the published campaign with `slug`: all that a
/// reader of a cached page needs to know whether the copy still holds.
pub async fn published_revision(
    db: &impl ConnectionTrait,
    slug: &str,
) -> StorageResult<CampaignRevision> {
    campaign::Entity::find()
        .select_only()
        .columns([campaign::Column::Id, campaign::Column::Revision])
        .filter(campaign::Column::Slug.eq(slug))
        .filter(campaign::Column::Published.eq(true))
        .into_tuple()
        .one(db)
        .await?
        .map(|(campaign_id, revision)| CampaignRevision {
            campaign_id,
            revision,
        })
        .ok_or(StorageError::NotFound("campaign"))
}

/// The revision of the campaign with `id`.
pub async fn revision(db: &impl ConnectionTrait, id: i64) -> StorageResult<CampaignRevision> {
    campaign::Entity::find_by_id(id)
        .select_only()
        .column(campaign::Column::Revision)
        .into_tuple()
        .one(db)
        .await?
        .map(|revision| CampaignRevision {
            campaign_id: id,
            revision,
        })
        .ok_or(StorageError::NotFound("campaign"))
}

/// The campaign with `slug`, published or not (organisers).
pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> StorageResult<campaign::Model> {
    campaign::Entity::find()
        .filter(campaign::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("campaign"))
}

/// The published campaign with `id`.
pub async fn find_published_by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> StorageResult<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .filter(campaign::Column::Published.eq(true))
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("campaign"))
}

/// The campaign with `id`, published or not.
pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> StorageResult<campaign::Model> {
    campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("campaign"))
}

/// Published campaigns, the soonest day of action first.
pub async fn list_published(db: &impl ConnectionTrait) -> Result<Vec<campaign::Model>, DbErr> {
    campaign::Entity::find()
        .filter(campaign::Column::Published.eq(true))
        .order_by_asc(campaign::Column::StartsOn)
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await
}

/// Every campaign, the soonest day first (organisers).
pub async fn list_all(db: &impl ConnectionTrait) -> Result<Vec<campaign::Model>, DbErr> {
    campaign::Entity::find()
        .order_by_asc(campaign::Column::StartsOn)
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await
}

/// Campaigns whose last day is before `day`.
pub async fn ended_before(
    db: &impl ConnectionTrait,
    day: chrono::NaiveDate,
) -> Result<Vec<campaign::Model>, DbErr> {
    campaign::Entity::find()
        .filter(campaign::Column::EndsOn.lt(day))
        .all(db)
        .await
}

/// Inserts a campaign; `Duplicate("campaign")` when its slug is taken, also
/// by a concurrent insert.
pub async fn insert(
    db: &impl ConnectionTrait,
    row: campaign::ActiveModel,
) -> StorageResult<campaign::Model> {
    row.insert(db)
        .await
        .map_err(|e| unique_violation(e, "campaign"))
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
