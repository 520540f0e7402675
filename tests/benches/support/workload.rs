//! What the bench sends: registrations in gazetteer cities and the query
//! parameters, all drawn from one seeded generator so runs are comparable.

use std::sync::Arc;

use rand::Rng;
use rand::rngs::StdRng;
use server::gazetteer::{Gazetteer, PlaceRecord};
use shared::{EventKind, RegisterEvent};

/// The campaign every event registers for, and its one day.
pub const SLUG: &str = "bench";
pub const DAY: &str = "2026-11-05";

const KM_PER_DEGREE: f64 = 111.32;

pub struct Workload {
    pub places: Arc<Gazetteer>,
    /// Running sum of the cities' weights, for drawing by weight.
    cumulative: Vec<f64>,
    /// Cities whose name starts with four ASCII letters: the prefixes typed
    /// into the autocomplete.
    ascii_names: Vec<u32>,
}

impl Workload {
    /// Events go to a city with probability ∝ √population: a capital gets
    /// more actions than a town, but not 1,000 times more.
    pub fn new(places: Arc<Gazetteer>) -> Workload {
        let mut total = 0.0;
        let cumulative = places
            .places()
            .iter()
            .map(|p| {
                total += (p.population.max(1) as f64).sqrt();
                total
            })
            .collect();
        let ascii_names = places
            .places()
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.name
                    .chars()
                    .take(4)
                    .filter(char::is_ascii_alphabetic)
                    .count()
                    == 4
            })
            .map(|(i, _)| i as u32)
            .collect();
        Workload {
            places,
            cumulative,
            ascii_names,
        }
    }

    /// A city drawn by √population (where events are).
    pub fn weighted_city(&self, rng: &mut StdRng) -> &PlaceRecord {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let at = rng.random_range(0.0..total);
        let i = self
            .cumulative
            .partition_point(|&c| c <= at)
            .min(self.cumulative.len() - 1);
        &self.places.places()[i]
    }

    /// Any city, each as likely (where people search from).
    pub fn any_city(&self, rng: &mut StdRng) -> &PlaceRecord {
        let places = self.places.places();
        &places[rng.random_range(0..places.len())]
    }

    /// A valid registration, number `n`, within 3 km of a city's centre.
    pub fn registration(&self, rng: &mut StdRng, n: usize) -> RegisterEvent {
        let city = self.weighted_city(rng);
        let (latitude, longitude) = near_point(rng, city.latitude, city.longitude, 3.0);
        let kind = EventKind::ALL[rng.random_range(0..EventKind::ALL.len())];
        let hour = rng.random_range(8..=20);
        let minute = [0, 15, 30, 45][rng.random_range(0..4)];
        let time = |h: u32| format!("{DAY}T{h:02}:{minute:02}");
        RegisterEvent {
            title: Some(format!(
                "{} for jailed workers in {}",
                kind.as_str(),
                city.name
            )),
            kind: Some(kind.as_str().into()),
            description: Some(format!(
                "Action {n}: solidarity with the workers jailed for striking. Bring banners."
            )),
            organiser_name: Some(format!("Solidarity committee {}", n % 997)),
            contact_email: Some(format!("group{n}@example.org")),
            public_contact: n.is_multiple_of(3).then(|| format!("@group{n}")),
            city: None,
            country_code: Some(city.country_code.to_string()),
            place_id: Some(city.id),
            address: n
                .is_multiple_of(2)
                .then(|| "Main square, by the fountain".into()),
            latitude: Some(latitude),
            longitude: Some(longitude),
            timezone: None,
            local_start: Some(time(hour)),
            local_end: Some(time(hour + 2)),
            links: if n.is_multiple_of(4) {
                vec![format!("https://example.org/actions/{n}")]
            } else {
                Vec::new()
            },
            language: Some("en".into()),
            location_visibility: n.is_multiple_of(10).then(|| "city".into()),
            homepage: None,
        }
    }

    /// `near=LAT,LON&within_km=50` around a random city centre.
    pub fn near_query(&self, rng: &mut StdRng) -> String {
        let c = self.any_city(rng);
        format!(
            "near={:.4},{:.4}&within_km=50&limit=100",
            c.latitude, c.longitude
        )
    }

    /// A 1°×1° box around a random city.
    pub fn bbox_query(&self, rng: &mut StdRng) -> String {
        let c = self.any_city(rng);
        let min_lat = (c.latitude - 0.5).max(-90.0);
        let max_lat = (c.latitude + 0.5).min(90.0);
        format!(
            "bbox={:.4},{:.4},{:.4},{:.4}&limit=100",
            wrap_longitude(c.longitude - 0.5),
            min_lat,
            wrap_longitude(c.longitude + 0.5),
            max_lat
        )
    }

    /// The nearest 100 in the whole world, from a random city.
    pub fn near_world_query(&self, rng: &mut StdRng) -> String {
        let c = self.any_city(rng);
        format!(
            "near={:.4},{:.4}&within_km=20038&limit=100",
            c.latitude, c.longitude
        )
    }

    /// A 40°×25° box (a large country, a sea) around a random city.
    pub fn bbox_wide_query(&self, rng: &mut StdRng) -> String {
        let c = self.any_city(rng);
        format!(
            "bbox={:.4},{:.4},{:.4},{:.4}&limit=100",
            wrap_longitude(c.longitude - 20.0),
            (c.latitude - 12.5).max(-90.0),
            wrap_longitude(c.longitude + 20.0),
            (c.latitude + 12.5).min(90.0)
        )
    }

    /// A 1–4 letter lower-case prefix of a random city's name.
    pub fn place_prefix(&self, rng: &mut StdRng) -> String {
        let i = self.ascii_names[rng.random_range(0..self.ascii_names.len())];
        let name = &self.places.places()[i as usize].name;
        let len = rng.random_range(1..=4);
        name.chars().take(len).collect::<String>().to_lowercase()
    }
}

/// A point up to `km` from (lat, lon) in a random direction.
fn near_point(rng: &mut StdRng, lat: f64, lon: f64, km: f64) -> (f64, f64) {
    let distance = rng.random_range(0.0..km);
    let bearing = rng.random_range(0.0..std::f64::consts::TAU);
    let dlat = distance * bearing.cos() / KM_PER_DEGREE;
    // Near the poles a kilometre spans many degrees of longitude; cap it.
    let dlon = distance * bearing.sin() / (KM_PER_DEGREE * lat.to_radians().cos().max(0.05));
    ((lat + dlat).clamp(-90.0, 90.0), wrap_longitude(lon + dlon))
}

fn wrap_longitude(lon: f64) -> f64 {
    if lon > 180.0 {
        lon - 360.0
    } else if lon < -180.0 {
        lon + 360.0
    } else {
        lon
    }
}
