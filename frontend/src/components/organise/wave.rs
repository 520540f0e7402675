//! The wave: published actions by the UTC hour they start, as an inline SVG
//! bar chart (the day of action moving round the world), with a text
//! alternative: a sentence naming the busiest hour and a table of every hour.

use leptos::prelude::*;
use shared::HourCount;

use crate::i18n::use_lang;
use crate::time;

pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 120.0;
/// Room under the bars for the hour labels.
const AXIS: f64 = 16.0;

/// One bar, in the chart's coordinates (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub hour: u8,
    pub events: u64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The count of each of the 24 hours (an hour the server left out has none).
pub fn by_hour(hours: &[HourCount]) -> [u64; 24] {
    let mut counts = [0u64; 24];
    for h in hours {
        if let Some(c) = counts.get_mut(usize::from(h.hour)) {
            *c += h.events;
        }
    }
    counts
}

/// 24 bars in `width` × `height`, the tallest one reaching the top; a
/// non-empty hour is at least 2 units high, so that one action shows.
pub fn bars(hours: &[HourCount], width: f64, height: f64) -> Vec<Bar> {
    let counts = by_hour(hours);
    let max = counts.iter().copied().max().unwrap_or(0);
    let slot = width / 24.0;
    let gap = (slot * 0.15).max(1.0);
    counts
        .iter()
        .enumerate()
        .map(|(hour, &events)| {
            let h = if max == 0 || events == 0 {
                0.0
            } else {
                (events as f64 / max as f64 * height).max(2.0)
            };
            Bar {
                hour: hour as u8,
                events,
                x: hour as f64 * slot + gap / 2.0,
                y: height - h,
                width: slot - gap,
                height: h,
            }
        })
        .collect()
}

/// The busiest hour and its count (the earliest of equals); `None` when
/// nothing is published.
pub fn peak(hours: &[HourCount]) -> Option<(u8, u64)> {
    let counts = by_hour(hours);
    let (hour, &events) = counts.iter().enumerate().rev().max_by_key(|(_, c)| **c)?;
    (events > 0).then_some((hour as u8, events))
}

#[component]
pub fn WaveChart(hours: Signal<Vec<HourCount>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let summary = move || {
        let l = lang.get();
        match hours.with(|h| peak(h)) {
            Some((hour, events)) => l.wave_peak(hour, events),
            None => l.texts().wave_empty.to_string(),
        }
    };
    view! {
        <figure class="wave">
            <svg
                viewBox=format!("0 0 {WIDTH} {}", HEIGHT + AXIS)
                role="img"
                dir="ltr"
                aria-labelledby="wave-title wave-desc"
                id="wave-chart"
                preserveAspectRatio="none"
            >
                <title id="wave-title">{move || t().wave_title}</title>
                <desc id="wave-desc">{summary}</desc>
                <line x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT class="wave-axis"/>
                {move || hours.with(|h| bars(h, WIDTH, HEIGHT)).into_iter().map(|b| {
                    let label_x = b.x + b.width / 2.0;
                    view! {
                        <rect x=b.x y=b.y width=b.width height=b.height class="wave-bar" data-hour=b.hour data-events=b.events/>
                        {(b.hour % 3 == 0).then(|| view! {
                            <text x=label_x y=HEIGHT + AXIS - 3.0 text-anchor="middle" class="wave-label">{format!("{:02}", b.hour)}</text>
                        })}
                    }
                }).collect_view()}
            </svg>
            <figcaption>{summary}</figcaption>
            <details>
                <summary>{move || t().wave_table}</summary>
                <table class="data">
                    <thead><tr><th scope="col">{move || t().wave_hour}</th><th scope="col">{move || t().d_published}</th></tr></thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            by_hour(&hours.get()).into_iter().enumerate().map(|(hour, n)| view! {
                                <tr><th scope="row">{format!("{hour:02}:00 UTC")}</th><td>{time::number(n as f64, l, 0)}</td></tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(pairs: &[(u8, u64)]) -> Vec<HourCount> {
        pairs
            .iter()
            .map(|&(hour, events)| HourCount { hour, events })
            .collect()
    }

    #[test]
    fn bars_scale_to_the_busiest_hour() {
        let b = bars(&hours(&[(0, 1), (12, 4), (23, 2)]), 240.0, 100.0);
        assert_eq!(b.len(), 24);
        assert_eq!(b[12].height, 100.0);
        assert_eq!(b[12].y, 0.0);
        assert_eq!(b[0].height, 25.0);
        assert_eq!(b[23].height, 50.0);
        assert_eq!(b[23].y, 50.0);
        assert_eq!(b[5].height, 0.0);
        // Evenly spaced, inside the width.
        assert!((b[1].x - b[0].x - 10.0).abs() < 1e-9);
        assert!(b[23].x + b[23].width <= 240.0);
    }

    #[test]
    fn one_action_among_many_still_shows() {
        let b = bars(&hours(&[(3, 1000), (4, 1)]), 240.0, 100.0);
        assert_eq!(b[4].height, 2.0);
        assert_eq!(b[4].y, 98.0);
    }

    #[test]
    fn nothing_published_draws_no_bars() {
        assert!(bars(&[], 240.0, 100.0).iter().all(|b| b.height == 0.0));
        assert_eq!(peak(&[]), None);
        assert_eq!(peak(&hours(&[(2, 0)])), None);
    }

    #[test]
    fn the_peak_is_the_earliest_busiest_hour() {
        assert_eq!(peak(&hours(&[(5, 3), (18, 3), (20, 1)])), Some((5, 3)));
        // Hours out of range are ignored, not a panic.
        assert_eq!(by_hour(&hours(&[(24, 5), (1, 1)]))[1], 1);
    }
}
