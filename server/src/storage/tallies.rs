//! The public counters of each campaign, moved by every write that changes
//! what a published action adds to them, inside that write's transaction.
//! Reading them is a few rows whatever the number of actions.
//!
//! Writers call [`shift`] after `campaigns::bump_revision`, which locks the
//! campaign's row first: on PostgreSQL the counter rows of a campaign are
//! then only ever taken by one transaction at a time, so two writes cannot
//! deadlock on them.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder,
};
use shared::EventStatus;

use crate::entities::event;
use crate::entities::tally::{campaign, city, country, hour};

/// What one published action adds to its campaign's counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub city_key: String,
    pub country_code: String,
    pub utc_hour: i16,
}

impl Share {
    /// What `event` adds: nothing unless it is published.
    pub fn of(event: &event::Model) -> Option<Share> {
        (event.status == EventStatus::Published).then(|| Share {
            city_key: event.city_key.clone(),
            country_code: event.country_code.clone(),
            utc_hour: utc_hour(event.starts_at_utc),
        })
    }
}

/// The hour of the day (UTC) of a time in Unix seconds.
fn utc_hour(unix_seconds: i64) -> i16 {
    (unix_seconds.rem_euclid(86_400) / 3_600) as i16
}

/// Moves the counters of `campaign_id` from what an action added before a
/// write to what it adds after.
pub async fn shift(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    before: Option<&Share>,
    after: Option<&Share>,
) -> Result<(), DbErr> {
    let place = |s: Option<&Share>| s.map(|s| (s.city_key.clone(), s.country_code.clone()));
    if place(before) != place(after) {
        if let Some(before) = before {
            leave_city(db, campaign_id, before).await?;
        }
        if let Some(after) = after {
            join_city(db, campaign_id, after).await?;
        }
    }
    let hour_of = |s: Option<&Share>| s.map(|s| s.utc_hour);
    if hour_of(before) != hour_of(after) {
        if let Some(h) = hour_of(before) {
            add_to_hour(db, campaign_id, h, -1).await?;
        }
        if let Some(h) = hour_of(after) {
            add_to_hour(db, campaign_id, h, 1).await?;
        }
    }
    Ok(())
}

async fn join_city(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    share: &Share,
) -> Result<(), DbErr> {
    let new_city = add_to_city(db, campaign_id, share, 1).await?;
    add_to_country(db, campaign_id, &share.country_code, 1, i64::from(new_city)).await
}

/// Adds what every one of `shares` adds (actions published together), with
/// one write per city, country and hour they touch, in key order.
pub async fn join_all(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    shares: &[Share],
) -> Result<(), DbErr> {
    use std::collections::BTreeMap;
    let mut cities: BTreeMap<&str, (&Share, i64)> = BTreeMap::new();
    let mut hours: BTreeMap<i16, i64> = BTreeMap::new();
    for share in shares {
        cities.entry(&share.city_key).or_insert((share, 0)).1 += 1;
        *hours.entry(share.utc_hour).or_default() += 1;
    }
    // Per country: the actions and the cities counted for the first time.
    let mut countries: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for (share, by) in cities.into_values() {
        let new_city = add_to_city(db, campaign_id, share, by).await?;
        let country = countries.entry(&share.country_code).or_default();
        country.0 += by;
        country.1 += i64::from(new_city);
    }
    for (country_code, (events, new_cities)) in countries {
        add_to_country(db, campaign_id, country_code, events, new_cities).await?;
    }
    for (utc_hour, by) in hours {
        add_to_hour(db, campaign_id, utc_hour, by).await?;
    }
    Ok(())
}

/// Counts `by` more actions in `share`'s city; whether it was not counted
/// before.
async fn add_to_city(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    share: &Share,
    by: i64,
) -> Result<bool, DbErr> {
    let row = city::ActiveModel {
        campaign_id: Set(campaign_id),
        city_key: Set(share.city_key.clone()),
        country_code: Set(share.country_code.clone()),
        events: Set(by),
    };
    let joined = city::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([city::Column::CampaignId, city::Column::CityKey])
                .value(
                    city::Column::Events,
                    Expr::col((city::Entity, city::Column::Events)).add(by),
                )
                .to_owned(),
        )
        .exec_with_returning(db)
        .await?;
    Ok(joined.events == by)
}

/// Counts `events` more actions and `cities` more cities in a country.
async fn add_to_country(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    country_code: &str,
    events: i64,
    cities: i64,
) -> Result<(), DbErr> {
    let row = country::ActiveModel {
        campaign_id: Set(campaign_id),
        country_code: Set(country_code.to_string()),
        events: Set(events),
        cities: Set(cities),
    };
    country::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([country::Column::CampaignId, country::Column::CountryCode])
                .value(
                    country::Column::Events,
                    Expr::col((country::Entity, country::Column::Events)).add(events),
                )
                .value(
                    country::Column::Cities,
                    Expr::col((country::Entity, country::Column::Cities)).add(cities),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn leave_city(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    share: &Share,
) -> Result<(), DbErr> {
    let left = city::Entity::update_many()
        .col_expr(city::Column::Events, Expr::col(city::Column::Events).sub(1))
        .filter(city::Column::CampaignId.eq(campaign_id))
        .filter(city::Column::CityKey.eq(share.city_key.as_str()))
        .exec_with_returning(db)
        .await?;
    let Some(left) = left.first() else {
        tracing::error!(
            campaign_id,
            "counters: an action left a city they did not count"
        );
        return Ok(());
    };
    let city_gone = left.events <= 0;
    if city_gone {
        city::Entity::delete_many()
            .filter(city::Column::CampaignId.eq(campaign_id))
            .filter(city::Column::CityKey.eq(share.city_key.as_str()))
            .exec(db)
            .await?;
    }
    let country_left = country::Entity::update_many()
        .col_expr(
            country::Column::Events,
            Expr::col(country::Column::Events).sub(1),
        )
        .col_expr(
            country::Column::Cities,
            Expr::col(country::Column::Cities).sub(i64::from(city_gone)),
        )
        .filter(country::Column::CampaignId.eq(campaign_id))
        .filter(country::Column::CountryCode.eq(left.country_code.as_str()))
        .exec_with_returning(db)
        .await?;
    if country_left.first().is_some_and(|c| c.events <= 0) {
        country::Entity::delete_many()
            .filter(country::Column::CampaignId.eq(campaign_id))
            .filter(country::Column::CountryCode.eq(left.country_code.as_str()))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn add_to_hour(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    utc_hour: i16,
    by: i64,
) -> Result<(), DbErr> {
    let row = hour::ActiveModel {
        campaign_id: Set(campaign_id),
        utc_hour: Set(utc_hour),
        events: Set(Ord::max(by, 0)),
    };
    hour::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([hour::Column::CampaignId, hour::Column::UtcHour])
                .value(
                    hour::Column::Events,
                    Expr::col((hour::Entity, hour::Column::Events)).add(by),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Adds `by` (negative to subtract) approved endorsements.
pub async fn add_organisations(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    by: i64,
) -> Result<(), DbErr> {
    let row = campaign::ActiveModel {
        campaign_id: Set(campaign_id),
        organisations: Set(Ord::max(by, 0)),
    };
    campaign::Entity::insert(row)
        .on_conflict(
            OnConflict::column(campaign::Column::CampaignId)
                .value(
                    campaign::Column::Organisations,
                    Expr::col((campaign::Entity, campaign::Column::Organisations)).add(by),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A campaign's counters as stored.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Countries with at least one published action, by code.
    pub countries: Vec<country::Model>,
    /// Hours with a count (zero or more), by hour.
    pub hours: Vec<hour::Model>,
    pub organisations: i64,
}

pub async fn read(db: &impl ConnectionTrait, campaign_id: i64) -> Result<Tallies, DbErr> {
    let countries = country::Entity::find()
        .filter(country::Column::CampaignId.eq(campaign_id))
        .order_by_asc(country::Column::CountryCode)
        .all(db)
        .await?;
    let hours = hour::Entity::find()
        .filter(hour::Column::CampaignId.eq(campaign_id))
        .order_by_asc(hour::Column::UtcHour)
        .all(db)
        .await?;
    let organisations = campaign::Entity::find_by_id(campaign_id)
        .one(db)
        .await?
        .map_or(0, |c| c.organisations);
    Ok(Tallies {
        countries,
        hours,
        organisations,
    })
}

/// Counts a campaign's counters again from its rows: after a bulk load
/// that bypassed the services (benchmarks), or to check them.
pub async fn rebuild(db: &impl ConnectionTrait, campaign_id: i64) -> Result<(), DbErr> {
    let statements = [
        "DELETE FROM city_tallies WHERE campaign_id = {id}",
        "DELETE FROM country_tallies WHERE campaign_id = {id}",
        "DELETE FROM hour_tallies WHERE campaign_id = {id}",
        "DELETE FROM campaign_tallies WHERE campaign_id = {id}",
        "INSERT INTO city_tallies (campaign_id, city_key, country_code, events)
            SELECT campaign_id, city_key, MIN(country_code), COUNT(*) FROM events
            WHERE campaign_id = {id} AND status = 'published' GROUP BY campaign_id, city_key",
        "INSERT INTO country_tallies (campaign_id, country_code, events, cities)
            SELECT campaign_id, country_code, SUM(events), COUNT(*) FROM city_tallies
            WHERE campaign_id = {id} GROUP BY campaign_id, country_code",
        "INSERT INTO hour_tallies (campaign_id, utc_hour, events)
            SELECT campaign_id, (starts_at_utc % 86400) / 3600, COUNT(*) FROM events
            WHERE campaign_id = {id} AND status = 'published'
            GROUP BY campaign_id, (starts_at_utc % 86400) / 3600",
        "INSERT INTO campaign_tallies (campaign_id, organisations)
            SELECT {id}, COUNT(*) FROM endorsements
            WHERE campaign_id = {id} AND status = 'approved'",
    ];
    for statement in statements {
        // `campaign_id` is an integer: nothing to escape.
        db.execute_unprepared(&statement.replace("{id}", &campaign_id.to_string()))
            .await?;
    }
    Ok(())
}

/// The published actions of a campaign, of one country when given, as the
/// counters hold them.
pub async fn published_actions(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    country_code: Option<&str>,
) -> Result<u64, DbErr> {
    let mut query = country::Entity::find().filter(country::Column::CampaignId.eq(campaign_id));
    if let Some(code) = country_code {
        query = query.filter(country::Column::CountryCode.eq(code));
    }
    let rows = query.all(db).await?;
    Ok(rows.iter().map(|c| Ord::max(c.events, 0) as u64).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hour_is_that_of_utc() {
        assert_eq!(utc_hour(0), 0);
        assert_eq!(utc_hour(86_399), 23);
        assert_eq!(utc_hour(1_764_000_000), 16); // 2025-11-24T16:00:00Z
    }
}
