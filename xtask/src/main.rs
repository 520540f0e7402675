//! `cargo xtask run | test | bench`: the README's commands. Installs what is
//! missing (skipping what is there), builds the web app and runs things, with
//! a line of progress for every long step.

mod modules;
mod tools;
mod web;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <run|test|faults|modules|browser|fuzz|bench>
  run     install what is missing, build the web app, start the server on
          SQLite with the demo campaign, print the URL
  test    every test: module cycles, unit (the web app's too, natively), API
          (SQLite and PostgreSQL), browser (Chromium), schemathesis against
          the OpenAPI document
  faults  the fault tests (a few minutes): PostgreSQL restarted and the
          server killed under load, SIGTERM draining, a read-only
          database, 2,000 registrations at once, a minute of mixed load
  modules [DIR]
          fail if modules of server, frontend or shared (of the repository,
          or of the tree at DIR) import each other in a circle, listing
          every cycle
  browser [FILTER]
          the browser suite alone (every tests/browser/*.test.mjs; with
          FILTER, only the tests whose name matches it, a regex)
  fuzz    schemathesis alone against a debug build of the server
  bench   the API benchmark (100,000 events) and the web app's size and speed
          (`bench web`: the web app's part alone)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("faults") => faults(),
        Some("modules") => check_modules(args.get(1).map_or_else(root, PathBuf::from)),
        Some("bench") => bench(args.get(1).map(String::as_str) == Some("web")),
        Some("browser") => browser(args.get(1).map(String::as_str)),
        Some("fuzz") => fuzz(),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("\nxtask: error: {e:#}");
        std::process::exit(1);
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The server binary cargo built with `profile`, in the target folder cargo
/// uses (`CARGO_TARGET_DIR` when set, as when several checkouts share one).
fn binary(profile: &str) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join(profile)
        .join("server")
}

pub fn step(message: &str) {
    println!("\n==> {message}");
}

/// Runs a command in the repository, failing with its name when it fails.
pub fn sh(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir_if_unset()
        .env("PATH", tools::tool_path())
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

trait InRoot {
    fn current_dir_if_unset(&mut self) -> &mut Self;
}

impl InRoot for Command {
    fn current_dir_if_unset(&mut self) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(root());
        }
        self
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run() -> Result<()> {
    tools::ensure_web_tools()?;
    web::build()?;
    step("building the server");
    sh(cargo().args(["build", "--release", "-p", "server"]))?;
    let server = binary("release");
    let data = root().join("data");
    std::fs::create_dir_all(&data)?;
    let db_file = data.join("demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_file.display()));
    }
    let database_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", db_file.display()));
    step("loading the demo campaign (the demo database is made anew at every run)");
    let demo = Command::new(&server)
        .arg("demo")
        .env("DATABASE_URL", &database_url)
        .output()
        .context("running `server demo`")?;
    let printed = String::from_utf8_lossy(&demo.stdout).into_owned();
    print!("{printed}");
    if !demo.status.success() {
        eprint!("{}", String::from_utf8_lossy(&demo.stderr));
        bail!("`server demo` failed");
    }
    step("starting the server (Ctrl-C stops it)");
    if let Some(login) = printed
        .lines()
        .find(|l| l.starts_with("demo organiser login:"))
    {
        println!(
            "Organisers: log in at /organise with the {}",
            &login["demo ".len()..]
        );
    }
    // No load balancer to drain for: Ctrl-C stops at once.
    sh(Command::new(&server)
        .arg("serve")
        .env("DATABASE_URL", &database_url)
        .env("STATIC_DIR", root().join("dist"))
        .env(
            "SHUTDOWN_DRAIN_SECONDS",
            std::env::var("SHUTDOWN_DRAIN_SECONDS").unwrap_or_else(|_| "0".into()),
        ))
}

/// The module-cycle check of the tree at `dir` (the repository by default).
fn check_modules(dir: PathBuf) -> Result<()> {
    step("module cycles (server, frontend, shared)");
    println!("{}", modules::check(&dir)?);
    Ok(())
}

fn test() -> Result<()> {
    let started = std::time::Instant::now();
    check_modules(root())?;
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    let postgres = tools::ensure_postgres()?;
    let python_tools = tools::ensure_python_tools()?;
    let pgbouncer = tools::ensure_pgbouncer()?;
    // `cargo test` builds the server only as a test harness; the API tests
    // that start the real program (a second replica, backup, JSON logs)
    // need `target/debug/server` itself.
    step("building the server for the API tests that start it");
    sh(cargo().args(["build", "-p", "server"]))?;
    step("unit and API tests (SQLite and PostgreSQL)");
    sh(cargo()
        .args(["test", "--workspace", "--exclude", "frontend"])
        .env("TEST_POSTGRES_URL", &postgres)
        .env("DOA_PYTHON", &python_tools)
        .env("DOA_PGBOUNCER", &pgbouncer))?;
    step("the web app's unit tests, natively");
    sh(cargo().args(["test", "-p", "frontend", "--lib"]))?;
    web::build()?;
    web::browser_tests(&binary("debug"), None)?;
    let python = tools::ensure_schemathesis()?;
    web::api_fuzz(&binary("debug"), &python)?;
    println!(
        "\nxtask: every test passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The fault tests (`tests/tests/faults/`), apart from `test` because they
/// take minutes. One at a time: each starts a server and loads the machine,
/// and a burst beside a timed load would test the machine, not the server.
fn faults() -> Result<()> {
    let started = std::time::Instant::now();
    let postgres = tools::ensure_postgres()?;
    step("building the server for the fault tests");
    sh(cargo().args(["build", "-p", "server"]))?;
    step("fault tests (SQLite and PostgreSQL; a PostgreSQL cluster of their own on port 5439)");
    sh(cargo()
        .args(["test", "-p", "tests", "--test", "faults", "--"])
        .args(["--test-threads=1", "--nocapture"])
        .env("TEST_POSTGRES_URL", &postgres))?;
    println!(
        "\nxtask: the fault tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn browser(filter: Option<&str>) -> Result<()> {
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    web::build()?;
    step("building the server for the browser tests");
    sh(cargo().args(["build", "-p", "server"]))?;
    web::browser_tests(&binary("debug"), filter)
}

fn fuzz() -> Result<()> {
    step("building the server");
    sh(cargo().args(["build", "-p", "server"]))?;
    let python = tools::ensure_schemathesis()?;
    web::api_fuzz(&binary("debug"), &python)
}

/// The benchmarks; `web_only` leaves out the API's.
fn bench(web_only: bool) -> Result<()> {
    tools::ensure_web_tools()?;
    tools::ensure_chromium()?;
    if !web_only {
        let postgres = tools::ensure_postgres()?;
        step("API benchmark: 100,000 events on SQLite and PostgreSQL");
        sh(cargo()
            .args(["bench", "-p", "tests", "--bench", "api"])
            .env("TEST_POSTGRES_URL", &postgres))?;
    }
    web::build()?;
    step("building the server");
    sh(cargo().args(["build", "--release", "-p", "server"]))?;
    web::browser_bench(&binary("release"))?;
    let lighthouse = tools::ensure_lighthouse()?;
    web::lighthouse(&binary("release"), &lighthouse)
}
