//! Installs what the build and the tests need, when it is missing: the wasm
//! target, Trunk, the wasm-bindgen CLI of the version in Cargo.lock, the npm
//! packages (Leaflet, country shapes, wasm-opt, Playwright, axe-core, pa11y),
//! Chromium and its driver, PgBouncer for the pooler test; and makes sure
//! PostgreSQL answers.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{root, sh, step};

const TRUNK_VERSION: &str = "0.21.14";

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.env("PATH", tool_path()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The version of a package in Cargo.lock.
fn locked_version(name: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"")
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    bail!("{name} is not in Cargo.lock")
}

/// PATH for every command xtask starts: the npm tools (wasm-opt) and cargo's
/// bin folder (trunk, wasm-bindgen) first.
pub fn tool_path() -> std::ffi::OsString {
    static PATH: std::sync::OnceLock<std::ffi::OsString> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let mut paths = vec![root().join("frontend/node_modules/.bin")];
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo"))
            });
        if let Some(home) = cargo_home {
            paths.push(home.join("bin"));
        }
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(paths).unwrap_or_default()
    })
    .clone()
}

pub fn ensure_web_tools() -> Result<()> {
    step("checking the build tools");
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        println!("installing the wasm32-unknown-unknown target");
        sh(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let trunk = output(Command::new("trunk").arg("--version")).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        println!("installing trunk {TRUNK_VERSION} (about 11 minutes on 2 cores, once)");
        sh(Command::new("cargo").args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
        ]))?;
    } else {
        println!("trunk {TRUNK_VERSION}: present");
    }
    let wanted = locked_version("wasm-bindgen")?;
    let bindgen = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if !bindgen.contains(&wanted) {
        println!("installing wasm-bindgen-cli {wanted} (a few minutes, once)");
        sh(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    } else {
        println!("wasm-bindgen {wanted}: present");
    }
    let frontend = root().join("frontend");
    let stamp = frontend.join("node_modules/.package-lock.json");
    let fresh = std::fs::metadata(&stamp)
        .and_then(|s| s.modified())
        .ok()
        .zip(
            std::fs::metadata(frontend.join("package-lock.json"))
                .and_then(|l| l.modified())
                .ok(),
        )
        .is_some_and(|(installed, lock)| installed >= lock);
    if !fresh {
        println!(
            "installing the npm packages (Leaflet, country shapes, wasm-opt, Playwright, axe-core, pa11y)"
        );
        // pa11y drives Debian's Chromium through Puppeteer, which must not
        // download a browser of its own.
        sh(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1")
            .current_dir(&frontend))?;
    } else {
        println!("npm packages: present");
    }
    Ok(())
}

pub fn ensure_chromium() -> Result<()> {
    let have = |p: &str| std::path::Path::new(p).exists();
    if have("/usr/bin/chromium") {
        println!("chromium: present");
        return Ok(());
    }
    step("installing Chromium from Debian's packages");
    sh(Command::new("apt-get").arg("update"))?;
    sh(Command::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// A PostgreSQL admin URL that answers; starts the local cluster if needed.
pub fn ensure_postgres() -> Result<String> {
    let url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let ready = || {
        Command::new("pg_isready")
            .args(["-d", &url])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready() {
        println!("postgresql: answering");
        return Ok(url);
    }
    step("starting PostgreSQL");
    let versions = std::fs::read_dir("/etc/postgresql")
        .context("PostgreSQL is required for the tests and is not installed")?;
    for version in versions.flatten() {
        let v = version.file_name().to_string_lossy().into_owned();
        let _ = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &v, "main", "start"])
            .status();
    }
    for _ in 0..30 {
        if ready() {
            return Ok(url);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    bail!("PostgreSQL does not answer at {url}; the tests need it")
}

/// Schemathesis and an OpenAPI validator, from PyPI into a virtualenv of
/// their own under `target/`; returns its Python.
pub fn ensure_schemathesis() -> Result<std::path::PathBuf> {
    ensure_venv(
        "schemathesis-venv",
        &["schemathesis==4.32.5", "openapi-spec-validator==0.9.0"],
        "schemathesis and openapi-spec-validator",
    )
}

/// The PyPI packages the API tests use as independent readers and a real
/// SMTP server, in a virtualenv of their own under `target/`; returns its
/// Python (the tests find it in `DOA_PYTHON`).
pub fn ensure_python_tools() -> Result<std::path::PathBuf> {
    ensure_venv(
        "python-tools-venv",
        &[
            "icalendar==7.3.2",
            "geojson==3.3.0",
            "feedparser==6.0.14",
            "aiosmtpd==1.4.6",
        ],
        "icalendar, geojson, feedparser and aiosmtpd",
    )
}

/// `target/<name>` with exactly these packages (made anew when one is
/// missing); returns its Python.
fn ensure_venv(name: &str, packages: &[&str], label: &str) -> Result<std::path::PathBuf> {
    let venv = root().join("target").join(name);
    let python = venv.join("bin/python");
    let installed = output(Command::new(&python).args(["-m", "pip", "freeze"])).unwrap_or_default();
    if packages.iter().all(|p| installed.contains(p)) {
        println!("{label}: present");
        return Ok(python);
    }
    step(&format!("installing {label} (PyPI) into target/{name}"));
    let _ = std::fs::remove_dir_all(&venv);
    sh(Command::new(newest_python())
        .args(["-m", "venv"])
        .arg(&venv))?;
    sh(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(packages))?;
    Ok(python)
}

/// The newest Python 3.12+ that pyenv has, else `python3` (3.11's parser
/// trips over Hypothesis' lambda introspection now and then).
fn newest_python() -> std::path::PathBuf {
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".pyenv")));
    let mut candidates: Vec<(Vec<u32>, std::path::PathBuf)> = pyenv
        .and_then(|p| std::fs::read_dir(p.join("versions")).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let version: Vec<u32> = name
                .split('.')
                .map(|n| n.parse().ok())
                .collect::<Option<_>>()?;
            let python = entry.path().join("bin/python3");
            (version.first() == Some(&3)
                && version.get(1).is_some_and(|m| *m >= 12)
                && python.exists())
            .then_some((version, python))
        })
        .collect();
    candidates.sort();
    candidates
        .pop()
        .map_or_else(|| "python3".into(), |(_, python)| python)
}

/// Lighthouse's CLI for the benchmark, in `target/lighthouse-tools` (apart
/// from the web app's packages, which every test run installs). 12.2.3: the
/// newest that runs on this Node and whose lock `npm` accepts here.
pub fn ensure_lighthouse() -> Result<PathBuf> {
    let dir = root().join("target/lighthouse-tools");
    let cli = dir.join("node_modules/.bin/lighthouse");
    if cli.exists() {
        println!("lighthouse: present");
        return Ok(cli);
    }
    println!("installing lighthouse 12.2.3 (npm)");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("package.json"), "{\"private\": true}\n")?;
    sh(Command::new("npm")
        .args([
            "install",
            "-E",
            "--no-audit",
            "--no-fund",
            "lighthouse@12.2.3",
        ])
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .current_dir(&dir))?;
    Ok(cli)
}

/// PgBouncer for the pooler test: one that tracks prepared statements in
/// transaction mode (1.21 or later), which the server's driver needs.
/// Debian 12 ships 1.18, so this builds Debian 13's source of 1.24.1 (from
/// Debian's own archive, checked against its published SHA-256) into
/// `target/pgbouncer` when the PATH has none recent enough.
pub fn ensure_pgbouncer() -> Result<PathBuf> {
    const VERSION: &str = "1.24.1";
    const SOURCE: &str =
        "http://deb.debian.org/debian/pool/main/p/pgbouncer/pgbouncer_1.24.1.orig.tar.gz";
    const SHA256: &str = "da72a3aba13072876d055a3e58dd4aba4a5de4ed6148e73033185245598fd3e0";
    let built = root().join("target/pgbouncer/bin/pgbouncer");
    let recent = |program: &std::path::Path| {
        output(Command::new(program).arg("--version"))
            .and_then(|v| {
                let number = v.split_whitespace().nth(1)?.to_string();
                let mut parts = number.split('.').map(|n| n.parse::<u32>().ok());
                Some((parts.next()??, parts.next()??) >= (1, 21))
            })
            .unwrap_or(false)
    };
    for program in [built.clone(), PathBuf::from("pgbouncer")] {
        if recent(&program) {
            println!("pgbouncer: present ({})", program.display());
            return Ok(program);
        }
    }
    step(&format!(
        "building PgBouncer {VERSION} from Debian's source into target/pgbouncer"
    ));
    let missing: Vec<&str> = ["libevent-dev", "libssl-dev", "pkg-config", "make", "gcc"]
        .into_iter()
        .filter(|p| {
            !Command::new("dpkg")
                .args(["-s", p])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if !missing.is_empty() {
        sh(Command::new("apt-get").arg("update"))?;
        sh(Command::new("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    let work = root().join("target/pgbouncer-build");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let tarball = work.join("pgbouncer.tar.gz");
    sh(Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location", "-o"])
        .arg(&tarball)
        .arg(SOURCE))?;
    let sum = output(Command::new("sha256sum").arg(&tarball)).unwrap_or_default();
    if sum.split_whitespace().next() != Some(SHA256) {
        bail!("{SOURCE} does not have the SHA-256 Debian publishes ({SHA256}): {sum}");
    }
    sh(Command::new("tar")
        .args(["xzf", "pgbouncer.tar.gz"])
        .current_dir(&work))?;
    let source = work.join(format!("pgbouncer-{VERSION}"));
    sh(Command::new(source.join("configure"))
        .arg(format!(
            "--prefix={}",
            root().join("target/pgbouncer").display()
        ))
        .args([
            "--without-cares",
            "--without-systemd",
            "--without-pam",
            "--without-ldap",
        ])
        .current_dir(&source))?;
    sh(Command::new("make").args(["-j2"]).current_dir(&source))?;
    sh(Command::new("make").arg("install").current_dir(&source))?;
    let _ = std::fs::remove_dir_all(&work);
    if !recent(&built) {
        bail!("the PgBouncer built into {} does not run", built.display());
    }
    Ok(built)
}
