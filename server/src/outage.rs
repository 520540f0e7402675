//! Database outages: the errors that are a passing state of the database
//! (down or restarting, busy, read-only, its disk full) rather than a fault
//! of the request or of our code, told apart on SQLite and on PostgreSQL.
//! The one error mapping (`error.rs`) answers them with a 503 and
//! `Retry-After` instead of a 500, so clients and load balancers know to come
//! back; nothing was changed by the request that met one.

use sea_orm::sqlx::Error as SqlxError;
use sea_orm::{DbErr, RuntimeErr, SqlxPostgresError, SqlxSqliteError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// Not reachable: down, restarting, or no connection free in time.
    Unreachable,
    /// Reachable but overloaded: a lock or a statement timed out, a
    /// transaction collided with another one, memory ran out.
    Busy,
    /// Answers reads but takes no writes (a read-only database or a standby).
    ReadOnly,
    /// Out of disk space for the write.
    Full,
}

/// The outage `e` reports, if it reports one.
pub fn of(e: &DbErr) -> Option<Outage> {
    match e {
        DbErr::ConnectionAcquire(_) => Some(Outage::Unreachable),
        // A connection that could not be made or broke: an outage whatever
        // the detail.
        DbErr::Conn(RuntimeErr::SqlxError(e)) => Some(of_sqlx(e).unwrap_or(Outage::Unreachable)),
        DbErr::Conn(_) => Some(Outage::Unreachable),
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            of_sqlx(e)
        }
        _ => None,
    }
}

fn of_sqlx(e: &SqlxError) -> Option<Outage> {
    match e {
        // The connection broke (reset, closed under a query), could not be
        // made, or the pool had none to give in time.
        SqlxError::Io(_)
        | SqlxError::Tls(_)
        | SqlxError::PoolTimedOut
        | SqlxError::PoolClosed
        | SqlxError::WorkerCrashed => Some(Outage::Unreachable),
        SqlxError::Database(db) => {
            if let Some(pg) = db.try_downcast_ref::<SqlxPostgresError>() {
                postgres(pg.code())
            } else if db.try_downcast_ref::<SqlxSqliteError>().is_some() {
                db.code()?.parse().ok().and_then(sqlite)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// By SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
fn postgres(sqlstate: &str) -> Option<Outage> {
    match sqlstate {
        "53100" => Some(Outage::Full), // disk_full
        // read_only_sql_transaction: a read-only database, or a standby
        "25006" => Some(Outage::ReadOnly),
        // too_many_connections; admin_shutdown, crash_shutdown and
        // cannot_connect_now (restarting); database_dropped
        "53300" | "57P01" | "57P02" | "57P03" | "57P04" => Some(Outage::Unreachable),
        // out_of_memory, query_canceled (statement_timeout),
        // lock_not_available, serialization_failure, deadlock_detected,
        // idle_in_transaction_session_timeout
        "53200" | "57014" | "55P03" | "40001" | "40P01" | "25P03" => Some(Outage::Busy),
        // connection_exception and its subclasses
        code if code.starts_with("08") => Some(Outage::Unreachable),
        _ => None,
    }
}

/// By SQLite's extended result code, whose low byte is the primary one
/// (https://www.sqlite.org/rescode.html).
fn sqlite(code: i32) -> Option<Outage> {
    match code & 0xff {
        // SQLITE_BUSY, SQLITE_LOCKED (the busy timeout ran out), SQLITE_NOMEM
        5..=7 => Some(Outage::Busy),
        13 => Some(Outage::Full), // SQLITE_FULL
        // SQLITE_READONLY (a read-only file, folder or open)
        8 => Some(Outage::ReadOnly),
        // SQLITE_IOERR, SQLITE_CANTOPEN: the file went away or cannot be read
        10 | 14 => Some(Outage::Unreachable),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, TransactionTrait};

    use super::*;

    #[test]
    fn postgres_states_by_sqlstate() {
        for (code, outage) in [
            ("53100", Some(Outage::Full)),
            ("25006", Some(Outage::ReadOnly)),
            ("57P01", Some(Outage::Unreachable)),
            ("57P03", Some(Outage::Unreachable)),
            ("08006", Some(Outage::Unreachable)),
            ("53300", Some(Outage::Unreachable)),
            ("57014", Some(Outage::Busy)),
            ("40001", Some(Outage::Busy)),
            ("25P03", Some(Outage::Busy)),
            // unique_violation, undefined_table: our business or our bug
            ("23505", None),
            ("42P01", None),
        ] {
            assert_eq!(postgres(code), outage, "{code}");
        }
    }

    #[test]
    fn sqlite_states_by_primary_code() {
        // SQLITE_READONLY_DBMOVED (1032), SQLITE_IOERR_WRITE (778),
        // SQLITE_BUSY_SNAPSHOT (517), SQLITE_CONSTRAINT_UNIQUE (2067)
        for (code, outage) in [
            (13, Some(Outage::Full)),
            (8, Some(Outage::ReadOnly)),
            (1032, Some(Outage::ReadOnly)),
            (778, Some(Outage::Unreachable)),
            (517, Some(Outage::Busy)),
            (2067, None),
            (1, None),
        ] {
            assert_eq!(sqlite(code), outage, "{code}");
        }
    }

    #[test]
    fn pool_errors_are_outages_and_others_are_not() {
        use sea_orm::ConnAcquireErr;
        assert_eq!(
            of(&DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)),
            Some(Outage::Unreachable)
        );
        let reset = SqlxError::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert_eq!(
            of(&DbErr::Query(RuntimeErr::SqlxError(reset.into()))),
            Some(Outage::Unreachable)
        );
        assert_eq!(of(&DbErr::RecordNotFound("x".into())), None);
        let decode = SqlxError::ColumnNotFound("x".into());
        assert_eq!(
            of(&DbErr::Query(RuntimeErr::SqlxError(decode.into()))),
            None
        );
    }

    /// Real errors of a real SQLite database: a full one (`max_page_count`
    /// stands in for the disk) and one opened read-only the way an operator
    /// would (`?mode=ro`), through the server's own connection settings.
    #[tokio::test]
    async fn a_full_and_a_read_only_sqlite_database_are_outages() {
        let (db, dir) = crate::db::scratch_sqlite("outage").await;
        db.execute_unprepared("CREATE TABLE filler (b BLOB)")
            .await
            .expect("table");
        let tx = db.begin().await.expect("transaction");
        tx.execute_unprepared("PRAGMA max_page_count = 1")
            .await
            .expect("pragma");
        let full = tx
            .execute_unprepared("INSERT INTO filler VALUES (zeroblob(1000000))")
            .await
            .expect_err("full");
        assert_eq!(of(&full), Some(Outage::Full), "{full:?}");
        drop(tx);
        db.close().await.expect("closed");

        let url = format!("sqlite://{}?mode=ro", dir.join("test.db").display());
        let read_only = crate::db::connect(&url).await.expect("read-only open");
        read_only
            .execute_unprepared("SELECT COUNT(*) FROM filler")
            .await
            .expect("reads work");
        let refused = read_only
            .execute_unprepared("INSERT INTO filler VALUES (x'00')")
            .await
            .expect_err("read-only");
        assert_eq!(of(&refused), Some(Outage::ReadOnly), "{refused:?}");
        read_only.close().await.expect("closed");
        let _ = std::fs::remove_dir_all(dir);
    }
}
