//! Counters of a campaign: events, cities, countries, organisations, by
//! country and by UTC hour. Published events only; approved endorsements only.
//!
//! They are read from the tallies every write keeps in its own transaction
//! (`storage::tallies`): a few rows, whatever the number of actions. Each
//! replica also keeps its copy per campaign, keyed by the campaign's
//! `revision`, which every public write bumps in its transaction: a replica
//! serves its copy only while the revision it reads is unchanged.

use std::sync::Arc;

use sea_orm::ConnectionTrait;
use shared::{CountryCount, HourCount, Stats};

use super::{Rendered, ServiceResult, Services};
use crate::entities::campaign;
use crate::storage;
use crate::storage::campaigns::CampaignRevision;

/// The counters of `campaign` as read from `db` (its `revision` is the
/// cache key): read them from the database `campaign` was read from, so
/// that a replica's older tallies are never kept under a newer revision.
pub async fn for_campaign(
    services: &Services,
    db: &impl ConnectionTrait,
    campaign: &campaign::Model,
) -> ServiceResult<Arc<Rendered<Stats>>> {
    let at = CampaignRevision {
        campaign_id: campaign.id,
        revision: campaign.revision,
    };
    if let Some(stats) = services.stats_cache.get(at.campaign_id, at.revision) {
        return Ok(stats);
    }
    read_and_keep(services, db, at).await
}

/// The counters read from the tallies, kept under the revision `at` was
/// read at (from the same database, before them).
async fn read_and_keep(
    services: &Services,
    db: &impl ConnectionTrait,
    at: CampaignRevision,
) -> ServiceResult<Arc<Rendered<Stats>>> {
    let tallies = storage::tallies::read(db, at.campaign_id).await?;
    let stats = Arc::new(Rendered::new(from_tallies(services, tallies)));
    services
        .stats_cache
        .put(at.campaign_id, at.revision, stats.clone());
    Ok(stats)
}

fn from_tallies(services: &Services, tallies: storage::tallies::Tallies) -> Stats {
    let by_country = tallies
        .countries
        .into_iter()
        .map(|c| (c.country_code, c.events, c.cities))
        .collect();
    let hours = tallies
        .hours
        .into_iter()
        .map(|h| (i64::from(h.utc_hour), h.events));
    assemble(services, by_country, hours, tallies.organisations as u64)
}

/// `GET /api/v1/campaigns/{slug}/stats`
pub async fn get(services: &Services, slug: &str) -> ServiceResult<Arc<Rendered<Stats>>> {
    let db = &services.read_db;
    let now = services.revisions.published(db, slug).await?;
    if let Some(stats) = services.stats_cache.get(now.campaign_id, now.revision) {
        return Ok(stats);
    }
    read_and_keep(services, db, now).await
}

/// Stats from counts by country (code, events, cities) and by UTC hour.
fn assemble(
    services: &Services,
    mut by_country: Vec<(String, i64, i64)>,
    hours: impl Iterator<Item = (i64, i64)>,
    organisations: u64,
) -> Stats {
    by_country.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut by_utc_hour: Vec<HourCount> =
        (0..24).map(|hour| HourCount { hour, events: 0 }).collect();
    for (hour, n) in hours {
        if let Some(slot) = by_utc_hour.get_mut(hour.rem_euclid(24) as usize) {
            slot.events += n.max(0) as u64;
        }
    }
    let sum = |f: fn(&(String, i64, i64)) -> i64| by_country.iter().map(f).sum::<i64>() as u64;
    Stats {
        events: sum(|c| c.1),
        cities: sum(|c| c.2),
        countries: by_country.len() as u64,
        organisations,
        by_country: by_country
            .into_iter()
            .map(|(code, events, cities)| CountryCount {
                country: services
                    .places
                    .country_name(&code)
                    .unwrap_or(&code)
                    .to_string(),
                country_code: code,
                events: events as u64,
                cities: cities as u64,
            })
            .collect(),
        by_utc_hour,
    }
}
