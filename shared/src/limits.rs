//! Size limits of user-written fields, checked by the server and shown by the form.

pub const TITLE_MAX: usize = 140;
pub const DESCRIPTION_MAX: usize = 5_000;
pub const ORGANISER_NAME_MAX: usize = 200;
pub const CONTACT_MAX: usize = 254;
pub const CITY_MAX: usize = 120;
pub const ADDRESS_MAX: usize = 300;
pub const LINK_MAX: usize = 500;
pub const LINKS_MAX: usize = 5;
pub const LANGUAGE_MAX: usize = 35;
/// An action may last at most this many hours.
pub const DURATION_MAX_HOURS: i64 = 72;
/// Largest page of events one request returns.
pub const PAGE_MAX: u64 = 1_000;
/// A list's `total` counts matches up to this many (`total_capped` beyond):
/// a larger count would read every match, which no page needs.
pub const TOTAL_COUNTED_MAX: u64 = 1_000;
pub const PAGE_DEFAULT: u64 = 100;
/// Largest `within_km` for near searches (half the Earth's circumference).
pub const WITHIN_KM_MAX: f64 = 20_038.0;
pub const WITHIN_KM_DEFAULT: f64 = 50.0;
