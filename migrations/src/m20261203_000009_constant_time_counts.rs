//! The public counters of each campaign, kept by every write in its own
//! transaction so that reading them costs the same at 100 or 100,000
//! actions: published actions per city, per country (with its cities) and
//! per UTC hour, and approved endorsements. The totals are sums over the
//! countries (at most a few hundred rows). Filled from the rows already
//! stored.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE city_tallies (
        campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        city_key text NOT NULL,
        country_code varchar(2) NOT NULL,
        events bigint NOT NULL,
        PRIMARY KEY (campaign_id, city_key)
    )",
    "CREATE TABLE country_tallies (
        campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        country_code varchar(2) NOT NULL,
        events bigint NOT NULL,
        cities bigint NOT NULL,
        PRIMARY KEY (campaign_id, country_code)
    )",
    "CREATE TABLE hour_tallies (
        campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        utc_hour smallint NOT NULL,
        events bigint NOT NULL,
        PRIMARY KEY (campaign_id, utc_hour)
    )",
    "CREATE TABLE campaign_tallies (
        campaign_id bigint PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
        organisations bigint NOT NULL
    )",
    "INSERT INTO city_tallies (campaign_id, city_key, country_code, events)
        SELECT campaign_id, city_key, MIN(country_code), COUNT(*) FROM events
        WHERE status = 'published' GROUP BY campaign_id, city_key",
    "INSERT INTO country_tallies (campaign_id, country_code, events, cities)
        SELECT campaign_id, country_code, SUM(events), COUNT(*) FROM city_tallies
        GROUP BY campaign_id, country_code",
    "INSERT INTO hour_tallies (campaign_id, utc_hour, events)
        SELECT campaign_id, (starts_at_utc % 86400) / 3600, COUNT(*) FROM events
        WHERE status = 'published' GROUP BY campaign_id, (starts_at_utc % 86400) / 3600",
    "INSERT INTO campaign_tallies (campaign_id, organisations)
        SELECT id, (SELECT COUNT(*) FROM endorsements e
                    WHERE e.campaign_id = campaigns.id AND e.status = 'approved')
        FROM campaigns",
];

const DOWN: &[&str] = &[
    "DROP TABLE campaign_tallies",
    "DROP TABLE hour_tallies",
    "DROP TABLE country_tallies",
    "DROP TABLE city_tallies",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
