//! Reading the audit log (admins); rows are written by `services::audit`.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::audit_log;

/// Up to `limit` entries, newest first, older than `before` when given.
pub async fn page(
    db: &impl ConnectionTrait,
    campaign_id: Option<i64>,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, DbErr> {
    let mut query = audit_log::Entity::find();
    if let Some(id) = campaign_id {
        query = query.filter(audit_log::Column::CampaignId.eq(id));
    }
    if let Some(before) = before {
        query = query.filter(audit_log::Column::Id.lt(before));
    }
    query
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
