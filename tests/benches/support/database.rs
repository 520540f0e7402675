//! A fresh database per run: a SQLite file in a temporary folder, or a
//! PostgreSQL database `doa_bench_<random>` created through the admin URL of
//! the tests (`TEST_POSTGRES_URL`) and dropped at the end, even on panic.

use anyhow::Context;
use rand::Rng;
use sea_orm::{ConnectionTrait, Database};

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

pub struct BenchDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(std::path::PathBuf),
    Postgres {
        admin_url: String,
        name: String,
    },
    /// Left in place, to look at query plans after a run.
    Keep,
}

fn unique_suffix() -> String {
    let n: u64 = rand::rng().random();
    format!("{}_{n:016x}", std::process::id())
}

impl BenchDatabase {
    pub async fn create(backend: Backend) -> anyhow::Result<BenchDatabase> {
        match backend {
            Backend::Sqlite => {
                let folder = std::env::temp_dir().join(format!("doa_bench_{}", unique_suffix()));
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
                let url = format!("sqlite://{}?mode=rwc", folder.join("bench.db").display());
                Ok(BenchDatabase {
                    url,
                    cleanup: Cleanup::Folder(folder),
                })
            }
            Backend::Postgres => {
                let admin_url = tests::backends::postgres_admin_url();
                let name = format!("doa_bench_{}", unique_suffix());
                let admin = Database::connect(&admin_url)
                    .await
                    .with_context(|| format!("cannot reach PostgreSQL at {admin_url}"))?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .context("create the benchmark database")?;
                let _ = admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                Ok(BenchDatabase {
                    url: format!("{base}/{name}"),
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }
}

impl BenchDatabase {
    /// Leaves the database in place when dropped.
    pub fn keep(&mut self) {
        self.cleanup = Cleanup::Keep;
    }
}

impl Drop for BenchDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Keep => {}
            Cleanup::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop may run inside the bench's runtime, which cannot be
                // blocked on: drop the database from a thread of its own.
                let done = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
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
