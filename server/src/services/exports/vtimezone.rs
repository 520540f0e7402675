//! VTIMEZONE components (RFC 5545 §3.6.5) from chrono-tz, so that an event's
//! DTSTART names its IANA zone (`DTSTART;TZID=Asia/Tehran:20261105T140000`)
//! and a calendar app shows the zone the group meant. Each zone is written
//! for the years of the campaign: the offset in force at the start, then
//! every change, found by scanning the hours and bisecting to the second.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

/// `+0330`, `-0930`, `+054500`
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let local = t.with_timezone(&tz);
    let offset = local.offset();
    (
        offset.fix().local_minus_utc(),
        !offset.dst_offset().is_zero(),
        local.format("%Z").to_string(),
    )
}

fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn observance(
    out: &mut String,
    daylight: bool,
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: &str,
) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    out.push_str(&format!(
        "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
        local_text(start),
        offset_text(from),
        offset_text(to),
        name.replace([',', ';', '\\', '\r', '\n'], ""),
    ));
}

/// The VTIMEZONE of `tz` for the years `first_year..=last_year`.
pub(super) fn component(tz: Tz, first_year: i32, last_year: i32) -> String {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(last_year.saturating_add(1), 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(start);
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let (mut offset, mut daylight, mut name) = offset_at(tz, start);
    observance(
        &mut out,
        daylight,
        (start + chrono::Duration::seconds(i64::from(offset))).naive_utc(),
        offset,
        offset,
        &name,
    );
    let hour = chrono::Duration::hours(1);
    let mut t = start;
    while t < end {
        let next = t + hour;
        let (o, d, n) = offset_at(tz, next);
        if (o, d, &n) != (offset, daylight, &name) {
            // Bisect to the second the change takes effect.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(next);
                if offset_at(tz, at) == (offset, daylight, name.clone()) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let change = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            let local_before = (change + chrono::Duration::seconds(i64::from(offset))).naive_utc();
            observance(&mut out, d, local_before, offset, o, &n);
            (offset, daylight, name) = (o, d, n);
        }
        t = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// The local start as it is written with its zone, when that local time
/// reads back as the stored instant (in a fall-back fold a reader takes the
/// first of the two; a group that chose the second keeps a UTC DTSTART).
pub(super) fn local_if_unambiguous(
    tz: Tz,
    local: NaiveDateTime,
    utc_seconds: i64,
) -> Option<NaiveDateTime> {
    let first = tz.from_local_datetime(&local).earliest()?;
    (first.timestamp() == utc_seconds).then_some(local)
}

/// The years a campaign's days fall in.
pub(super) fn years(starts_on: NaiveDate, ends_on: NaiveDate) -> (i32, i32) {
    (starts_on.year(), ends_on.year().max(starts_on.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_with_summer_time_lists_its_changes() {
        let berlin = component(chrono_tz::Europe::Berlin, 2026, 2026);
        assert!(berlin.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
        assert!(berlin.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
        ), "{berlin}");
        assert!(berlin.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n"
        ), "{berlin}");
    }

    #[test]
    fn odd_offsets_and_no_changes() {
        let kathmandu = component(chrono_tz::Asia::Kathmandu, 2026, 2026);
        assert!(kathmandu.contains("TZOFFSETTO:+0545"), "{kathmandu}");
        assert_eq!(
            kathmandu.matches("BEGIN:STANDARD").count(),
            1,
            "{kathmandu}"
        );
        let tehran = component(chrono_tz::Asia::Tehran, 2026, 2026);
        assert!(tehran.contains("TZOFFSETTO:+0330"), "{tehran}");
        assert_eq!(offset_text(-9 * 3600 - 1800), "-0930");
    }

    #[test]
    fn the_second_of_two_folded_times_stays_utc() {
        let tz = chrono_tz::Europe::Berlin;
        let local = NaiveDate::from_ymd_opt(2026, 10, 25)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("time");
        let first = tz
            .from_local_datetime(&local)
            .earliest()
            .expect("first")
            .timestamp();
        assert_eq!(local_if_unambiguous(tz, local, first), Some(local));
        assert_eq!(local_if_unambiguous(tz, local, first + 3600), None);
    }
}
