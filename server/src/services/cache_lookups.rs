//! How often a cache had the answer, for `/metrics`: two counters that the
//! clones of one cache share.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Default)]
pub struct CacheLookups(Arc<[AtomicU64; 2]>);

const HITS: usize = 0;
const MISSES: usize = 1;

impl CacheLookups {
    pub fn record(&self, hit: bool) {
        self.0[if hit { HITS } else { MISSES }].fetch_add(1, Ordering::Relaxed);
    }

    pub fn hits(&self) -> u64 {
        self.0[HITS].load(Ordering::Relaxed)
    }

    pub fn misses(&self) -> u64 {
        self.0[MISSES].load(Ordering::Relaxed)
    }
}
