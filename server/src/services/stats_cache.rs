//! Each replica's copy of the campaign counters, keyed by the campaign's
//! `revision` (see `stats`).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use shared::Stats;

use super::CacheLookups;
use super::rendered::Rendered;

#[derive(Clone, Default)]
pub struct StatsCache(Arc<RwLock<HashMap<i64, Stamped>>>, CacheLookups);

/// The counters and the revision they were read at.
type Stamped = (i64, Arc<Rendered<Stats>>);

impl StatsCache {
    /// The copy of `campaign_id`'s counters, if it was taken at `revision`.
    pub fn get(&self, campaign_id: i64, revision: i64) -> Option<Arc<Rendered<Stats>>> {
        let map = self.0.read().ok()?;
        let found = map
            .get(&campaign_id)
            .filter(|(r, _)| *r == revision)
            .map(|(_, s)| s.clone());
        self.1.record(found.is_some());
        found
    }

    pub fn lookups(&self) -> &CacheLookups {
        &self.1
    }

    pub fn put(&self, campaign_id: i64, revision: i64, stats: Arc<Rendered<Stats>>) {
        if let Ok(mut map) = self.0.write() {
            map.insert(campaign_id, (revision, stats));
        }
    }
}
