//! Each replica's in-memory position index of every campaign someone
//! searches by point or box ([`PositionIndex`]), used only at the revision it
//! was read at: every public write bumps the revision, so a search sees
//! exactly what the database would answer, on any replica.
//!
//! When the revision moved on, the search goes to the database as before
//! and a new index is read in the background: one read at a time per
//! campaign, and after each read a rest as long as the read took, so that a
//! stream of writes costs at most half a core.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;

use super::CacheLookups;
use crate::storage::campaigns::CampaignRevision;
use crate::storage::position_index::PositionIndex;

#[derive(Default)]
struct Slot {
    index: Option<Arc<PositionIndex>>,
    reading: bool,
    /// No read starts before this.
    rest_until: Option<Instant>,
}

#[derive(Clone, Default)]
pub struct PositionIndexes {
    slots: Arc<Mutex<HashMap<i64, Slot>>>,
    lookups: CacheLookups,
}

impl PositionIndexes {
    /// The campaign's index at `now.revision`, if this replica holds it;
    /// else none, and a read of `db` starts unless one is under way or
    /// resting.
    pub fn at(&self, db: &DatabaseConnection, now: CampaignRevision) -> Option<Arc<PositionIndex>> {
        let found = {
            let Ok(mut slots) = self.slots.lock() else {
                return None;
            };
            let slot = slots.entry(now.campaign_id).or_default();
            let held = slot
                .index
                .as_ref()
                .filter(|index| index.revision == now.revision)
                .cloned();
            let rested = slot.rest_until.is_none_or(|t| Instant::now() >= t);
            if held.is_none() && !slot.reading && rested {
                slot.reading = true;
                self.read_in_background(db.clone(), now.campaign_id);
            }
            held
        };
        self.lookups.record(found.is_some());
        found
    }

    fn read_in_background(&self, db: DatabaseConnection, campaign_id: i64) {
        let slots = self.slots.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let read = read(&db, campaign_id).await;
            let took = started.elapsed();
            if let Err(e) = &read {
                tracing::warn!(campaign_id, error = %e, "reading the position index failed");
            }
            let Ok(mut slots) = slots.lock() else {
                return;
            };
            let slot = slots.entry(campaign_id).or_default();
            slot.reading = false;
            slot.rest_until = Some(Instant::now() + Ord::max(took, Duration::from_millis(1)));
            if let Ok(index) = read {
                // A slower read never replaces a newer one.
                if slot
                    .index
                    .as_ref()
                    .is_none_or(|i| i.revision <= index.revision)
                {
                    slot.index = Some(Arc::new(index));
                }
            }
        });
    }

    pub fn lookups(&self) -> &CacheLookups {
        &self.lookups
    }
}

/// The index of `campaign_id` as one snapshot of `db` has it.
async fn read(
    db: &DatabaseConnection,
    campaign_id: i64,
) -> Result<PositionIndex, crate::storage::StorageError> {
    let snapshot = crate::db::read_snapshot(db).await?;
    let index = PositionIndex::load(&snapshot, campaign_id).await?;
    snapshot.commit().await?;
    Ok(index)
}
