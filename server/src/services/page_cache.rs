//! Each replica's copies of the public answers many people ask for at once
//! (the pages of a campaign's list, one action's page), keyed by the
//! campaign's `revision`: every public write bumps it in its own
//! transaction, so a copy is used only while the database still says
//! nothing public changed, on any replica.
//!
//! `near` searches, map boxes and free text are not kept (each asks for its
//! own point, box or words), nor anything an editor reads with its token.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

use shared::{Campaign, Event, EventList};

use super::CacheLookups;
use super::rendered::Rendered;

/// How many actions the copies of each kind hold at most (a page of 1,000
/// counts 1,000): a few megabytes. When full, the copies of the campaign's
/// older revisions go, then all (a page is cheap to build again).
const CAPACITY: usize = 5_000;

/// A copy, with the campaign and the revision it was read at, and how many
/// actions it holds.
type Stamped<V> = (i64, i64, usize, Arc<V>);

/// Copies of `V` by key, and how many actions they hold together.
struct RevisionMap<K, V>(RwLock<(HashMap<K, Stamped<V>>, usize)>);

impl<K: Eq + Hash, V> RevisionMap<K, V> {
    fn new() -> Self {
        RevisionMap(RwLock::new((HashMap::new(), 0)))
    }

    /// The copy under `key` if it was read at `revision`.
    fn get(&self, key: &K, revision: i64) -> Option<Arc<V>> {
        let map = self.0.read().ok()?;
        let (_, at, _, value) = map.0.get(key)?;
        (*at == revision).then(|| value.clone())
    }

    /// The campaign and revision of the copy under `key`, if any.
    fn stamp(&self, key: &K) -> Option<(i64, i64)> {
        let map = self.0.read().ok()?;
        map.0.get(key).map(|(c, r, _, _)| (*c, *r))
    }

    fn put(&self, key: K, campaign_id: i64, revision: i64, actions: usize, value: Arc<V>) {
        if actions > CAPACITY {
            return;
        }
        let Ok(mut guard) = self.0.write() else {
            return;
        };
        let (map, held) = &mut *guard;
        if *held + actions > CAPACITY {
            map.retain(|_, (c, r, _, _)| *c != campaign_id || *r >= revision);
            if map.values().map(|(_, _, n, _)| n).sum::<usize>() + actions > CAPACITY {
                map.clear();
            }
            *held = map.values().map(|(_, _, n, _)| n).sum();
        }
        if let Some((_, _, before, _)) = map.insert(key, (campaign_id, revision, actions, value)) {
            *held -= before;
        }
        *held += actions;
    }
}

#[derive(Clone)]
pub struct PageCache {
    /// By campaign and the list's filters (`EventFilter::cache_key`).
    lists: Arc<RevisionMap<(i64, String), Rendered<EventList>>>,
    /// The public view of an action, by id.
    events: Arc<RevisionMap<i64, Rendered<Event>>>,
    /// The public view of a campaign with its counters, by id.
    campaigns: Arc<RevisionMap<i64, Rendered<Campaign>>>,
    lookups: CacheLookups,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            lists: Arc::new(RevisionMap::new()),
            events: Arc::new(RevisionMap::new()),
            campaigns: Arc::new(RevisionMap::new()),
            lookups: CacheLookups::default(),
        }
    }
}

impl PageCache {
    pub fn list(
        &self,
        campaign_id: i64,
        revision: i64,
        filters: &str,
    ) -> Option<Arc<Rendered<EventList>>> {
        let found = self
            .lists
            .get(&(campaign_id, filters.to_string()), revision);
        self.lookups.record(found.is_some());
        found
    }

    pub fn put_list(
        &self,
        campaign_id: i64,
        revision: i64,
        filters: String,
        list: Arc<Rendered<EventList>>,
    ) {
        let actions = list.events.len().max(1);
        self.lists
            .put((campaign_id, filters), campaign_id, revision, actions, list);
    }

    /// The campaign whose revision decides whether the copy of action `id`
    /// still holds, if there is a copy (no copy counts as a miss).
    pub fn event_campaign(&self, id: i64) -> Option<i64> {
        let found = self.events.stamp(&id).map(|(campaign_id, _)| campaign_id);
        if found.is_none() {
            self.lookups.record(false);
        }
        found
    }

    /// The copy of action `id`, if its campaign is still at `revision`.
    pub fn event(&self, id: i64, revision: i64) -> Option<Arc<Rendered<Event>>> {
        let found = self.events.get(&id, revision);
        self.lookups.record(found.is_some());
        found
    }

    pub fn put_event(&self, id: i64, campaign_id: i64, revision: i64, event: Arc<Rendered<Event>>) {
        self.events.put(id, campaign_id, revision, 1, event);
    }

    pub fn campaign(&self, id: i64, revision: i64) -> Option<Arc<Rendered<Campaign>>> {
        let found = self.campaigns.get(&id, revision);
        self.lookups.record(found.is_some());
        found
    }

    pub fn put_campaign(&self, id: i64, revision: i64, campaign: Arc<Rendered<Campaign>>) {
        self.campaigns.put(id, id, revision, 1, campaign);
    }

    pub fn lookups(&self) -> &CacheLookups {
        &self.lookups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(total: u64) -> Arc<Rendered<EventList>> {
        Arc::new(Rendered::new(EventList {
            events: Vec::new(),
            total,
            total_capped: false,
            next_cursor: None,
        }))
    }

    #[test]
    fn a_copy_holds_only_at_its_revision() {
        let cache = PageCache::default();
        cache.put_list(1, 7, "a".into(), list(3));
        assert_eq!(cache.list(1, 7, "a").map(|l| l.total), Some(3));
        assert!(cache.list(1, 8, "a").is_none(), "a newer revision");
        assert!(cache.list(1, 7, "b").is_none(), "other filters");
        assert!(cache.list(2, 7, "a").is_none(), "another campaign");
        assert_eq!((cache.lookups().hits(), cache.lookups().misses()), (1, 3));
    }

    #[test]
    fn a_full_cache_lets_the_old_revisions_go_first() {
        let cache = PageCache::default();
        for i in 1..CAPACITY {
            cache.put_list(1, 1, format!("old {i}"), list(1));
        }
        cache.put_list(2, 1, "other campaign".into(), list(2));
        cache.put_list(1, 2, "new".into(), list(3));
        assert!(cache.list(1, 1, "old 1").is_none());
        assert_eq!(cache.list(2, 1, "other campaign").map(|l| l.total), Some(2));
        assert_eq!(cache.list(1, 2, "new").map(|l| l.total), Some(3));
    }
}
