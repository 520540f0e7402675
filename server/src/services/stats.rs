//! Counters of a campaign: events, cities, countries, organisations, by
//! country and by UTC hour. Published events only; approved endorsements only.
//!
//! Computing them scans the campaign's events, so each replica caches them
//! per campaign, keyed by the campaign's `revision`, which every write bumps in
//! its own transaction: a replica serves its copy only while the revision it
//! reads from the database is unchanged, so no replica serves stale counters.

use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use shared::{CountryCount, EventStatus, HourCount, Stats};

use super::{ServiceResult, Services};
use crate::entities::{campaign, endorsement, event};
use crate::storage;

/// The counters of `campaign` as read (its `revision` is the cache key).
pub async fn for_campaign(services: &Services, campaign: &campaign::Model) -> ServiceResult<Stats> {
    if let Some(stats) = services.stats_cache.get(campaign.id, campaign.revision) {
        return Ok(stats);
    }
    let stats = compute(services, campaign.id).await?;
    services
        .stats_cache
        .put(campaign.id, campaign.revision, stats.clone());
    Ok(stats)
}

/// `GET /api/v1/campaigns/{slug}/stats`
pub async fn get(services: &Services, slug: &str) -> ServiceResult<Stats> {
    let campaign = storage::campaigns::find_published(&services.db, slug).await?;
    for_campaign(services, &campaign).await
}

pub async fn compute(services: &Services, campaign_id: i64) -> ServiceResult<Stats> {
    let db = &services.db;
    let published = || {
        event::Entity::find()
            .filter(event::Column::CampaignId.eq(campaign_id))
            .filter(event::Column::Status.eq(EventStatus::Published))
    };
    let (events, cities, countries): (i64, i64, i64) = published()
        .select_only()
        .column_as(Expr::col(event::Column::Id).count(), "events")
        .column_as(Expr::col(event::Column::CityKey).count_distinct(), "cities")
        .column_as(
            Expr::col(event::Column::CountryCode).count_distinct(),
            "countries",
        )
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, 0, 0));

    let mut by_country: Vec<(String, i64, i64)> = published()
        .select_only()
        .column(event::Column::CountryCode)
        .column_as(Expr::col(event::Column::Id).count(), "events")
        .column_as(Expr::col(event::Column::CityKey).count_distinct(), "cities")
        .group_by(event::Column::CountryCode)
        .into_tuple()
        .all(db)
        .await?;
    by_country.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    // Unix seconds are whole UTC days since 1970, so the hour is arithmetic.
    let hour_expr = Expr::cust("(starts_at_utc % 86400) / 3600");
    let hours: Vec<(i64, i64)> = published()
        .select_only()
        .column_as(hour_expr.clone(), "hour")
        .column_as(Expr::col(event::Column::Id).count(), "events")
        .group_by(hour_expr)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_utc_hour: Vec<HourCount> =
        (0..24).map(|hour| HourCount { hour, events: 0 }).collect();
    for (hour, n) in hours {
        if let Some(slot) = by_utc_hour.get_mut(hour.rem_euclid(24) as usize) {
            slot.events += n as u64;
        }
    }

    // Approved endorsements only: pending and rejected ones are not public.
    let organisations = endorsement::Entity::find()
        .filter(endorsement::Column::CampaignId.eq(campaign_id))
        .filter(endorsement::Column::Status.eq(shared::EndorsementStatus::Approved))
        .count(db)
        .await?;

    Ok(Stats {
        events: events as u64,
        cities: cities as u64,
        countries: countries as u64,
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
    })
}
