//! One copy of each campaign export per replica, the newest revision only
//! (the map's points are kept the same way, keyed by their filters): a
//! newer copy of a campaign drops its older ones under every key.
//!
//! Many requests for the same export wait for one build (a per-key async
//! lock, FIFO); builds across all keys (and across the caches that share
//! the limit) are limited so that an export storm keeps a core and the
//! database pool for everything else.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::{Mutex as AsyncMutex, Semaphore};

use super::format::{Export, Format};
use crate::services::{CacheLookups, ServiceError, ServiceResult};

/// Builds at once across every campaign and format: each reads pages of rows
/// and compresses on a core of its own.
const PARALLEL_BUILDS: usize = 1;
/// Chunks decompressed at once for clients without gzip: however many
/// download, they share one core and leave the other to everything else.
const PARALLEL_DECODES: usize = 1;

/// Copies by campaign and format, or what else tells them apart.
pub struct ExportCache<K = (i64, Format)>(Arc<Inner<K>>);

impl<K> Clone for ExportCache<K> {
    fn clone(&self) -> Self {
        ExportCache(self.0.clone())
    }
}

struct Inner<K> {
    entries: Mutex<HashMap<K, Entry>>,
    /// Shared by every cache made with [`ExportCache::sharing_limits_with`].
    builds: Arc<Semaphore>,
    decodes: Arc<Semaphore>,
    /// A miss is a build; a request that waited for another's build hit.
    lookups: CacheLookups,
}

#[derive(Default)]
struct Entry {
    newest: Option<Export>,
    /// Held while this key is being built.
    building: Arc<AsyncMutex<()>>,
}

impl<K> Default for ExportCache<K> {
    fn default() -> Self {
        ExportCache(Arc::new(Inner {
            entries: Mutex::new(HashMap::new()),
            builds: Arc::new(Semaphore::new(PARALLEL_BUILDS)),
            decodes: Arc::new(Semaphore::new(PARALLEL_DECODES)),
            lookups: CacheLookups::default(),
        }))
    }
}

impl<K> ExportCache<K> {
    /// An empty cache whose builds and decodes take turns with `other`'s,
    /// so that the two together still keep a core for everything else.
    pub fn sharing_limits_with<L>(other: &ExportCache<L>) -> Self {
        ExportCache(Arc::new(Inner {
            entries: Mutex::new(HashMap::new()),
            builds: other.0.builds.clone(),
            decodes: other.0.decodes.clone(),
            lookups: CacheLookups::default(),
        }))
    }
}

/// A key of the cache: the campaign first, then what tells its copies apart.
pub trait CopyKey: Eq + Hash + Clone + Send + Sync + 'static {
    fn campaign_id(&self) -> i64;
}

impl<T: Eq + Hash + Clone + Send + Sync + 'static> CopyKey for (i64, T) {
    fn campaign_id(&self) -> i64 {
        self.0
    }
}

impl<K: CopyKey> ExportCache<K> {
    pub(super) fn decodes(&self) -> Arc<Semaphore> {
        self.0.decodes.clone()
    }

    pub fn lookups(&self) -> &CacheLookups {
        &self.0.lookups
    }

    /// The copy of `key` if it was read at `revision` or later (a newer copy
    /// never shows anything the database no longer has); else the key's lock.
    fn fresh(&self, key: K, revision: i64) -> Result<Export, Arc<AsyncMutex<()>>> {
        let mut entries = self.0.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.entry(key).or_default();
        match &entry.newest {
            Some(export) if export.revision >= revision => Ok(export.clone()),
            _ => Err(entry.building.clone()),
        }
    }

    /// Keeps `export` unless a newer one is there; the older copy is dropped,
    /// and so are the campaign's copies under other keys read before
    /// `export`: no request at a newer revision can use them, and the keys
    /// nobody asks for again (a country's filter, say) would otherwise hold
    /// their copies for ever.
    fn store(&self, key: K, export: &Export) {
        let mut entries = self.0.entries.lock().unwrap_or_else(|e| e.into_inner());
        let campaign = key.campaign_id();
        entries.retain(|other, entry| {
            if other.campaign_id() != campaign || *other == key {
                return true;
            }
            if entry
                .newest
                .as_ref()
                .is_some_and(|old| old.revision < export.revision)
            {
                entry.newest = None;
            }
            // Kept while a build or a waiter holds its lock.
            entry.newest.is_some() || Arc::strong_count(&entry.building) > 1
        });
        let entry = entries.entry(key).or_default();
        if entry
            .newest
            .as_ref()
            .is_none_or(|old| old.revision < export.revision)
        {
            entry.newest = Some(export.clone());
        }
    }

    /// The export of `key` read at `revision` or later: the cached copy, or
    /// the one that a build (by this request or one before it) makes.
    pub async fn get_or_build<F, Fut>(
        &self,
        key: K,
        revision: i64,
        build: F,
    ) -> ServiceResult<Export>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = ServiceResult<Export>> + Send,
    {
        let lock = match self.fresh(key.clone(), revision) {
            Ok(export) => {
                self.0.lookups.record(true);
                return Ok(export);
            }
            Err(lock) => lock,
        };
        let cache = self.clone();
        // Its own task: a client that hangs up (or a request timeout) does not
        // throw away a build that others are waiting for.
        let task = tokio::spawn(async move {
            let _turn = lock.lock().await;
            // The request before us in the queue may have built it.
            let built = cache.fresh(key.clone(), revision);
            cache.0.lookups.record(built.is_ok());
            if let Ok(export) = built {
                return Ok(export);
            }
            let _permit = cache.0.builds.acquire().await.map_err(|e| internal(&e))?;
            let export = build().await?;
            cache.store(key, &export);
            Ok(export)
        });
        task.await.map_err(|e| internal(&e))?
    }
}

fn internal(e: &dyn std::fmt::Display) -> ServiceError {
    ServiceError::Database(sea_orm::DbErr::Custom(format!("export build: {e}")))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    fn export(revision: i64) -> Export {
        Export {
            gzip: bytes::Bytes::new(),
            digest: format!("r{revision}"),
            revision,
            uncompressed_len: 0,
        }
    }

    async fn get(cache: &ExportCache, revision: i64, built: &Arc<AtomicUsize>) -> Export {
        let built = built.clone();
        cache
            .get_or_build((1, Format::Csv), revision, move || async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                built.fetch_add(1, Ordering::SeqCst);
                Ok(export(revision))
            })
            .await
            .expect("built")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_requests_wait_for_one_build() {
        let cache = ExportCache::default();
        let built = Arc::new(AtomicUsize::new(0));
        let requests: Vec<_> = (0..50)
            .map(|_| {
                let (cache, built) = (cache.clone(), built.clone());
                tokio::spawn(async move { get(&cache, 7, &built).await })
            })
            .collect();
        for request in requests {
            assert_eq!(request.await.expect("joined").revision, 7);
        }
        assert_eq!(built.load(Ordering::SeqCst), 1);
        assert_eq!((cache.lookups().hits(), cache.lookups().misses()), (49, 1));
    }

    #[tokio::test]
    async fn a_newer_revision_is_built_and_replaces_the_old() {
        let cache = ExportCache::default();
        let built = Arc::new(AtomicUsize::new(0));
        assert_eq!(get(&cache, 3, &built).await.revision, 3);
        assert_eq!(get(&cache, 3, &built).await.revision, 3);
        assert_eq!(built.load(Ordering::SeqCst), 1);
        // A write happened: the old copy must not be served.
        assert_eq!(get(&cache, 4, &built).await.revision, 4);
        assert_eq!(built.load(Ordering::SeqCst), 2);
        // A request that read the revision before the write may get the newer copy.
        assert_eq!(get(&cache, 3, &built).await.revision, 4);
        assert_eq!(built.load(Ordering::SeqCst), 2);
        let entries = cache.0.entries.lock().expect("lock");
        assert_eq!(entries.len(), 1, "one copy per campaign and format");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn caches_sharing_limits_build_one_at_a_time() {
        let exports = ExportCache::default();
        let points: ExportCache<(i64, String)> = ExportCache::sharing_limits_with(&exports);
        let building = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let build = |building: Arc<AtomicUsize>, most: Arc<AtomicUsize>| async move {
            let now = building.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            building.fetch_sub(1, Ordering::SeqCst);
            Ok(export(1))
        };
        let (b, m) = (building.clone(), most.clone());
        let export_build = exports.get_or_build((1, Format::Csv), 1, move || build(b, m));
        let (b, m) = (building.clone(), most.clone());
        let points_build = points.get_or_build((1, String::new()), 1, move || build(b, m));
        let (a, b) = tokio::join!(export_build, points_build);
        assert!(a.is_ok() && b.is_ok());
        assert_eq!(most.load(Ordering::SeqCst), 1, "never two builds at once");
    }

    #[tokio::test]
    async fn a_newer_copy_drops_the_campaigns_older_ones_under_other_keys() {
        let cache: ExportCache<(i64, &'static str)> = ExportCache::default();
        let keep = |revision| move || async move { Ok(export(revision)) };
        for (key, revision) in [((1, "FR"), 3), ((1, "IR"), 3), ((2, "FR"), 3)] {
            cache
                .get_or_build(key, revision, keep(revision))
                .await
                .expect("built");
        }
        cache
            .get_or_build((1, "all"), 4, keep(4))
            .await
            .expect("built");
        let entries = cache.0.entries.lock().expect("lock");
        let mut keys: Vec<_> = entries.keys().copied().collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [(1, "all"), (2, "FR")],
            "campaign 1's older copies dropped"
        );
    }

    #[tokio::test]
    async fn a_failed_build_is_tried_again() {
        let cache = ExportCache::default();
        let failed = cache
            .get_or_build((1, Format::Csv), 1, || async {
                Err(ServiceError::NotFound("campaign"))
            })
            .await;
        assert!(failed.is_err());
        let built = Arc::new(AtomicUsize::new(0));
        assert_eq!(get(&cache, 1, &built).await.revision, 1);
    }
}
