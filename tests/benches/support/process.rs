//! The server under test runs as its own process, the release binary, so that
//! its memory and its CPU are its own and not the benchmark's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The bench's own copy of the release binary, removed when dropped.
pub struct ServerBinary {
    folder: PathBuf,
    path: PathBuf,
}

impl ServerBinary {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ServerBinary {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Builds `target/release/server` (a no-op when it is fresh) and copies it to
/// a folder of the bench's own: every backend then runs the same binary even
/// if another cargo command rebuilds the shared one meanwhile. The bench runs
/// from `target/release/deps/`, so the binary is found next to that folder
/// whatever `CARGO_TARGET_DIR` says.
pub fn build_binary() -> anyhow::Result<ServerBinary> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("the tests crate lives inside the workspace")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    println!("building the release server (cargo build --release -p server) …");
    let started = Instant::now();
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
    let name = format!("server{}", std::env::consts::EXE_SUFFIX);
    let built = release.join(&name);
    let folder = std::env::temp_dir().join(format!("doa_bench_server_{}", std::process::id()));
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let binary = ServerBinary {
        path: folder.join(&name),
        folder,
    };
    std::fs::copy(&built, &binary.path)
        .with_context(|| format!("cannot copy {}", built.display()))?;
    println!(
        "server binary ready in {:.0} s: {}",
        started.elapsed().as_secs_f64(),
        built.display()
    );
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
    /// Its `/metrics` listener.
    metrics_base: String,
}

/// The machine's 1-minute load average: other work on the 2 cores shows in
/// the timings, so the report says how busy the machine was.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Peak and current resident memory, in KiB, from `/proc/<pid>/status`.
pub struct Memory {
    pub hwm_kib: u64,
    pub rss_kib: u64,
    /// Of `rss_kib`, the pages of the process's own (heap, stacks), not
    /// those of its binary and libraries, which the system shares and can
    /// read again from the file.
    pub anon_kib: u64,
}

impl ServerProcess {
    pub async fn start(binary: &Path, database_url: &str) -> anyhow::Result<ServerProcess> {
        // Ask the OS for a free port, then hand it to the server; nothing else
        // on this machine races for ports in the moment between.
        let free_port = || -> anyhow::Result<u16> {
            Ok(std::net::TcpListener::bind("127.0.0.1:0")?
                .local_addr()?
                .port())
        };
        let listen = format!("127.0.0.1:{}", free_port()?);
        let metrics_listen = format!("127.0.0.1:{}", free_port()?);
        let child = command(binary, database_url)
            .arg("serve")
            .env("LISTEN", &listen)
            .env("METRICS_LISTEN", &metrics_listen)
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start the server")?;
        let mut server = ServerProcess {
            child,
            base: format!("http://{listen}"),
            metrics_base: format!("http://{metrics_listen}"),
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

    /// How many searches the position index has answered (`/metrics`).
    pub async fn position_index_hits(&self, client: &reqwest::Client) -> anyhow::Result<u64> {
        let text = client
            .get(format!("{}/metrics", self.metrics_base))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await?;
        tests::position_index_hits(&text).context("no position index hits in /metrics")
    }

    /// Searches with `path` until the position index answers (it is read in
    /// the background after the first search at a new revision); how long
    /// that took.
    pub async fn wait_for_position_index(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let deadline = started + Duration::from_secs(60);
        loop {
            let before = self.position_index_hits(client).await?;
            client
                .get(format!("{}{path}", self.base))
                .send()
                .await?
                .error_for_status()?;
            if self.position_index_hits(client).await? > before {
                return Ok(started.elapsed());
            }
            if Instant::now() > deadline {
                bail!("the position index was not ready within 60 s");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// How the process ended, if it has.
    pub fn exit_status(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Resets the peak resident memory (VmHWM) to the current one, so that
    /// the next reading is the peak of what came after (Linux ≥ 4.0).
    pub fn reset_peak_memory(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5").is_ok()
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
            anon_kib: field("RssAnon:")?,
        })
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
