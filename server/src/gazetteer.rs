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

use crate::domain::geometry::distance_km;
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

/// How far from its city a section named after it may be.
const SECTION_MAX_KM: f64 = 30.0;

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
            city_of_section: HashMap::new(),
        };
        index.sort_unstable_by(|a, b| gazetteer.key(a).cmp(gazetteer.key(b)));
        gazetteer.index = index;
        gazetteer.city_of_section = gazetteer.find_sections();
        Ok(gazetteer)
    }

    /// Places with a name (main or alternate) that is a larger nearby place's
    /// main name followed by more words, in the same country: sections of
    /// that city ("Mitte", also called "Berlin-Mitte", is part of Berlin).
    fn find_sections(&self) -> HashMap<u32, u32> {
        let mut sections: HashMap<u32, u32> = HashMap::new();
        for entry in &self.index {
            let name = self.key(entry);
            let place = &self.places[entry.place as usize];
            for (cut, _) in name.match_indices(' ') {
                let prefix = &name[..cut];
                let first = self.index.partition_point(|e| self.key(e) < prefix);
                for candidate_entry in self.index[first..]
                    .iter()
                    .take_while(|e| self.key(e) == prefix)
                    .filter(|e| e.main && e.place != entry.place)
                {
                    let candidate = &self.places[candidate_entry.place as usize];
                    let is_section = candidate.population > place.population
                        && candidate.country_code == place.country_code
                        && distance_km(
                            (place.latitude, place.longitude),
                            (candidate.latitude, candidate.longitude),
                        ) <= SECTION_MAX_KM;
                    let best = sections
                        .get(&entry.place)
                        .is_none_or(|&c| self.places[c as usize].population < candidate.population);
                    if is_section && best {
                        sections.insert(entry.place, candidate_entry.place);
                    }
                }
            }
        }
        sections
    }

    /// The city a place belongs to: itself, or the city it is a section of.
    pub fn city_of<'a>(&'a self, place: &'a PlaceRecord) -> &'a PlaceRecord {
        self.by_id
            .get(&place.id)
            .and_then(|i| self.city_of_section.get(i))
            .map_or(place, |&city| &self.places[city as usize])
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
        let first = self.index.partition_point(|e| self.key(e) < q.as_str());
        // Best `limit` as (rank, place), best first.
        let mut best: Vec<(Rank, u32)> = Vec::with_capacity(limit + 1);
        for entry in &self.index[first..] {
            let key = self.key(entry);
            if !key.starts_with(q.as_str()) {
                break;
            }
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
        let first = self.index.partition_point(|e| self.key(e) < q.as_str());
        let same_name = self.index[first..]
            .iter()
            .take_while(|e| self.key(e) == q)
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
