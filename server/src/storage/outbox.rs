//! The outbox: notifications written in the transaction of what caused them,
//! sent later by `services::notifications::sender`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entities::outbox;

/// Attempts after which a message is left unsent (its error stays).
pub const MAX_ATTEMPTS: i32 = 10;

pub async fn insert(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<outbox::Model, DbErr> {
    outbox::ActiveModel {
        recipient: Set(recipient.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The newest `limit` messages, newest first.
pub async fn newest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// The id of an unsent message that is due, if any.
pub async fn next_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Option<i64>, DbErr> {
    outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .into_tuple()
        .one(db)
        .await
}

/// Takes message `id` for sending until `lease_until`, if it is still due and
/// unsent: of several replicas that try at once, one moves its
/// `next_attempt_at` forward and the others then find it not due.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<outbox::Model>, DbErr> {
    let claimed = outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(lease_until))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    outbox::Entity::find_by_id(id).one(db).await
}

pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt; the next one is due at `retry_at`.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.to_string())),
        )
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(retry_at))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Without SMTP: says once, on every unsent message that says nothing yet,
/// why it stays here.
pub async fn note_unsent(db: &impl ConnectionTrait, why: &str) -> Result<u64, DbErr> {
    // A read first: most ticks find nothing, and take no write lock then.
    let waiting: Option<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::LastError.is_null())
        .into_tuple()
        .one(db)
        .await?;
    if waiting.is_none() {
        return Ok(0);
    }
    Ok(outbox::Entity::update_many()
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(why.to_string())),
        )
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::LastError.is_null())
        .exec(db)
        .await?
        .rows_affected)
}
