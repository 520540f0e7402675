//! Loads events straight into the database, past the HTTP API: the same
//! validation and the same columns as a registration (`events::apply_draft`),
//! a thousand rows per transaction, so 100,000 events take seconds, not an hour.

use std::time::Instant;

use anyhow::Context;
use rand::rngs::StdRng;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, Set};
use server::domain::event_input::{self, Rules};
use server::domain::token;
use server::entities::{campaign, event};
use server::services::events::apply_draft;
use server::zones::ZoneFinder;
use shared::EventStatus;

use super::report::thousands;
use super::workload::Workload;

const ROWS_PER_TRANSACTION: usize = 1_000;
/// 32 bound values a row: 500 rows stay under SQLite's 32,766 parameters.
const ROWS_PER_STATEMENT: usize = 500;
const PROGRESS_EVERY: usize = 10_000;

pub struct Loaded {
    pub rows: usize,
    /// Generated registrations the rules refused (skipped, replaced).
    pub refused: usize,
    pub seconds: f64,
}

/// Inserts `count` published events, numbered from `first_number`.
pub async fn load(
    db: &DatabaseConnection,
    campaign: &campaign::Model,
    workload: &Workload,
    rng: &mut StdRng,
    count: usize,
    first_number: usize,
    label: &str,
) -> anyhow::Result<Loaded> {
    let zones = ZoneFinder::shared();
    // As `services::events::rules` builds them for a registration.
    let rules = Rules {
        contact_required: true,
        places: &workload.places,
        zones: &zones,
        first_day: campaign.starts_on,
        last_day: campaign.ends_on,
    };
    let started = Instant::now();
    let mut loaded = 0;
    let mut refused = 0;
    let mut number = first_number;
    let mut batch: Vec<event::ActiveModel> = Vec::with_capacity(ROWS_PER_TRANSACTION);
    while loaded < count {
        batch.clear();
        let now = chrono::Utc::now();
        while batch.len() < ROWS_PER_TRANSACTION.min(count - loaded) {
            let request = workload.registration(rng, number);
            number += 1;
            let Ok(draft) = event_input::validate(&request, &rules) else {
                refused += 1;
                continue;
            };
            // As `services::events::register` fills a new row.
            let mut row = event::ActiveModel {
                campaign_id: Set(campaign.id),
                status: Set(EventStatus::Published),
                version: Set(1),
                edit_token_hash: Set(token::generate().1),
                created_at: Set(now),
                ..Default::default()
            };
            apply_draft(&mut row, &draft, now);
            batch.push(row);
        }
        let txn = server::db::begin_write(db).await?;
        for statement in batch.chunks(ROWS_PER_STATEMENT) {
            event::Entity::insert_many(statement.iter().cloned())
                .exec_without_returning(&txn)
                .await
                .context("bulk insert")?;
        }
        txn.commit().await?;
        let before = loaded;
        loaded += batch.len();
        if loaded / PROGRESS_EVERY > before / PROGRESS_EVERY || loaded == count {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "  {label}: {} / {} rows loaded ({} rows/s)",
                thousands(loaded as u64),
                thousands(count as u64),
                thousands((loaded as f64 / seconds) as u64)
            );
        }
    }
    // The rows went in beside the services: count the campaign's tallies
    // again, as the services keep them.
    let txn = server::db::begin_write(db).await?;
    server::storage::tallies::rebuild(&txn, campaign.id).await?;
    txn.commit().await?;
    Ok(Loaded {
        rows: loaded,
        refused,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Fresh planner statistics after the load, as an operator would have them
/// (autovacuum on PostgreSQL; `PRAGMA optimize` on SQLite).
pub async fn analyze(db: &DatabaseConnection) -> anyhow::Result<()> {
    db.execute_unprepared("ANALYZE").await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize").await?;
    }
    Ok(())
}
