//! Domain rules with no I/O: what a valid action is, how local times map to
//! instants, how text is normalised for search. Requests become these types at
//! the edge; past it, invalid values cannot exist.

pub mod campaign_input;
pub mod client_address;
pub mod endorsement_input;
pub mod event_filter;
pub mod event_input;
pub mod event_patch;
#[cfg(test)]
pub(crate) mod fixture;
pub mod geometry;
pub mod input_fields;
pub mod local_time;
pub mod place_search;
pub mod query_param;
pub mod safe_text;
pub mod text;
pub mod token;
