//! `server backup FILE` and `server restore FILE` for a SQLite database.
//!
//! A backup is taken while the server runs (`VACUUM INTO` reads one
//! consistent snapshot and lets writers go on), checked with
//! `PRAGMA integrity_check`, and only then given its name, which it never
//! takes from an existing file. A restore checks the file first, refuses while
//! any process has the database open, and swaps the new file in with one
//! rename, so the database is either the old one or the new one, whole.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`; see the README).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteLockingMode};
use sea_orm::sqlx::{self, Connection};

use crate::db;

/// What a checked database file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub campaigns: i64,
    pub actions: i64,
}

/// Copies the database of `database_url` to `file`, which must not exist.
pub async fn backup(database_url: &str, file: &Path) -> anyhow::Result<Contents> {
    let source = sqlite_file(
        database_url,
        "back it up with pg_dump, e.g. pg_dump --format=custom --no-owner \
         --file=doa.dump \"$DATABASE_URL\" (README: Logs, metrics and backups)",
    )?;
    if file.exists() {
        bail!(
            "{} exists already; a backup never replaces a file: choose another name",
            file.display()
        );
    }
    if !source.is_file() {
        bail!("there is no database at {}", source.display());
    }
    // Written under a name of its own, and named `file` only once checked.
    let partial = beside(file, "partial");
    remove_if_there(&partial)?;
    let into = partial
        .to_str()
        .context("the backup's path must be valid UTF-8")?
        .to_owned();
    let mut conn = open(&source, Open::Writable).await?;
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(into)
        .execute(&mut conn)
        .await;
    conn.close().await.ok();
    copied.with_context(|| format!("cannot copy {} to {}", source.display(), partial.display()))?;
    // `VACUUM INTO` does not sync what it wrote.
    let finished = async {
        File::open(&partial)?.sync_all()?;
        let contents = check(&partial).await?;
        // A hard link never replaces a file that appeared meanwhile.
        std::fs::hard_link(&partial, file)
            .with_context(|| format!("cannot name the backup {}", file.display()))?;
        anyhow::Ok(contents)
    }
    .await;
    let _ = std::fs::remove_file(&partial);
    let contents = finished?;
    sync_folder(file)?;
    Ok(contents)
}

/// Replaces the database of `database_url` with the backup `file`, after
/// checking it. The server must be stopped: the restore refuses while any
/// process has the database open.
pub async fn restore(database_url: &str, file: &Path) -> anyhow::Result<Contents> {
    let target = sqlite_file(
        database_url,
        "restore a pg_dump into a new database with pg_restore, e.g. pg_restore \
         --no-owner --single-transaction --dbname=\"$NEW_DATABASE_URL\" doa.dump \
         (README: Logs, metrics and backups)",
    )?;
    if !file.is_file() {
        bail!("there is no backup at {}", file.display());
    }
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    // A copy beside the database (the same file system, so that the rename
    // below is atomic), checked as it will be used.
    let incoming = beside(&target, "restoring");
    remove_if_there(&incoming)?;
    let prepared = async {
        std::fs::copy(file, &incoming).with_context(|| {
            format!("cannot copy {} beside {}", file.display(), target.display())
        })?;
        File::open(&incoming)?.sync_all()?;
        check(&incoming).await
    }
    .await;
    let contents = match prepared {
        Ok(contents) => contents,
        Err(e) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
    };
    let swapped = async {
        if target.exists() {
            ensure_unused(&target).await?;
        }
        // What is left of the old database's journals must not be applied
        // to the new one.
        for suffix in ["-wal", "-shm", "-journal"] {
            remove_if_there(&with_suffix(&target, suffix))?;
        }
        std::fs::rename(&incoming, &target)
            .with_context(|| format!("cannot replace {}", target.display()))?;
        sync_folder(&target)
    }
    .await;
    if swapped.is_err() {
        let _ = std::fs::remove_file(&incoming);
    }
    swapped?;
    Ok(contents)
}

/// The database file of `database_url`, or why there is none to copy.
fn sqlite_file(database_url: &str, on_postgres: &str) -> anyhow::Result<PathBuf> {
    if database_url.starts_with("postgres") {
        bail!("DATABASE_URL is a PostgreSQL database: {on_postgres}");
    }
    db::sqlite_path(database_url).with_context(|| "DATABASE_URL is not a SQLite file".to_string())
}

#[derive(Clone, Copy)]
enum Open {
    /// Read and written by others meanwhile (the server's own database).
    Writable,
    /// A file nobody else uses, only read: no journal is made beside it.
    Checked,
}

async fn open(path: &Path, how: Open) -> anyhow::Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false);
    let options = match how {
        Open::Writable => options.busy_timeout(Duration::from_secs(15)),
        Open::Checked => options.read_only(true).immutable(true),
    };
    SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("cannot open {}", path.display()))
}

/// `PRAGMA integrity_check` is ok and the file holds this server's tables,
/// made by migrations that this server knows.
async fn check(path: &Path) -> anyhow::Result<Contents> {
    let mut conn = open(path, Open::Checked).await?;
    let checked = async {
        let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await
            .with_context(|| format!("{} is not a SQLite database", path.display()))?;
        if problems != ["ok"] {
            bail!(
                "{} is damaged (integrity_check: {})",
                path.display(),
                problems.join("; ")
            );
        }
        let applied: Vec<String> = sqlx::query_scalar("SELECT version FROM seaql_migrations")
            .fetch_all(&mut conn)
            .await
            .map_err(|_| anyhow::anyhow!("{} is not a Day of Action database", path.display()))?;
        let known: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_string())
            .collect();
        if let Some(newer) = applied.iter().find(|v| !known.contains(v)) {
            bail!(
                "{} was made by a newer server (migration {newer}): use that server",
                path.display()
            );
        }
        let campaigns: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM campaigns")
            .fetch_one(&mut conn)
            .await?;
        let actions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
            .fetch_one(&mut conn)
            .await?;
        Ok(Contents { campaigns, actions })
    }
    .await;
    conn.close().await.ok();
    checked
}

/// Fails if another connection (a running server, say) has `path` open:
/// each keeps a shared lock on the file for as long as it is open, so an
/// exclusive one cannot be had.
async fn ensure_unused(path: &Path) -> anyhow::Result<()> {
    let in_use = || {
        anyhow::anyhow!(
            "{} is in use: stop the server (and anything else using DATABASE_URL) first",
            path.display()
        )
    };
    let busy = |e: &sqlx::Error| {
        // SQLITE_BUSY, and its extended codes.
        e.as_database_error()
            .and_then(|e| e.code())
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5)
    };
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO);
    let mut conn = match SqliteConnection::connect_with(&options).await {
        Ok(conn) => conn,
        Err(e) if busy(&e) => return Err(in_use()),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    let alone = sqlx::query("SELECT COUNT(*) FROM sqlite_master")
        .execute(&mut conn)
        .await;
    // Closing the last connection also folds its write-ahead log in.
    conn.close().await.ok();
    match alone {
        Ok(_) => Ok(()),
        Err(e) if busy(&e) => Err(in_use()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `<path>.<what>-<pid>`, in the same folder.
fn beside(path: &Path, what: &str) -> PathBuf {
    with_suffix(path, &format!(".{what}-{}", std::process::id()))
}

fn remove_if_there(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Makes a new name in `path`'s folder survive a power cut.
fn sync_folder(path: &Path) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(folder)?.sync_all()?;
    Ok(())
}
