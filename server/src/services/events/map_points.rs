//! The map's points: every listed action of a campaign that passes the
//! filters, as a marker, in one answer. Each replica keeps the newest copy
//! per campaign and filters, gzip-compressed, as the exports are kept: many
//! requests after a change wait for one build, and a copy is used only if it
//! was read at the request's revision or later.

use std::io::{self, Write};

use shared::{EventStatus, MapPoint};

use crate::domain::event_filter::MapFilter;
use crate::domain::local_time::{offset_and_abbreviation, rfc3339_utc};
use crate::services::exports::{Export, Sink};
use crate::services::{ServiceError, ServiceResult, Services};
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
/// 100,000 actions is never held uncompressed.
async fn build(
    services: &Services,
    campaign_id: i64,
    revision: i64,
    filter: &MapFilter,
) -> ServiceResult<Export> {
    let mut sink = Sink::new();
    let mut chunk = Vec::with_capacity(CHUNK + 1024);
    chunk.extend_from_slice(br#"{"points":["#);
    let mut failed = None;
    let mut first = true;
    storage::map_points::each(&services.read_db, campaign_id, filter.as_list(), |row| {
        if !first {
            chunk.push(b',');
        }
        first = false;
        if let Err(e) = serde_json::to_writer(&mut chunk, &marker(row)) {
            failed.get_or_insert(io::Error::from(e));
        }
        if chunk.len() >= CHUNK {
            if let Err(e) = sink.write_all(&chunk) {
                failed.get_or_insert(e);
            }
            chunk.clear();
        }
    })
    .await?;
    chunk.extend_from_slice(b"]}");
    let export = match failed {
        None => sink.write_all(&chunk).and_then(|()| sink.finish(revision)),
        Some(e) => Err(e),
    };
    export.map_err(|e| {
        ServiceError::Database(sea_orm::DbErr::Custom(format!(
            "writing the map's points failed: {e}"
        )))
    })
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
