//! The printed table of one backend, and whether the targets hold.

use super::bulk::Loaded;
use super::measure::{QueryFigures, REGISTRATIONS_WARMING, Registrations};
use super::process::Memory;
use super::storm::StormFigures;
use super::throughput::{Rate, TARGET_SHARE};

/// The targets of the issues, at 100,000 events on a 2-core machine.
const NEAR_P99_MS: f64 = 1.0;
const BBOX_P99_MS: f64 = 1.0;
/// Whether or not anything changed since the last read (the tallies).
const STATS_P99_MS: f64 = 1.0;
/// Peak resident memory: under a tenth of the peer's with 1,000 events,
/// under 64 MiB with 100,000.
fn memory_target_mib(events: u64) -> f64 {
    if events <= 1_000 { 24.0 } else { 64.0 }
}
/// Registrations with 32 clients: per second, and the server's p99.
const REGISTRATIONS_SQLITE: f64 = 2_000.0;
const REGISTRATIONS_POSTGRES: f64 = 1_000.0;
const REGISTRATION_P99_MS: f64 = 50.0;
/// During an export storm: the peak over the idle server, and the list.
const STORM_MEMORY_MIB: f64 = 64.0;
const STORM_LIST_P99_MS: f64 = 50.0;

pub struct BackendReport {
    pub label: &'static str,
    pub events: u64,
    pub registrations: Registrations,
    pub bulk: Loaded,
    pub near: QueryFigures,
    pub near_world: QueryFigures,
    pub bbox: QueryFigures,
    pub bbox_wide: QueryFigures,
    pub bbox_world: QueryFigures,
    pub country: QueryFigures,
    pub stats: QueryFigures,
    pub stats_cold: QueryFigures,
    /// The map's points: server ms of the first request after a change (it
    /// reads and compresses them), the requests served from the copy, and
    /// the gzip bytes of one answer.
    pub points_built: f64,
    pub points: QueryFigures,
    pub points_bytes: usize,
    pub places: QueryFigures,
    pub memory: Memory,
    /// The bare handler first.
    pub rates: Vec<Rate>,
    pub storms: Vec<StormFigures>,
    /// 1-minute load average before and after the timed queries.
    pub load: (Option<f64>, Option<f64>),
    pub seconds: f64,
}

/// 98000 → "98,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(value: f64) -> String {
    format!("{value:.2} ms")
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn yes_no(ok: bool) -> &'static str {
    if ok { "yes" } else { "NO" }
}

fn slowest<'a>(all: &[&'a QueryFigures]) -> &'a QueryFigures {
    all.iter()
        .copied()
        .max_by(|a, b| a.server.p99.total_cmp(&b.server.p99))
        .expect("at least one")
}

pub fn duration(seconds: f64) -> String {
    let whole = seconds.round() as u64;
    if whole >= 60 {
        format!("{} min {:02} s", whole / 60, whole % 60)
    } else {
        format!("{seconds:.1} s")
    }
}

impl BackendReport {
    /// The slower of the near queries, which the target covers alike.
    fn near(&self) -> &QueryFigures {
        slowest(&[&self.near, &self.near_world])
    }

    fn bbox(&self) -> &QueryFigures {
        slowest(&[&self.bbox, &self.bbox_wide, &self.bbox_world])
    }

    pub fn print(&self) {
        let r = &self.registrations;
        let b = &self.bulk;
        println!();
        println!("== {} ({} events) ==", self.label, thousands(self.events));
        let rate = r.accepted as f64 / r.seconds;
        let rate_target = if self.label == "SQLite" {
            REGISTRATIONS_SQLITE
        } else {
            REGISTRATIONS_POSTGRES
        };
        println!(
            "{:<18}{} in {:.1} s = {:.0}/s (target ≥ {rate_target:.0}/s: {})   server p50 {}  p99 {} (target < {REGISTRATION_P99_MS} ms: {}; after the first {}: p99 {})   refused (422): {}",
            "registration",
            thousands(r.accepted as u64),
            r.seconds,
            rate,
            yes_no(rate >= rate_target),
            ms(r.server.p50),
            ms(r.server.p99),
            yes_no(r.server.p99 < REGISTRATION_P99_MS),
            REGISTRATIONS_WARMING,
            ms(r.server_warm.p99),
            r.refused
        );
        println!(
            "{:<18}{} rows in {:.1} s = {}/s (straight into the database; {} generated rows refused)",
            "bulk load",
            thousands(b.rows as u64),
            b.seconds,
            thousands((b.rows as f64 / b.seconds) as u64),
            b.refused
        );
        println!(
            "{:<18}{:>12}{:>12}{:>12}{:>16}{:>16}",
            "query", "server p50", "server p99", "server max", "round-trip p50", "matches (mean)"
        );
        let rows = [
            ("near 50 km", &self.near),
            ("near world", &self.near_world),
            ("bbox 1°×1°", &self.bbox),
            ("bbox 40°×25°", &self.bbox_wide),
            ("bbox world", &self.bbox_world),
            ("country (top 20)", &self.country),
            ("stats", &self.stats),
            ("stats (cold)", &self.stats_cold),
            ("map points", &self.points),
            ("places", &self.places),
        ];
        for (name, q) in rows {
            println!(
                "{:<18}{:>12}{:>12}{:>12}{:>16}{:>16}",
                name,
                ms(q.server.p50),
                ms(q.server.p99),
                ms(q.server.max),
                ms(q.round_trip.p50),
                q.mean_matches
                    .map_or_else(|| "-".to_string(), |m| format!("{m:.1}"))
            );
        }
        println!(
            "{:<18}every action in one request: {:.1} KB gzip ({:.0} bytes an action); the first after a change {} (read and compressed), then from the copy (row above)",
            "map points",
            self.points_bytes as f64 / 1024.0,
            self.points_bytes as f64 / self.events.max(1) as f64,
            ms(self.points_built)
        );
        println!(
            "{:<18}VmHWM {:.1} MiB   VmRSS {:.1} MiB, of which anonymous {:.1} MiB (the rest is the binary's and the libraries' pages)",
            "memory",
            mib(self.memory.hwm_kib),
            mib(self.memory.rss_kib),
            mib(self.memory.anon_kib)
        );
        println!(
            "{:<18}near p99 < {NEAR_P99_MS} ms (every radius): {}; bbox p99 < {BBOX_P99_MS} ms (every box): {}; stats p99 < {STATS_P99_MS} ms: {} (cold: {}); memory (VmHWM) < {} MiB: {}",
            "targets",
            yes_no(self.near().server.p99 < NEAR_P99_MS),
            yes_no(self.bbox().server.p99 < BBOX_P99_MS),
            yes_no(self.stats.server.p99 < STATS_P99_MS),
            yes_no(self.stats_cold.server.p99 < STATS_P99_MS),
            memory_target_mib(self.events),
            yes_no(mib(self.memory.hwm_kib) < memory_target_mib(self.events))
        );
        if let Some(bare) = self.rates.first() {
            for rate in &self.rates {
                let share = rate.per_second / bare.per_second;
                let verdict = if std::ptr::eq(rate, bare) {
                    "the ceiling".to_string()
                } else {
                    format!(
                        "{:.0}% of it (target ≥ {:.0}%: {})",
                        share * 100.0,
                        TARGET_SHARE * 100.0,
                        yes_no(share >= TARGET_SHARE)
                    )
                };
                println!(
                    "{:<18}{:<20}{:>10.0}/s   {verdict}",
                    "throughput", rate.name, rate.per_second
                );
            }
        }
        for storm in &self.storms {
            storm.print();
        }
        let load = |l: Option<f64>| l.map_or_else(|| "?".to_string(), |l| format!("{l:.2}"));
        println!(
            "{:<18}1-min load average {} before the queries, {} after (2 cores)",
            "machine",
            load(self.load.0),
            load(self.load.1)
        );
        println!("{:<18}{}", "took", duration(self.seconds));
    }
}

impl StormFigures {
    fn print(&self) {
        let over_idle = mib(self.peak.hwm_kib) - mib(self.idle.rss_kib);
        let peak = if self.peak_reset {
            "peak during the storm"
        } else {
            "peak since start (could not reset)"
        };
        println!(
            "{:<18}{} clients × 2 waves, half with gzip; body {:.1} MiB gzip, {:.1} MiB plain",
            format!("storm .{}", self.format),
            self.parallel,
            self.gzip_bytes as f64 / 1_048_576.0,
            self.plain_bytes as f64 / 1_048_576.0
        );
        println!(
            "{:<18}cold wave (one build) p50 {}  p99 {}   from cache p50 {}  p99 {}  (round trip, whole body)",
            "",
            ms(self.cold.p50),
            ms(self.cold.p99),
            ms(self.warm.p50),
            ms(self.warm.p99)
        );
        println!(
            "{:<18}list alone before: round trip p50 {}  p99 {}",
            "",
            ms(self.list_idle.p50),
            ms(self.list_idle.p99)
        );
        println!(
            "{:<18}list during storm ({} requests): round trip p50 {}  p99 {}  max {}; server p50 {}  p99 {}",
            "",
            self.list_requests,
            ms(self.list_round_trip.p50),
            ms(self.list_round_trip.p99),
            ms(self.list_round_trip.max),
            ms(self.list_server.p50),
            ms(self.list_server.p99)
        );
        println!(
            "{:<18}memory: idle VmRSS {:.1} MiB, VmHWM ({peak}) {:.1} MiB = +{:.1} MiB",
            "",
            mib(self.idle.rss_kib),
            mib(self.peak.hwm_kib),
            over_idle
        );
        println!(
            "{:<18}memory +< {STORM_MEMORY_MIB:.0} MiB over idle: {}; list p99 < {STORM_LIST_P99_MS:.0} ms during the storm: {}",
            "targets",
            yes_no(over_idle < STORM_MEMORY_MIB),
            yes_no(self.list_round_trip.p99 < STORM_LIST_P99_MS)
        );
    }
}

/// How the figures that depend on the number of actions grow from one size
/// to the next, per backend, beside their targets.
pub fn print_growth(reports: &[BackendReport]) {
    let mut labels: Vec<&str> = reports.iter().map(|r| r.label).collect();
    labels.sort();
    labels.dedup();
    println!("\n== growth with the number of actions (server p99; memory VmHWM) ==");
    println!(
        "{:<12}{:>10}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}",
        "",
        "actions",
        "near 50 km",
        "near world",
        "bbox 1°",
        "bbox 40°",
        "bbox world",
        "stats",
        "list/bare",
        "memory"
    );
    println!(
        "{:<12}{:>10}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}",
        "target",
        "",
        format!("< {NEAR_P99_MS} ms"),
        format!("< {NEAR_P99_MS} ms"),
        format!("< {BBOX_P99_MS} ms"),
        format!("< {BBOX_P99_MS} ms"),
        format!("< {BBOX_P99_MS} ms"),
        format!("< {STATS_P99_MS} ms"),
        format!("≥ {:.0}%", TARGET_SHARE * 100.0),
        "< 24 / 64 MiB"
    );
    for label in labels {
        for r in reports.iter().filter(|r| r.label == label) {
            let share = match (r.rates.first(), r.rates.get(1)) {
                (Some(bare), Some(list)) => {
                    format!("{:.0}%", list.per_second / bare.per_second * 100.0)
                }
                _ => "-".to_string(),
            };
            println!(
                "{:<12}{:>10}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}{:>12}",
                label,
                thousands(r.events),
                ms(r.near.server.p99),
                ms(r.near_world.server.p99),
                ms(r.bbox.server.p99),
                ms(r.bbox_wide.server.p99),
                ms(r.bbox_world.server.p99),
                ms(r.stats.server.p99),
                share,
                format!("{:.1} MiB", mib(r.memory.hwm_kib))
            );
        }
    }
}
