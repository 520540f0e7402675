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

/// The subject and body that tell moderators of an action to review.
pub fn new_submission_text(
    public_url: &str,
    campaign: &campaign::Model,
    title: &str,
    place: &str,
) -> (String, String) {
    texts::new_submission(public_url, &campaign.title, &campaign.slug, title, place)
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

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Utc};
    use shared::{EventKind, EventStatus, LocationVisibility};

    use super::*;
    use crate::entities::values::{Links, Texts};

    fn campaign() -> campaign::Model {
        campaign::Model {
            id: 1,
            slug: "day".into(),
            title: "Day of solidarity".into(),
            summary: String::new(),
            starts_on: NaiveDate::from_ymd_opt(2026, 11, 5).expect("date"),
            ends_on: NaiveDate::from_ymd_opt(2026, 11, 5).expect("date"),
            review: true,
            published: true,
            revision: 0,
            created_at: Utc::now(),
            call_to_action: Texts::default(),
            public_contact: None,
            archived: false,
            max_pending_per_client_hour: 0,
        }
    }

    fn event(contact: &str, language: Option<&str>) -> event::Model {
        let start = NaiveDate::from_ymd_opt(2026, 11, 5)
            .and_then(|d| d.and_hms_opt(14, 0, 0))
            .expect("time");
        event::Model {
            id: 42,
            campaign_id: 1,
            title: "Vigil".into(),
            kind: EventKind::Vigil,
            description: None,
            organiser_name: "Group".into(),
            contact_email: contact.into(),
            public_contact: None,
            city: "Berlin".into(),
            city_key: "p:2950159".into(),
            country_code: "DE".into(),
            place_id: Some(2950159),
            address: None,
            latitude: 52.5,
            longitude: 13.4,
            public_latitude: 52.5,
            public_longitude: 13.4,
            public_x: 0.0,
            public_y: 0.0,
            public_z: 0.0,
            location_visibility: LocationVisibility::Exact,
            timezone: chrono_tz::Europe::Berlin.into(),
            local_start: start,
            local_end: None,
            local_date: start.date(),
            starts_at_utc: 1_793_970_000,
            ends_at_utc: None,
            links: Links::default(),
            language: language.map(str::to_string),
            search_text: String::new(),
            status: EventStatus::Published,
            version: 1,
            edit_token_hash: "hash".into(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            approved: None,
            changed_since_approval: false,
            moderation_reason: None,
            spam: false,
            contact_hash: String::new(),
        }
    }

    #[tokio::test]
    async fn a_decision_is_queued_for_the_group_in_its_language() {
        let (db, dir) = crate::db::scratch_sqlite("decided").await;
        let url = "https://actions.example.org";
        let campaign = campaign();
        action_decided(
            &db,
            url,
            &event("group@example.org", Some("fa")),
            &campaign,
            Decision::Unpublish,
            Some("  the place is a trap  "),
        )
        .await
        .expect("queued");
        // Nothing for spam, accepted changes, or a group whose contact was erased.
        for (contact, decision) in [
            ("group@example.org", Decision::Spam),
            ("group@example.org", Decision::Accept),
            ("", Decision::Reject),
        ] {
            action_decided(&db, url, &event(contact, None), &campaign, decision, None)
                .await
                .expect("nothing");
        }
        let rows = storage::outbox::newest(&db, 10).await.expect("rows");
        assert_eq!(rows.len(), 1);
        let m = &rows[0];
        assert_eq!(m.recipient, "group@example.org");
        assert_eq!(m.subject, "برنامهٔ شما «Vigil» برداشته شد");
        assert!(m.body.contains("دلیل: the place is a trap\n"), "{}", m.body);
        assert!(
            m.body.contains("https://actions.example.org/edit/42 "),
            "{}",
            m.body
        );
        assert!(!m.body.contains('#'), "no token: {}", m.body);
        let _ = std::fs::remove_dir_all(dir);
    }
}
