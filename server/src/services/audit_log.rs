//! Reading the audit log (admins): newest first, a page at a time, each
//! actor named for people (`organiser <email>`, `edit link`, …).

use std::collections::HashMap;

use shared::{AuditEntry, AuditLog, FieldError, FieldErrors};

use super::accounts::Viewer;
use super::{ServiceError, ServiceResult, Services};
use crate::domain::local_time::rfc3339_utc;
use crate::storage::{self, StorageError};

pub const LIMIT_DEFAULT: u64 = 50;
pub const LIMIT_MAX: u64 = 200;

/// `?campaign=SLUG&before=ID&limit=N`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    pub campaign: Option<String>,
    pub before: Option<i64>,
    pub limit: u64,
}

impl AuditQuery {
    pub fn parse(
        campaign: Option<&str>,
        before: Option<&str>,
        limit: Option<&str>,
    ) -> Result<AuditQuery, FieldErrors> {
        let mut errors = FieldErrors::new();
        let before = match before.map(str::trim).filter(|b| !b.is_empty()) {
            None => None,
            Some(b) => match b.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.add("before", FieldError::PositiveWholeNumber);
                    None
                }
            },
        };
        let limit = match limit.map(str::trim).filter(|l| !l.is_empty()) {
            None => LIMIT_DEFAULT,
            Some(l) => match l.parse::<u64>() {
                Ok(n) if (1..=LIMIT_MAX).contains(&n) => n,
                _ => {
                    errors.add(
                        "limit",
                        FieldError::WholeNumberRange {
                            min: 1,
                            max: LIMIT_MAX,
                        },
                    );
                    LIMIT_DEFAULT
                }
            },
        };
        errors.into_result()?;
        Ok(AuditQuery {
            campaign: campaign
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            before,
            limit,
        })
    }
}

/// How an actor label of `services::audit` reads.
fn actor_name(label: &str, emails: &HashMap<i64, String>) -> String {
    if let Some(id) = organiser_id(label) {
        return match emails.get(&id) {
            Some(email) => format!("organiser {email}"),
            None => format!("organiser #{id}"),
        };
    }
    match label {
        "edit_link" => "edit link".into(),
        "public" => "public".into(),
        "cli" => "command line".into(),
        "system" => "system".into(),
        other => other.to_string(),
    }
}

fn organiser_id(label: &str) -> Option<i64> {
    label.strip_prefix("organiser:")?.parse().ok()
}

/// `GET /api/v1/audit` (admins).
pub async fn list(
    services: &Services,
    viewer: &Viewer,
    query: AuditQuery,
) -> ServiceResult<AuditLog> {
    viewer.require_admin()?;
    let db = &services.db;
    let campaign_id = match &query.campaign {
        None => None,
        Some(slug) => match storage::campaigns::find_by_slug(db, slug).await {
            Ok(c) => Some(c.id),
            Err(StorageError::NotFound(_)) => {
                return Err(ServiceError::Invalid(FieldErrors::one(
                    "campaign",
                    FieldError::UnknownCampaign { slug: slug.clone() },
                )));
            }
            Err(e) => return Err(e.into()),
        },
    };
    let rows = storage::audit::page(db, campaign_id, query.before, query.limit).await?;
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| organiser_id(&r.actor)).collect();
    ids.sort_unstable();
    ids.dedup();
    let emails = storage::accounts::emails(db, &ids).await?;
    let mut slugs: HashMap<i64, String> = HashMap::new();
    for id in rows.iter().filter_map(|r| r.campaign_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = slugs.entry(id)
            && let Ok(c) = storage::campaigns::find_by_id(db, id).await
        {
            slot.insert(c.slug);
        }
    }
    let next_before = (rows.len() as u64 == query.limit)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let entries = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: rfc3339_utc(r.at.timestamp()),
            actor: actor_name(&r.actor, &emails),
            action: r.action,
            campaign: r.campaign_id.and_then(|id| slugs.get(&id).cloned()),
            event_id: r.event_id,
            detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::String(r.detail)),
        })
        .collect();
    Ok(AuditLog {
        entries,
        next_before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_checked_and_named() {
        let q = AuditQuery::parse(None, None, None).expect("defaults");
        assert_eq!((q.campaign, q.before, q.limit), (None, None, 50));
        let q = AuditQuery::parse(Some("day"), Some("9"), Some("200")).expect("valid");
        assert_eq!(
            (q.campaign.as_deref(), q.before, q.limit),
            (Some("day"), Some(9), 200)
        );
        let e = AuditQuery::parse(None, Some("-1"), Some("0")).expect_err("bad");
        assert!(e.has("before") && e.has("limit"));
        assert!(AuditQuery::parse(None, None, Some("201")).is_err());
    }

    #[test]
    fn actors_read_as_words() {
        let emails = HashMap::from([(3, "a@example.org".to_string())]);
        assert_eq!(
            actor_name("organiser:3", &emails),
            "organiser a@example.org"
        );
        assert_eq!(actor_name("organiser:4", &emails), "organiser #4");
        assert_eq!(actor_name("edit_link", &emails), "edit link");
        assert_eq!(actor_name("cli", &emails), "command line");
        assert_eq!(actor_name("system", &emails), "system");
        assert_eq!(actor_name("public", &emails), "public");
    }
}
