//! The gazetteer: world cities from GeoNames (`data/gazetteer/`, CC BY 4.0),
//! embedded in the binary and indexed in memory for the city autocomplete.
//!
//! Every name of a city (its main name and its alternate names in any script)
//! is folded (`domain::text::fold`) and kept in one FST (`compiled`), built
//! with the binary and read in place, so a prefix query walks the names that
//! start with it and nothing else is held in memory for them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::sync::{Arc, OnceLock};

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use shared::Place;

use crate::domain::geometry::distance_km;
use crate::domain::text::fold;

mod compiled;

use compiled::{Compiled, POSTING_BYTES, PlaceFacts};

const COUNTRIES_TSV: &str = include_str!("../data/gazetteer/countries.tsv");
/// `data/gazetteer/cities.tsv.gz` as `build.rs` compiled it: the places
/// without their alternate names, the name index, the sections.
const PLACES_GZ: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.tsv.gz"));
const NAMES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
const NAMES_POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.postings"));
const SECTIONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sections"));

/// A place. The texts most places share (country, region, zone) are held
/// once for all of them.
#[derive(Debug, Clone)]
pub struct PlaceRecord {
    pub id: i64,
    pub name: Box<str>,
    pub country_code: Arc<str>,
    pub admin1: Arc<str>,
    pub latitude: f64,
    pub longitude: f64,
    pub population: u64,
    pub timezone: Arc<str>,
}

/// A place listed under a name.
#[derive(Debug, Clone, Copy)]
struct Posting {
    place: u32,
    /// The name is the place's main name (not an alternate one).
    main: bool,
}

pub struct Gazetteer {
    places: Vec<PlaceRecord>,
    by_id: HashMap<i64, u32>,
    countries: HashMap<Box<str>, Box<str>>,
    /// Every folded name → where its postings are (`compiled`).
    names: fst::Map<Cow<'static, [u8]>>,
    postings: Cow<'static, [u8]>,
    /// For a section of a city named after it ("Berlin Mitte", "Marseille
    /// 01"), the city: an action there counts as, and shows, that city.
    city_of_section: HashMap<u32, u32>,
}

/// How well a name matches a prefix query; greater is better (fields compare
/// in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// The query is the place's whole main name.
    exact_main: bool,
    /// The query starts the place's main name, not only another name.
    main: bool,
    population: u64,
}

/// Places in the embedded gazetteer, to size its list at once.
const EMBEDDED_PLACES: usize = 34_006;

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot decompress the embedded gazetteer: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer line {line}: {why}")]
    Line { line: usize, why: String },
    #[error("the gazetteer's name index is damaged: {0}")]
    Index(#[from] fst::Error),
}

impl Gazetteer {
    /// The embedded gazetteer, parsed once per process and shared.
    pub fn shared() -> Result<Arc<Gazetteer>, GazetteerError> {
        static SHARED: OnceLock<Arc<Gazetteer>> = OnceLock::new();
        if let Some(g) = SHARED.get() {
            return Ok(g.clone());
        }
        let loaded = Arc::new(Self::load_embedded()?);
        Ok(SHARED.get_or_init(|| loaded).clone())
    }

    /// The places are read line by line from their compressed file; the
    /// name index is read in place.
    fn load_embedded() -> Result<Gazetteer, GazetteerError> {
        let mut places = Vec::with_capacity(EMBEDDED_PLACES);
        let mut shared = Interner::default();
        let mut reader = BufReader::new(flate2::read::GzDecoder::new(PLACES_GZ));
        let mut line = String::new();
        while {
            line.clear();
            reader.read_line(&mut line)? > 0
        } {
            let text = line.trim_end_matches(['\n', '\r']);
            places.push(place_of(text, places.len() + 1, &mut shared)?);
        }
        let names = fst::Map::new(Cow::Borrowed(NAMES_FST))?;
        let postings = Cow::Borrowed(NAMES_POSTINGS);
        Ok(Self::assemble(
            places,
            COUNTRIES_TSV,
            names,
            postings,
            SECTIONS,
        ))
    }

    /// Parses the two TSV files written by `scripts/build_gazetteer.py` and
    /// compiles their index as `build.rs` does.
    pub fn parse(cities_tsv: &str, countries_tsv: &str) -> Result<Gazetteer, GazetteerError> {
        let mut shared = Interner::default();
        let places = cities_tsv
            .lines()
            .enumerate()
            .map(|(n, line)| place_of(line, n + 1, &mut shared))
            .collect::<Result<Vec<_>, _>>()?;
        let facts: Vec<PlaceFacts> = places
            .iter()
            .zip(cities_tsv.lines())
            .map(|(place, line)| {
                let (main, alternates) = names_of(line);
                PlaceFacts {
                    main,
                    alternates,
                    country_code: &place.country_code,
                    latitude: place.latitude,
                    longitude: place.longitude,
                    population: place.population,
                }
            })
            .collect();
        let Compiled {
            fst,
            postings,
            sections,
        } = compiled::compile(&facts);
        let names = fst::Map::new(Cow::Owned(fst))?;
        Ok(Self::assemble(
            places,
            countries_tsv,
            names,
            Cow::Owned(postings),
            &sections,
        ))
    }

    fn assemble(
        mut places: Vec<PlaceRecord>,
        countries_tsv: &str,
        names: fst::Map<Cow<'static, [u8]>>,
        postings: Cow<'static, [u8]>,
        sections: &[u8],
    ) -> Gazetteer {
        places.shrink_to_fit();
        let countries = countries_tsv
            .lines()
            .filter_map(|line| {
                let mut cols = line.split('\t');
                Some((cols.next()?.into(), cols.next()?.into()))
            })
            .collect();
        let by_id = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i as u32))
            .collect();
        let city_of_section = sections
            .chunks_exact(8)
            .map(|pair| (le_u32(&pair[..4]), le_u32(&pair[4..])))
            .filter(|&(section, city)| places.len() > section.max(city) as usize)
            .collect();
        Gazetteer {
            places,
            by_id,
            countries,
            names,
            postings,
            city_of_section,
        }
    }

    /// The places listed under the name whose index value is `value`.
    fn postings(&self, value: u64) -> impl Iterator<Item = Posting> + '_ {
        let first = (value >> 32) as usize * POSTING_BYTES;
        let count = (value & u64::from(u32::MAX)) as usize;
        // Out of range only if the index is not this gazetteer's: nothing.
        let listed = self.postings.get(first..first + count * POSTING_BYTES);
        listed
            .unwrap_or_default()
            .chunks_exact(POSTING_BYTES)
            .map(posting)
            .filter(|p| (p.place as usize) < self.places.len())
    }

    /// The places listed under exactly the folded name `key`.
    fn named(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        self.names
            .get(key)
            .into_iter()
            .flat_map(|value| self.postings(value))
    }

    /// The city a place belongs to: itself, or the city it is a section of.
    pub fn city_of<'a>(&'a self, place: &'a PlaceRecord) -> &'a PlaceRecord {
        self.by_id
            .get(&place.id)
            .and_then(|i| self.city_of_section.get(i))
            .map_or(place, |&city| &self.places[city as usize])
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct folded names indexed.
    pub fn name_count(&self) -> usize {
        self.postings.len() / POSTING_BYTES
    }

    pub fn get(&self, id: i64) -> Option<&PlaceRecord> {
        self.by_id.get(&id).map(|&i| &self.places[i as usize])
    }

    pub fn places(&self) -> &[PlaceRecord] {
        &self.places
    }

    /// The English name of a country, by ISO 3166-1 alpha-2 code.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(|n| &**n)
    }

    /// Places with a name starting with `query` (folded), best first: a place
    /// whose main name is exactly the query, then places whose main name
    /// starts with it ("teh": Tehran) before places matched by an alternate
    /// name only (Tianjin, also "Tehtsin"), each group by population. Each
    /// place appears once.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&PlaceRecord> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Best `limit` as (rank, place), best first.
        let mut best: Vec<(Rank, u32)> = Vec::with_capacity(limit + 1);
        let mut names = self.names.search(Str::new(&q).starts_with()).into_stream();
        while let Some((key, value)) = names.next() {
            for entry in self.postings(value) {
                let rank = Rank {
                    exact_main: entry.main && key.len() == q.len(),
                    main: entry.main,
                    population: self.places[entry.place as usize].population,
                };
                if best.len() == limit && best.last().is_some_and(|w| w.0 >= rank) {
                    continue;
                }
                if let Some(pos) = best.iter().position(|b| b.1 == entry.place) {
                    if best[pos].0 >= rank {
                        continue;
                    }
                    best.remove(pos);
                }
                let at = best.partition_point(|b| b.0 >= rank);
                best.insert(at, (rank, entry.place));
                best.truncate(limit);
            }
        }
        best.into_iter()
            .map(|(_, p)| &self.places[p as usize])
            .collect()
    }

    /// The place in `country_code` with exactly this name (any of its names,
    /// folded): the one nearest to `near` when several share the name
    /// (Charleston, Kalol), else the most populous.
    pub fn find_city(
        &self,
        name: &str,
        country_code: &str,
        near: Option<(f64, f64)>,
    ) -> Option<&PlaceRecord> {
        let q = fold(name);
        if q.is_empty() {
            return None;
        }
        let same_name = self
            .named(&q)
            .map(|e| &self.places[e.place as usize])
            .filter(|p| p.country_code.eq_ignore_ascii_case(country_code));
        match near {
            Some(point) => same_name.min_by(|a, b| {
                distance_km(point, (a.latitude, a.longitude))
                    .total_cmp(&distance_km(point, (b.latitude, b.longitude)))
            }),
            None => same_name.max_by_key(|p| p.population),
        }
    }

    /// The city of `country_code` a point belongs to: the most populous place
    /// within 25 km (a point in Kreuzberg belongs to Berlin, not to the
    /// district), else the nearest one within `max_km`.
    pub fn city_around(
        &self,
        point: (f64, f64),
        country_code: &str,
        max_km: f64,
    ) -> Option<&PlaceRecord> {
        const LOCAL_KM: f64 = 25.0;
        // A latitude band first: a degree of latitude is about 111 km.
        let band = max_km / 111.0 + 0.01;
        let candidates: Vec<(f64, &PlaceRecord)> = self
            .places
            .iter()
            .filter(|p| (p.latitude - point.0).abs() <= band)
            .filter(|p| p.country_code.eq_ignore_ascii_case(country_code))
            .map(|p| (distance_km(point, (p.latitude, p.longitude)), p))
            .filter(|(km, _)| *km <= max_km)
            .collect();
        let local = candidates
            .iter()
            .filter(|(km, _)| *km <= LOCAL_KM.min(max_km))
            .max_by_key(|(_, p)| p.population);
        local
            .or_else(|| candidates.iter().min_by(|a, b| a.0.total_cmp(&b.0)))
            .map(|(_, p)| self.city_of(p))
    }

    pub fn to_place(&self, record: &PlaceRecord) -> Place {
        Place {
            place_id: record.id,
            name: record.name.to_string(),
            country_code: record.country_code.to_string(),
            country: self
                .country_name(&record.country_code)
                .unwrap_or(&record.country_code)
                .to_string(),
            admin1: record.admin1.to_string(),
            latitude: record.latitude,
            longitude: record.longitude,
            timezone: record.timezone.to_string(),
            population: record.population,
        }
    }
}

/// The little-endian `u32` of the first four of `bytes` (as many as there
/// are).
fn le_u32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .rev()
        .fold(0, |n, &b| n << 8 | u32::from(b))
}

/// A posting from its `POSTING_BYTES` bytes.
fn posting(bytes: &[u8]) -> Posting {
    let raw = le_u32(bytes);
    Posting {
        place: raw >> 1,
        main: raw & 1 == 1,
    }
}

/// A line of `cities.tsv`'s main name and alternate names (its second and
/// ninth columns; empty where the line has none).
fn names_of(line: &str) -> (&str, &str) {
    let mut cols = line.split('\t');
    let main = cols.nth(1).unwrap_or_default();
    let alternates = cols.nth(6).unwrap_or_default();
    (main, alternates)
}

/// One copy of each text the places share.
#[derive(Default)]
struct Interner(std::collections::HashSet<Arc<str>>);

impl Interner {
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(held) = self.0.get(text) {
            return held.clone();
        }
        let held: Arc<str> = text.into();
        self.0.insert(held.clone());
        held
    }
}

/// The place on line `line` of `cities.tsv` (its nine columns).
fn place_of(text: &str, line: usize, shared: &mut Interner) -> Result<PlaceRecord, GazetteerError> {
    let bad = |why: &str| GazetteerError::Line {
        line,
        why: why.to_string(),
    };
    let cols: Vec<&str> = text.split('\t').collect();
    if cols.len() != 9 {
        return Err(bad("expected 9 columns"));
    }
    Ok(PlaceRecord {
        id: cols[0].parse().map_err(|_| bad("bad id"))?,
        name: cols[1].into(),
        country_code: shared.get(cols[2]),
        admin1: shared.get(cols[3]),
        latitude: cols[4].parse().map_err(|_| bad("bad latitude"))?,
        longitude: cols[5].parse().map_err(|_| bad("bad longitude"))?,
        population: cols[6].parse().map_err(|_| bad("bad population"))?,
        timezone: shared.get(cols[7]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Arc<Gazetteer> {
        Gazetteer::shared().expect("embedded gazetteer loads")
    }

    fn names(results: Vec<&PlaceRecord>) -> Vec<i64> {
        results.into_iter().map(|p| p.id).collect()
    }

    /// The index as a sorted list of every (folded name, place, main),
    /// searched the plain way, to check the FST against.
    struct Reference(Vec<(String, u32, bool)>);

    impl Reference {
        fn of(tsv: &str) -> Reference {
            let mut entries = Vec::new();
            for (place, line) in tsv.lines().enumerate() {
                let (main, alternates) = names_of(line);
                let mut seen: Vec<String> = Vec::new();
                let names = std::iter::once(main).chain(alternates.split('|'));
                for (i, name) in names.enumerate() {
                    let key = fold(name);
                    if !key.is_empty() && !seen.contains(&key) {
                        entries.push((key.clone(), place as u32, i == 0));
                        seen.push(key);
                    }
                }
            }
            entries.sort_unstable();
            Reference(entries)
        }

        fn search(&self, g: &Gazetteer, q: &str, limit: usize) -> Vec<u32> {
            let q = fold(q);
            let first = self.0.partition_point(|e| e.0.as_str() < q.as_str());
            // Each place's best rank and where in the walk it was reached.
            let mut best: HashMap<u32, (Rank, usize)> = HashMap::new();
            let walk = self.0[first..].iter().take_while(|e| e.0.starts_with(&q));
            for (seq, (key, place, main)) in walk.enumerate() {
                let rank = Rank {
                    exact_main: *main && key.len() == q.len(),
                    main: *main,
                    population: g.places[*place as usize].population,
                };
                let held = best.entry(*place).or_insert((rank, seq));
                if held.0 < rank {
                    *held = (rank, seq);
                }
            }
            // Among equals, the place that reached its rank first.
            let mut ranked: Vec<(Rank, usize, u32)> =
                best.into_iter().map(|(p, (r, seq))| (r, seq, p)).collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            ranked.into_iter().take(limit).map(|r| r.2).collect()
        }
    }

    /// The cities the build compiled, read from the source tree.
    fn embedded_tsv() -> String {
        use std::io::Read;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer/cities.tsv.gz");
        let gz = std::fs::read(path).expect("the gazetteer's cities");
        let mut tsv = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut tsv)
            .expect("decompresses");
        tsv
    }

    #[test]
    fn the_built_in_gazetteer_is_the_one_its_cities_make() {
        let built = Gazetteer::parse(&embedded_tsv(), COUNTRIES_TSV).expect("parses");
        let g = gazetteer();
        assert!(
            built.names.as_fst().as_bytes() == NAMES_FST,
            "the name index"
        );
        assert!(built.postings.as_ref() == NAMES_POSTINGS, "the postings");
        assert_eq!(built.city_of_section, g.city_of_section, "the sections");
        assert!(!g.city_of_section.is_empty());
        assert_eq!(built.places.len(), g.places.len());
        for (a, b) in built.places.iter().zip(&g.places) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
    }

    #[test]
    fn the_index_finds_what_a_sorted_list_of_every_name_finds() {
        let g = gazetteer();
        let reference = Reference::of(&embedded_tsv());
        assert_eq!(reference.0.len(), g.name_count());
        let position = |p: &PlaceRecord| g.by_id[&p.id];
        // Prefixes of every 211th name, from one letter to the whole name.
        let mut queries = std::collections::BTreeSet::new();
        for (key, _, _) in reference.0.iter().step_by(211) {
            for (cut, _) in key.char_indices().skip(1).chain([(key.len(), ' ')]) {
                queries.insert(&key[..cut]);
            }
            let first = reference.0.partition_point(|e| e.0 < *key);
            let listed: Vec<u32> = reference.0[first..]
                .iter()
                .take_while(|e| e.0 == *key)
                .map(|e| e.1)
                .collect();
            let exact: Vec<u32> = g.named(key).map(|e| e.place).collect();
            assert_eq!(exact, listed, "name {key:?}");
        }
        for q in queries {
            let found: Vec<u32> = g.search(q, 10).into_iter().map(position).collect();
            assert_eq!(found, reference.search(&g, q, 10), "search {q:?}");
        }
    }

    #[test]
    fn loads_every_city() {
        let g = gazetteer();
        assert_eq!(g.len(), 34_006);
        assert!(g.name_count() > 300_000, "{}", g.name_count());
        assert_eq!(g.country_name("IR"), Some("Iran"));
    }

    #[test]
    fn one_city_under_all_its_names() {
        let g = gazetteer();
        const GOTHENBURG: i64 = 2711537;
        for q in [
            "Göteborg",
            "goteborg",
            "GOTEBORG",
            "Gothenburg",
            "gothen",
            "Götebo",
            "ヨーテボリ",
        ] {
            assert_eq!(
                g.search(q, 5).first().map(|p| p.id),
                Some(GOTHENBURG),
                "{q}"
            );
        }
    }

    #[test]
    fn persian_names_find_the_city() {
        let g = gazetteer();
        assert_eq!(g.search("تهران", 3).first().map(|p| p.id), Some(112931));
        assert_eq!(g.search("ته", 10).first().map(|p| p.id), Some(112931));
    }

    #[test]
    fn best_known_first_and_each_place_once() {
        let g = gazetteer();
        let results = names(g.search("lon", 10));
        assert_eq!(results.first(), Some(&2643743), "London first: {results:?}");
        let mut unique = results.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), results.len());
        assert_eq!(results.len(), 10);
        // An exact name beats a longer, more populous one.
        let paris = g.search("paris", 3);
        assert_eq!(paris[0].name.as_ref(), "Paris");
    }

    #[test]
    fn a_city_s_own_name_before_another_city_s_alternate_name() {
        let g = gazetteer();
        const TEHRAN: i64 = 112931;
        // Tianjin (larger) has an alternate name starting "teh"; Tehran is
        // the city called so.
        let teh = names(g.search("teh", 5));
        assert_eq!(teh.first(), Some(&TEHRAN), "{teh:?}");
        assert_eq!(g.search("Teh", 1)[0].id, TEHRAN);
        // Alternate names still find their city.
        assert_eq!(g.search("gothen", 5)[0].id, 2711537);
        assert_eq!(g.search("تهر", 5)[0].id, TEHRAN);
    }

    #[test]
    fn empty_or_unknown_queries_find_nothing() {
        let g = gazetteer();
        assert!(g.search("", 10).is_empty());
        assert!(g.search("  ,. ", 10).is_empty());
        assert!(g.search("zzzzqqq", 10).is_empty());
    }

    #[test]
    fn find_city_matches_name_and_country() {
        let g = gazetteer();
        assert_eq!(g.find_city("Köln", "DE", None).map(|p| p.id), Some(2886242));
        assert_eq!(
            g.find_city("cologne", "de", None).map(|p| p.id),
            Some(2886242)
        );
        assert!(g.find_city("Cologne", "FR", None).is_none());
    }

    #[test]
    fn find_city_picks_the_namesake_nearest_the_point() {
        let g = gazetteer();
        // Charleston, West Virginia, not the larger one in South Carolina.
        let wv = g
            .find_city("Charleston", "US", Some((38.35, -81.63)))
            .expect("found");
        assert_eq!(wv.admin1.as_ref(), "West Virginia", "{wv:?}");
        let sc = g
            .find_city("Charleston", "US", Some((32.78, -79.93)))
            .expect("found");
        assert_eq!(sc.admin1.as_ref(), "South Carolina", "{sc:?}");
    }

    #[test]
    fn a_section_named_after_its_city_belongs_to_it() {
        let g = gazetteer();
        let mitte = g.find_city("Berlin-Mitte", "DE", None).expect("listed");
        assert_eq!(mitte.id, 6545310, "Mitte, also called Berlin-Mitte");
        assert_eq!(g.city_of(mitte).id, 2950159);
        let berlin = g.get(2950159).expect("Berlin");
        assert_eq!(g.city_of(berlin).id, 2950159);
        // A town with a city's name far from it stays itself.
        let frankfurt_oder = g.get(2925535).expect("Frankfurt (Oder)");
        assert_eq!(g.city_of(frankfurt_oder).id, 2925535);
    }

    #[test]
    fn nearest_city_within_a_radius() {
        let g = gazetteer();
        // A point in Kreuzberg belongs to Berlin, one in Potsdam to Potsdam.
        let p = g
            .city_around((52.4990, 13.4030), "DE", 100.0)
            .expect("Berlin");
        assert_eq!(p.id, 2950159);
        let p = g
            .city_around((52.3990, 13.0660), "DE", 100.0)
            .expect("Potsdam");
        assert_eq!(p.id, 2852458);
        // Nothing of Germany within 10 km of a point in the North Sea.
        assert!(g.city_around((55.0, 5.0), "DE", 10.0).is_none());
    }
}
