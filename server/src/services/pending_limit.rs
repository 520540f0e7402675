//! A campaign's limit of submissions waiting for review per client and
//! hour, counted in memory by each replica (documented as per replica). The
//! key is a hash of the campaign and the address, kept only for the hour;
//! no address is stored.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

const WINDOW: Duration = Duration::from_secs(3600);

#[derive(Clone, Default)]
pub struct PendingLimit(Arc<Mutex<HashMap<[u8; 32], VecDeque<Instant>>>>);

impl PendingLimit {
    /// Counts one submission; `Err(seconds until one is allowed again)` past
    /// `limit` in the last hour. A limit of 0, or no known address, admits.
    pub fn admit(&self, campaign_id: i64, client: Option<IpAddr>, limit: u32) -> Result<(), u64> {
        self.admit_at(campaign_id, client, limit, Instant::now())
    }

    fn admit_at(
        &self,
        campaign_id: i64,
        client: Option<IpAddr>,
        limit: u32,
        now: Instant,
    ) -> Result<(), u64> {
        let (Some(ip), true) = (client, limit > 0) else {
            return Ok(());
        };
        let mut hasher = Sha256::new();
        hasher.update(campaign_id.to_le_bytes());
        hasher.update(ip.to_string().as_bytes());
        let key: [u8; 32] = hasher.finalize().into();
        let Ok(mut map) = self.0.lock() else {
            return Ok(());
        };
        // Forget whole keys whose hour is over, so the table stays small.
        map.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < WINDOW)
        });
        let times = map.entry(key).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err((WINDOW - now.duration_since(oldest)).as_secs().max(1));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_hourly_allowance_per_campaign() {
        let limit = PendingLimit::default();
        let ip = Some(IpAddr::from([198, 51, 100, 7]));
        let start = Instant::now();
        assert!(limit.admit_at(1, ip, 2, start).is_ok());
        assert!(limit.admit_at(1, ip, 2, start).is_ok());
        let wait = limit.admit_at(1, ip, 2, start).expect_err("third");
        assert!(wait > 3500, "{wait}");
        // Another campaign, another client, or no limit: admitted.
        assert!(limit.admit_at(2, ip, 2, start).is_ok());
        assert!(
            limit
                .admit_at(1, Some(IpAddr::from([198, 51, 100, 8])), 2, start)
                .is_ok()
        );
        assert!(limit.admit_at(1, ip, 0, start).is_ok());
        // An hour later the allowance is back.
        assert!(limit.admit_at(1, ip, 2, start + WINDOW).is_ok());
    }
}
