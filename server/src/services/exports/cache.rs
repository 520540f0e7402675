//! One copy of each campaign export per replica, the newest revision only
//! (the map's points are kept the same way, keyed by their filters).
//!
//! Many requests for the same export wait for one build (a per-key async
//! lock, FIFO); builds across all keys are limited so that an export storm
//! keeps a core and the database pool for everything else.

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
    builds: Semaphore,
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
            builds: Semaphore::new(PARALLEL_BUILDS),
            decodes: Arc::new(Semaphore::new(PARALLEL_DECODES)),
            lookups: CacheLookups::default(),
        }))
    }
}

impl<K: Eq + Hash + Clone + Send + Sync + 'static> ExportCache<K> {
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

    /// Keeps `export` unless a newer one is there; the older copy is dropped.
    fn store(&self, key: K, export: &Export) {
        let mut entries = self.0.entries.lock().unwrap_or_else(|e| e.into_inner());
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
