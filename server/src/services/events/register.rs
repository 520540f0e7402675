//! Registering an action: validated, then stored with a random id and the
//! hash of its edit token, audited, in a transaction it shares with the
//! registrations beside it (`commit_queue`).

use std::net::IpAddr;

use sea_orm::Set;
use shared::{Event, EventStatus, RegisterEvent};

use super::commit_queue::NewAction;
use super::common::{apply_draft, edit_url, rules};
use crate::domain::event_input;
use crate::domain::token;
use crate::entities::event;
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceError, ServiceResult, Services};
use crate::storage;

/// A new registration: the event and its edit token, shown this once.
pub struct Registration {
    pub event: Event,
    pub edit_token: String,
    pub edit_url: String,
}

/// Registers an action. In a review-first campaign it waits for organisers
/// unless its group is trusted there; filling the hidden honeypot field
/// keeps it as spam (answered like any registration, so a robot learns
/// nothing). `client` keys the campaign's limit of pending submissions per
/// client and hour, in memory only.
pub async fn register(
    services: &Services,
    slug: &str,
    req: RegisterEvent,
    client: Option<IpAddr>,
) -> ServiceResult<Registration> {
    let campaign = storage::campaigns::find_published(&services.db, slug).await?;
    if campaign.archived {
        return Err(ServiceError::Conflict(
            "this campaign is archived and takes no new actions".into(),
        ));
    }
    let draft = event_input::validate(&req, &rules(services, &campaign, true))?;
    let contact_hash = services
        .keys
        .contact_hash(&services.db, &draft.contact_email)
        .await?;
    let robot = req
        .homepage
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty());
    let trusted = campaign.review
        && storage::moderation::trusted(&services.db, campaign.id, &contact_hash).await?;
    let status = if robot {
        EventStatus::Rejected
    } else if campaign.review && !trusted {
        EventStatus::Pending
    } else {
        EventStatus::Published
    };
    if status == EventStatus::Pending {
        let limit = u32::try_from(campaign.max_pending_per_client_hour).unwrap_or(0);
        services
            .pending_limit
            .admit(campaign.id, client, limit)
            .map_err(|wait| ServiceError::TooMany {
                message: format!(
                    "this campaign takes at most {limit} submissions for review per hour from                      one address; try again in {} min",
                    wait.div_ceil(60)
                ),
                retry_after_secs: wait,
            })?;
    }
    let (edit_token, token_hash) = token::generate();
    let now = chrono::Utc::now();

    let mut row = event::ActiveModel {
        campaign_id: Set(campaign.id),
        status: Set(status),
        version: Set(1),
        edit_token_hash: Set(token_hash),
        created_at: Set(now),
        contact_hash: Set(contact_hash),
        spam: Set(robot),
        moderation_reason: Set(robot.then(|| "honeypot field filled".to_string())),
        changed_since_approval: Set(false),
        approved: Set(None),
        ..Default::default()
    };
    apply_draft(&mut row, &draft, now);
    let model = services
        .commit_queue
        .store(
            &services.write_db,
            &services.public_url,
            NewAction {
                row,
                campaign: campaign.clone(),
            },
        )
        .await?;
    services
        .live
        .announce(campaign.id, status == EventStatus::Published);

    tracing::info!(campaign = %campaign.slug, status = status.as_str(), "action registered");
    let edit_url = edit_url(services, model.id, &edit_token);
    Ok(Registration {
        event: event_view(&model, &campaign.slug, &services.places, Audience::Editor),
        edit_token,
        edit_url,
    })
}
