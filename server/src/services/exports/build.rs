//! Building one campaign export: the rows in pages (keyset on
//! (starts_at_utc, id)), all read in one snapshot with the campaign's revision,
//! each page rendered off the async workers and written through gzip, so
//! that the peak memory is one page plus the compressed body.

use std::collections::VecDeque;
use std::io::{self, Write};

use bytes::Bytes;
use flate2::Compression;
use flate2::write::GzEncoder;
use sea_orm::{DatabaseTransaction, DbErr};
use sha2::{Digest, Sha256};

use super::context::{Context, write_error};
use super::format::{Export, Format};
use super::{atom, geojson, ics, table};
use crate::entities::{campaign, event};
use crate::services::{ServiceResult, Services};
use crate::storage;
use shared::EventStatus;

const PAGE: u64 = 1_000;

/// The uncompressed body goes through a digest (the ETag) into gzip.
pub(crate) struct Sink {
    gzip: GzEncoder<Vec<u8>>,
    digest: Sha256,
    len: u64,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.gzip.write(buf)?;
        self.digest.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.gzip.flush()
    }
}

impl Sink {
    pub(crate) fn new() -> Sink {
        Sink {
            gzip: GzEncoder::new(Vec::new(), Compression::default()),
            digest: Sha256::new(),
            len: 0,
        }
    }

    pub(crate) fn finish(self, revision: i64) -> io::Result<Export> {
        let mut gzip = self.gzip.finish()?;
        gzip.shrink_to_fit();
        let digest = self.digest.finalize();
        Ok(Export {
            gzip: Bytes::from(gzip),
            digest: hex::encode(&digest[..16]),
            revision,
            uncompressed_len: self.len,
        })
    }
}

/// The visible events of one campaign in (starts_at_utc, id) order, a page at
/// a time: one keyset stream per status (each an index range), merged.
struct Rows<'a> {
    db: &'a DatabaseTransaction,
    campaign_id: i64,
    streams: Vec<Stream>,
}

struct Stream {
    status: EventStatus,
    buffered: VecDeque<event::Model>,
    after: Option<(i64, i64)>,
    exhausted: bool,
}

impl Stream {
    async fn fill(&mut self, db: &DatabaseTransaction, campaign_id: i64) -> Result<(), DbErr> {
        if !self.buffered.is_empty() || self.exhausted {
            return Ok(());
        }
        let page =
            storage::events::page_with_status(db, campaign_id, self.status, self.after, PAGE)
                .await?;
        self.exhausted = (page.len() as u64) < PAGE;
        self.after = page.last().map(|m| (m.starts_at_utc, m.id)).or(self.after);
        self.buffered = page.into();
        Ok(())
    }
}

impl Rows<'_> {
    /// Up to `PAGE` rows in order; empty at the end.
    async fn next_page(&mut self) -> Result<Vec<event::Model>, DbErr> {
        let mut page = Vec::with_capacity(PAGE as usize);
        while (page.len() as u64) < PAGE {
            for stream in &mut self.streams {
                stream.fill(self.db, self.campaign_id).await?;
            }
            let next = self
                .streams
                .iter_mut()
                .filter(|s| !s.buffered.is_empty())
                .min_by_key(|s| s.buffered.front().map(|m| (m.starts_at_utc, m.id)))
                .and_then(|s| s.buffered.pop_front());
            match next {
                Some(model) => page.push(model),
                None => break,
            }
        }
        Ok(page)
    }
}

/// What organisers get beyond the public export: every status but
/// withdrawn, the private columns, within their countries.
#[derive(Debug, Clone, Default)]
pub(super) struct Private {
    /// `None`: every country.
    pub countries: Option<Vec<String>>,
}

impl Private {
    const STATUSES: [EventStatus; 4] = [
        EventStatus::Pending,
        EventStatus::Published,
        EventStatus::Rejected,
        EventStatus::Cancelled,
    ];

    fn covers(&self, model: &event::Model) -> bool {
        self.countries.as_ref().is_none_or(|list| {
            list.iter()
                .any(|c| c.eq_ignore_ascii_case(&model.country_code))
        })
    }
}

/// Writes a format's parts into the sink.
struct Writer {
    format: Format,
    context: Context,
    sink: Sink,
    first: bool,
    private: bool,
}

impl Writer {
    fn begin(&mut self, campaign: &campaign::Model, zones: &[chrono_tz::Tz]) -> io::Result<()> {
        match self.format {
            Format::Ics => self.sink.write_all(ics::head(campaign, zones).as_bytes()),
            Format::GeoJson => self.sink.write_all(geojson::HEAD.as_bytes()),
            Format::Csv => table::header(&mut self.sink, self.private),
            Format::Atom => Ok(()),
        }
    }

    fn page(&mut self, page: &[event::Model]) -> io::Result<()> {
        match self.format {
            Format::Ics => {
                for model in page {
                    let text = ics::event(&self.context, model).map_err(io::Error::other)?;
                    self.sink.write_all(text.as_bytes())?;
                }
                Ok(())
            }
            Format::GeoJson => {
                for model in page {
                    if !self.first {
                        self.sink.write_all(b",")?;
                    }
                    self.first = false;
                    serde_json::to_writer(&mut self.sink, &geojson::feature(&self.context, model))?;
                }
                Ok(())
            }
            Format::Csv => table::rows(&self.context, page, &mut self.sink, self.private),
            Format::Atom => Ok(()),
        }
    }

    fn end(mut self, revision: i64) -> io::Result<Export> {
        match self.format {
            Format::Ics => self.sink.write_all(ics::END.as_bytes())?,
            Format::GeoJson => self.sink.write_all(geojson::END.as_bytes())?,
            Format::Csv | Format::Atom => {}
        }
        self.sink.finish(revision)
    }
}

/// Runs CPU work (rendering, compression) on a blocking thread, so that the
/// async workers keep answering other requests meanwhile.
pub(crate) async fn off_workers<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> ServiceResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(write_error)?
        .map_err(write_error)
}

/// Builds the export of campaign `campaign_id` as the database has it now.
pub(super) async fn campaign(
    services: &Services,
    campaign_id: i64,
    format: Format,
) -> ServiceResult<Export> {
    if format == Format::Atom {
        return atom(services, campaign_id).await;
    }
    build(services, campaign_id, format, None).await
}

/// The organisers' CSV: never cached, never served to the public.
pub(super) async fn private_csv(
    services: &Services,
    campaign_id: i64,
    private: Private,
) -> ServiceResult<Export> {
    build(services, campaign_id, Format::Csv, Some(private)).await
}

async fn build(
    services: &Services,
    campaign_id: i64,
    format: Format,
    private: Option<Private>,
) -> ServiceResult<Export> {
    let txn = crate::db::read_snapshot(&services.read_db).await?;
    // Read first, so the revision is the snapshot's.
    let campaign = storage::campaigns::find_published_by_id(&txn, campaign_id).await?;
    let statuses: &[EventStatus] = if private.is_some() {
        &Private::STATUSES
    } else {
        &EventStatus::PUBLIC
    };
    let mut rows = Rows {
        db: &txn,
        campaign_id,
        streams: statuses
            .iter()
            .map(|status| Stream {
                status: *status,
                buffered: VecDeque::new(),
                after: None,
                exhausted: false,
            })
            .collect(),
    };
    let mut writer = Writer {
        format,
        context: Context::new(services, &campaign.slug),
        sink: Sink::new(),
        first: true,
        private: private.is_some(),
    };
    let zones = if format == Format::Ics {
        storage::events::zones_with_status(&txn, campaign_id, statuses).await?
    } else {
        Vec::new()
    };
    writer.begin(&campaign, &zones).map_err(write_error)?;
    loop {
        let mut page = rows.next_page().await?;
        if page.is_empty() {
            break;
        }
        if let Some(private) = &private {
            page.retain(|m| private.covers(m));
        }
        writer = off_workers(move || writer.page(&page).map(|()| writer)).await?;
    }
    txn.rollback().await?;
    let revision = campaign.revision;
    off_workers(move || writer.end(revision)).await
}

/// How many actions the Atom feed carries: the newest.
const ATOM_ENTRIES: u64 = 200;

/// The Atom feed of the newest published actions.
async fn atom(services: &Services, campaign_id: i64) -> ServiceResult<Export> {
    let txn = crate::db::read_snapshot(&services.read_db).await?;
    let campaign = storage::campaigns::find_published_by_id(&txn, campaign_id).await?;
    let rows = storage::events::newest_published(&txn, campaign_id, ATOM_ENTRIES).await?;
    txn.rollback().await?;
    let context = Context::new(services, &campaign.slug);
    let revision = campaign.revision;
    off_workers(move || {
        let mut sink = Sink::new();
        atom::write(&context, &campaign, &rows, &mut sink)?;
        sink.finish(revision)
    })
    .await
}
