//! A spatial index of the publicly listed actions' points, so that `near`
//! and `bbox` read the part of the world they ask about, not a latitude band
//! around it. Only built-in parts of each database: SQLite's R*Tree module
//! (kept in step with `events` by triggers, in the writing transaction) and
//! a GiST index on PostgreSQL's built-in `point`. Both only narrow the
//! candidates; the exact test is on the stored columns.
//!
//! A box holding many actions is read the other way, along the start-time
//! index until a page is full. That index and the one by country now end
//! with the id, the order's tie-break, which SQLite otherwise sorts among
//! every action of one start; the start index also holds the public point,
//! for the box test without reading the row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Alike on both databases.
const START_ORDER_UP: &[&str] = &[
    "CREATE INDEX ix_events_campaign_status_start_id ON events
     (campaign_id, status, starts_at_utc, id, public_latitude, public_longitude)",
    "DROP INDEX ix_events_campaign_status_start",
    "CREATE INDEX ix_events_campaign_status_country_start_id ON events
     (campaign_id, status, country_code, starts_at_utc, id)",
    "DROP INDEX ix_events_campaign_status_country",
];

const START_ORDER_DOWN: &[&str] = &[
    "CREATE INDEX ix_events_campaign_status_country ON events
     (campaign_id, status, country_code, starts_at_utc)",
    "DROP INDEX ix_events_campaign_status_country_start_id",
    "CREATE INDEX ix_events_campaign_status_start ON events (campaign_id, status, starts_at_utc)",
    "DROP INDEX ix_events_campaign_status_start_id",
];

const SQLITE_UP: &[&str] = &[
    // R*Tree stores 32-bit floats, rounded outwards: a candidate filter.
    "CREATE VIRTUAL TABLE event_positions USING rtree(
        id, min_lon, max_lon, min_lat, max_lat, +campaign_id
    )",
    "CREATE TRIGGER events_position_insert AFTER INSERT ON events
     WHEN NEW.status IN ('published', 'cancelled')
     BEGIN
        INSERT INTO event_positions (id, min_lon, max_lon, min_lat, max_lat, campaign_id)
        VALUES (NEW.id, NEW.public_longitude, NEW.public_longitude,
                NEW.public_latitude, NEW.public_latitude, NEW.campaign_id);
     END",
    "CREATE TRIGGER events_position_update
     AFTER UPDATE OF status, public_latitude, public_longitude, campaign_id ON events
     BEGIN
        DELETE FROM event_positions WHERE id = OLD.id;
        INSERT INTO event_positions (id, min_lon, max_lon, min_lat, max_lat, campaign_id)
        SELECT NEW.id, NEW.public_longitude, NEW.public_longitude,
               NEW.public_latitude, NEW.public_latitude, NEW.campaign_id
        WHERE NEW.status IN ('published', 'cancelled');
     END",
    "CREATE TRIGGER events_position_delete AFTER DELETE ON events
     BEGIN
        DELETE FROM event_positions WHERE id = OLD.id;
     END",
    "INSERT INTO event_positions (id, min_lon, max_lon, min_lat, max_lat, campaign_id)
     SELECT id, public_longitude, public_longitude, public_latitude, public_latitude, campaign_id
     FROM events WHERE status IN ('published', 'cancelled')",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER events_position_delete",
    "DROP TRIGGER events_position_update",
    "DROP TRIGGER events_position_insert",
    "DROP TABLE event_positions",
];

const POSTGRES_UP: &[&str] = &["CREATE INDEX ix_events_public_position ON events
     USING gist (point(public_longitude, public_latitude))
     WHERE status IN ('published', 'cancelled')"];

const POSTGRES_DOWN: &[&str] = &["DROP INDEX ix_events_public_position"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, START_ORDER_UP).await?;
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_UP).await,
            _ => run(manager, POSTGRES_UP).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => run(manager, SQLITE_DOWN).await?,
            _ => run(manager, POSTGRES_DOWN).await?,
        }
        run(manager, START_ORDER_DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
