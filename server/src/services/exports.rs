//! Feeds and exports of published events: iCalendar (RFC 5545), GeoJSON
//! (RFC 7946) and CSV. They follow the public rules: city-only actions show
//! the city's centre and no address; private contact data never appears.

use icalendar::{Calendar, Component, EventLike, EventStatus as IcsStatus};
use serde_json::json;

use super::views::{Audience, event_view};
use super::{ServiceResult, Services, campaigns, events};
use crate::entities::{campaign, event};

fn event_url(services: &Services, id: i64) -> String {
    format!("{}/e/{id}", services.public_url)
}

fn host(services: &Services) -> &str {
    services
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("dayofaction")
        .split(['/', ':'])
        .next()
        .unwrap_or("dayofaction")
}

fn ics_event(services: &Services, model: &event::Model, slug: &str) -> icalendar::Event {
    let shown = event_view(model, slug, &services.places, Audience::Public);
    let mut e = icalendar::Event::new();
    e.uid(&format!("event-{}@{}", model.id, host(services)))
        .summary(&shown.title)
        .url(&event_url(services, model.id))
        .sequence(model.version.max(0) as u32)
        .timestamp(model.updated_at)
        .last_modified(model.updated_at)
        .created(model.created_at);
    // Instants in UTC: valid without VTIMEZONE blocks, and every calendar
    // shows them in its owner's zone. The local time is in the description.
    if let Some(start) = chrono::DateTime::from_timestamp(model.starts_at_utc, 0) {
        e.starts(start);
    }
    if let Some(end) = model
        .ends_at_utc
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
    {
        e.ends(end);
    }
    let place = match &shown.place.address {
        Some(address) => format!("{address}, {}, {}", shown.place.city, shown.place.country),
        None => format!("{}, {}", shown.place.city, shown.place.country),
    };
    e.location(&place);
    e.add_property(
        "GEO",
        format!("{:.5};{:.5}", shown.place.latitude, shown.place.longitude),
    );
    let mut text = format!(
        "{} {} ({}, UTC{}) — {}\n{}",
        shown.local.date,
        shown.local.start,
        shown.timezone,
        shown.local.utc_offset,
        shown.organiser_name,
        event_url(services, model.id)
    );
    if let Some(d) = &shown.description {
        text = format!("{d}\n\n{text}");
    }
    e.description(&text);
    e.status(if shown.cancelled {
        IcsStatus::Cancelled
    } else {
        IcsStatus::Confirmed
    });
    e.done()
}

/// One event as a calendar file.
pub async fn event_ics(services: &Services, id: i64) -> ServiceResult<String> {
    let (model, campaign) = events::get_public_model(services, id).await?;
    let mut cal = Calendar::new();
    cal.name(&campaign.title);
    cal.push(ics_event(services, &model, &campaign.slug));
    Ok(cal.done().to_string())
}

async fn published(
    services: &Services,
    slug: &str,
) -> ServiceResult<(campaign::Model, Vec<event::Model>)> {
    let campaign = campaigns::find_published(&services.db, slug).await?;
    let events = events::all_published(services, &campaign, true).await?;
    Ok((campaign, events))
}

/// Every published (and cancelled, marked so) event of a campaign.
pub async fn campaign_ics(services: &Services, slug: &str) -> ServiceResult<String> {
    let (campaign, events) = published(services, slug).await?;
    let mut cal = Calendar::new();
    cal.name(&campaign.title).description(&campaign.summary);
    for model in &events {
        cal.push(ics_event(services, model, &campaign.slug));
    }
    Ok(cal.done().to_string())
}

pub async fn campaign_geojson(services: &Services, slug: &str) -> ServiceResult<serde_json::Value> {
    let (campaign, events) = published(services, slug).await?;
    let features: Vec<serde_json::Value> = events
        .iter()
        .map(|model| {
            let e = event_view(model, &campaign.slug, &services.places, Audience::Public);
            json!({
                "type": "Feature",
                "id": e.id,
                "geometry": { "type": "Point", "coordinates": [e.place.longitude, e.place.latitude] },
                "properties": {
                    "title": e.title,
                    "kind": e.kind,
                    "city": e.place.city,
                    "country_code": e.place.country_code,
                    "country": e.place.country,
                    "address": e.place.address,
                    "timezone": e.timezone,
                    "starts_at": e.starts_at,
                    "starts_at_utc": e.starts_at_utc,
                    "local_date": e.local.date,
                    "local_start": e.local.start,
                    "utc_offset": e.local.utc_offset,
                    "status": e.status,
                    "cancelled": e.cancelled,
                    "url": event_url(services, e.id),
                }
            })
        })
        .collect();
    Ok(json!({ "type": "FeatureCollection", "features": features }))
}

/// Public columns only. (Private contacts are for organisers, who sign in.)
pub async fn campaign_csv(services: &Services, slug: &str) -> ServiceResult<String> {
    let (campaign, events) = published(services, slug).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "title",
        "kind",
        "organiser_name",
        "public_contact",
        "city",
        "country_code",
        "country",
        "address",
        "latitude",
        "longitude",
        "timezone",
        "local_date",
        "local_start",
        "local_end",
        "utc_offset",
        "starts_at_utc",
        "status",
        "url",
    ];
    let write_err = |e: csv::Error| super::ServiceError::Conflict(format!("cannot write CSV: {e}"));
    out.write_record(header).map_err(write_err)?;
    for model in &events {
        let e = event_view(model, &campaign.slug, &services.places, Audience::Public);
        out.write_record([
            e.id.to_string(),
            e.title,
            e.kind.to_string(),
            e.organiser_name,
            e.public_contact.unwrap_or_default(),
            e.place.city,
            e.place.country_code,
            e.place.country,
            e.place.address.unwrap_or_default(),
            format!("{:.5}", e.place.latitude),
            format!("{:.5}", e.place.longitude),
            e.timezone,
            e.local.date,
            e.local.start,
            e.local.end.unwrap_or_default(),
            e.local.utc_offset,
            e.starts_at_utc,
            e.status.as_str().to_string(),
            event_url(services, e.id),
        ])
        .map_err(write_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| super::ServiceError::Conflict(format!("cannot write CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
