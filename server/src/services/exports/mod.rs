//! Feeds and exports of published events: iCalendar (RFC 5545), GeoJSON
//! (RFC 7946), CSV and Atom (RFC 4287). They follow the public rules: city-only actions show
//! the city's centre and no address; private contact data never appears.
//!
//! A campaign export reads every visible event, so each replica keeps one
//! gzip-compressed copy per (campaign, format), tagged with the campaign's
//! `revision` read in the same snapshot as the rows (`cache`, `build`). Every
//! write bumps the revision in its own transaction, so a request that reads a
//! newer revision than the copy's waits for a new copy: an action withdrawn or
//! hidden never shows in an export served after the change.

mod atom;
mod build;
pub mod cache;
mod context;
mod format;
mod geojson;
mod ics;
mod table;
mod vtimezone;

use std::io::{self, Cursor, Read};

use bytes::Bytes;
use flate2::read::GzDecoder;
use futures_util::Stream;
use icalendar::Calendar;

use context::Context;

use super::accounts::Viewer;
use super::{ServiceResult, Services, events};
use crate::storage;

pub(crate) use build::{Sink, off_workers};
pub use cache::ExportCache;
pub(crate) use context::write_error;
pub use format::{Export, Format};

/// Every visible event of a campaign (cancelled ones marked so) in `format`.
pub async fn campaign_export(
    services: &Services,
    slug: &str,
    format: Format,
) -> ServiceResult<Export> {
    let campaign = storage::campaigns::find_published(&services.read_db, slug).await?;
    let (id, revision) = (campaign.id, campaign.revision);
    let builder = services.clone();
    services
        .export_cache
        .get_or_build((id, format), revision, move || async move {
            build::campaign(&builder, id, format).await
        })
        .await
}

/// The CSV export as `viewer` may see it: with the private columns (and
/// every status but withdrawn, within their countries) for an organiser who
/// moderates the campaign, built for this request alone and never kept in
/// the cache that serves the public; else the public export.
pub async fn campaign_csv(
    services: &Services,
    slug: &str,
    viewer: Option<&Viewer>,
) -> ServiceResult<Export> {
    let campaign = storage::campaigns::find_published(&services.db, slug).await?;
    match viewer.and_then(|v| v.countries(campaign.id)) {
        Some(countries) => {
            let private = build::Private {
                countries: countries.map(<[String]>::to_vec),
            };
            build::private_csv(services, campaign.id, private).await
        }
        None => campaign_export(services, slug, Format::Csv).await,
    }
}

/// Uncompressed chunks sent at a time to a client without gzip.
const PLAIN_CHUNK: usize = 64 * 1024;

/// The export uncompressed, as a stream of chunks: a client without gzip
/// never costs a whole uncompressed copy. Each chunk is decompressed on a
/// blocking thread, a few at a time, so that many such downloads neither
/// hold the async workers nor take every core.
pub fn plain_chunks(
    services: &Services,
    export: &Export,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let decodes = services.export_cache.decodes();
    let decoder = GzDecoder::new(Cursor::new(export.gzip.clone()));
    futures_util::stream::try_unfold(decoder, move |mut decoder| {
        let decodes = decodes.clone();
        async move {
            let _turn = decodes.acquire_owned().await.map_err(io::Error::other)?;
            let (decoder, chunk) = tokio::task::spawn_blocking(move || {
                let mut chunk = vec![0; PLAIN_CHUNK];
                let mut filled = 0;
                while filled < chunk.len() {
                    match decoder.read(&mut chunk[filled..])? {
                        0 => break,
                        n => filled += n,
                    }
                }
                chunk.truncate(filled);
                io::Result::Ok((decoder, chunk))
            })
            .await
            .map_err(io::Error::other)??;
            Ok((!chunk.is_empty()).then(|| (Bytes::from(chunk), decoder)))
        }
    })
}

/// One event as a calendar file.
pub async fn event_ics(services: &Services, id: i64) -> ServiceResult<String> {
    let (model, campaign) = events::get_public_model(services, id).await?;
    let context = Context::new(services, &campaign.slug);
    let mut cal = Calendar::new();
    cal.name(&ics::clean(&campaign.title));
    let whole = cal.done().to_string();
    let head = whole.strip_suffix(ics::END).unwrap_or(&whole);
    let mut out = ics::normalise(head);
    let (first, last) = vtimezone::years(campaign.starts_on, campaign.ends_on);
    out.push_str(&vtimezone::component(model.timezone.0, first, last));
    out.push_str(&ics::event(&context, &model).map_err(write_error)?);
    out.push_str(ics::END);
    Ok(out)
}
