//! Services: the domain operations (register an action, list, count, …).
//! They take plain values, run the rules of `domain/`, keep writes in one
//! transaction with their audit record, and never see HTTP types.

pub mod audit;
pub mod campaigns;
pub mod events;
pub mod exports;
pub mod places;
pub mod retention;
pub mod stats;
pub mod views;

use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbErr};
use shared::FieldErrors;

use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("some fields are not valid")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error(
        "the action was changed by someone else since you loaded it (now version {current_version}); \
         load it again and reapply your changes"
    )]
    Stale { current_version: i32 },
    #[error("send If-Match with the version you edited, e.g. If-Match: \"3\"")]
    PreconditionRequired,
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// What every service needs, cheap to clone.
#[derive(Clone)]
pub struct Services {
    pub db: DatabaseConnection,
    pub places: Arc<Gazetteer>,
    pub zones: Arc<ZoneFinder>,
    /// Base of edit links and feeds.
    pub public_url: Arc<str>,
    pub stats_cache: stats::StatsCache,
    pub export_cache: exports::ExportCache,
}

impl Services {
    pub fn new(
        db: DatabaseConnection,
        places: Arc<Gazetteer>,
        zones: Arc<ZoneFinder>,
        public_url: &str,
    ) -> Self {
        Services {
            db,
            places,
            zones,
            public_url: public_url.into(),
            stats_cache: Default::default(),
            export_cache: Default::default(),
        }
    }
}
