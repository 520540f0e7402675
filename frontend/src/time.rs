//! Dates, times and numbers for people, with the browser's `Intl` in the
//! chosen language: an event's local time in its own zone, the viewer's time,
//! and "in 3 hours" / "happening now" / "ended".

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use shared::{Event, MapPoint};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

/// Without an end, an action counts as happening for this long.
const DEFAULT_DURATION_MS: f64 = 2.0 * 3600.0 * 1000.0;

pub fn now_ms() -> f64 {
    Date::now()
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let iso = Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    iso.get(..10).unwrap_or_default().to_string()
}

pub fn parse_ms(rfc3339: &str) -> f64 {
    Date::parse(rfc3339)
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.locale()))
}

thread_local! {
    // Making an `Intl` formatter costs far more than using one, and a list of
    // a thousand actions uses the same few dozen: keep them.
    static FORMATTERS: RefCell<HashMap<String, Function>> = RefCell::new(HashMap::new());
    static COUNTRY_NAMES: RefCell<HashMap<(Lang, String), String>> = RefCell::new(HashMap::new());
}

/// The `format` function of a cached formatter made by `make`.
fn cached(key: String, make: impl FnOnce() -> Function) -> Function {
    FORMATTERS.with(|cache| cache.borrow_mut().entry(key).or_insert_with(make).clone())
}

fn format_date(ms: f64, lang: Lang, pairs: &[(&str, &str)]) -> String {
    let key = format!("date|{}|{pairs:?}", lang.locale());
    let format = cached(key, || {
        Intl::DateTimeFormat::new(&locales(lang), &options(pairs)).format()
    });
    format
        .call1(&JsValue::NULL, &Date::new(&JsValue::from_f64(ms)))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

const DAY_AND_TIME: [(&str, &str); 5] = [
    ("weekday", "short"),
    ("day", "numeric"),
    ("month", "short"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
];

/// "Sat 28 Nov, 14:00 CET, UTC+01:00": the wall clock where the action is.
pub fn event_local(e: &Event, lang: Lang) -> String {
    local_when(
        &e.starts_at_utc,
        &e.timezone,
        &e.local.zone_abbreviation,
        &e.local.utc_offset,
        lang,
    )
}

/// [`event_local`] for a marker of the map.
pub fn point_local(p: &MapPoint, lang: Lang) -> String {
    local_when(
        &p.starts_at_utc,
        &p.timezone,
        &p.zone_abbreviation,
        &p.utc_offset,
        lang,
    )
}

fn local_when(
    starts_at_utc: &str,
    timezone: &str,
    zone_abbreviation: &str,
    utc_offset: &str,
    lang: Lang,
) -> String {
    let mut pairs = DAY_AND_TIME.to_vec();
    pairs.push(("timeZone", timezone));
    pairs.push(("hourCycle", "h23"));
    let when = format_date(parse_ms(starts_at_utc), lang, &pairs);
    // tzdata writes "+0330" where a zone has no letters; the offset says it.
    let letters = zone_abbreviation.chars().any(|c| c.is_alphabetic());
    let offset = format!("UTC{utc_offset}");
    if letters {
        format!("{when} {zone_abbreviation}, {offset}")
    } else {
        format!("{when}, {offset}")
    }
}

/// The same instant on the viewer's clock.
pub fn viewer_local(e: &Event, lang: Lang) -> String {
    let mut pairs = DAY_AND_TIME.to_vec();
    pairs.push(("timeZoneName", "short"));
    format_date(parse_ms(&e.starts_at_utc), lang, &pairs)
}

/// A long date, for the event page: "Saturday 28 November 2026".
pub fn long_date(e: &Event, lang: Lang) -> String {
    format_date(
        parse_ms(&e.starts_at_utc),
        lang,
        &[
            ("weekday", "long"),
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
            ("timeZone", e.timezone.as_str()),
        ],
    )
}

/// An instant (RFC 3339) on the viewer's clock, with the date and the
/// zone: "28 Nov 2026, 14:03 CET". Empty when it does not parse.
pub fn instant(rfc3339: &str, lang: Lang) -> String {
    let ms = parse_ms(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_string();
    }
    format_date(
        ms,
        lang,
        &[
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("timeZoneName", "short"),
        ],
    )
}

pub fn end_ms(e: &Event) -> f64 {
    e.ends_at
        .as_deref()
        .map(parse_ms)
        .unwrap_or_else(|| parse_ms(&e.starts_at_utc) + DEFAULT_DURATION_MS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Upcoming,
    Now,
    Ended,
}

pub fn phase(e: &Event, now: f64) -> Phase {
    let start = parse_ms(&e.starts_at_utc);
    if now < start {
        Phase::Upcoming
    } else if now <= end_ms(e) {
        Phase::Now
    } else {
        Phase::Ended
    }
}

/// "in 3 hours", "happening now", "ended".
pub fn relative(e: &Event, now: f64, lang: Lang) -> String {
    let t = lang.texts();
    match phase(e, now) {
        Phase::Now => t.happening_now.to_string(),
        Phase::Ended => t.ended.to_string(),
        Phase::Upcoming => {
            let minutes = (parse_ms(&e.starts_at_utc) - now) / 60_000.0;
            let (value, unit) = if minutes < 60.0 {
                (minutes.ceil(), "minute")
            } else if minutes < 48.0 * 60.0 {
                ((minutes / 60.0).round(), "hour")
            } else {
                ((minutes / 1440.0).round(), "day")
            };
            let key = format!("relative|{}", lang.locale());
            let format = cached(key, || {
                let formatter =
                    Intl::RelativeTimeFormat::new(&locales(lang), &options(&[("numeric", "auto")]));
                // Unlike the others, its `format` is a plain method: bind it.
                Reflect::get(&formatter, &"format".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<Function>().ok())
                    .map_or_else(|| Function::new_no_args(""), |f| f.bind0(&formatter))
            });
            format
                .call2(
                    &JsValue::NULL,
                    &JsValue::from_f64(value),
                    &JsValue::from_str(unit),
                )
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        }
    }
}

pub fn number(n: f64, lang: Lang, max_fraction_digits: u8) -> String {
    let key = format!("number|{}|{max_fraction_digits}", lang.locale());
    let format = cached(key, || {
        let o = Object::new();
        let _ = Reflect::set(
            &o,
            &"maximumFractionDigits".into(),
            &JsValue::from(max_fraction_digits),
        );
        Intl::NumberFormat::new(&locales(lang), &o).format()
    });
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(n))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// A country's name in the chosen language (`Intl.DisplayNames`), else `fallback`.
pub fn country_name(code: &str, fallback: &str, lang: Lang) -> String {
    let key = (lang, code.to_string());
    if let Some(name) = COUNTRY_NAMES.with(|c| c.borrow().get(&key).cloned()) {
        return name;
    }
    let display = || -> Option<String> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"DisplayNames".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let args = Array::of2(&locales(lang), &options(&[("type", "region")]));
        let names = Reflect::construct(&ctor, &args).ok()?;
        let of: Function = Reflect::get(&names, &"of".into()).ok()?.dyn_into().ok()?;
        of.call1(&names, &JsValue::from_str(code)).ok()?.as_string()
    };
    // Only a name the browser gave is kept: a caller's fallback (the
    // server's name, or only the code) must not stand in for the next one's.
    match display().filter(|n| !n.is_empty() && n != code) {
        Some(name) => {
            COUNTRY_NAMES.with(|c| c.borrow_mut().insert(key, name.clone()));
            name
        }
        None => fallback.to_string(),
    }
}

/// "GMT+03:30": the zone's offset at a local date and time (near enough to
/// name the offset beside a time field).
pub fn zone_offset(zone: &str, date: &str, time: &str) -> String {
    let guess = parse_ms(&format!(
        "{date}T{}:00Z",
        if time.is_empty() { "12:00" } else { time }
    ));
    if guess.is_nan() {
        return String::new();
    }
    let parts = format_date(
        guess,
        Lang::En,
        &[
            ("timeZone", zone),
            ("timeZoneName", "longOffset"),
            ("hour", "2-digit"),
        ],
    );
    parts
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string()
}
