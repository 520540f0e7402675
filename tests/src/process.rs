//! A `server` process of its own, the real program as an operator runs it:
//! a second replica on a test's database, or a process to signal, kill and
//! start again.

use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

/// The server binary built beside the test binary (`target/debug/server`).
pub fn server_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target directory");
    let binary = dir.join(format!("server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: build it with `cargo build -p server` (cargo xtask test does)",
        binary.display()
    );
    binary
}

/// A `server serve` process on `database_url`, killed when dropped.
pub struct ServerProcess {
    pub base: String,
    child: Child,
}

impl ServerProcess {
    pub async fn start(database_url: &str) -> ServerProcess {
        Self::start_with(database_url, &[], None).await
    }

    /// With more settings (`env` overrides the defaults, e.g. `LOG`), and
    /// its log (standard error) written to `log` instead of the test's;
    /// returns once `/healthz` answers 200.
    pub async fn start_with(
        database_url: &str,
        env: &[(&str, &str)],
        log: Option<&std::path::Path>,
    ) -> ServerProcess {
        let port = crate::free_port();
        let stderr = match log {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("log file")),
            None => Stdio::inherit(),
        };
        let mut command = Command::new(server_binary());
        command
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LISTEN", format!("127.0.0.1:{port}"))
            .env("PUBLIC_URL", "https://actions.example.org")
            .env("STATIC_DIR", "/nonexistent")
            .env("WRITE_RATE_PER_MINUTE", "0")
            .env("LOG", "warn")
            .env("SHUTDOWN_DRAIN_SECONDS", "0")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(stderr);
        let mut child = command.spawn().expect("server process started");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(r) = client.get(format!("{base}/healthz")).send().await
                && r.status().is_success()
            {
                return ServerProcess { base, child };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the server process ended at start ({status})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server process did not answer within 20 s");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a signal by name (`TERM`, `INT`) with `kill(1)`.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("kill(1) runs");
        assert!(status.success(), "kill -{name} failed");
    }

    /// SIGKILL, no goodbye; returns once the process is gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// How the process ended, if it does within `within`.
    pub async fn exit_within(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if tokio::time::Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
