//! The HTTP API against a running server, each test on SQLite and on
//! PostgreSQL (`api_test!`). One module per area; the helpers (`TestApp`,
//! `action`, the place ids) are in the `tests` library (tests/src/lib.rs).
//!
//! Run one area: `cargo test -p tests --test api updates::`.

mod backup;
mod edge;
mod endorsements;
mod exports_safety;
mod feeds;
mod first_paint;
mod independent_readers;
mod input_safety;
mod limits;
mod lists;
mod live;
mod map_points;
mod moderation;
mod observability;
mod openapi;
mod organiser_exports;
mod organisers;
mod outbox_audit;
mod page_cache;
mod places;
mod pooler;
mod position_index;
mod privacy;
mod registration;
mod replica;
mod site;
mod snapshots;
mod spatial;
mod stats;
mod tallies;
mod time_rules;
mod updates;
mod web_layer;
mod withdraw;

// The names that `edge` takes with `use super::*;`.
use reqwest::StatusCode;
use serde_json::json;
use tests::places::*;
use tests::{SLUG, TestApp, action, api_test, error_of, ok_json};
