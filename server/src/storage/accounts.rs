//! Organisers, their scopes, sessions and invitations.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::{StorageError, StorageResult, unique_violation};
use crate::entities::{campaign, invitation, organiser, organiser_scope, session};

pub async fn organiser_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<organiser::Model>, DbErr> {
    organiser::Entity::find()
        .filter(organiser::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn organiser(db: &impl ConnectionTrait, id: i64) -> StorageResult<organiser::Model> {
    organiser::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StorageError::NotFound("organiser"))
}

pub async fn organisers(db: &impl ConnectionTrait) -> Result<Vec<organiser::Model>, DbErr> {
    organiser::Entity::find()
        .order_by_asc(organiser::Column::Email)
        .all(db)
        .await
}

/// Inserts an organiser; `Duplicate` when the email has an account.
pub async fn insert_organiser(
    db: &impl ConnectionTrait,
    row: organiser::ActiveModel,
) -> StorageResult<organiser::Model> {
    row.insert(db)
        .await
        .map_err(|e| unique_violation(e, "organiser"))
}

/// A moderator's scopes with each campaign's slug.
pub async fn scopes(
    db: &impl ConnectionTrait,
    organiser_id: i64,
) -> Result<Vec<(organiser_scope::Model, String)>, DbErr> {
    let rows = organiser_scope::Entity::find()
        .filter(organiser_scope::Column::OrganiserId.eq(organiser_id))
        .order_by_asc(organiser_scope::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(c) = campaign::Entity::find_by_id(row.campaign_id)
            .one(db)
            .await?
        {
            out.push((row, c.slug));
        }
    }
    Ok(out)
}

/// Replaces a moderator's scopes: `(campaign_id, country or None for all)`.
pub async fn set_scopes(
    db: &impl ConnectionTrait,
    organiser_id: i64,
    scopes: &[(i64, Option<String>)],
) -> Result<(), DbErr> {
    organiser_scope::Entity::delete_many()
        .filter(organiser_scope::Column::OrganiserId.eq(organiser_id))
        .exec(db)
        .await?;
    for (campaign_id, country) in scopes {
        organiser_scope::ActiveModel {
            organiser_id: Set(organiser_id),
            campaign_id: Set(*campaign_id),
            country_code: Set(country.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn insert_session(db: &impl ConnectionTrait, row: session::Model) -> Result<(), DbErr> {
    session::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

pub async fn session(
    db: &impl ConnectionTrait,
    id_hash: &str,
) -> Result<Option<session::Model>, DbErr> {
    session::Entity::find_by_id(id_hash.to_string())
        .one(db)
        .await
}

pub async fn touch_session(
    db: &impl ConnectionTrait,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(Some(now)))
        .filter(session::Column::Id.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(id_hash.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of an organiser (disabled, or a new password).
pub async fn delete_sessions_of(
    db: &impl ConnectionTrait,
    organiser_id: i64,
) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::OrganiserId.eq(organiser_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Sessions past their absolute end, and idle ones, are removed now and then.
pub async fn delete_expired_sessions(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::LastSeenAt.lt(idle_before)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn insert_invitation(
    db: &impl ConnectionTrait,
    row: invitation::Model,
) -> Result<(), DbErr> {
    invitation::ActiveModel::from(row).insert(db).await?;
    Ok(())
}

/// Marks an unused, unexpired invitation used; `None` when there is none
/// (of two acceptances at once, one gets it).
pub async fn take_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<invitation::Model>, DbErr> {
    let taken = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(Some(now)))
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(None);
    }
    invitation::Entity::find_by_id(token_hash.to_string())
        .one(db)
        .await
}

/// Enabled organisers who asked for emails and moderate `campaign_id` (in
/// `country_code` when given; with none, only those with the whole
/// campaign): admins, and moderators with a matching scope.
pub async fn to_notify(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    country_code: Option<&str>,
) -> Result<Vec<organiser::Model>, DbErr> {
    let enabled = organiser::Entity::find()
        .filter(organiser::Column::DisabledAt.is_null())
        .filter(organiser::Column::Notify.eq(true))
        .order_by_asc(organiser::Column::Id)
        .all(db)
        .await?;
    let mut scope =
        organiser_scope::Entity::find().filter(organiser_scope::Column::CampaignId.eq(campaign_id));
    scope = match country_code {
        Some(cc) => scope.filter(
            Condition::any()
                .add(organiser_scope::Column::CountryCode.is_null())
                .add(organiser_scope::Column::CountryCode.eq(cc.to_ascii_uppercase())),
        ),
        None => scope.filter(organiser_scope::Column::CountryCode.is_null()),
    };
    let scoped: std::collections::HashSet<i64> = scope
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.organiser_id)
        .collect();
    Ok(enabled
        .into_iter()
        .filter(|o| o.role == shared::Role::Admin || scoped.contains(&o.id))
        .collect())
}

/// The emails of these organisers, by id.
pub async fn emails(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(organiser::Entity::find()
        .filter(organiser::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.email))
        .collect())
}
