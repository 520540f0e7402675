//! Login attempts limited per account and per client, in memory (each
//! replica counts its own: with N replicas an attacker gets at most N times
//! the budget). Keys are hashes, kept only for the window; no address is
//! stored.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sha2::{Digest, Sha256};

/// Attempts per account: 10 at once, then one every 30 s.
const ACCOUNT_BURST: u32 = 10;
const ACCOUNT_PERIOD: Duration = Duration::from_secs(30);
/// Attempts per client: 30 at once, then one every 6 s.
const CLIENT_BURST: u32 = 30;
const CLIENT_PERIOD: Duration = Duration::from_secs(6);

#[derive(Clone)]
pub struct LoginThrottle {
    accounts: Arc<DefaultKeyedRateLimiter<[u8; 32]>>,
    clients: Arc<DefaultKeyedRateLimiter<[u8; 32]>>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        let quota = |burst: u32, period: Duration| {
            Quota::with_period(period)
                .map(|q| q.allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN)))
                .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        };
        LoginThrottle {
            accounts: Arc::new(RateLimiter::keyed(quota(ACCOUNT_BURST, ACCOUNT_PERIOD))),
            clients: Arc::new(RateLimiter::keyed(quota(CLIENT_BURST, CLIENT_PERIOD))),
        }
    }
}

fn key(kind: &str, value: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update(value);
    hasher.finalize().into()
}

impl LoginThrottle {
    /// Counts an attempt for `email` from `client`: `Err(seconds to wait)`
    /// when either has used its budget. Known and unknown emails are counted
    /// alike, so the limit tells nothing about which exist.
    pub fn attempt(&self, email: &str, client: Option<IpAddr>) -> Result<(), u64> {
        let wait = |limiter: &DefaultKeyedRateLimiter<[u8; 32]>, k: [u8; 32]| {
            limiter.check_key(&k).map_err(|not_until| {
                not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1)
            })
        };
        if let Some(ip) = client {
            wait(&self.clients, key("client", ip.to_string().as_bytes()))?;
        }
        wait(&self.accounts, key("account", email.as_bytes()))
    }

    /// Forgets keys idle long enough to have their whole budget back.
    pub fn forget_idle(&self) {
        self.accounts.retain_recent();
        self.clients.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_whoever_tries_and_a_client_whatever_it_tries() {
        let throttle = LoginThrottle::default();
        let ips: Vec<IpAddr> = (0..=ACCOUNT_BURST)
            .map(|i| IpAddr::from([10, 0, 0, i as u8]))
            .collect();
        for ip in &ips[..ACCOUNT_BURST as usize] {
            assert!(throttle.attempt("a@example.org", Some(*ip)).is_ok());
        }
        let wait = throttle
            .attempt("a@example.org", Some(ips[ACCOUNT_BURST as usize]))
            .expect_err("account limited");
        assert!(wait >= 1);
        // Another account is not affected.
        assert!(throttle.attempt("b@example.org", Some(ips[0])).is_ok());

        let throttle = LoginThrottle::default();
        let ip = IpAddr::from([192, 0, 2, 1]);
        let refused = (0..CLIENT_BURST + 1)
            .filter(|i| {
                throttle
                    .attempt(&format!("{i}@example.org"), Some(ip))
                    .is_err()
            })
            .count();
        assert_eq!(refused, 1);
    }
}
