//! The campaign's revision, read once for all the requests that wait for it.
//!
//! A cached page holds while the database still has the revision it was read
//! at, so every read of a cached page asks the database for the revision: a
//! tiny query, but a trip to the database and back, which costs more than
//! sending the copy. Requests for the same campaign that arrive while one
//! such read is on its way wait for it to end, then share the next read,
//! which starts after all of them arrived: each request still sees every
//! write that committed before it arrived, on every replica, and the
//! database answers one read per round instead of one per request.
//!
//! Each key (a slug, an id) has its own gate, dropped when nobody waits at
//! it, so that reads of other keys (a flood of made-up slugs too) never
//! queue behind one another.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sea_orm::DatabaseConnection;

use crate::storage::StorageResult;
use crate::storage::campaigns::{self, CampaignRevision};

/// How a request names its campaign.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CampaignKey {
    Slug(String),
    Id(i64),
}

#[derive(Default)]
struct Gate {
    /// Requests that came to this gate, ever: each takes the next number.
    arrivals: AtomicU64,
    /// One read at a time; the last one, with the number of arrivals
    /// before it started (it answers those, a failure too: a database that
    /// is down is waited for once per round, not once per request).
    last: tokio::sync::Mutex<Option<(u64, StorageResult<CampaignRevision>)>>,
}

#[derive(Clone, Default)]
pub struct RevisionReads {
    gates: Arc<Mutex<HashMap<CampaignKey, Arc<Gate>>>>,
}

impl RevisionReads {
    /// The revision `read` finds for `key`, from a read that started after
    /// this call began (this call's own, or one it shares).
    pub async fn read<F, Fut>(&self, key: CampaignKey, read: F) -> StorageResult<CampaignRevision>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = StorageResult<CampaignRevision>>,
    {
        let visit = self.enter(key);
        let ticket = visit.gate.arrivals.fetch_add(1, Ordering::SeqCst) + 1;
        let mut last = visit.gate.last.lock().await;
        if let Some((covered, found)) = &*last
            && *covered >= ticket
        {
            return found.clone();
        }
        let covered = visit.gate.arrivals.load(Ordering::SeqCst);
        let found = read().await;
        *last = Some((covered, found.clone()));
        found
    }

    /// The id and revision of the published campaign `slug` in `db`.
    pub async fn published(
        &self,
        db: &DatabaseConnection,
        slug: &str,
    ) -> StorageResult<CampaignRevision> {
        self.read(CampaignKey::Slug(slug.to_string()), || {
            campaigns::published_revision(db, slug)
        })
        .await
    }

    /// The revision of the campaign `id` in `db`.
    pub async fn of_campaign(
        &self,
        db: &DatabaseConnection,
        id: i64,
    ) -> StorageResult<CampaignRevision> {
        self.read(CampaignKey::Id(id), || campaigns::revision(db, id))
            .await
    }

    fn enter(&self, key: CampaignKey) -> Visit<'_> {
        let mut gates = self.gates.lock().unwrap_or_else(|e| e.into_inner());
        let gate = gates.entry(key.clone()).or_default().clone();
        Visit {
            reads: self,
            key,
            gate,
        }
    }

    /// Gates in use now.
    #[cfg(test)]
    fn gates(&self) -> usize {
        self.gates.lock().map(|g| g.len()).unwrap_or_default()
    }
}

/// A request at a gate; leaving (also when the request is dropped midway)
/// removes the gate if nobody else is at it.
struct Visit<'a> {
    reads: &'a RevisionReads,
    key: CampaignKey,
    gate: Arc<Gate>,
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        let mut gates = self.reads.gates.lock().unwrap_or_else(|e| e.into_inner());
        // Clones are made under this lock: two means the map's and ours.
        if Arc::strong_count(&self.gate) == 2 {
            gates.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicI64;
    use std::time::Duration;

    use super::*;

    fn found(revision: i64) -> CampaignRevision {
        CampaignRevision {
            campaign_id: 1,
            revision,
        }
    }

    #[tokio::test]
    async fn requests_waiting_together_share_one_read_that_started_after_them() {
        let reads = RevisionReads::default();
        let database = Arc::new(AtomicI64::new(0));
        let queries = Arc::new(AtomicU64::new(0));
        let read = |reads: RevisionReads| {
            let (database, queries) = (database.clone(), queries.clone());
            async move {
                reads
                    .read(CampaignKey::Id(1), || async move {
                        queries.fetch_add(1, Ordering::SeqCst);
                        let seen = database.load(Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok(found(seen))
                    })
                    .await
            }
        };
        let first = tokio::spawn(read(reads.clone()));
        tokio::time::sleep(Duration::from_millis(5)).await;
        // A write commits while the first read is on its way: the requests
        // that arrive now must not get the first read's answer.
        database.store(7, Ordering::SeqCst);
        let later: Vec<_> = (0..10).map(|_| tokio::spawn(read(reads.clone()))).collect();
        assert_eq!(first.await.expect("joined").expect("read"), found(0));
        for request in later {
            assert_eq!(request.await.expect("joined").expect("read"), found(7));
        }
        assert_eq!(queries.load(Ordering::SeqCst), 2, "one read per round");
        assert_eq!(reads.gates(), 0, "no gate is kept when nobody waits");
    }

    #[tokio::test]
    async fn a_database_that_is_down_is_waited_for_once_per_round() {
        let reads = RevisionReads::default();
        let queries = Arc::new(AtomicU64::new(0));
        let read = |reads: RevisionReads| {
            let queries = queries.clone();
            async move {
                reads
                    .read(CampaignKey::Id(1), || async move {
                        queries.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Err(crate::storage::StorageError::Database(
                            sea_orm::DbErr::Custom("down".into()),
                        ))
                    })
                    .await
            }
        };
        let first = tokio::spawn(read(reads.clone()));
        tokio::time::sleep(Duration::from_millis(5)).await;
        let later: Vec<_> = (0..10).map(|_| tokio::spawn(read(reads.clone()))).collect();
        assert!(first.await.expect("joined").is_err());
        for request in later {
            assert!(request.await.expect("joined").is_err());
        }
        assert_eq!(queries.load(Ordering::SeqCst), 2, "not one per request");
    }

    #[tokio::test]
    async fn keys_do_not_mix_and_no_gate_outlives_its_requests() {
        let reads = RevisionReads::default();
        let failed = reads
            .read(CampaignKey::Slug("nowhere".into()), || async {
                Err(crate::storage::StorageError::NotFound("campaign"))
            })
            .await;
        assert!(failed.is_err());
        let other = reads
            .read(CampaignKey::Slug("day".into()), || async { Ok(found(3)) })
            .await
            .expect("read");
        assert_eq!(other, found(3));
        assert_eq!(reads.gates(), 0);
    }
}
