//! What every service needs, cheap to clone.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::accounts::throttle::LoginThrottle;
use super::events::CommitQueue;
use super::exports::cache::ExportCache;
use super::live::LiveHub;
use super::page_cache::PageCache;
use super::pending_limit::PendingLimit;
use super::position_indexes::PositionIndexes;
use super::revision_reads::RevisionReads;
use super::secrets::Keys;
use super::stats_cache::StatsCache;
use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

#[derive(Clone)]
pub struct Services {
    /// The primary: every write, and the reads of editors and organisers.
    pub db: DatabaseConnection,
    /// Where write transactions begin (`db::begin_write`): on SQLite a pool
    /// of one connection, so that writers queue instead of sleeping on the
    /// lock (`db::connect_writer`); else the primary's pool.
    pub write_db: DatabaseConnection,
    /// The reads that may be a moment behind (the public's lists, maps,
    /// feeds and counters): a streaming replica when one is configured,
    /// else the primary.
    pub read_db: DatabaseConnection,
    pub places: Arc<Gazetteer>,
    pub zones: Arc<ZoneFinder>,
    /// Base of edit links and feeds.
    pub public_url: Arc<str>,
    pub stats_cache: StatsCache,
    /// Pages of the lists and the actions' pages, by revision.
    pub page_cache: PageCache,
    /// The revision those copies are checked against, one read per round.
    pub revisions: RevisionReads,
    /// The positions `near` and `bbox` search, by revision (of `read_db`).
    pub positions: PositionIndexes,
    pub export_cache: ExportCache,
    /// The map's points, by campaign and filters, built and kept as the
    /// exports are, one build at a time with them.
    pub map_points: ExportCache<(i64, String)>,
    pub login_throttle: LoginThrottle,
    pub live: LiveHub,
    pub keys: Keys,
    pub pending_limit: PendingLimit,
    /// Where registrations wait to be stored together (on `write_db`).
    pub commit_queue: CommitQueue,
}

impl Services {
    pub fn new(
        db: DatabaseConnection,
        places: Arc<Gazetteer>,
        zones: Arc<ZoneFinder>,
        public_url: &str,
    ) -> Self {
        let live = LiveHub::new(&db);
        let export_cache = ExportCache::default();
        Services {
            read_db: db.clone(),
            write_db: db.clone(),
            db,
            places,
            zones,
            public_url: public_url.into(),
            stats_cache: Default::default(),
            page_cache: Default::default(),
            revisions: Default::default(),
            positions: Default::default(),
            map_points: ExportCache::sharing_limits_with(&export_cache),
            export_cache,
            login_throttle: Default::default(),
            live,
            keys: Keys::default(),
            pending_limit: PendingLimit::default(),
            commit_queue: CommitQueue::default(),
        }
    }

    /// The same services with their write transactions on `writer`.
    pub fn with_write_db(self, writer: DatabaseConnection) -> Self {
        Services {
            write_db: writer,
            // Its task stores on the connection it started with.
            commit_queue: CommitQueue::default(),
            ..self
        }
    }

    /// The same services with the public's reads on `replica`.
    pub fn with_read_db(self, replica: DatabaseConnection) -> Self {
        Services {
            read_db: replica,
            positions: Default::default(),
            ..self
        }
    }
}
