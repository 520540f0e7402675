//! Services: the domain operations (register an action, list, count, …).
//! They take plain values, run the rules of `domain/`, read and write through
//! `storage/`, keep writes in one transaction with their audit record, and
//! never see HTTP types.

pub mod accounts;
pub mod audit;
pub mod audit_log;
mod cache_lookups;
pub mod campaigns;
mod context;
pub mod endorsements;
mod error;
pub mod events;
pub mod exports;
pub mod live;
pub mod moderation;
pub mod notifications;
mod page_cache;
mod pending_limit;
pub mod places;
mod position_indexes;
mod rendered;
pub mod retention;
pub mod revision_reads;
pub mod secrets;
pub mod site;
pub mod stats;
mod stats_cache;
pub mod views;

pub use cache_lookups::CacheLookups;
pub use context::Services;
pub use error::{ServiceError, ServiceResult};
pub use page_cache::PageCache;
pub use position_indexes::PositionIndexes;
pub use rendered::Rendered;
pub use stats_cache::StatsCache;
