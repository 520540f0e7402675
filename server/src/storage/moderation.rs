//! The queries of moderation: the queue, the actions of the same days (for
//! duplicates), trusted groups, and the dashboard's rows.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::EventStatus;

use crate::entities::{endorsement, event, trusted_group};

/// Which rows a queue lists.
#[derive(Debug, Clone, Copy)]
pub enum QueueSelection {
    /// Pending and not spam, or published/cancelled and changed since approval.
    Queue,
    Changed,
    /// A status, and for rejected ones whether spam (`None`: either).
    Status(EventStatus, Option<bool>),
}

fn condition(selection: QueueSelection) -> Condition {
    let changed = || {
        Condition::all()
            .add(event::Column::Status.is_in([EventStatus::Published, EventStatus::Cancelled]))
            .add(event::Column::ChangedSinceApproval.eq(true))
    };
    match selection {
        QueueSelection::Queue => Condition::any()
            .add(
                Condition::all()
                    .add(event::Column::Status.eq(EventStatus::Pending))
                    .add(event::Column::Spam.eq(false)),
            )
            .add(changed()),
        QueueSelection::Changed => changed(),
        QueueSelection::Status(status, spam) => {
            let mut c = Condition::all().add(event::Column::Status.eq(status));
            if let Some(spam) = spam {
                c = c.add(event::Column::Spam.eq(spam));
            }
            c
        }
    }
}

/// Up to `limit` rows of the selection, oldest first, and how many there are.
pub async fn queue(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    selection: QueueSelection,
    countries: Option<&[String]>,
    limit: u64,
) -> Result<(Vec<event::Model>, u64), DbErr> {
    let mut query = event::Entity::find()
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(condition(selection));
    if let Some(countries) = countries {
        let codes: Vec<String> = countries.iter().map(|c| c.to_ascii_uppercase()).collect();
        query = query.filter(event::Column::CountryCode.is_in(codes));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(event::Column::UpdatedAt)
        .order_by_asc(event::Column::CreatedAt)
        .order_by_asc(event::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// What duplicate detection needs of an action.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub place_id: Option<i64>,
    pub address_key: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub local_date: NaiveDate,
    pub starts_at_utc: i64,
}

impl Candidate {
    /// An address compared without case and surrounding space.
    pub fn address_key(address: Option<&str>) -> Option<String> {
        address
            .map(|a| {
                a.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|a| !a.is_empty())
    }
}

/// The campaign's live actions (pending, published, cancelled) on `dates`.
pub async fn same_days(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    dates: &[NaiveDate],
) -> Result<Vec<Candidate>, DbErr> {
    if dates.is_empty() {
        return Ok(Vec::new());
    }
    let mut unique = dates.to_vec();
    unique.sort();
    unique.dedup();
    let rows = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .column(event::Column::PlaceId)
        .column(event::Column::Address)
        .column(event::Column::Latitude)
        .column(event::Column::Longitude)
        .column(event::Column::LocalDate)
        .column(event::Column::StartsAtUtc)
        .filter(event::Column::CampaignId.eq(campaign_id))
        .filter(event::Column::LocalDate.is_in(unique))
        .filter(event::Column::Status.is_in([
            EventStatus::Pending,
            EventStatus::Published,
            EventStatus::Cancelled,
        ]))
        .filter(event::Column::Spam.eq(false))
        .into_model::<CandidateRow>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Candidate {
            id: row.id,
            place_id: row.place_id,
            address_key: Candidate::address_key(row.address.as_deref()),
            latitude: row.latitude,
            longitude: row.longitude,
            local_date: row.local_date,
            starts_at_utc: row.starts_at_utc,
        })
        .collect())
}

#[derive(FromQueryResult)]
struct CandidateRow {
    id: i64,
    place_id: Option<i64>,
    address: Option<String>,
    latitude: f64,
    longitude: f64,
    local_date: NaiveDate,
    starts_at_utc: i64,
}

/// Whether the group with this contact hash is trusted in the campaign.
pub async fn trusted(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    contact_hash: &str,
) -> Result<bool, DbErr> {
    if contact_hash.is_empty() {
        return Ok(false);
    }
    Ok(
        trusted_group::Entity::find_by_id((campaign_id, contact_hash.to_string()))
            .one(db)
            .await?
            .is_some(),
    )
}

/// What the dashboard needs of each action.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DashboardRow {
    pub id: i64,
    pub title: String,
    pub city: String,
    pub city_key: String,
    pub country_code: String,
    pub latitude: f64,
    pub longitude: f64,
    pub status: EventStatus,
    pub changed_since_approval: bool,
    pub spam: bool,
    pub starts_at_utc: i64,
}

pub async fn dashboard_rows(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    countries: Option<&[String]>,
) -> Result<Vec<DashboardRow>, DbErr> {
    let mut query = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .column(event::Column::Title)
        .column(event::Column::City)
        .column(event::Column::CityKey)
        .column(event::Column::CountryCode)
        .column(event::Column::Latitude)
        .column(event::Column::Longitude)
        .column(event::Column::Status)
        .column(event::Column::ChangedSinceApproval)
        .column(event::Column::Spam)
        .column(event::Column::StartsAtUtc)
        .filter(event::Column::CampaignId.eq(campaign_id));
    if let Some(countries) = countries {
        let codes: Vec<String> = countries.iter().map(|c| c.to_ascii_uppercase()).collect();
        query = query.filter(event::Column::CountryCode.is_in(codes));
    }
    query.into_model::<DashboardRow>().all(db).await
}

/// Endorsements of the campaign with `status` (in `countries`).
pub async fn endorsement_count(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    status: shared::EndorsementStatus,
    countries: Option<&[String]>,
) -> Result<u64, DbErr> {
    let mut query = endorsement::Entity::find()
        .filter(endorsement::Column::CampaignId.eq(campaign_id))
        .filter(endorsement::Column::Status.eq(status));
    if let Some(countries) = countries {
        let codes: Vec<String> = countries.iter().map(|c| c.to_ascii_uppercase()).collect();
        query = query.filter(endorsement::Column::CountryCode.is_in(codes));
    }
    query.count(db).await
}
