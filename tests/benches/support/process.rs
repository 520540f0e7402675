//! The server under test runs as its own process, the release binary, so that
//! its memory and its CPU are its own and not the benchmark's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Builds `target/release/server` (a no-op when it is fresh) and returns its
/// path. The bench itself runs from `target/release/deps/`, so the binary is
/// found next to that folder whatever `CARGO_TARGET_DIR` says.
pub fn build_binary() -> anyhow::Result<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("the tests crate lives inside the workspace")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    println!("building the release server (cargo build --release -p server) …");
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "server", "--quiet"])
        .current_dir(workspace)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p server failed ({status})");
    }
    let exe = std::env::current_exe().context("the bench's own path")?;
    let release = exe
        .parent()
        .and_then(Path::parent)
        .context("the bench runs from target/release/deps")?;
    let binary = release.join(format!("server{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        bail!("no server binary at {}", binary.display());
    }
    Ok(binary)
}

/// The environment every run of the binary gets: the database, no rate limit
/// on writes (the bench registers thousands from one address), quiet logs.
fn command(binary: &Path, database_url: &str) -> Command {
    let mut command = Command::new(binary);
    command
        .env("DATABASE_URL", database_url)
        .env("STATIC_DIR", "/nonexistent")
        .env("WRITE_RATE_PER_MINUTE", "0")
        .env("LOG", "warn");
    command
}

/// Runs a subcommand (`migrate`, `campaign create …`) to completion.
pub fn run(binary: &Path, database_url: &str, args: &[&str]) -> anyhow::Result<()> {
    let output = command(binary, database_url)
        .args(args)
        .output()
        .with_context(|| format!("cannot run server {}", args.join(" ")))?;
    if !output.status.success() {
        bail!(
            "server {} failed ({}): {}{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// `server serve` on a free port; killed when dropped, panics included.
pub struct ServerProcess {
    child: Child,
    pub base: String,
}

/// Peak and current resident memory, in KiB, from `/proc/<pid>/status`.
pub struct Memory {
    pub hwm_kib: u64,
    pub rss_kib: u64,
}

impl ServerProcess {
    pub async fn start(binary: &Path, database_url: &str) -> anyhow::Result<ServerProcess> {
        // Ask the OS for a free port, then hand it to the server; nothing else
        // on this machine races for ports in the moment between.
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let listen = format!("127.0.0.1:{port}");
        let child = command(binary, database_url)
            .arg("serve")
            .env("LISTEN", &listen)
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start the server")?;
        let mut server = ServerProcess {
            child,
            base: format!("http://{listen}"),
        };
        server.wait_healthy().await?;
        Ok(server)
    }

    async fn wait_healthy(&mut self) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let url = format!("{}/healthz", self.base);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited at start ({status})");
            }
            if let Ok(response) = client.get(&url).send().await
                && response.status() == reqwest::StatusCode::OK
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the server did not answer {url} within 60 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn memory(&self) -> anyhow::Result<Memory> {
        let path = format!("/proc/{}/status", self.child.id());
        let status = std::fs::read_to_string(&path).with_context(|| format!("read {path}"))?;
        let field = |name: &str| -> anyhow::Result<u64> {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
                .with_context(|| format!("no {name} in {path}"))
        };
        Ok(Memory {
            hwm_kib: field("VmHWM:")?,
            rss_kib: field("VmRSS:")?,
        })
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
