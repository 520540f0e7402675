//! The audit log: one row per change, written in the change's transaction.
//! It records who (edit link, organiser, command line) and which fields, never
//! private values or IP addresses.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use crate::entities::audit_log;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Someone registering an action (no account).
    Public,
    /// The holder of an action's edit link.
    EditLink,
    Organiser(i64),
    CommandLine,
    /// The server itself, e.g. the daily erasure of private data.
    System,
}

impl Actor {
    fn label(self) -> String {
        match self {
            Actor::Public => "public".into(),
            Actor::EditLink => "edit_link".into(),
            Actor::Organiser(id) => format!("organiser:{id}"),
            Actor::CommandLine => "cli".into(),
            Actor::System => "system".into(),
        }
    }
}

/// A change of an account or a session (no campaign).
pub async fn record_account(
    db: &impl ConnectionTrait,
    actor: Actor,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    insert(db, None, None, actor, action, detail).await
}

pub async fn record(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    event_id: Option<i64>,
    actor: Actor,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    insert(db, Some(campaign_id), event_id, actor, action, detail).await
}

/// The same change to several events of a campaign, one row each, in one
/// statement: `events` are (event, detail).
pub async fn record_each(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    actor: Actor,
    action: &str,
    events: impl IntoIterator<Item = (i64, serde_json::Value)>,
) -> Result<(), DbErr> {
    let rows = events
        .into_iter()
        .map(|(event_id, detail)| row(Some(campaign_id), Some(event_id), actor, action, detail));
    audit_log::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn insert(
    db: &impl ConnectionTrait,
    campaign_id: Option<i64>,
    event_id: Option<i64>,
    actor: Actor,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), DbErr> {
    row(campaign_id, event_id, actor, action, detail)
        .insert(db)
        .await?;
    Ok(())
}

fn row(
    campaign_id: Option<i64>,
    event_id: Option<i64>,
    actor: Actor,
    action: &str,
    detail: serde_json::Value,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        campaign_id: Set(campaign_id),
        event_id: Set(event_id),
        actor: Set(actor.label()),
        action: Set(action.to_string()),
        detail: Set(detail.to_string()),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
}
