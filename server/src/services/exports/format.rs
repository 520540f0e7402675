//! What the exports are: a format, and one built copy of a campaign export.

use bytes::Bytes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Ics,
    GeoJson,
    Csv,
    Atom,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Ics => "text/calendar; charset=utf-8",
            Format::GeoJson => "application/geo+json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Atom => "application/atom+xml; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Ics => "ics",
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Atom => "atom",
        }
    }
}

/// A campaign export as built once for many requests.
#[derive(Clone, Debug)]
pub struct Export {
    /// The whole body, gzip-compressed.
    pub gzip: Bytes,
    /// SHA-256 (hex, first 128 bits) of the uncompressed body: a strong
    /// validator that changes only when what the public sees changes, so it
    /// tells nothing of held-back submissions (the revision would).
    pub digest: String,
    /// The campaign's revision the rows were read at.
    pub revision: i64,
    pub uncompressed_len: u64,
}
