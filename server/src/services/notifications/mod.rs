//! Notifications: a transactional outbox (written in the change's
//! transaction, delivered afterwards).

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use shared::Decision;

use crate::entities::{campaign, event, outbox};

pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
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
    .await?;
    Ok(())
}

/// Tells the group what organisers decided about its action.
pub async fn action_decided(
    db: &impl ConnectionTrait,
    public_url: &str,
    event: &event::Model,
    campaign: &campaign::Model,
    decision: Decision,
    reason: Option<&str>,
) -> Result<(), DbErr> {
    let what = match decision {
        Decision::Approve => "is now published",
        Decision::Reject => "was not accepted",
        Decision::Unpublish => "was taken down",
        Decision::Revert => "is shown again as it was approved",
        Decision::Spam | Decision::Accept => return Ok(()),
    };
    if event.contact_email.is_empty() {
        return Ok(());
    }
    let mut body = format!(
        "Your action \"{}\" in {} {what}.\n",
        event.title, campaign.title
    );
    if let Some(reason) = reason {
        body.push_str(&format!("\nThe organisers wrote: {reason}\n"));
    }
    body.push_str(&format!(
        "\nTo see or change it, open the private edit link you received when you registered \
         (its page is {public_url}/edit/{}).\n",
        event.id
    ));
    enqueue(
        db,
        &event.contact_email,
        &format!("{} {what}", event.title),
        &body,
    )
    .await
}
