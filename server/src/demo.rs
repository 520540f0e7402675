//! `server demo`: a demo campaign with real actions in cities on every
//! continent, registered through the same service (and rules) as any group's.

use chrono::{Datelike, NaiveDate, Weekday};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, Set};
use serde::Deserialize;
use shared::{EventStatus, RegisterEvent};

use crate::entities::{campaign, endorsement};
use crate::services::events::{self, Credential};
use crate::services::{ServiceError, Services, campaigns};

const DEMO_JSON: &str = include_str!("demo/demo.json");

#[derive(Deserialize)]
struct Demo {
    campaign: DemoCampaign,
    endorsements: Vec<DemoEndorsement>,
    actions: Vec<DemoAction>,
}

#[derive(Deserialize)]
struct DemoCampaign {
    slug: String,
    title: String,
    summary: String,
}

#[derive(Deserialize)]
struct DemoEndorsement {
    name: String,
    name_alt: Option<String>,
    country_code: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct DemoAction {
    place_id: i64,
    title: String,
    kind: String,
    description: Option<String>,
    organiser_name: String,
    public_contact: Option<String>,
    address: Option<String>,
    latitude: f64,
    longitude: f64,
    start: String,
    end: Option<String>,
    language: Option<String>,
    location_visibility: String,
    status: EventStatus,
}

#[derive(Debug)]
pub struct DemoSummary {
    pub slug: String,
    pub day: NaiveDate,
    pub actions: usize,
    pub cancelled: usize,
    pub endorsements: usize,
}

/// The next Saturday after `today`: a day of action is usually a weekend day.
/// The demo's admin account (its password is made with each demo database).
pub const ORGANISER: &str = "organiser@example.org";

pub fn next_saturday(today: NaiveDate) -> NaiveDate {
    let ahead = (7 + Weekday::Sat.num_days_from_monday() as i64
        - today.weekday().num_days_from_monday() as i64)
        % 7;
    today + chrono::Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// Loads the demo into an empty database, its day of action on `day`.
pub async fn load(services: &Services, day: NaiveDate) -> anyhow::Result<DemoSummary> {
    let demo: Demo = serde_json::from_str(DEMO_JSON)?;
    let existing = campaign::Entity::find().count(&services.db).await?;
    if existing > 0 {
        anyhow::bail!(
            "the database has {existing} campaign(s) already; the demo loads into an empty database"
        );
    }
    let campaign = campaigns::create(
        &services.db,
        campaigns::NewCampaign {
            slug: demo.campaign.slug.clone(),
            title: demo.campaign.title,
            summary: demo.campaign.summary,
            starts_on: day.to_string(),
            ends_on: day.to_string(),
            review: false,
            ..Default::default()
        },
    )
    .await
    .map_err(describe)?;
    insert_endorsements(&services.db, campaign.id, &demo.endorsements).await?;

    let mut cancelled = 0;
    for (n, action) in demo.actions.iter().enumerate() {
        let at = |hm: &str| format!("{day}T{hm}");
        let request = RegisterEvent {
            title: Some(action.title.clone()),
            kind: Some(action.kind.clone()),
            description: action.description.clone(),
            organiser_name: Some(action.organiser_name.clone()),
            contact_email: Some(format!("demo-group-{}@example.org", n + 1)),
            public_contact: action.public_contact.clone(),
            place_id: Some(action.place_id),
            address: action.address.clone(),
            latitude: Some(action.latitude),
            longitude: Some(action.longitude),
            local_start: Some(at(&action.start)),
            local_end: action.end.as_deref().map(at),
            language: action.language.clone(),
            location_visibility: Some(action.location_visibility.clone()),
            ..Default::default()
        };
        let registered = events::register(services, &campaign.slug, request, None)
            .await
            .map_err(|e| {
                anyhow::anyhow!("demo action {} ({}): {}", n + 1, action.title, describe(e))
            })?;
        if action.status == EventStatus::Cancelled {
            events::cancel(
                services,
                registered.event.id,
                &Credential::EditToken(registered.edit_token),
                None,
            )
            .await
            .map_err(describe)?;
            cancelled += 1;
        }
    }
    Ok(DemoSummary {
        slug: campaign.slug,
        day,
        actions: demo.actions.len(),
        cancelled,
        endorsements: demo.endorsements.len(),
    })
}

async fn insert_endorsements(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    list: &[DemoEndorsement],
) -> anyhow::Result<()> {
    for e in list {
        endorsement::ActiveModel {
            campaign_id: Set(campaign_id),
            name: Set(e.name.clone()),
            name_alt: Set(e.name_alt.clone()),
            url: Set(e.url.clone()),
            country_code: Set(e.country_code.clone()),
            created_at: Set(chrono::Utc::now()),
            // Loaded by organisers: public at once.
            status: Set(shared::EndorsementStatus::Approved),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    crate::storage::tallies::add_organisations(db, campaign_id, list.len() as i64).await?;
    Ok(())
}

fn describe(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Invalid(fields) => anyhow::anyhow!("{}", fields.summary()),
        other => anyhow::anyhow!("{other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_saturday_is_strictly_ahead() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(next_saturday(d("2026-11-22")), d("2026-11-28"));
        assert_eq!(next_saturday(d("2026-11-27")), d("2026-11-28"));
        assert_eq!(next_saturday(d("2026-11-28")), d("2026-12-05"));
    }

    #[test]
    fn demo_file_parses() {
        let demo: Demo = serde_json::from_str(DEMO_JSON).expect("valid demo.json");
        assert!(demo.actions.len() >= 48);
        assert!(!demo.endorsements.is_empty());
    }
}
