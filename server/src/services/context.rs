//! What every service needs, cheap to clone.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::accounts::throttle::LoginThrottle;
use super::exports::cache::ExportCache;
use super::live::LiveHub;
use super::pending_limit::PendingLimit;
use super::secrets::Keys;
use super::stats_cache::StatsCache;
use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

#[derive(Clone)]
pub struct Services {
    pub db: DatabaseConnection,
    pub places: Arc<Gazetteer>,
    pub zones: Arc<ZoneFinder>,
    /// Base of edit links and feeds.
    pub public_url: Arc<str>,
    pub stats_cache: StatsCache,
    pub export_cache: ExportCache,
    pub login_throttle: LoginThrottle,
    pub live: LiveHub,
    pub keys: Keys,
    pub pending_limit: PendingLimit,
}

impl Services {
    pub fn new(
        db: DatabaseConnection,
        places: Arc<Gazetteer>,
        zones: Arc<ZoneFinder>,
        public_url: &str,
    ) -> Self {
        let live = LiveHub::new(&db);
        Services {
            db,
            places,
            zones,
            public_url: public_url.into(),
            stats_cache: Default::default(),
            export_cache: Default::default(),
            login_throttle: Default::default(),
            live,
            keys: Keys::default(),
            pending_limit: PendingLimit::default(),
        }
    }
}
