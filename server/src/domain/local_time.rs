//! The time rules: a wall-clock time in an IANA zone is the source of truth;
//! the UTC instant is derived from it.
//!
//! - a time that does not exist (spring-forward gap) is refused, naming the gap;
//! - an ambiguous time (fall-back fold) takes the earlier instant unless an
//!   explicit offset picks the later one;
//! - the day of action is checked against the local date.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// `YYYY-MM-DDTHH:MM` as stored.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A local time resolved to one instant in its zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZonedTime {
    pub local: NaiveDateTime,
    pub instant: DateTime<Tz>,
}

impl ZonedTime {
    pub fn utc_seconds(&self) -> i64 {
        self.instant.timestamp()
    }

    pub fn local_string(&self) -> String {
        self.local.format(LOCAL_FORMAT).to_string()
    }

    /// `+03:30`
    pub fn utc_offset(&self) -> String {
        format_offset(self.instant.offset().fix())
    }

    /// `CET`, or `+0330` where the zone has no letter abbreviation.
    pub fn abbreviation(&self) -> String {
        self.instant.format("%Z").to_string()
    }
}

/// Why a local time was refused. Its English sentence is the one of the
/// [`shared::FieldError`] it becomes, written once, there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTimeError {
    Malformed,
    OutOfRange,
    InGap(Box<Gap>),
    OffsetMismatch {
        given: String,
        zone: String,
        local: String,
        valid: String,
    },
}

impl std::fmt::Display for LocalTimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        shared::FieldError::from(self.clone()).fmt(f)
    }
}

impl std::error::Error for LocalTimeError {}

impl From<LocalTimeError> for shared::FieldError {
    fn from(e: LocalTimeError) -> Self {
        use shared::FieldError;
        match e {
            LocalTimeError::Malformed => FieldError::InvalidDateTime {
                example: EXAMPLE.into(),
            },
            LocalTimeError::OutOfRange => FieldError::YearOutOfRange {
                first: FIRST_YEAR,
                last: LAST_YEAR,
            },
            LocalTimeError::InGap(gap) => {
                let Gap {
                    local,
                    zone,
                    gap_start,
                    gap_end,
                    offset_before,
                    offset_after,
                } = *gap;
                FieldError::InDstGap {
                    local: local.into(),
                    zone: zone.into(),
                    from: gap_start.into(),
                    to: gap_end.into(),
                    offset_before: offset_before.into(),
                    offset_after: offset_after.into(),
                }
            }
            LocalTimeError::OffsetMismatch {
                given,
                zone,
                local,
                valid,
            } => FieldError::OffsetNotInForce {
                given,
                zone,
                local,
                valid,
            },
        }
    }
}

/// A local time as the API takes it, for messages.
pub const EXAMPLE: &str = "2026-11-05T14:00";

/// A spring-forward gap around a refused local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub local: String,
    pub zone: String,
    /// The last wall-clock minute before the jump, and the first after it.
    pub gap_start: String,
    pub gap_end: String,
    pub offset_before: String,
    pub offset_after: String,
}

/// Parses `YYYY-MM-DDTHH:MM` (seconds allowed and dropped), optionally followed
/// by an explicit offset (`+03:30`, `-0330`, `Z`) that chooses between the two
/// instants of a fold, and resolves it in `zone`.
pub fn resolve(input: &str, zone: Tz) -> Result<ZonedTime, LocalTimeError> {
    let (wall, offset) = split_offset(input.trim())?;
    let local = parse_wall_clock(wall)?;
    match zone.from_local_datetime(&local) {
        LocalResult::Single(instant) => {
            check_offset(offset, &[instant], zone, local)?;
            Ok(ZonedTime { local, instant })
        }
        LocalResult::Ambiguous(earlier, later) => {
            let instant = match offset {
                None => earlier,
                Some(_) => check_offset(offset, &[earlier, later], zone, local)?,
            };
            Ok(ZonedTime { local, instant })
        }
        LocalResult::None => Err(gap_error(local, zone)),
    }
}

/// Picks the instant whose offset is `offset` (or the first when none is given).
fn check_offset(
    offset: Option<FixedOffset>,
    candidates: &[DateTime<Tz>],
    zone: Tz,
    local: NaiveDateTime,
) -> Result<DateTime<Tz>, LocalTimeError> {
    let Some(given) = offset else {
        return Ok(candidates[0]);
    };
    candidates
        .iter()
        .find(|c| c.offset().fix() == given)
        .copied()
        .ok_or_else(|| LocalTimeError::OffsetMismatch {
            given: format_offset(given),
            zone: zone.name().to_string(),
            local: local.format(LOCAL_FORMAT).to_string(),
            valid: candidates
                .iter()
                .map(|c| format_offset(c.offset().fix()))
                .collect::<Vec<_>>()
                .join(" or "),
        })
}

fn split_offset(input: &str) -> Result<(&str, Option<FixedOffset>), LocalTimeError> {
    // The date part has '-' at 4 and 7, so an offset sign can only come later.
    if let Some(wall) = input.strip_suffix('Z').or_else(|| input.strip_suffix('z')) {
        return Ok((wall, FixedOffset::east_opt(0)));
    }
    match input.get(10..).and_then(|t| t.rfind(['+', '-'])) {
        Some(i) => {
            let (wall, offset) = input.split_at(10 + i);
            Ok((wall, Some(parse_offset(offset)?)))
        }
        None => Ok((input, None)),
    }
}

fn parse_offset(s: &str) -> Result<FixedOffset, LocalTimeError> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(LocalTimeError::Malformed);
    }
    let hours: i32 = digits[..2].parse().map_err(|_| LocalTimeError::Malformed)?;
    let minutes: i32 = digits[2..].parse().map_err(|_| LocalTimeError::Malformed)?;
    if hours > 14 || minutes > 59 {
        return Err(LocalTimeError::Malformed);
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or(LocalTimeError::Malformed)
}

/// Local times outside these years are refused: no day of action is there,
/// and date arithmetic near the ends of chrono's range would overflow.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

fn parse_wall_clock(s: &str) -> Result<NaiveDateTime, LocalTimeError> {
    let s = s.replacen(' ', "T", 1);
    let parsed = NaiveDateTime::parse_from_str(&s, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| LocalTimeError::Malformed)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&parsed)) {
        return Err(LocalTimeError::OutOfRange);
    }
    // Seconds carry no meaning for a day of action; keep minutes.
    Ok(parsed
        .date()
        .and_hms_opt(
            chrono::Timelike::hour(&parsed),
            chrono::Timelike::minute(&parsed),
            0,
        )
        .unwrap_or(parsed))
}

/// Describes the gap around `local`: the last wall-clock minute before it
/// and the first after it, with the offsets on each side.
fn gap_error(local: NaiveDateTime, zone: Tz) -> LocalTimeError {
    // Walk back and forward minute by minute; gaps last at most a few hours
    // (the largest on record is a whole day, e.g. Samoa in 2011).
    let minute = chrono::Duration::minutes(1);
    let mut before = local;
    let mut offset_before = String::from("?");
    for _ in 0..(26 * 60) {
        before -= minute;
        if let Some(t) = zone.from_local_datetime(&before).earliest() {
            offset_before = format_offset(t.offset().fix());
            break;
        }
    }
    let mut after = local;
    let mut offset_after = String::from("?");
    for _ in 0..(26 * 60) {
        after += minute;
        if let Some(t) = zone.from_local_datetime(&after).earliest() {
            offset_after = format_offset(t.offset().fix());
            break;
        }
    }
    LocalTimeError::InGap(Box::new(Gap {
        local: local.format(LOCAL_FORMAT).to_string(),
        zone: zone.name().to_string(),
        gap_start: (before + minute).format("%H:%M").to_string(),
        gap_end: after.format("%H:%M").to_string(),
        offset_before,
        offset_after,
    }))
}

/// `+05:45`, `-03:30`, `+00:00`.
pub fn format_offset(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

/// The offset (`+02:00`) and the zone's abbreviation (`CEST`, or `+0330`
/// where tzdata has no letters) at the instant `utc_seconds` in `zone`;
/// empty for an instant chrono cannot hold.
pub fn offset_and_abbreviation(utc_seconds: i64, zone: Tz) -> (String, String) {
    match DateTime::from_timestamp(utc_seconds, 0) {
        Some(t) => {
            let t = t.with_timezone(&zone);
            (format_offset(t.offset().fix()), t.format("%Z").to_string())
        }
        None => (String::new(), String::new()),
    }
}

/// The instant of `utc_seconds` in `zone`, as RFC 3339 with the local offset.
pub fn rfc3339_in_zone(utc_seconds: i64, zone: Tz) -> String {
    match DateTime::from_timestamp(utc_seconds, 0) {
        Some(utc) => utc
            .with_timezone(&zone)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => String::new(),
    }
}

/// The instant as RFC 3339 in UTC (`…Z`).
pub fn rfc3339_utc(utc_seconds: i64) -> String {
    DateTime::from_timestamp(utc_seconds, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Whether a local date falls in the campaign's day(s) of action.
pub fn within_days(local: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    first <= local && local <= last
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn tz(name: &str) -> Tz {
        name.parse().expect("valid zone")
    }

    #[test]
    fn years_outside_the_window_are_refused_not_panicked_on() {
        for input in [
            "+262142-12-31T23:59",
            "262142-12-31T23:59",
            "-262143-01-01T00:00",
            "1999-12-31T23:59",
            "2101-01-01T00:00",
            "0000-01-01T00:00",
        ] {
            let err = resolve(input, tz("Pacific/Kiritimati")).expect_err(input);
            assert!(
                matches!(err, LocalTimeError::OutOfRange | LocalTimeError::Malformed),
                "{input}: {err:?}"
            );
        }
        assert!(resolve("2100-12-31T23:59", tz("Etc/GMT+12")).is_ok());
        assert!(resolve("2000-01-01T00:00", tz("Pacific/Kiritimati")).is_ok());
    }

    #[test]
    fn each_time_error_becomes_a_field_error_with_the_same_sentence() {
        let berlin = tz("Europe/Berlin");
        for input in [
            "soon",
            "1999-12-31T23:59",
            "2026-03-29T02:30",
            "2026-10-25T02:30+05:00",
        ] {
            let err = resolve(input, berlin).expect_err(input);
            let english = err.to_string();
            let field: shared::FieldError = err.into();
            assert_eq!(field.to_string(), english, "{input}");
        }
        let gap: shared::FieldError = resolve("2026-03-29T02:30", berlin).expect_err("gap").into();
        assert!(
            matches!(gap, shared::FieldError::InDstGap { .. }),
            "{gap:?}"
        );
    }

    fn utc(z: &ZonedTime) -> String {
        rfc3339_utc(z.utc_seconds())
    }

    #[test]
    fn half_and_quarter_hour_offsets() {
        let tehran = resolve("2026-11-05T14:00", tz("Asia/Tehran")).expect("valid");
        assert_eq!(tehran.utc_offset(), "+03:30");
        assert_eq!(utc(&tehran), "2026-11-05T10:30:00Z");

        let kathmandu = resolve("2026-11-05T14:00", tz("Asia/Kathmandu")).expect("valid");
        assert_eq!(kathmandu.utc_offset(), "+05:45");
        assert_eq!(utc(&kathmandu), "2026-11-05T08:15:00Z");

        let kolkata = resolve("2026-11-05T14:00", tz("Asia/Kolkata")).expect("valid");
        assert_eq!(kolkata.utc_offset(), "+05:30");
        assert_eq!(kolkata.abbreviation(), "IST");

        let st_johns = resolve("2026-11-05T14:00", tz("America/St_Johns")).expect("valid");
        assert_eq!(st_johns.utc_offset(), "-03:30");
        assert_eq!(utc(&st_johns), "2026-11-05T17:30:00Z");
    }

    #[test]
    fn southern_hemisphere_summer_time() {
        // Chatham Islands: +13:45 in (southern) summer, +12:45 in winter.
        let summer = resolve("2026-11-05T14:00", tz("Pacific/Chatham")).expect("valid");
        assert_eq!(summer.utc_offset(), "+13:45");
        assert_eq!(utc(&summer), "2026-11-05T00:15:00Z");
        let winter = resolve("2026-07-05T14:00", tz("Pacific/Chatham")).expect("valid");
        assert_eq!(winter.utc_offset(), "+12:45");

        // Lord Howe moves by half an hour only.
        let lh_summer = resolve("2026-11-05T14:00", tz("Australia/Lord_Howe")).expect("valid");
        assert_eq!(lh_summer.utc_offset(), "+11:00");
        let lh_winter = resolve("2026-07-05T14:00", tz("Australia/Lord_Howe")).expect("valid");
        assert_eq!(lh_winter.utc_offset(), "+10:30");
    }

    #[test]
    fn extreme_offsets_put_one_local_day_across_two_utc_days() {
        let kiritimati = resolve("2026-11-05T09:00", tz("Pacific/Kiritimati")).expect("valid");
        assert_eq!(kiritimati.utc_offset(), "+14:00");
        assert_eq!(utc(&kiritimati), "2026-11-04T19:00:00Z");

        let baker = resolve("2026-11-05T20:00", tz("Etc/GMT+12")).expect("valid");
        assert_eq!(baker.utc_offset(), "-12:00");
        assert_eq!(utc(&baker), "2026-11-06T08:00:00Z");
    }

    #[test]
    fn spring_forward_gap_is_refused_and_named() {
        let err = resolve("2026-03-29T02:30", tz("Europe/Berlin")).expect_err("in the gap");
        assert_eq!(
            err,
            LocalTimeError::InGap(Box::new(Gap {
                local: "2026-03-29T02:30".into(),
                zone: "Europe/Berlin".into(),
                gap_start: "02:00".into(),
                gap_end: "03:00".into(),
                offset_before: "+01:00".into(),
                offset_after: "+02:00".into(),
            }))
        );
        assert!(err.to_string().contains("02:00 to 03:00"));

        // Lord Howe's gap is half an hour long.
        let err = resolve("2026-10-04T02:15", tz("Australia/Lord_Howe")).expect_err("gap");
        assert!(err.to_string().contains("02:00 to 02:30"), "{err}");
    }

    #[test]
    fn fall_back_fold_takes_the_earlier_instant_unless_an_offset_says_otherwise() {
        let berlin = tz("Europe/Berlin");
        let earlier = resolve("2026-10-25T02:30", berlin).expect("valid");
        assert_eq!(utc(&earlier), "2026-10-25T00:30:00Z");
        assert_eq!(earlier.utc_offset(), "+02:00");

        let later = resolve("2026-10-25T02:30+01:00", berlin).expect("valid");
        assert_eq!(utc(&later), "2026-10-25T01:30:00Z");
        assert_eq!(later.local_string(), "2026-10-25T02:30");

        let wrong = resolve("2026-10-25T02:30+05:00", berlin).expect_err("no such offset");
        assert!(wrong.to_string().contains("+02:00 or +01:00"), "{wrong}");
    }

    #[test]
    fn malformed_input_is_refused() {
        for bad in [
            "",
            "tomorrow",
            "2026-11-05",
            "2026-13-01T10:00",
            "2026-11-05T25:00",
            "2026-11-05T10:00+99:00",
        ] {
            assert_eq!(
                resolve(bad, tz("UTC")),
                Err(LocalTimeError::Malformed),
                "{bad}"
            );
        }
        let with_seconds = resolve("2026-11-05T10:00:59", tz("UTC")).expect("valid");
        assert_eq!(with_seconds.local.second(), 0);
    }

    #[test]
    fn rfc3339_keeps_the_local_offset() {
        let t = resolve("2026-11-05T14:00", tz("Asia/Tehran")).expect("valid");
        assert_eq!(
            rfc3339_in_zone(t.utc_seconds(), tz("Asia/Tehran")),
            "2026-11-05T14:00:00+03:30"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const ZONES: [&str; 10] = [
            "Europe/Berlin",
            "America/New_York",
            "Asia/Tehran",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "Australia/Lord_Howe",
            "Pacific/Kiritimati",
            "America/St_Johns",
            "America/Santiago",
            "Australia/Sydney",
        ];

        proptest! {
            /// Any resolved local time maps back to the same wall clock, and
            /// every refused one is in a real gap.
            #[test]
            fn local_to_utc_round_trips(zone_ix in 0usize..ZONES.len(), minutes in 0i64..(3 * 366 * 24 * 60)) {
                let zone: Tz = ZONES[zone_ix].parse().expect("zone");
                let base = NaiveDate::from_ymd_opt(2025, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date");
                let local = base + chrono::Duration::minutes(minutes);
                let text = local.format(LOCAL_FORMAT).to_string();
                match resolve(&text, zone) {
                    Ok(t) => {
                        let back = DateTime::from_timestamp(t.utc_seconds(), 0).expect("instant").with_timezone(&zone);
                        prop_assert_eq!(back.naive_local(), local);
                        // The earlier instant of a fold: one hour less is not the same wall clock.
                        if let LocalResult::Ambiguous(earlier, _) = zone.from_local_datetime(&local) {
                            prop_assert_eq!(t.instant, earlier);
                        }
                    }
                    Err(LocalTimeError::InGap(_)) => {
                        prop_assert!(matches!(zone.from_local_datetime(&local), LocalResult::None));
                    }
                    Err(other) => prop_assert!(false, "unexpected {other:?}"),
                }
            }
        }
    }

    #[test]
    fn local_hour_is_kept() {
        let t = resolve("2026-11-05T23:45", tz("Asia/Kathmandu")).expect("valid");
        assert_eq!(t.instant.hour(), 23);
        assert_eq!(t.local_string(), "2026-11-05T23:45");
    }
}
