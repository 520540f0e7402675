//! Messages with a number or a name in them: each language chooses its
//! plural form from the number (CLDR rules).

use super::fluent::{self, Arg};
use super::lang::Lang;

/// The campaign counters on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Actions,
    Cities,
    Countries,
    Organisations,
}

impl Counter {
    #[cfg(test)]
    pub const ALL: [Counter; 4] = [
        Counter::Actions,
        Counter::Cities,
        Counter::Countries,
        Counter::Organisations,
    ];

    fn message_id(self) -> &'static str {
        match self {
            Counter::Actions => "counter-actions",
            Counter::Cities => "counter-cities",
            Counter::Countries => "counter-countries",
            Counter::Organisations => "counter-organisations",
        }
    }
}

impl Lang {
    /// The word after a campaign counter, in the plural form `count` needs
    /// ("1 action", "2 actions"); the page shows the number itself, larger.
    pub fn counter(self, counter: Counter, count: u64) -> String {
        fluent::format(
            self,
            counter.message_id(),
            &[("count", fluent::count(count as f64))],
        )
    }

    /// The button that shows every action of a country: "Show all 12".
    pub fn show_all(self, count: usize) -> String {
        fluent::format(self, "show-all", &[("count", fluent::count(count as f64))])
    }

    /// The accessible name of a map cluster: "12 actions, zoom in".
    pub fn map_cluster(self, count: usize) -> String {
        fluent::format(
            self,
            "map-cluster",
            &[("count", fluent::count(count as f64))],
        )
    }

    /// How many actions the filtered list shows: "12 shown".
    pub fn shown_count(self, count: usize) -> String {
        fluent::format(
            self,
            "shown-count",
            &[("count", fluent::count(count as f64))],
        )
    }

    /// A distance, to a tenth of a kilometre: "3.2 km".
    pub fn distance_km(self, km: f64) -> String {
        let km = (km * 10.0).round() / 10.0;
        fluent::format(self, "distance-km", &[("km", Arg::Decimal(km, 1))])
    }

    /// Under the time fields: "Local time in Europe/Stockholm (+01:00)";
    /// `zone` is the zone's name with its offset.
    pub fn zone_note(self, zone: &str) -> String {
        fluent::format(self, "zone-note", &[("zone", Arg::Str(zone))])
    }

    /// The wave's busiest hour: "Busiest hour: 18:00 UTC, with 4 actions."
    pub fn wave_peak(self, hour: u8, count: u64) -> String {
        let hour = format!("{hour:02}:00");
        fluent::format(
            self,
            "wave-peak",
            &[
                ("hour", Arg::Str(&hour)),
                ("count", fluent::count(count as f64)),
            ],
        )
    }

    /// What the live region says after a decision: "Approve: Vigil. Done."
    pub fn decided(self, decision: &str, title: &str) -> String {
        fluent::format(
            self,
            "decided",
            &[("decision", Arg::Str(decision)), ("title", Arg::Str(title))],
        )
    }

    pub fn decision_failed(self, title: &str, message: &str) -> String {
        fluent::format(
            self,
            "decision-failed",
            &[("title", Arg::Str(title)), ("message", Arg::Str(message))],
        )
    }

    /// After a bulk decision: "Approve: 3 done, 1 refused."
    pub fn bulk_done(self, decision: &str, done: usize, refused: usize) -> String {
        fluent::format(
            self,
            "bulk-done",
            &[
                ("decision", Arg::Str(decision)),
                ("done", fluent::count(done as f64)),
                ("refused", fluent::count(refused as f64)),
            ],
        )
    }

    /// How many actions the queue shows: "12 actions".
    pub fn queue_total(self, count: u64) -> String {
        fluent::format(
            self,
            "queue-total",
            &[("count", fluent::count(count as f64))],
        )
    }

    pub fn selected_count(self, count: usize) -> String {
        fluent::format(
            self,
            "selected-count",
            &[("count", fluent::count(count as f64))],
        )
    }

    /// The answer to an import: "12 endorsements imported, 1 lines refused."
    pub fn imported(self, imported: usize, refused: usize) -> String {
        fluent::format(
            self,
            "imported",
            &[
                ("imported", fluent::count(imported as f64)),
                ("refused", fluent::count(refused as f64)),
            ],
        )
    }

    /// "12 organisations have signed."
    pub fn endorsement_count(self, count: u64) -> String {
        fluent::format(
            self,
            "endorsement-count",
            &[("count", fluent::count(count as f64))],
        )
    }
}
