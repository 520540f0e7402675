//! The moderation queue: what waits for a decision (new submissions, and
//! published actions changed since approval), oldest first, or the actions
//! of one status; within a moderator's countries; with possible duplicates.

use geo::{Distance, Haversine, Point};
use shared::{EventStatus, ModerationQueue, QueueItem, QueueReason};

use super::approved::Approved;
use crate::services::accounts::Viewer;
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceResult, Services};
use crate::storage;
use crate::storage::moderation::{Candidate, QueueSelection};

/// Which actions to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueStatus {
    /// Pending (not spam) and changed since approval.
    #[default]
    Queue,
    Pending,
    Changed,
    Published,
    Rejected,
    Spam,
    Cancelled,
    Withdrawn,
}

impl QueueStatus {
    pub const ALL: [(&'static str, QueueStatus); 8] = [
        ("queue", QueueStatus::Queue),
        ("pending", QueueStatus::Pending),
        ("changed", QueueStatus::Changed),
        ("published", QueueStatus::Published),
        ("rejected", QueueStatus::Rejected),
        ("spam", QueueStatus::Spam),
        ("cancelled", QueueStatus::Cancelled),
        ("withdrawn", QueueStatus::Withdrawn),
    ];

    fn selection(self) -> QueueSelection {
        use QueueSelection as S;
        match self {
            QueueStatus::Queue => S::Queue,
            QueueStatus::Pending => S::Status(EventStatus::Pending, Some(false)),
            QueueStatus::Changed => S::Changed,
            QueueStatus::Published => S::Status(EventStatus::Published, None),
            QueueStatus::Rejected => S::Status(EventStatus::Rejected, Some(false)),
            QueueStatus::Spam => S::Status(EventStatus::Rejected, Some(true)),
            QueueStatus::Cancelled => S::Status(EventStatus::Cancelled, None),
            QueueStatus::Withdrawn => S::Status(EventStatus::Withdrawn, None),
        }
    }
}

/// `GET …/moderation?status=&country=`, parsed.
#[derive(Debug, Clone, Default)]
pub struct QueueQuery {
    pub status: QueueStatus,
    pub country: Option<String>,
}

/// The most items in one answer; `total` counts them all.
pub const PAGE: u64 = 200;

/// Same place or within this distance …
const DUPLICATE_KM: f64 = 1.0;
/// … starting within this many seconds, on the same local date.
const DUPLICATE_SECONDS: i64 = 3600;

pub async fn list(
    services: &Services,
    viewer: &Viewer,
    slug: &str,
    query: QueueQuery,
) -> ServiceResult<ModerationQueue> {
    let campaign = storage::campaigns::find_by_slug(&services.db, slug).await?;
    viewer.require_campaign(campaign.id)?;
    let mut countries: Option<Vec<String>> = viewer
        .countries(campaign.id)
        .flatten()
        .map(<[String]>::to_vec);
    if let Some(country) = &query.country {
        countries = Some(match countries {
            Some(allowed) => allowed
                .into_iter()
                .filter(|c| c.eq_ignore_ascii_case(country))
                .collect(),
            None => vec![country.clone()],
        });
    }
    let selection = query.status.selection();
    let (models, total) = storage::moderation::queue(
        &services.db,
        campaign.id,
        selection,
        countries.as_deref(),
        PAGE,
    )
    .await?;
    let dates: Vec<chrono::NaiveDate> = models.iter().map(|m| m.local_date).collect();
    let candidates = storage::moderation::same_days(&services.db, campaign.id, &dates).await?;
    let items = models
        .into_iter()
        .map(|model| {
            let changed = model.changed_since_approval && model.status.is_public();
            let changes = if changed {
                Approved::stored_or_current(&model).changes(&Approved::of(&model))
            } else {
                Vec::new()
            };
            let possible_duplicates = duplicates_of(&model_candidate(&model), &candidates);
            QueueItem {
                reason: if changed {
                    QueueReason::Changed
                } else {
                    QueueReason::New
                },
                submitted_at: if changed {
                    model.updated_at.to_rfc3339()
                } else {
                    model.created_at.to_rfc3339()
                },
                changes,
                possible_duplicates,
                event: event_view(&model, &campaign.slug, &services.places, Audience::Editor),
            }
        })
        .collect();
    Ok(ModerationQueue { items, total })
}

fn model_candidate(model: &crate::entities::event::Model) -> Candidate {
    Candidate {
        id: model.id,
        place_id: model.place_id,
        address_key: Candidate::address_key(model.address.as_deref()),
        latitude: model.latitude,
        longitude: model.longitude,
        local_date: model.local_date,
        starts_at_utc: model.starts_at_utc,
    }
}

/// The ids of `others` that may be the same action as `one`: at the same
/// place (the same address in the same city, or within 1 km), on the same local date, starting within an hour.
pub fn duplicates_of(one: &Candidate, others: &[Candidate]) -> Vec<i64> {
    let here = Point::new(one.longitude, one.latitude);
    others
        .iter()
        .filter(|o| o.id != one.id && o.local_date == one.local_date)
        .filter(|o| (o.starts_at_utc - one.starts_at_utc).abs() <= DUPLICATE_SECONDS)
        .filter(|o| {
            let same_address = one.place_id == o.place_id
                && one.address_key.is_some()
                && o.address_key == one.address_key;
            same_address
                || Haversine.distance(here, Point::new(o.longitude, o.latitude)) / 1000.0
                    <= DUPLICATE_KM
        })
        .map(|o| o.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(id: i64, lat: f64, lon: f64, start: i64) -> Candidate {
        Candidate {
            id,
            place_id: Some(2950159),
            address_key: None,
            latitude: lat,
            longitude: lon,
            local_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 5).expect("date"),
            starts_at_utc: start,
        }
    }

    #[test]
    fn duplicates_are_near_in_place_and_time() {
        let one = at(1, 52.5163, 13.3777, 36_000);
        let others = [
            at(2, 52.5200, 13.3800, 36_000 + 3_000), // 450 m, 50 min later
            at(3, 52.5163, 13.3777, 36_000 + 7_200), // two hours later
            at(4, 52.4000, 13.0500, 36_000),         // 25 km away, same city id
            Candidate {
                local_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 6).expect("date"),
                ..at(5, 52.5163, 13.3777, 36_000)
            },
            at(1, 52.5163, 13.3777, 36_000), // itself
        ];
        assert_eq!(duplicates_of(&one, &others), [2]);
        // The same address in the same city, even with the pins far apart.
        let key = Candidate::address_key(Some("  Pariser Platz "));
        let one = Candidate {
            address_key: key.clone(),
            ..at(6, 52.5163, 13.3777, 36_000)
        };
        let other = Candidate {
            address_key: Candidate::address_key(Some("pariser platz")),
            ..at(7, 52.4000, 13.0500, 36_000)
        };
        assert_eq!(duplicates_of(&one, &[other]), [7]);
    }
}
