//! What the build makes of the gazetteer's cities, so that the server reads
//! it in place from its binary instead of building it at every start:
//!
//! - the name index: every folded name of every place (its main name and
//!   its alternate names in any script) as a key of an FST, whose value is
//!   where the name's postings are; a posting is a place's position in the
//!   gazetteer and whether the name is that place's main one;
//! - the sections: places named after a larger city nearby ("Mitte", also
//!   called "Berlin-Mitte"), each with its city.
//!
//! `build.rs` compiles the embedded gazetteer; `Gazetteer::parse` compiles
//! any other (the tests' fixture) at run time. This file is part of both
//! (`#[path]` in `build.rs`), so it uses no part of the crate.

use geo::{Distance, Haversine, Point};
use shared::text::fold;

/// How far from its city a section named after it may be.
pub const SECTION_MAX_KM: f64 = 30.0;

pub const POSTING_BYTES: usize = 4;

/// What compiling needs of a place.
pub struct PlaceFacts<'a> {
    pub main: &'a str,
    /// Its alternate names, joined by `|`.
    pub alternates: &'a str,
    pub country_code: &'a str,
    pub latitude: f64,
    pub longitude: f64,
    pub population: u64,
}

pub struct Compiled {
    /// Folded name → `first << 32 | count`: its postings are
    /// `postings[first..first + count]`, counted in postings.
    pub fst: Vec<u8>,
    /// Little-endian `u32`s, `place << 1 | main`, in key order and, within
    /// a key, in place order.
    pub postings: Vec<u8>,
    /// (section, its city) as little-endian `u32` pairs, by section.
    pub sections: Vec<u8>,
}

/// Compiles `places`, in the gazetteer's order. A name folded empty is left
/// out, and a place is listed once under each name.
pub fn compile(places: &[PlaceFacts]) -> Compiled {
    let mut entries: Vec<(String, u32)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (place, facts) in places.iter().enumerate() {
        let place = u32::try_from(place)
            .ok()
            .filter(|p| *p < 1 << 31)
            .expect("fewer than 2^31 places");
        seen.clear();
        let alternates = facts.alternates.split('|').filter(|name| !name.is_empty());
        for (i, name) in std::iter::once(facts.main).chain(alternates).enumerate() {
            let key = fold(name);
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            entries.push((key.clone(), place << 1 | u32::from(i == 0)));
            seen.push(key);
        }
    }
    entries.sort_unstable();
    let mut builder = fst::MapBuilder::memory();
    let mut postings = Vec::with_capacity(entries.len() * POSTING_BYTES);
    for run in entries.chunk_by(|a, b| a.0 == b.0) {
        let first = (postings.len() / POSTING_BYTES) as u64;
        for (_, posting) in run {
            postings.extend_from_slice(&posting.to_le_bytes());
        }
        builder
            .insert(&run[0].0, first << 32 | run.len() as u64)
            .expect("keys in order, each once");
    }
    let sections = sections(places, &entries)
        .into_iter()
        .flat_map(|(section, city)| [section.to_le_bytes(), city.to_le_bytes()])
        .flatten()
        .collect();
    Compiled {
        fst: builder.into_inner().expect("an FST in memory"),
        postings,
        sections,
    }
}

/// Places with a name (main or alternate) that is a larger nearby place's
/// main name followed by more words, in the same country: sections of that
/// city. `entries` are every (folded name, posting), sorted.
fn sections(places: &[PlaceFacts], entries: &[(String, u32)]) -> Vec<(u32, u32)> {
    let mut sections = std::collections::BTreeMap::<u32, u32>::new();
    for (name, posting) in entries {
        let section = posting >> 1;
        let place = &places[section as usize];
        for (cut, _) in name.match_indices(' ') {
            let prefix = &name[..cut];
            let first = entries.partition_point(|e| e.0.as_str() < prefix);
            let cities = entries[first..]
                .iter()
                .take_while(|e| e.0 == prefix)
                .filter(|e| e.1 & 1 == 1 && e.1 >> 1 != section)
                .map(|e| e.1 >> 1);
            for city in cities {
                let candidate = &places[city as usize];
                let is_section = candidate.population > place.population
                    && candidate.country_code == place.country_code
                    && Haversine.distance(
                        Point::new(place.longitude, place.latitude),
                        Point::new(candidate.longitude, candidate.latitude),
                    ) / 1000.0
                        <= SECTION_MAX_KM;
                let best = sections
                    .get(&section)
                    .is_none_or(|&c| places[c as usize].population < candidate.population);
                if is_section && best {
                    sections.insert(section, city);
                }
            }
        }
    }
    sections.into_iter().collect()
}
