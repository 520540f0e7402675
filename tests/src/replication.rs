//! A PostgreSQL primary and its streaming replica, made for one test with
//! the real programs (`initdb`, `pg_basebackup`, `pg_ctl`) in a folder of
//! their own, on loopback ports, and stopped and removed when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub struct Replication {
    dir: PathBuf,
    bin: PathBuf,
    pub primary_port: u16,
    pub replica_port: u16,
}

impl Replication {
    /// Makes and starts both servers; panics with what failed.
    pub fn start() -> Replication {
        let bin = postgres_bin();
        let dir = std::env::temp_dir().join(format!("doa-replication-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("replication folder");
        let replication = Replication {
            primary_port: crate::free_port(),
            replica_port: crate::free_port(),
            dir,
            bin,
        };
        // The servers run as `postgres` when the tests run as root.
        replication.run(
            "chown",
            &["-R", "postgres:postgres", &replication.path("")],
            false,
        );
        replication.pg(
            "initdb",
            &[
                "-D",
                &replication.path("primary"),
                "--auth=trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
        );
        replication.start_server("primary", replication.primary_port);
        replication.pg(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &replication.primary_port.to_string(),
                "-U",
                "postgres",
                "-D",
                &replication.path("replica"),
                "--write-recovery-conf",
                "--wal-method=stream",
                "--no-sync",
            ],
        );
        replication.start_server("replica", replication.replica_port);
        replication
    }

    pub fn primary_url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{database}",
            self.primary_port
        )
    }

    pub fn replica_url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{database}",
            self.replica_port
        )
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    fn start_server(&self, name: &str, port: u16) {
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            self.path("")
        );
        self.pg(
            "pg_ctl",
            &[
                "-D",
                &self.path(name),
                "-l",
                &self.path(&format!("{name}.log")),
                "-o",
                &options,
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
    }

    /// A PostgreSQL program, as `postgres` when we are root.
    fn pg(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program).display().to_string();
        self.run(&program, args, true);
    }

    fn run(&self, program: &str, args: &[&str], as_postgres: bool) {
        let mut command = if as_postgres && is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", program]);
            c
        } else {
            Command::new(program)
        };
        let output = command
            .args(args)
            .current_dir(&self.dir)
            .output()
            .unwrap_or_else(|e| panic!("{program} did not start: {e}"));
        assert!(
            output.status.success(),
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Waits until `check` holds (a replica catching up), up to `within`.
    pub async fn eventually<F, Fut>(within: Duration, mut check: F) -> bool
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        let deadline = tokio::time::Instant::now() + within;
        while tokio::time::Instant::now() < deadline {
            if check().await {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }
}

impl Drop for Replication {
    fn drop(&mut self) {
        for name in ["replica", "primary"] {
            let pg_ctl = self.bin.join("pg_ctl").display().to_string();
            let data = self.path(name);
            let mut command = if is_root() {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--", &pg_ctl]);
                c
            } else {
                Command::new(&pg_ctl)
            };
            let _ = command
                .args(["-D", &data, "-m", "immediate", "-w", "stop"])
                .output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest installed PostgreSQL's programs (Debian keeps each version
/// under `/usr/lib/postgresql/N/bin`); `PG_BIN` overrides.
fn postgres_bin() -> PathBuf {
    if let Ok(bin) = std::env::var("PG_BIN") {
        return PathBuf::from(bin);
    }
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let version = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").exists().then_some((version, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .expect("PostgreSQL's programs (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql or in PG_BIN")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
