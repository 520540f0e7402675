//! Campaigns (one day of action) and their counters.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// First local date of the day(s) of action, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last local date, inclusive.
    pub ends_on: String,
    /// New events wait for an organiser's review.
    pub review: bool,
    /// The call to action by language code; may be empty.
    #[serde(default)]
    pub call_to_action: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub public_contact: Option<String>,
    /// Takes no new actions or endorsements.
    #[serde(default)]
    pub archived: bool,
    pub stats: Stats,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignList {
    pub campaigns: Vec<Campaign>,
}

/// Published events only: pending, rejected and cancelled ones count for nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub events: u64,
    /// Distinct places (a gazetteer id, or a normalised city + country).
    pub cities: u64,
    pub countries: u64,
    /// Endorsing organisations.
    pub organisations: u64,
    /// Most events first.
    pub by_country: Vec<CountryCount>,
    /// 24 entries, hour 0 to 23: events starting in that UTC hour.
    pub by_utc_hour: Vec<HourCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCount {
    pub country_code: String,
    pub country: String,
    pub events: u64,
    pub cities: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HourCount {
    pub hour: u8,
    pub events: u64,
}

/// `GET /api/v1/settings`: what the web app needs to know of the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    /// Optional raster tiles (`{z}/{x}/{y}` template); without it the map
    /// draws country shapes served by this server.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
}
