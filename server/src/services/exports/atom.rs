//! The Atom feed (RFC 4287) of a campaign's newest published actions. Like
//! every public output its timestamps are days (midnight UTC of the day an
//! action was registered or last changed), never the exact time.

use std::io::{self, Write};

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveTime, Utc};

use super::context::Context;
use crate::entities::{campaign, event};

/// Midnight UTC of the day of `t`.
fn day(t: chrono::DateTime<Utc>) -> FixedDateTime {
    t.date_naive()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .fixed_offset()
}

fn link(href: String, rel: &str, mime_type: Option<&str>) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(mime_type.map(str::to_string));
    link
}

fn person(name: &str) -> Person {
    let mut person = Person::default();
    person.set_name(name);
    person
}

/// `Thu 2026-11-05 14:00–16:00 CET (UTC+01:00) · Berlin, Germany`
fn when_and_where(e: &shared::Event) -> String {
    let end = e
        .local
        .end
        .as_deref()
        .map(|end| format!("–{end}"))
        .unwrap_or_default();
    let weekday = chrono::NaiveDate::parse_from_str(&e.local.date, "%Y-%m-%d")
        .map(|d| format!("{} ", d.format("%a")))
        .unwrap_or_default();
    format!(
        "{weekday}{} {}{end} {} (UTC{}) · {}, {}",
        e.local.date,
        e.local.start,
        e.local.zone_abbreviation,
        e.local.utc_offset,
        e.place.city,
        e.place.country
    )
}

fn entry(context: &Context, model: &event::Model) -> Entry {
    let (shown, url) = context.public_view(model);
    let mut entry = Entry::default();
    entry.set_id(url.clone());
    entry.set_title(Text::plain(shown.title.clone()));
    entry.set_updated(day(model.updated_at));
    entry.set_published(Some(day(model.created_at)));
    entry.set_links(vec![link(url, "alternate", Some("text/html"))]);
    entry.set_authors(vec![person(&shown.organiser_name)]);
    let summary = format!(
        "{} · {} · {}",
        when_and_where(&shown),
        shown.kind.as_str().replace('_', " "),
        shown.organiser_name
    );
    entry.set_summary(Some(Text::plain(summary.clone())));
    let mut content = Content::default();
    content.set_content_type(Some("text".to_string()));
    content.set_value(Some(match &shown.description {
        Some(d) if !d.is_empty() => format!("{summary}\n\n{d}"),
        _ => summary,
    }));
    entry.set_content(Some(content));
    entry
}

/// The whole feed for `rows` (newest first).
pub(super) fn write(
    context: &Context,
    campaign: &campaign::Model,
    rows: &[event::Model],
    out: &mut impl Write,
) -> io::Result<()> {
    let base = &context.services.public_url;
    let mut feed = Feed::default();
    feed.set_id(format!("{base}/c/{}", campaign.slug));
    feed.set_title(Text::plain(campaign.title.clone()));
    if !campaign.summary.is_empty() {
        feed.set_subtitle(Some(Text::plain(campaign.summary.clone())));
    }
    feed.set_updated(
        rows.iter()
            .map(|m| day(m.updated_at))
            .max()
            .unwrap_or_else(|| day(campaign.created_at)),
    );
    feed.set_authors(vec![person(&campaign.title)]);
    feed.set_links(vec![
        link(
            format!("{base}/api/v1/campaigns/{}/events.atom", campaign.slug),
            "self",
            Some("application/atom+xml"),
        ),
        link(
            format!("{base}/c/{}", campaign.slug),
            "alternate",
            Some("text/html"),
        ),
    ]);
    feed.set_entries(rows.iter().map(|m| entry(context, m)).collect::<Vec<_>>());
    feed.write_to(out).map_err(io::Error::other)?;
    Ok(())
}
