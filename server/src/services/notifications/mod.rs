//! Notifications by email through a transactional outbox: a message is a row
//! of `outbox` written in the transaction of the change it tells of (so a
//! change that rolls back tells nobody, and one that commits is never
//! forgotten), and `sender` delivers it later through SMTP when `SMTP_URL`
//! is set. Without it, messages stay in the outbox for admins to read
//! (`GET /api/v1/outbox`).

pub mod sender;
mod texts;

use sea_orm::{ConnectionTrait, DbErr};
use shared::{Decision, Outbox, OutboxMessage};

use super::accounts::Viewer;
use super::{ServiceResult, Services};
use crate::entities::{campaign, event};
use crate::storage;

pub use sender::spawn_sender;

/// Queues one message in the caller's transaction.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbErr> {
    storage::outbox::insert(db, recipient, subject, body, chrono::Utc::now()).await?;
    Ok(())
}

/// Tells an action's group what organisers decided (approved, rejected,
/// taken down, changes put back), in the action's language when there is a
/// text for it. The email names the edit page but never carries the edit
/// token: the group opens the private link it received at registration.
/// Spam and accepted changes send nothing (nothing to tell, or nothing the
/// group should learn).
pub async fn action_decided(
    db: &impl ConnectionTrait,
    public_url: &str,
    event: &event::Model,
    campaign: &campaign::Model,
    decision: Decision,
    reason: Option<&str>,
) -> Result<(), DbErr> {
    let recipient = event.contact_email.trim();
    if recipient.is_empty() {
        return Ok(());
    }
    let language = texts::Language::of(event.language.as_deref());
    let Some((subject, body)) = texts::decision(
        language,
        decision,
        &event.title,
        &campaign.title,
        reason.map(str::trim).filter(|r| !r.is_empty()),
        &format!("{}/edit/{}", public_url.trim_end_matches('/'), event.id),
    ) else {
        return Ok(());
    };
    enqueue(db, recipient, &subject, &body).await
}

/// One message to every enabled organiser who asked for emails and
/// moderates `campaign` (in `country_code`, when given).
pub async fn tell_moderators(
    db: &impl ConnectionTrait,
    campaign: &campaign::Model,
    country_code: Option<&str>,
    subject: &str,
    body: &str,
) -> Result<(), DbErr> {
    for organiser in storage::accounts::to_notify(db, campaign.id, country_code).await? {
        enqueue(db, &organiser.email, subject, body).await?;
    }
    Ok(())
}

/// The subject and body that tell moderators of a new endorsement.
pub fn new_endorsement_text(
    public_url: &str,
    campaign: &campaign::Model,
    name: &str,
    place: &str,
) -> (String, String) {
    texts::new_endorsement(public_url, &campaign.title, &campaign.slug, name, place)
}

/// The outbox, newest first (admins).
pub const OUTBOX_PAGE: u64 = 200;

pub async fn outbox(services: &Services, viewer: &Viewer) -> ServiceResult<Outbox> {
    viewer.require_admin()?;
    let rows = storage::outbox::newest(&services.db, OUTBOX_PAGE).await?;
    Ok(Outbox {
        messages: rows
            .into_iter()
            .map(|m| OutboxMessage {
                id: m.id,
                to: m.recipient,
                subject: m.subject,
                body: m.body,
                created_at: crate::domain::local_time::rfc3339_utc(m.created_at.timestamp()),
                sent_at: m
                    .sent_at
                    .map(|t| crate::domain::local_time::rfc3339_utc(t.timestamp())),
                error: m.last_error,
            })
            .collect(),
    })
}
