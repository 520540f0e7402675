//! Database connection: SQLite (WAL, foreign keys on) by default, PostgreSQL
//! when `DATABASE_URL` says so. The same entities and migrations serve both.

use std::path::PathBuf;
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    AccessMode, ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, IsolationLevel, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// How long a query waits for a connection: for a free one when all are
/// busy, and for the database when it is down or restarting (sqlx retries
/// the connection until then, so a restart shorter than this only delays
/// requests). After that the request gets a 503 with `Retry-After`
/// (`outage`). Registrations wait as long for their batch to begin
/// (`services::events::commit_queue`, `write_wait`). Not shorter: a burst of 2,000
/// registrations at once waits up to 4 s in a debug build on two cores
/// (PostgreSQL), and must not fail.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a SQLite statement waits for a lock another connection holds.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Each SQLite connection's own page cache, in KiB (SQLite's default is
/// 2,000): the file's pages are in the system's page cache anyway, and five
/// connections' caches were a large part of the server's memory.
const SQLITE_PAGE_CACHE_KIB: u32 = 1_024;

/// Prepared statements each SQLite connection keeps (sqlx's default is 100):
/// the hot queries stay prepared; each kept statement holds its own program.
const SQLITE_STATEMENTS: usize = 32;

/// Opens a pool without a statement timeout (migrations and the command line).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, None).await
}

/// Opens a pool. For SQLite the file's folder is created, WAL and foreign keys
/// are switched on, and writers wait for each other instead of failing.
///
/// On PostgreSQL every connection carries `statement_timeout`, so no query
/// runs on after its request has given up. SQLite has no such setting (a
/// dropped future does not interrupt a statement on sqlx's worker thread):
/// there a statement is bounded by the limits every query carries (page size,
/// bounding box), the busy timeout for locks, and the small pool.
pub async fn connect_with(
    url: &str,
    statement_timeout: Option<Duration>,
) -> Result<DatabaseConnection, DbErr> {
    open(url, statement_timeout, 4, ACQUIRE_TIMEOUT).await
}

/// On SQLite, a pool of one connection for the write transactions
/// (`begin_write`); `None` on PostgreSQL, whose writers share the pool.
///
/// SQLite has one writer at a time. Writers on several connections each try
/// to take the lock, and those that find it taken sleep in SQLite's busy
/// handler (1, 2, 5, … 100 ms) instead of waking when it is free: with 32
/// registrations at once most of the time went in those sleeps. Queued for
/// the one connection, each writer starts the moment the last one commits.
pub async fn connect_writer(
    url: &str,
    statement_timeout: Option<Duration>,
) -> Result<Option<DatabaseConnection>, DbErr> {
    if !url.starts_with("sqlite:") {
        return Ok(None);
    }
    open(url, statement_timeout, 1, SQLITE_WRITE_WAIT)
        .await
        .map(Some)
}

/// On SQLite, how long a writer waits for the write connection: its queue is
/// the one the busy handler was, so as long as both waits were.
const SQLITE_WRITE_WAIT: Duration = ACQUIRE_TIMEOUT.saturating_add(SQLITE_BUSY_TIMEOUT);

/// How long a write transaction on `write_db` waits to begin.
pub fn write_wait(write_db: &DatabaseConnection) -> Duration {
    match write_db.get_database_backend() {
        DbBackend::Sqlite => SQLITE_WRITE_WAIT,
        _ => ACQUIRE_TIMEOUT,
    }
}

/// How long PostgreSQL lets a serving connection sit idle inside a
/// transaction before it ends the session: half the statement timeout.
///
/// Every write takes its campaign's revision row, so a transaction left open
/// without running statements (its task no longer driven, or its connection
/// handed back still inside a `BEGIN` whose future was dropped) would make
/// every writer of the campaign wait until its `statement_timeout` and fail.
/// Ended sooner, the waiters go on; the pool tests a connection before
/// handing it out again and replaces one the server closed.
fn idle_in_transaction_limit(statement_timeout: Duration) -> Duration {
    (statement_timeout / 2).max(Duration::from_millis(500))
}

/// `sqlite_connections`: how many connections a SQLite pool opens at most.
async fn open(
    url: &str,
    statement_timeout: Option<Duration>,
    sqlite_connections: u32,
    acquire: Duration,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_string());
    options.sqlx_logging(false).acquire_timeout(acquire);
    if url.starts_with("sqlite:") {
        create_sqlite_folder(url);
        // Writes are serialised anyway; each connection holds its own page
        // cache and thread, so a few keep memory low.
        options
            .max_connections(sqlite_connections)
            .min_connections(1);
        options.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .pragma("cache_size", format!("-{SQLITE_PAGE_CACHE_KIB}"))
                .statement_cache_capacity(SQLITE_STATEMENTS)
        });
    } else {
        options.max_connections(16).min_connections(1);
        if let Some(limit) = statement_timeout {
            let statement = format!("{}ms", limit.as_millis());
            let idle = format!("{}ms", idle_in_transaction_limit(limit).as_millis());
            options.map_sqlx_postgres_opts(move |opts| {
                opts.options([
                    ("statement_timeout", statement.as_str()),
                    ("idle_in_transaction_session_timeout", idle.as_str()),
                ])
            });
        }
    }
    Database::connect(options).await
}

/// The file of a `sqlite:` URL (`None` for PostgreSQL and in-memory ones).
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && !path.starts_with(':')).then(|| PathBuf::from(path))
}

fn create_sqlite_folder(url: &str) {
    if let Some(path) = sqlite_path(url)
        && let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Connections of the pool: open, idle among them, and the most it opens.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

pub fn pool_use(db: &DatabaseConnection) -> Option<PoolUse> {
    fn of<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolUse {
        PoolUse {
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        }
    }
    // The getters panic on the other backend.
    match db.get_database_backend() {
        DbBackend::Sqlite => Some(of(db.get_sqlite_connection_pool())),
        DbBackend::Postgres => Some(of(db.get_postgres_connection_pool())),
        _ => None,
    }
}

/// Applies pending migrations; returns how many were applied.
pub async fn migrate(db: &DatabaseConnection) -> Result<usize, DbErr> {
    let pending = Migrator::get_pending_migrations(db).await?.len();
    Migrator::up(db, None).await?;
    Ok(pending)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`), so two writers queue behind the busy timeout
/// instead of deadlocking when a read lock would have to be upgraded.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    begin(
        db,
        TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        },
    )
    .await
}

/// Starts a transaction with `options` on a task of its own, so that it
/// always finishes starting.
///
/// sqlx counts a transaction only once PostgreSQL has answered its `BEGIN`.
/// Dropped before that (the request timed out, its client went away), the
/// future leaves the connection inside a transaction sqlx does not know of,
/// and the pool hands it out again: a later write on it outside a
/// transaction would never be committed, and its locks would be held until
/// the session ends. On its own task the `BEGIN` is always answered, and a
/// transaction that nobody takes is dropped and rolled back as any other.
pub async fn begin(
    db: &DatabaseConnection,
    options: TransactionOptions,
) -> Result<DatabaseTransaction, DbErr> {
    let db = db.clone();
    tokio::spawn(async move { db.begin_with_options(options).await })
        .await
        .map_err(|e| DbErr::Custom(format!("starting a transaction failed: {e}")))?
}

/// One read snapshot: on PostgreSQL a read-only repeatable-read transaction;
/// on SQLite (WAL) every transaction reads one snapshot.
pub async fn read_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = match db.get_database_backend() {
        DbBackend::Postgres => TransactionOptions {
            isolation_level: Some(IsolationLevel::RepeatableRead),
            access_mode: Some(AccessMode::ReadOnly),
            ..Default::default()
        },
        _ => TransactionOptions::default(),
    };
    begin(db, options).await
}

/// `GET /healthz`: the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// Reverts the last `steps` migrations with their `down` (the tests check
/// that a migration's data survives a round trip).
pub async fn revert(db: &DatabaseConnection, steps: u32) -> Result<(), DbErr> {
    Migrator::down(db, Some(steps)).await
}

/// A migrated SQLite database of its own in the temporary folder, for unit
/// tests that need storage (the API tests use both databases instead), and
/// its folder, for the test to remove.
#[cfg(test)]
pub async fn scratch_sqlite(name: &str) -> (DatabaseConnection, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "doa_{name}_{}_{}",
        std::process::id(),
        rand::random::<u64>()
    ));
    std::fs::create_dir_all(&dir).expect("folder");
    let url = format!("sqlite://{}?mode=rwc", dir.join("test.db").display());
    let db = connect(&url).await.expect("database");
    migrate(&db).await.expect("migrations");
    (db, dir)
}

/// [`scratch_sqlite`] holding one published campaign without review (id 1,
/// slug `day`, on 2026-11-05).
#[cfg(test)]
pub async fn scratch_sqlite_with_campaign(name: &str) -> (DatabaseConnection, std::path::PathBuf) {
    use sea_orm::ConnectionTrait;
    let (db, dir) = scratch_sqlite(name).await;
    db.execute_unprepared(
        "INSERT INTO campaigns (id, slug, title, summary, starts_on, ends_on, review, \
         published, revision, created_at) VALUES (1, 'day', 'Day', '', '2026-11-05', \
         '2026-11-05', false, true, 0, '2026-11-01T00:00:00Z')",
    )
    .await
    .expect("campaign");
    (db, dir)
}
