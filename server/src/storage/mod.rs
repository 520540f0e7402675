//! Storage: the queries several services share, each taking
//! `&impl ConnectionTrait` so that it runs alike on the pool or inside a
//! transaction. Services call these; nothing here knows HTTP or the rules of
//! `domain/` beyond the filters it is handed.
//!
//! A stored value that cannot be read (an unknown status, a zone chrono-tz
//! does not know, text that is not a date) fails the query with a `DbErr`,
//! which the one error mapping logs and answers with a 500: never a default.

pub mod accounts;
pub mod audit;
pub mod campaigns;
pub mod endorsements;
pub mod events;
pub mod map_points;
pub mod moderation;
pub mod outbox;
pub mod position_index;
pub mod spatial;
pub mod tallies;

use sea_orm::{DbErr, SqlErr};

#[derive(Debug, Clone, thiserror::Error)]
pub enum StorageError {
    #[error("no such {0}")]
    NotFound(&'static str),
    /// A unique constraint refused the write (e.g. a slug taken meanwhile).
    #[error("the {0} exists already")]
    Duplicate(&'static str),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

pub type StorageResult<T> = Result<T, StorageError>;

/// `Duplicate(what)` when `e` is a unique-constraint violation.
pub fn unique_violation_of(e: DbErr, what: &'static str) -> StorageError {
    unique_violation(e, what)
}

fn unique_violation(e: DbErr, what: &'static str) -> StorageError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => StorageError::Duplicate(what),
        _ => StorageError::Database(e),
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};

    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use sea_orm::ConnectionTrait;

    use crate::error::ApiError;
    use crate::services::ServiceError;

    /// What the one error mapping logs.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Log {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("log").extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    const EVENT: &str = "INSERT INTO events (id, campaign_id, title, kind, organiser_name, \
        contact_email, city, city_key, country_code, latitude, longitude, public_latitude, \
        public_longitude, location_visibility, timezone, local_start, local_date, starts_at_utc, \
        links, search_text, status, version, edit_token_hash, created_at, updated_at) VALUES \
        (7, 1, 'Vigil', 'vigil', 'Group', '', 'Berlin', 'berlin|de', 'DE', 52.5, 13.4, 52.5, \
        13.4, 'exact', 'Europe/Berlin', '2026-11-05 14:00:00', '2026-11-05', 1793970000, '[]', \
        '', 'archived', 1, '', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')";

    /// The active enums store exactly the text stored before them (and sent
    /// in the API), so no data migration was needed.
    #[test]
    fn enums_store_the_text_they_always_stored() {
        use sea_orm::{ActiveEnum, Iterable};
        use shared::{EventKind, EventStatus, LocationVisibility};
        for kind in EventKind::iter() {
            assert_eq!(kind.to_value(), kind.as_str());
            assert_eq!(kind.as_str().parse::<EventKind>(), Ok(kind));
        }
        assert_eq!(EventKind::iter().count(), EventKind::ALL.len());
        for status in EventStatus::iter() {
            assert_eq!(status.to_value(), status.as_str());
            assert_eq!(status.as_str().parse::<EventStatus>(), Ok(status));
        }
        assert_eq!(EventStatus::iter().count(), EventStatus::ALL.len());
        for visibility in LocationVisibility::iter() {
            assert_eq!(visibility.to_value(), visibility.as_str());
            assert_eq!(
                visibility.as_str().parse::<LocationVisibility>(),
                Ok(visibility)
            );
        }
        assert_eq!(
            LocationVisibility::iter().count(),
            LocationVisibility::ALL.len()
        );
    }

    #[tokio::test]
    async fn an_unreadable_stored_status_is_a_logged_500() {
        let (db, dir) = crate::db::scratch_sqlite_with_campaign("storage").await;
        db.execute_unprepared(EVENT).await.expect("event");

        let read = super::events::load(&db, 7).await;
        let Err(super::StorageError::Database(e)) = read else {
            panic!("a database error, not {read:?}");
        };
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let response = tracing::subscriber::with_default(subscriber, || {
            ApiError::from(ServiceError::from(super::StorageError::Database(e))).into_response()
        });
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let logged = String::from_utf8(log.0.lock().expect("log").clone()).expect("text");
        assert!(
            logged.contains("ERROR") && logged.contains("archived"),
            "{logged}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
