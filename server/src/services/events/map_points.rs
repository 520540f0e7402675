//! The map's points: every listed action of a campaign that passes the
//! filters, as a marker, in one answer. Each replica keeps the newest copy
//! per campaign and filters, gzip-compressed, as the exports are kept: many
//! requests after a change wait for one build, and a copy is used only if it
//! was read at the request's revision or later.

use std::io::Write;

use futures_util::TryStreamExt;

use shared::{EventStatus, MapPoint};

use crate::domain::event_filter::MapFilter;
use crate::domain::local_time::{offset_and_abbreviation, rfc3339_utc};
use crate::services::exports::{Export, Sink, off_workers, write_error};
use crate::services::{ServiceResult, Services};
use crate::storage;
use crate::storage::map_points::MarkerRow;

/// The points as the JSON of `shared::MapPoints`, gzip-compressed.
pub async fn map_points(
    services: &Services,
    slug: &str,
    filter: &MapFilter,
) -> ServiceResult<Export> {
    // Read before the rows, so that a copy never carries a revision newer
    // than what it shows.
    let now = services
        .revisions
        .published(&services.read_db, slug)
        .await?;
    let builder = services.clone();
    let filter = filter.clone();
    services
        .map_points
        .get_or_build(
            (now.campaign_id, filter.cache_key()),
            now.revision,
            move || async move { build(&builder, now.campaign_id, now.revision, &filter).await },
        )
        .await
}

/// Written through gzip this many bytes at a time (a row is a few hundred).
const CHUNK: usize = 64 * 1024;

/// Writes the rows through gzip as they arrive, so that a campaign of
/// 100,000 actions is never held uncompressed; the compression runs off the
/// async workers.
async fn build(
    services: &Services,
    campaign_id: i64,
    revision: i64,
    filter: &MapFilter,
) -> ServiceResult<Export> {
    let mut sink = Sink::new();
    let mut chunk = Vec::with_capacity(CHUNK + 1024);
    chunk.extend_from_slice(br#"{"points":["#);
    let rows = storage::map_points::stream(&services.read_db, campaign_id, filter.as_list());
    let mut rows = std::pin::pin!(rows.await?);
    let mut first = true;
    while let Some(row) = rows.try_next().await? {
        if !first {
            chunk.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut chunk, &marker(row)).map_err(write_error)?;
        if chunk.len() >= CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK + 1024));
            sink = off_workers(move || sink.write_all(&full).map(|()| sink)).await?;
        }
    }
    chunk.extend_from_slice(b"]}");
    off_workers(move || {
        sink.write_all(&chunk)?;
        sink.finish(revision)
    })
    .await
}

fn marker(row: MarkerRow) -> MapPoint {
    let (utc_offset, zone_abbreviation) =
        offset_and_abbreviation(row.starts_at_utc, row.timezone.0);
    MapPoint {
        id: row.id,
        latitude: row.public_latitude,
        longitude: row.public_longitude,
        kind: row.kind,
        title: row.title,
        language: row.language,
        city: row.city,
        country_code: row.country_code,
        timezone: row.timezone.name().to_string(),
        starts_at_utc: rfc3339_utc(row.starts_at_utc),
        utc_offset,
        zone_abbreviation,
        cancelled: row.status == EventStatus::Cancelled,
    }
}
