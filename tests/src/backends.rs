//! A fresh database per test: a SQLite file in a temporary folder, or a
//! PostgreSQL database created for the test and dropped after it.
//!
//! PostgreSQL is required: `TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) must reach a server that
//! lets that user create databases. A test never skips when it cannot.

use anyhow::Context;
use rand::Rng;
use sea_orm::{ConnectionTrait, Database as Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn parse(name: &str) -> Option<Backend> {
        match name.trim().to_ascii_lowercase().as_str() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" | "pg" => Some(Backend::Postgres),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

pub struct Database {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(std::path::PathBuf),
    Postgres {
        admin_url: String,
        name: String,
    },
    /// Left in place, e.g. to look at query plans after a benchmark.
    Keep,
}

pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn unique_suffix() -> String {
    let n: u64 = rand::rng().random();
    format!("{}_{n:016x}", std::process::id())
}

impl Database {
    /// A fresh database for a test; panics (failing the test) when it cannot.
    pub async fn create(backend: Backend) -> Database {
        Self::try_create(backend, "doa_test")
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests: {e:#}"))
    }

    /// A fresh database named `<prefix>_<random>`.
    pub async fn try_create(backend: Backend, prefix: &str) -> anyhow::Result<Database> {
        match backend {
            Backend::Sqlite => {
                let folder = std::env::temp_dir().join(format!("{prefix}_{}", unique_suffix()));
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
                let url = format!("sqlite://{}?mode=rwc", folder.join("test.db").display());
                Ok(Database {
                    url,
                    cleanup: Cleanup::Folder(folder),
                })
            }
            Backend::Postgres => Self::try_create_on(&postgres_admin_url(), prefix).await,
        }
    }

    /// A fresh PostgreSQL database named `<prefix>_<random>` on the server
    /// of `admin_url` (a user that may create databases).
    pub async fn try_create_on(admin_url: &str, prefix: &str) -> anyhow::Result<Database> {
        let name = format!("{prefix}_{}", unique_suffix());
        let admin = Db::connect(admin_url)
            .await
            .with_context(|| format!("cannot reach {admin_url}"))?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .context("create the database")?;
        let _ = admin.close().await;
        let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
        Ok(Database {
            url: format!("{base}/{name}"),
            cleanup: Cleanup::Postgres {
                admin_url: admin_url.to_string(),
                name,
            },
        })
    }

    /// The database's name on its PostgreSQL server (`None` for SQLite).
    pub fn postgres_name(&self) -> Option<&str> {
        match &self.cleanup {
            Cleanup::Postgres { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Leaves the database in place when dropped.
    pub fn keep(&mut self) {
        self.cleanup = Cleanup::Keep;
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Keep => {}
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: clean up on a thread of its own.
                let done = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async {
                        if let Ok(admin) = Db::connect(&admin_url).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            let _ = admin.close().await;
                        }
                    });
                });
                let _ = done.join();
            }
        }
    }
}
