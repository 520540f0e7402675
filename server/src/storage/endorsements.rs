//! Endorsement rows.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use shared::EndorsementStatus;

use super::{StorageError, StorageResult};
use crate::entities::endorsement;

pub async fn insert(
    db: &impl ConnectionTrait,
    row: endorsement::ActiveModel,
) -> Result<endorsement::Model, DbErr> {
    row.insert(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> StorageResult<endorsement::Model> {
    endorsement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("endorsement"))
}

/// A campaign's endorsements with one of `statuses` (every status when empty).
pub async fn list(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    statuses: &[EndorsementStatus],
) -> Result<Vec<endorsement::Model>, DbErr> {
    let mut query =
        endorsement::Entity::find().filter(endorsement::Column::CampaignId.eq(campaign_id));
    if !statuses.is_empty() {
        query = query.filter(endorsement::Column::Status.is_in(statuses.iter().copied()));
    }
    query.order_by_asc(endorsement::Column::Id).all(db).await
}

pub async fn count(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    status: EndorsementStatus,
) -> Result<u64, DbErr> {
    endorsement::Entity::find()
        .filter(endorsement::Column::CampaignId.eq(campaign_id))
        .filter(endorsement::Column::Status.eq(status))
        .count(db)
        .await
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    model: endorsement::Model,
    status: EndorsementStatus,
) -> Result<endorsement::Model, DbErr> {
    let mut active: endorsement::ActiveModel = model.into();
    active.status = Set(status);
    active.update(db).await
}
