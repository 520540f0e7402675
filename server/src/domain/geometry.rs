//! Geometry on the sphere: distances, boxes in degrees, the box around a
//! circle. Pure functions; the `geo` crate does the great-circle maths.

use geo::{Distance, Haversine, Point};

/// A box in degrees. `min_lon > max_lon` means it crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

/// Great-circle distance in km between two (lat, lon) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0)) / 1000.0
}

const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The point on the unit sphere: with it, the squared straight-line (chord)
/// distance between two points orders them exactly as the great-circle
/// distance does, with arithmetic a database can do without trigonometry.
pub fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The squared chord of a great-circle distance of `km`, on the unit sphere.
pub fn chord_squared(km: f64) -> f64 {
    let angle = (km / EARTH_RADIUS_KM).min(std::f64::consts::PI);
    let chord = 2.0 * (angle / 2.0).sin();
    chord * chord
}

/// The smallest box holding every point within `km` of (lat, lon); every
/// longitude when the circle reaches a pole.
pub fn box_around(lat: f64, lon: f64, km: f64) -> BBox {
    let angular = km / EARTH_RADIUS_KM;
    let dlat = angular.to_degrees();
    let min_lat = (lat - dlat).max(-90.0);
    let max_lat = (lat + dlat).min(90.0);
    let full = BBox {
        min_lon: -180.0,
        min_lat,
        max_lon: 180.0,
        max_lat,
    };
    if min_lat <= -90.0 || max_lat >= 90.0 {
        return full;
    }
    let ratio = angular.sin() / lat.to_radians().cos();
    if ratio >= 1.0 {
        return full;
    }
    let dlon = ratio.asin().to_degrees();
    let wrap = |x: f64| {
        if x < -180.0 {
            x + 360.0
        } else if x > 180.0 {
            x - 360.0
        } else {
            x
        }
    };
    BBox {
        min_lon: wrap(lon - dlon),
        min_lat,
        max_lon: wrap(lon + dlon),
        max_lat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_around_holds_the_circle() {
        let b = box_around(52.52, 13.40, 50.0);
        assert!(b.min_lat < 52.1 && b.max_lat > 52.9);
        assert!(b.min_lon < 12.8 && b.max_lon > 14.0);
        // Across the antimeridian (Fiji).
        let fiji = box_around(-17.7, 179.9, 100.0);
        assert!(fiji.min_lon > fiji.max_lon, "{fiji:?}");
        // Near a pole every longitude.
        let pole = box_around(89.9, 0.0, 100.0);
        assert_eq!((pole.min_lon, pole.max_lon), (-180.0, 180.0));
    }

    #[test]
    fn chords_order_like_great_circles() {
        let chord2 = |a: (f64, f64), b: (f64, f64)| {
            let (u, v) = (unit_vector(a.0, a.1), unit_vector(b.0, b.1));
            (0..3).map(|i| (u[i] - v[i]).powi(2)).sum::<f64>()
        };
        let origin = (35.69, 51.39);
        let mut last = 0.0;
        for place in [
            (35.70, 51.40),
            (32.65, 51.67),
            (-33.9, 151.2),
            (-35.0, -128.0),
        ] {
            let d = distance_km(origin, place);
            let c = chord2(origin, place);
            assert!(
                (c - chord_squared(d)).abs() < 1e-9,
                "{place:?}: {c} vs {}",
                chord_squared(d)
            );
            assert!(c > last, "farther places have longer chords");
            last = c;
        }
        assert!((chord_squared(30_000.0) - 4.0).abs() < 1e-9);
    }

    #[test]
    fn distances() {
        let berlin = (52.52, 13.405);
        let potsdam = (52.3989, 13.0657);
        let km = distance_km(berlin, potsdam);
        assert!((26.0..28.0).contains(&km), "{km}");
        assert!(distance_km(berlin, berlin) < 1e-9);
    }
}
