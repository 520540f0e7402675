//! iCalendar (RFC 5545). The `icalendar` crate writes the components; this
//! module makes its output safe whatever the stored text holds: no bare CR or
//! LF inside a value (a reader could take it as a new line and an injected
//! `END:VEVENT`), lines folded at 75 octets (not characters), and public
//! timestamps no finer than the day (exact times could tie a registration to a
//! person watched on the network).

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, EventStatus as IcsStatus};

use super::context::Context;
use super::vtimezone;
use crate::entities::{campaign, event};

pub(super) const END: &str = "END:VCALENDAR\r\n";
/// RFC 5545 §3.1: at most 75 octets a line, without the CRLF.
const LINE_OCTETS: usize = 75;

/// The calendar's opening lines and the VTIMEZONE of each zone its events
/// use, up to its first event.
pub(super) fn head(campaign: &campaign::Model, zones: &[chrono_tz::Tz]) -> String {
    let mut cal = Calendar::new();
    cal.name(&clean(&campaign.title))
        .description(&clean(&campaign.summary));
    let whole = cal.done().to_string();
    let mut out = normalise(whole.strip_suffix(END).unwrap_or(&whole));
    let (first, last) = vtimezone::years(campaign.starts_on, campaign.ends_on);
    for zone in zones {
        out.push_str(&vtimezone::component(*zone, first, last));
    }
    out
}

/// Midnight UTC of the day of `t`.
fn day(t: DateTime<Utc>) -> DateTime<Utc> {
    t.date_naive().and_time(NaiveTime::MIN).and_utc()
}

/// One VEVENT, normalised.
pub(super) fn event(context: &Context, model: &event::Model) -> Result<String, std::fmt::Error> {
    let (shown, url) = context.public_view(model);
    let mut e = icalendar::Event::new();
    e.uid(&format!("event-{}@{}", shown.id, context.host))
        .summary(&clean(&shown.title))
        .url(&url)
        .sequence(model.version.max(0) as u32)
        .timestamp(day(model.updated_at))
        .last_modified(day(model.updated_at))
        .created(day(model.created_at));
    // The local time with its zone (whose VTIMEZONE the calendar carries),
    // so that calendar apps show the zone the group meant; in UTC only when
    // the local time would read back as another instant (the second of two
    // folded times). The local time is in the description too.
    let zone = model.timezone.0;
    let at = |local: NaiveDateTime, utc: i64| -> Option<CalendarDateTime> {
        match vtimezone::local_if_unambiguous(zone, local, utc) {
            Some(date_time) => Some(CalendarDateTime::WithTimezone {
                date_time,
                tzid: zone.name().to_string(),
            }),
            None => DateTime::from_timestamp(utc, 0).map(CalendarDateTime::Utc),
        }
    };
    if let Some(start) = at(model.local_start, model.starts_at_utc) {
        e.starts(start);
    }
    if let Some(end) = model
        .local_end
        .zip(model.ends_at_utc)
        .and_then(|(local, utc)| at(local, utc))
    {
        e.ends(end);
    }
    let place = match &shown.place.address {
        Some(address) => format!("{address}, {}, {}", shown.place.city, shown.place.country),
        None => format!("{}, {}", shown.place.city, shown.place.country),
    };
    e.location(&clean(&place));
    e.add_property(
        "GEO",
        format!("{:.5};{:.5}", shown.place.latitude, shown.place.longitude),
    );
    let mut text = format!(
        "{} {} ({}, UTC{}) — {}\n{url}",
        shown.local.date,
        shown.local.start,
        shown.timezone,
        shown.local.utc_offset,
        shown.organiser_name,
    );
    if let Some(d) = &shown.description {
        text = format!("{d}\n\n{text}");
    }
    e.description(&clean(&text));
    e.status(if shown.cancelled {
        IcsStatus::Cancelled
    } else {
        IcsStatus::Confirmed
    });
    Ok(normalise(&e.done().try_into_string()?))
}

/// Text for a property value: every line break a plain LF (which the writer
/// escapes as `\n`), other control characters (but tab) dropped.
pub(super) fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// Unfolds what the writer wrote, escapes any bare CR or LF left inside a
/// line as `\n`, and folds again at 75 octets on character boundaries.
pub(super) fn normalise(written: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for physical in written.split("\r\n") {
        match physical.strip_prefix([' ', '\t']) {
            Some(continued) if !lines.is_empty() => {
                if let Some(last) = lines.last_mut() {
                    last.push_str(continued);
                }
            }
            _ if physical.is_empty() => {}
            _ => lines.push(physical.to_string()),
        }
    }
    let mut out = String::with_capacity(written.len() + written.len() / 32);
    for line in lines {
        fold(&line.replace(['\r', '\n'], "\\n"), &mut out);
    }
    out
}

/// Writes `line` as physical lines of at most 75 octets each; a continuation
/// line starts with one space, which counts in its 75.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "—ایران ".repeat(40));
        let mut out = String::new();
        fold(&line, &mut out);
        for physical in out.split_terminator("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn no_bare_line_break_survives() {
        let written = "BEGIN:VEVENT\r\nDESCRIPTION:a\rEND:VEVENT\nX:1\r\n\
                       SUMMARY:long\r\n  folded\r\nEND:VEVENT\r\n";
        let out = normalise(written);
        assert_eq!(
            out,
            "BEGIN:VEVENT\r\nDESCRIPTION:a\\nEND:VEVENT\\nX:1\r\nSUMMARY:long folded\r\nEND:VEVENT\r\n"
        );
        assert_eq!(clean("a\r\nb\rc\u{0}d\te"), "a\nb\ncd\te");
    }

    #[test]
    fn days_not_seconds() {
        let t = DateTime::from_timestamp(1_793_883_845, 0).expect("time");
        assert_eq!(day(t).to_rfc3339(), "2026-11-05T00:00:00+00:00");
    }
}
