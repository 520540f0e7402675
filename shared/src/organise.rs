//! What organisers send and see: sessions, accounts and invitations, the
//! campaign editor, the moderation queue, the dashboard, the audit log and
//! the outbox. None of it is public: every route behind these needs an
//! organiser's session (cookie + `X-CSRF-Token` on writes).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Event, HourCount};

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub email: String,
    pub password: String,
}

/// The answer to a login and to `GET /api/v1/session`: who is logged in and
/// the token to send back as `X-CSRF-Token` on every write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub organiser: Organiser,
    pub csrf_token: String,
}

stored_enum! {
    pub enum Role {
        /// Campaigns, organisers, everything.
        Admin,
        /// The events and endorsements of the campaigns (and countries) given.
        Moderator,
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
        }
    }
}

/// What a moderator may moderate: one campaign, all of it or some countries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub campaign: String,
    /// ISO country codes; empty: every country.
    #[serde(default)]
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organiser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// A moderator's campaigns; empty for an admin (who has all).
    pub scopes: Vec<Scope>,
    /// Emails about new registrations and endorsements to review.
    pub notify: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganiserList {
    pub organisers: Vec<Organiser>,
}

/// `POST /api/v1/organisers/invitations` (admin): a one-time link for a
/// new organiser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Invite {
    pub email: String,
    pub role: Role,
    #[serde(default)]
    pub scopes: Vec<Scope>,
}

/// The link is shown once; its token lives only in the URL's fragment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteLink {
    pub invite_url: String,
    /// RFC 3339; the link works once, until then.
    pub expires_at: String,
}

/// `POST /api/v1/organisers/invitations/accept`: sets the new account's
/// password and logs in (the answer is a `SessionInfo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvite {
    pub token: String,
    pub password: String,
}

/// `PATCH /api/v1/organisers/{id}` (admin; `notify` also by the organiser).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganiser {
    /// Disabling ends every session of the account at once.
    pub disabled: Option<bool>,
    pub role: Option<Role>,
    pub scopes: Option<Vec<Scope>>,
    pub notify: Option<bool>,
}

stored_enum! {
    pub enum ModerationPolicy {
        /// New actions are public at once.
        PublishAtOnce,
        /// New actions wait for an organiser.
        ReviewFirst,
    }
}

/// `POST /api/v1/campaigns` (every field but the optional ones required)
/// and `PATCH /api/v1/campaigns/{slug}` (only the fields sent change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// The call to action by language code (`en`, `fa`, `es`, …).
    pub call_to_action: Option<BTreeMap<String, String>>,
    /// First local date of the day(s) of action, `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub moderation: Option<ModerationPolicy>,
    /// Shown on the campaign page; an email address or a URL.
    pub public_contact: Option<String>,
    /// An archived campaign stays readable but is not listed and takes no
    /// new actions or endorsements.
    pub archived: Option<bool>,
    /// The most submissions waiting for review from one client in an hour
    /// (0: no limit).
    pub max_pending_per_client_hour: Option<u32>,
}

/// A campaign as organisers see it (the public `Campaign` plus its settings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignSettings {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub call_to_action: BTreeMap<String, String>,
    pub starts_on: String,
    pub ends_on: String,
    pub moderation: ModerationPolicy,
    pub public_contact: Option<String>,
    pub archived: bool,
    pub max_pending_per_client_hour: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignSettingsList {
    pub campaigns: Vec<CampaignSettings>,
}

/// Why an action is in the moderation queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueReason {
    /// Waiting for a first decision.
    New,
    /// Published, and its group changed its time, place or title since.
    Changed,
}

/// A field of a published action, as approved and as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub approved: String,
    pub now: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    /// Everything the group sent: private contact and exact point included.
    pub event: Event,
    pub reason: QueueReason,
    /// RFC 3339 UTC: when it was submitted (or last changed).
    pub submitted_at: String,
    /// For `changed`: each changed field, side by side.
    pub changes: Vec<FieldChange>,
    /// Other actions of the campaign at the same place (or within 1 km) on
    /// the same local date, starting within an hour of this one.
    pub possible_duplicates: Vec<i64>,
}

/// `GET /api/v1/campaigns/{slug}/moderation?country=XX&status=…`: oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    pub items: Vec<QueueItem>,
    pub total: u64,
}

/// `POST /api/v1/events/{id}/approve` (the body is optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Approve {
    /// The group's later actions (same contact email) publish at once in
    /// this campaign.
    #[serde(default)]
    pub trust_group: bool,
}

/// `POST /api/v1/events/{id}/reject` and `/unpublish`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    Spam,
    /// For a changed action: take the changes.
    Accept,
    /// For a changed action: put back what was approved.
    Revert,
    Unpublish,
}

/// `POST /api/v1/campaigns/{slug}/moderation` : one decision for many actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkDecision {
    pub ids: Vec<i64>,
    pub decision: Decision,
    pub reason: Option<String>,
}

/// What happened to each action of a bulk decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    pub done: Vec<i64>,
    /// Id → why not (e.g. changed meanwhile, not in the queue).
    pub refused: BTreeMap<String, String>,
}

/// Counters for organisers: every status, not only the public ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    pub published: u64,
    pub pending: u64,
    pub changed: u64,
    pub rejected: u64,
    pub cancelled: u64,
    pub withdrawn: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CityActions {
    pub city: String,
    pub events: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCities {
    pub country_code: String,
    pub country: String,
    pub events: u64,
    pub cities: Vec<CityActions>,
}

/// One action on the dashboard's map, coloured by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusPoint {
    pub id: i64,
    pub title: String,
    pub city: String,
    pub latitude: f64,
    pub longitude: f64,
    pub status: crate::EventStatus,
}

/// `GET /api/v1/campaigns/{slug}/dashboard`. Within a moderator's countries
/// only, when they are limited to some.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub statuses: StatusCounts,
    /// The public counters (published only), as quoted.
    pub cities: u64,
    pub countries: u64,
    pub organisations: u64,
    pub queue_length: u64,
    pub pending_endorsements: u64,
    /// Published actions by country, with their cities; most actions first.
    pub by_country: Vec<CountryCities>,
    /// The wave: published actions starting in each UTC hour (24 entries).
    pub by_utc_hour: Vec<HourCount>,
    pub points: Vec<StatusPoint>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC.
    pub at: String,
    /// `organiser <email>`, `edit link`, `public`, `command line`, `system`.
    pub actor: String,
    pub action: String,
    pub campaign: Option<String>,
    pub event_id: Option<i64>,
    pub detail: serde_json::Value,
}

/// `GET /api/v1/audit?campaign=&before=&limit=` (admin): newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page.
    pub next_before: Option<i64>,
}

/// One message of the outbox (`GET /api/v1/outbox`, admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub sent_at: Option<String>,
    /// The last delivery error, or why it is not sent (no `SMTP_URL`).
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outbox {
    pub messages: Vec<OutboxMessage>,
}
