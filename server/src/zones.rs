//! Time zone from coordinates: an embedded copy of the IANA zone boundaries
//! (tzf-rs), never the country alone.

use std::sync::{Arc, OnceLock};

use chrono_tz::Tz;
use tzf_rs::EmbeddedFinder;

pub struct ZoneFinder(EmbeddedFinder);

impl ZoneFinder {
    /// Loaded once per process; queries the data in place (a few MB).
    pub fn shared() -> Arc<ZoneFinder> {
        static SHARED: OnceLock<Arc<ZoneFinder>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(ZoneFinder(EmbeddedFinder::new())))
            .clone()
    }

    /// The zone at a point; `None` where no zone is drawn (open sea) or the
    /// name is one chrono-tz does not know.
    pub fn zone_at(&self, latitude: f64, longitude: f64) -> Option<Tz> {
        let name = self.0.get_tz_name(longitude, latitude);
        if name.is_empty() {
            return None;
        }
        name.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_come_from_coordinates() {
        let zones = ZoneFinder::shared();
        let at = |lat, lon| zones.zone_at(lat, lon).map(|z| z.name().to_string());
        assert_eq!(at(35.694, 51.421).as_deref(), Some("Asia/Tehran"));
        assert_eq!(at(27.701, 85.321).as_deref(), Some("Asia/Kathmandu"));
        assert_eq!(at(-43.955, -176.56).as_deref(), Some("Pacific/Chatham"));
        assert_eq!(at(-31.55, 159.08).as_deref(), Some("Australia/Lord_Howe"));
        assert_eq!(at(47.561, -52.713).as_deref(), Some("America/St_Johns"));
        // Countries with several zones.
        assert_eq!(at(34.052, -118.244).as_deref(), Some("America/Los_Angeles"));
        assert_eq!(at(40.713, -74.006).as_deref(), Some("America/New_York"));
        assert_eq!(at(55.030, 82.920).as_deref(), Some("Asia/Novosibirsk"));
    }
}
