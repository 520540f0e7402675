//! The map's points: every listed action of a campaign that passes the
//! filters, as a marker, in one answer written once per revision of the
//! campaign and kept by each replica gzip-compressed (a tenth of the JSON:
//! about 2 MB for 100,000 actions), as browsers take it.

use std::sync::Arc;

use std::io::{Read, Write};

use bytes::Bytes;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sea_orm::DbErr;
use shared::{EventStatus, MapPoint};

use crate::domain::event_filter::MapFilter;
use crate::domain::local_time::{offset_and_abbreviation, rfc3339_utc};
use crate::services::exports::off_workers;
use crate::services::{ServiceError, ServiceResult, Services};
use crate::storage;
use crate::storage::map_points::MarkerRow;

/// The points as the JSON of `shared::MapPoints`, gzip-compressed. The rows
/// are written as they arrive, so that a campaign of 100,000 actions is
/// never held twice.
pub async fn map_points(
    services: &Services,
    slug: &str,
    filter: &MapFilter,
) -> ServiceResult<Arc<Bytes>> {
    let db = &services.read_db;
    // Read before the rows, so that a copy never carries a revision newer
    // than what it shows.
    let now = services.revisions.published(db, slug).await?;
    let key = filter.cache_key();
    if let Some(copy) = services
        .page_cache
        .points(now.campaign_id, now.revision, &key)
    {
        return Ok(copy);
    }
    let mut json = br#"{"points":["#.to_vec();
    let mut count = 0usize;
    let mut failed = None;
    storage::map_points::each(db, now.campaign_id, filter.as_list(), |row| {
        if count > 0 {
            json.push(b',');
        }
        count += 1;
        if let Err(e) = serde_json::to_writer(&mut json, &marker(row)) {
            failed.get_or_insert(e);
        }
    })
    .await?;
    // Writing to memory fails only for a value JSON cannot hold: a stored
    // value that cannot be shown, answered as one that cannot be read.
    if let Some(e) = failed {
        return Err(ServiceError::Database(DbErr::Custom(format!(
            "writing the map's points failed: {e}"
        ))));
    }
    json.extend_from_slice(b"]}");
    let gzip = off_workers(move || {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&json)?;
        encoder.finish()
    })
    .await?;
    let gzip = Arc::new(Bytes::from(gzip));
    services
        .page_cache
        .put_points(now.campaign_id, now.revision, key, count, gzip.clone());
    Ok(gzip)
}

/// The JSON of gzip-compressed points, for a client that does not take
/// gzip.
pub async fn uncompressed(gzip: Arc<Bytes>) -> ServiceResult<Bytes> {
    off_workers(move || {
        let mut json = Vec::new();
        GzDecoder::new(&gzip[..]).read_to_end(&mut json)?;
        Ok(Bytes::from(json))
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
