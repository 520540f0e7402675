//! The gazetteer: world cities from GeoNames (`data/gazetteer/`, CC BY 4.0),
//! embedded in the binary and indexed in memory for the city autocomplete.
//!
//! Every name of a city (its main name and its alternate names in any script)
//! is folded (`domain::text::fold`) and kept in one sorted index, so a prefix
//! query is a binary search followed by a short scan.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, OnceLock};

use shared::Place;

use crate::domain::text::fold;

const CITIES_GZ: &[u8] = include_bytes!("../data/gazetteer/cities.tsv.gz");
const COUNTRIES_TSV: &str = include_str!("../data/gazetteer/countries.tsv");

#[derive(Debug, Clone)]
pub struct PlaceRecord {
    pub id: i64,
    pub name: Box<str>,
    pub country_code: Box<str>,
    pub admin1: Box<str>,
    pub latitude: f64,
    pub longitude: f64,
    pub population: u64,
    pub timezone: Box<str>,
}

/// One folded name pointing at a place: `keys[start..start+len]`.
#[derive(Debug, Clone, Copy)]
struct NameEntry {
    start: u32,
    len: u32,
    place: u32,
    /// The place's main name (not an alternate one).
    main: bool,
}

pub struct Gazetteer {
    places: Vec<PlaceRecord>,
    by_id: HashMap<i64, u32>,
    countries: HashMap<Box<str>, Box<str>>,
    keys: String,
    index: Vec<NameEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot decompress the embedded gazetteer: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer line {line}: {why}")]
    Line { line: usize, why: String },
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

    fn load_embedded() -> Result<Gazetteer, GazetteerError> {
        let mut tsv = String::with_capacity(8 << 20);
        flate2::read::GzDecoder::new(CITIES_GZ).read_to_string(&mut tsv)?;
        Self::parse(&tsv, COUNTRIES_TSV)
    }

    /// Parses the two TSV files written by `scripts/build_gazetteer.py`.
    pub fn parse(cities_tsv: &str, countries_tsv: &str) -> Result<Gazetteer, GazetteerError> {
        let countries = countries_tsv
            .lines()
            .filter_map(|line| {
                let mut cols = line.split('\t');
                Some((cols.next()?.into(), cols.next()?.into()))
            })
            .collect();

        let mut places = Vec::with_capacity(35_000);
        let mut keys = String::with_capacity(8 << 20);
        let mut index = Vec::with_capacity(400_000);
        let mut seen: Vec<String> = Vec::new();
        for (n, line) in cities_tsv.lines().enumerate() {
            let bad = |why: &str| GazetteerError::Line {
                line: n + 1,
                why: why.to_string(),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 9 {
                return Err(bad("expected 9 columns"));
            }
            let record = PlaceRecord {
                id: cols[0].parse().map_err(|_| bad("bad id"))?,
                name: cols[1].into(),
                country_code: cols[2].into(),
                admin1: cols[3].into(),
                latitude: cols[4].parse().map_err(|_| bad("bad latitude"))?,
                longitude: cols[5].parse().map_err(|_| bad("bad longitude"))?,
                population: cols[6].parse().map_err(|_| bad("bad population"))?,
                timezone: cols[7].into(),
            };
            let place = u32::try_from(places.len()).map_err(|_| bad("too many places"))?;
            seen.clear();
            for (i, name) in std::iter::once(cols[1])
                .chain(cols[8].split('|'))
                .enumerate()
            {
                let key = fold(name);
                if key.is_empty() || seen.contains(&key) {
                    continue;
                }
                let start = u32::try_from(keys.len()).map_err(|_| bad("names too long"))?;
                keys.push_str(&key);
                index.push(NameEntry {
                    start,
                    len: key.len() as u32,
                    place,
                    main: i == 0,
                });
                seen.push(key);
            }
            places.push(record);
        }
        let by_id = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i as u32))
            .collect();
        let mut gazetteer = Gazetteer {
            places,
            by_id,
            countries,
            keys,
            index: Vec::new(),
        };
        index.sort_unstable_by(|a, b| gazetteer.key(a).cmp(gazetteer.key(b)));
        gazetteer.index = index;
        Ok(gazetteer)
    }

    fn key(&self, entry: &NameEntry) -> &str {
        &self.keys[entry.start as usize..(entry.start + entry.len) as usize]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Number of distinct folded names indexed.
    pub fn name_count(&self) -> usize {
        self.index.len()
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

    /// Places with a name starting with `query` (folded): a place whose main
    /// name is exactly the query first, then the most populous. Each place
    /// appears once.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&PlaceRecord> {
        let q = fold(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let first = self.index.partition_point(|e| self.key(e) < q.as_str());
        // Best `limit` as (exact main name, population, place), best first.
        let mut best: Vec<(bool, u64, u32)> = Vec::with_capacity(limit + 1);
        for entry in &self.index[first..] {
            let key = self.key(entry);
            if !key.starts_with(q.as_str()) {
                break;
            }
            let exact = entry.main && key.len() == q.len();
            let population = self.places[entry.place as usize].population;
            let rank = (exact, population);
            if best.len() == limit && best.last().is_some_and(|w| (w.0, w.1) >= rank) {
                continue;
            }
            if let Some(pos) = best.iter().position(|b| b.2 == entry.place) {
                if (best[pos].0, best[pos].1) >= rank {
                    continue;
                }
                best.remove(pos);
            }
            let at = best.partition_point(|b| (b.0, b.1) >= rank);
            best.insert(at, (exact, population, entry.place));
            best.truncate(limit);
        }
        best.into_iter()
            .map(|(_, _, p)| &self.places[p as usize])
            .collect()
    }

    /// The most populous place in `country_code` with exactly this name (any
    /// of its names, folded).
    pub fn find_city(&self, name: &str, country_code: &str) -> Option<&PlaceRecord> {
        let q = fold(name);
        if q.is_empty() {
            return None;
        }
        let first = self.index.partition_point(|e| self.key(e) < q.as_str());
        self.index[first..]
            .iter()
            .take_while(|e| self.key(e) == q)
            .map(|e| &self.places[e.place as usize])
            .filter(|p| p.country_code.eq_ignore_ascii_case(country_code))
            .max_by_key(|p| p.population)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Arc<Gazetteer> {
        Gazetteer::shared().expect("embedded gazetteer loads")
    }

    fn names(results: Vec<&PlaceRecord>) -> Vec<i64> {
        results.into_iter().map(|p| p.id).collect()
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
    fn empty_or_unknown_queries_find_nothing() {
        let g = gazetteer();
        assert!(g.search("", 10).is_empty());
        assert!(g.search("  ,. ", 10).is_empty());
        assert!(g.search("zzzzqqq", 10).is_empty());
    }

    #[test]
    fn find_city_matches_name_and_country() {
        let g = gazetteer();
        assert_eq!(g.find_city("Köln", "DE").map(|p| p.id), Some(2886242));
        assert_eq!(g.find_city("cologne", "de").map(|p| p.id), Some(2886242));
        assert!(g.find_city("Cologne", "FR").is_none());
    }
}
