//! Days and wall-clock times as dates and date-times, not text.
//!
//! PostgreSQL: `campaigns.starts_on/ends_on` and `events.local_date` become
//! `date`, `events.local_start/local_end` `timestamp` (without zone: a local
//! wall-clock time; the zone is in `timezone`). A stored value that is not a
//! date makes the migration fail rather than become a default.
//!
//! SQLite has no column types to change: its text is rewritten in the format
//! the driver writes and reads (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`). Text
//! that SQLite cannot read as a date is left as it is, so that reading it
//! fails loudly.
//!
//! Statuses, kinds, visibility and zones keep their text: the active enums
//! and the zone type store the same strings as before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const PG_UP: &str = "
ALTER TABLE campaigns
    ALTER COLUMN starts_on TYPE date USING starts_on::date,
    ALTER COLUMN ends_on TYPE date USING ends_on::date;
ALTER TABLE events
    ALTER COLUMN local_date TYPE date USING local_date::date,
    ALTER COLUMN local_start TYPE timestamp USING local_start::timestamp,
    ALTER COLUMN local_end TYPE timestamp USING local_end::timestamp;
";

const PG_DOWN: &str = "
ALTER TABLE campaigns
    ALTER COLUMN starts_on TYPE varchar(10) USING to_char(starts_on, 'YYYY-MM-DD'),
    ALTER COLUMN ends_on TYPE varchar(10) USING to_char(ends_on, 'YYYY-MM-DD');
ALTER TABLE events
    ALTER COLUMN local_date TYPE varchar(10) USING to_char(local_date, 'YYYY-MM-DD'),
    ALTER COLUMN local_start TYPE varchar(16) USING to_char(local_start, 'YYYY-MM-DD\"T\"HH24:MI'),
    ALTER COLUMN local_end TYPE varchar(16) USING to_char(local_end, 'YYYY-MM-DD\"T\"HH24:MI');
";

const SQLITE_UP: &str = "
UPDATE campaigns SET
    starts_on = COALESCE(date(starts_on), starts_on),
    ends_on = COALESCE(date(ends_on), ends_on);
UPDATE events SET
    local_date = COALESCE(date(local_date), local_date),
    local_start = COALESCE(strftime('%Y-%m-%d %H:%M:%S', local_start), local_start),
    local_end = COALESCE(strftime('%Y-%m-%d %H:%M:%S', local_end), local_end);
";

const SQLITE_DOWN: &str = "
UPDATE events SET
    local_start = COALESCE(strftime('%Y-%m-%dT%H:%M', local_start), local_start),
    local_end = COALESCE(strftime('%Y-%m-%dT%H:%M', local_end), local_end);
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, PG_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, PG_DOWN, SQLITE_DOWN).await
    }
}

async fn run(manager: &SchemaManager<'_>, postgres: &str, sqlite: &str) -> Result<(), DbErr> {
    let sql = match manager.get_database_backend() {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    let db = manager.get_connection();
    for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
