//! The public counters of each campaign, moved by every write that changes
//! what a published action adds to them, inside that write's transaction.
//! Reading them is a few rows whatever the number of actions.
//!
//! Writers call [`shift`] after `campaigns::bump_revision`, which locks the
//! campaign's row first: on PostgreSQL the counter rows of a campaign are
//! then only ever taken by one transaction at a time, so two writes cannot
//! deadlock on them.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Alias, Expr, OnConflict, Query, UnionType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, FromQueryResult,
    QueryFilter,
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
            join_cities(db, campaign_id, std::slice::from_ref(after)).await?;
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

/// Counts the published actions `shares` (a batch of registrations) in
/// three statements, whatever the number of cities, countries and hours:
/// they run while the campaign's revision is locked, so every round trip
/// here is one every other registration of the campaign waits for.
pub async fn join_all(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    shares: &[Share],
) -> Result<(), DbErr> {
    if shares.is_empty() {
        return Ok(());
    }
    join_cities(db, campaign_id, shares).await?;
    let mut hours: BTreeMap<i16, i64> = BTreeMap::new();
    for share in shares {
        *hours.entry(share.utc_hour).or_default() += 1;
    }
    let hour_rows = hours
        .into_iter()
        .map(|(utc_hour, events)| hour::ActiveModel {
            campaign_id: Set(campaign_id),
            utc_hour: Set(utc_hour),
            events: Set(events),
        });
    hour::Entity::insert_many(hour_rows)
        .on_conflict(
            OnConflict::columns([hour::Column::CampaignId, hour::Column::UtcHour])
                .value(
                    hour::Column::Events,
                    added(hour::Entity, hour::Column::Events),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Counts `shares` in their cities and countries, in two statements.
async fn join_cities(
    db: &impl ConnectionTrait,
    campaign_id: i64,
    shares: &[Share],
) -> Result<(), DbErr> {
    let mut cities: BTreeMap<&str, (&str, i64)> = BTreeMap::new();
    for share in shares {
        cities
            .entry(&share.city_key)
            .or_insert((&share.country_code, 0))
            .1 += 1;
    }
    let city_rows = cities
        .iter()
        .map(|(city_key, (country_code, by))| city::ActiveModel {
            campaign_id: Set(campaign_id),
            city_key: Set(city_key.to_string()),
            country_code: Set(country_code.to_string()),
            events: Set(*by),
        });
    let counted = city::Entity::insert_many(city_rows)
        .on_conflict(
            OnConflict::columns([city::Column::CampaignId, city::Column::CityKey])
                .value(
                    city::Column::Events,
                    added(city::Entity, city::Column::Events),
                )
                .to_owned(),
        )
        .exec_with_returning(db)
        .await?;
    // Per country: the actions and the cities counted for the first time
    // (a city whose count is what this batch added).
    let mut countries: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for row in &counted {
        let Some((country_code, by)) = cities.get(row.city_key.as_str()) else {
            continue;
        };
        let country = countries.entry(country_code).or_default();
        country.0 += by;
        country.1 += i64::from(row.events == *by);
    }
    let country_rows = countries
        .into_iter()
        .map(|(country_code, (events, cities))| country::ActiveModel {
            campaign_id: Set(campaign_id),
            country_code: Set(country_code.to_string()),
            events: Set(events),
            cities: Set(cities),
        });
    country::Entity::insert_many(country_rows)
        .on_conflict(
            OnConflict::columns([country::Column::CampaignId, country::Column::CountryCode])
                .value(
                    country::Column::Events,
                    added(country::Entity, country::Column::Events),
                )
                .value(
                    country::Column::Cities,
                    added(country::Entity, country::Column::Cities),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// In an upsert: the stored count plus the one the statement brings.
fn added<E: EntityTrait>(table: E, column: E::Column) -> Expr {
    Expr::col((table, column)).add(Expr::col((Alias::new("excluded"), column)))
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

/// One row of [`read`]'s statement: a country, an hour or the campaign.
#[derive(Debug, FromQueryResult)]
struct TallyRow {
    kind: String,
    country_code: String,
    utc_hour: i32,
    events: i64,
    cities: i64,
}

/// The counters of `campaign_id`, in one statement: the first read after
/// every public write makes it, and each round trip is most of its time.
pub async fn read(db: &impl ConnectionTrait, campaign_id: i64) -> Result<Tallies, DbErr> {
    // The first branch names the columns. The constants are written into
    // the statement, not bound, so that PostgreSQL knows their types.
    let mut countries = Query::select()
        .expr_as(Expr::cust("'country'"), Alias::new("kind"))
        .expr_as(
            Expr::col(country::Column::CountryCode),
            Alias::new("country_code"),
        )
        .expr_as(Expr::cust("0"), Alias::new("utc_hour"))
        .expr_as(Expr::col(country::Column::Events), Alias::new("events"))
        .expr_as(Expr::col(country::Column::Cities), Alias::new("cities"))
        .from(country::Entity)
        .and_where(Expr::col(country::Column::CampaignId).eq(campaign_id))
        .to_owned();
    let hours = Query::select()
        .expr(Expr::cust("'hour'"))
        .expr(Expr::cust("''"))
        .expr(Expr::col(hour::Column::UtcHour).cast_as("INTEGER"))
        .expr(Expr::col(hour::Column::Events))
        .expr(Expr::cust("0"))
        .from(hour::Entity)
        .and_where(Expr::col(hour::Column::CampaignId).eq(campaign_id))
        .to_owned();
    let organisations = Query::select()
        .expr(Expr::cust("'organisations'"))
        .expr(Expr::cust("''"))
        .expr(Expr::cust("0"))
        .expr(Expr::col(campaign::Column::Organisations))
        .expr(Expr::cust("0"))
        .from(campaign::Entity)
        .and_where(Expr::col(campaign::Column::CampaignId).eq(campaign_id))
        .to_owned();
    countries
        .union(UnionType::All, hours)
        .union(UnionType::All, organisations);
    let rows = TallyRow::find_by_statement(db.get_database_backend().build(&countries))
        .all(db)
        .await?;
    let mut tallies = Tallies::default();
    for row in rows {
        match row.kind.as_str() {
            "country" => tallies.countries.push(country::Model {
                campaign_id,
                country_code: row.country_code,
                events: row.events,
                cities: row.cities,
            }),
            "hour" => tallies.hours.push(hour::Model {
                campaign_id,
                utc_hour: i16::try_from(row.utc_hour)
                    .map_err(|_| DbErr::Custom(format!("hour {} out of range", row.utc_hour)))?,
                events: row.events,
            }),
            _ => tallies.organisations = row.events,
        }
    }
    tallies
        .countries
        .sort_by(|a, b| a.country_code.cmp(&b.country_code));
    tallies.hours.sort_by_key(|h| h.utc_hour);
    Ok(tallies)
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
