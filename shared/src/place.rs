//! Gazetteer places for the city autocomplete.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    /// GeoNames id.
    pub place_id: i64,
    pub name: String,
    pub country_code: String,
    pub country: String,
    pub admin1: String,
    pub latitude: f64,
    pub longitude: f64,
    pub timezone: String,
    pub population: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceList {
    pub places: Vec<Place>,
}
