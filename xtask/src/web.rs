//! The web app: vendor files from npm, the Trunk build, and the browser suite.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{root, sh, step};

/// What the page loads from `/vendor/`, copied out of node_modules (with
/// their licences) so the server serves them itself.
const VENDOR: &[(&str, &str)] = &[
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    (
        "leaflet/dist/images/layers.png",
        "leaflet/images/layers.png",
    ),
    (
        "leaflet/dist/images/layers-2x.png",
        "leaflet/images/layers-2x.png",
    ),
    (
        "leaflet/dist/images/marker-icon.png",
        "leaflet/images/marker-icon.png",
    ),
    (
        "leaflet/dist/images/marker-icon-2x.png",
        "leaflet/images/marker-icon-2x.png",
    ),
    (
        "leaflet/dist/images/marker-shadow.png",
        "leaflet/images/marker-shadow.png",
    ),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    (
        "leaflet.markercluster/dist/leaflet.markercluster.js",
        "leaflet.markercluster/leaflet.markercluster.js",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.css",
        "leaflet.markercluster/MarkerCluster.css",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
        "leaflet.markercluster/MarkerCluster.Default.css",
    ),
    (
        "leaflet.markercluster/MIT-LICENCE.txt",
        "leaflet.markercluster/MIT-LICENCE.txt",
    ),
    (
        "topojson-client/dist/topojson-client.min.js",
        "topojson-client/topojson-client.min.js",
    ),
    ("topojson-client/LICENSE", "topojson-client/LICENSE"),
    (
        "world-atlas/countries-110m.json",
        "world-atlas/countries-110m.json",
    ),
    (
        "world-atlas/countries-50m.json",
        "world-atlas/countries-50m.json",
    ),
    ("world-atlas/LICENSE", "world-atlas/LICENSE"),
];

fn copy_vendor() -> Result<()> {
    let modules = root().join("frontend/node_modules");
    let vendor = root().join("frontend/vendor");
    for (from, to) in VENDOR {
        let target = vendor.join(to);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(modules.join(from), &target)
            .with_context(|| format!("copying {from} from node_modules"))?;
    }
    Ok(())
}

pub fn build() -> Result<()> {
    step("building the web app (Trunk, release)");
    copy_vendor()?;
    sh(Command::new("trunk").args(["build", "--release"]))?;
    precompress(&root().join("dist"))
}

/// The kinds of built file worth compressing (the pages themselves are
/// written by the server for each request).
const COMPRESSED: &[&str] = &["wasm", "js", "css", "json", "svg"];

/// Writes `name.br` (Brotli, quality 11) and `name.gz` (gzip, level 9) beside
/// every such file of `dir`: a phone downloads the app's WASM a fifth
/// smaller than the server's on-the-fly compression makes it.
fn precompress(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let kind = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !COMPRESSED.contains(&kind) {
            continue;
        }
        let data = std::fs::read(&path)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            size_hint: data.len(),
            ..Default::default()
        };
        brotli::BrotliCompress(&mut data.as_slice(), &mut br, &params)
            .with_context(|| format!("brotli of {}", path.display()))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &data)?;
        let file = |suffix: &str| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            std::path::PathBuf::from(name)
        };
        std::fs::write(file(".br"), br)?;
        std::fs::write(file(".gz"), gz.finish()?)?;
    }
    Ok(())
}

/// A server on a fresh SQLite file with the demo, killed when dropped.
struct RunningServer {
    child: Child,
    base: String,
    database_url: String,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn start_server(binary: &Path, demo_date: Option<&str>) -> Result<RunningServer> {
    let dir = std::env::temp_dir().join(format!("doa-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let dir = TempDir(dir);
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("browser.db").display());
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut demo = Command::new(binary);
    demo.arg("demo")
        .env("DATABASE_URL", &url)
        .env("LOG", "warn");
    if let Some(date) = demo_date {
        demo.args(["--date", date]);
    }
    sh(&mut demo)?;
    let child = Command::new(binary)
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("LISTEN", format!("127.0.0.1:{port}"))
        .env("PUBLIC_URL", &base)
        .env("STATIC_DIR", root().join("dist"))
        .env("WRITE_RATE_PER_MINUTE", "0")
        .env("LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("starting the server")?;
    let server = RunningServer {
        child,
        base,
        database_url: url,
        _dir: dir,
    };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(server);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("the server did not start within 30 s")
}

/// Every `tests/browser/*.test.mjs`, one file at a time, against a server of
/// their own; with `filter`, only the tests whose name matches it.
pub fn browser_tests(binary: &Path, filter: Option<&str>) -> Result<()> {
    step("browser tests (headless Chromium)");
    let files = browser_test_files()?;
    let server = start_server(binary, None)?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1"]);
    if let Some(pattern) = filter {
        node.arg(format!("--test-name-pattern={pattern}"));
    }
    sh(node
        .args(&files)
        .env("BASE_URL", &server.base)
        // For tests that make organisers: `$SERVER_BIN organiser add …`.
        .env("SERVER_BIN", binary)
        .env("DATABASE_URL", &server.database_url)
        .env("ARTIFACTS", root().join("test-artifacts")))
}

/// The suite's files, by name (relative to the repository).
fn browser_test_files() -> Result<Vec<String>> {
    let dir = root().join("tests/browser");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("tests/browser/{name}"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no tests/browser/*.test.mjs");
    }
    Ok(files)
}

/// Schemathesis against the OpenAPI document of a running server (demo on
/// the day of the document's example), bounded in time.
pub fn api_fuzz(binary: &Path, python: &Path) -> Result<()> {
    step("schemathesis: every API operation, valid and invalid data, stateful links");
    let server = start_server(binary, Some("2026-11-05"))?;
    sh(Command::new(python).args([
        "tests/schemathesis/run.py",
        &server.base,
        "solidarity-with-iranian-workers",
        "150",
    ]))
}

pub fn browser_bench(binary: &Path) -> Result<()> {
    step("web app size and first render (headless Chromium)");
    let server = start_server(binary, None)?;
    for slug in ["bench-1k", "bench-10k"] {
        sh(Command::new(binary)
            .args([
                "campaign",
                "create",
                "--slug",
                slug,
                "--title",
                slug,
                "--from",
                "2026-11-05",
                "--to",
                "2026-11-05",
            ])
            .env("DATABASE_URL", &server.database_url)
            .env("LOG", "warn"))?;
    }
    sh(Command::new("node")
        .args(["tests/browser/bench.mjs"])
        .env("BASE_URL", &server.base)
        .env("DIST", root().join("dist")))
}

/// Lighthouse's mobile figures of the campaign home and `/register`, with
/// the demo campaign (the CLI comes from `tools::ensure_lighthouse`).
pub fn lighthouse(binary: &Path, cli: &Path) -> Result<()> {
    step("Lighthouse, mobile, on the home and /register (headless Chromium)");
    let server = start_server(binary, None)?;
    sh(Command::new("node")
        .args(["tests/browser/lighthouse.mjs"])
        .env("BASE_URL", &server.base)
        .env("LIGHTHOUSE", cli))
}
