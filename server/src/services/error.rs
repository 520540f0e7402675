//! What a service can refuse or fail on.

use sea_orm::DbErr;
use shared::FieldErrors;

use crate::storage::StorageError;

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
    /// Too many attempts (logins, submissions); `Retry-After` says when.
    #[error("{message}")]
    TooMany {
        message: String,
        retry_after_secs: u64,
    },
    /// Also a stored value that cannot be read: logged, answered with a 500.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

impl From<StorageError> for ServiceError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => ServiceError::NotFound(what),
            e @ StorageError::Duplicate(_) => ServiceError::Conflict(e.to_string()),
            StorageError::Database(db) => ServiceError::Database(db),
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
