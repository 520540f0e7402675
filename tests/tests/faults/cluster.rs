//! A PostgreSQL cluster of the fault tests' own, to stop and start.

use std::process::Command;
use std::time::{Duration, Instant};

/// A PostgreSQL cluster of the fault tests' own (`pg_createcluster`, made
/// once and kept), which they may stop and start under a load: the one
/// every other test uses stays up.
pub struct Cluster {
    version: String,
    pub port: u16,
}

pub const CLUSTER_NAME: &str = "faults";
pub const CLUSTER_PORT: u16 = 5439;

impl Cluster {
    /// Creates the cluster if it is missing and starts it if it is down.
    pub async fn ensure() -> Cluster {
        let version = std::fs::read_dir("/etc/postgresql")
            .expect("PostgreSQL (Debian's postgresql-common) is required")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .max_by_key(|v| v.parse::<u32>().unwrap_or(0))
            .expect("a PostgreSQL version");
        let cluster = Cluster {
            version,
            port: CLUSTER_PORT,
        };
        let config = format!("/etc/postgresql/{}/{CLUSTER_NAME}", cluster.version);
        if !std::path::Path::new(&config).exists() {
            run(Command::new("pg_createcluster").args([
                &cluster.version,
                CLUSTER_NAME,
                "--port",
                &CLUSTER_PORT.to_string(),
                "--",
                "--auth=trust",
            ]));
        }
        if !cluster.ready() {
            cluster.start().await;
        }
        cluster.wait_ready(Duration::from_secs(30)).await;
        cluster
    }

    pub fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn ctl(&self, args: &[&str]) -> Command {
        let mut command = Command::new("pg_ctlcluster");
        command
            .args(["--skip-systemctl-redirect", &self.version, CLUSTER_NAME])
            .args(args);
        command
    }

    /// Stops at once, as a crash would (`immediate`: no checkpoint, open
    /// connections cut; what was committed is in the WAL).
    pub async fn stop(&self) {
        let command = self.ctl(&["stop", "--mode", "immediate"]);
        off_the_runtime(command).await;
    }

    pub async fn start(&self) {
        off_the_runtime(self.ctl(&["start"])).await;
    }

    pub fn ready(&self) -> bool {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    pub async fn wait_ready(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while !self.ready() {
            assert!(
                Instant::now() < deadline,
                "the faults cluster did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Runs `command` on a thread of its own, so that the clients of the load
/// keep being served meanwhile.
async fn off_the_runtime(mut command: Command) {
    tokio::task::spawn_blocking(move || run(&mut command))
        .await
        .expect("command thread");
}

fn run(command: &mut Command) {
    let shown = format!("{command:?}");
    let output = command.output().unwrap_or_else(|e| panic!("{shown}: {e}"));
    assert!(
        output.status.success(),
        "{shown}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
