//! The feeds read by parsers that share no code with the server: PyPI's
//! `icalendar`, `geojson` and `feedparser` (tests/python/check_exports.py),
//! run with the Python of `DOA_PYTHON` (`cargo xtask test` sets it to a
//! virtualenv that has them), and a real SMTP server (PyPI's `aiosmtpd`)
//! that receives the notifications.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use shared::{Outbox, Role};
use tests::places::{BERLIN, KATHMANDU, TEHRAN};
use tests::{Backend, Options, SLUG, TestApp, action, api_test};

/// The Python that has the PyPI packages, or a failure saying how to get it.
fn python() -> PathBuf {
    match std::env::var_os("DOA_PYTHON") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => panic!(
            "DOA_PYTHON is not set: it must name a Python with PyPI's icalendar, geojson, \
             feedparser and aiosmtpd (`cargo xtask test` makes one in \
             target/python-tools-venv and sets it), e.g. \
             DOA_PYTHON=target/python-tools-venv/bin/python"
        ),
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("python/check_exports.py")
}

api_test!(
    icalendar_geojson_and_feedparser_read_the_feeds,
    |app: TestApp| async move {
        let python = python();
        let mut ids = Vec::new();
        for (place, start) in [
            (BERLIN, "2026-11-05T14:00"),
            (TEHRAN, "2026-11-05T10:30"),
            (KATHMANDU, "2026-11-05T16:15"),
        ] {
            ids.push(
                app.registered(SLUG, &action(place, start))
                    .await
                    .event
                    .id
                    .to_string(),
            );
        }
        let base = app.base.clone();
        let output = tokio::task::spawn_blocking(move || {
            Command::new(&python)
                .arg(script())
                .arg("--require-tzid")
                .arg(&base)
                .arg(SLUG)
                .args(&ids)
                .output()
        })
        .await
        .expect("joined")
        .expect("python runs");
        assert!(
            output.status.success(),
            "check_exports.py failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
);

/// The SMTP server, stopped when the test ends (also when it fails).
struct SmtpServer {
    child: Child,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

async fn start_smtp() -> (SmtpServer, u16) {
    let port = free_port();
    let maildir = std::env::temp_dir().join(format!(
        "doa_maildir_{}_{}",
        std::process::id(),
        rand::random::<u64>()
    ));
    let child = Command::new(python())
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("aiosmtpd starts (pip install aiosmtpd into DOA_PYTHON's environment)");
    let server = SmtpServer { child, maildir };
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "aiosmtpd does not answer on port {port}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (server, port)
}

/// Every message the SMTP server stored.
fn messages(maildir: &Path) -> Vec<String> {
    std::fs::read_dir(maildir.join("new"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}

async fn a_new_endorsement_is_mailed_to_the_moderators(backend: Backend) {
    let (smtp, port) = start_smtp().await;
    let app = tests::spawn_with(
        backend,
        Options {
            smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
            ..Options::default()
        },
    )
    .await;
    let admin = app.organiser("admin@example.org", Role::Admin).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/campaigns/{SLUG}/endorsements")))
        .json(&json!({
            "name": "Union of Hamburg", "city": "Hamburg", "country_code": "DE",
            "contact_email": "group@example.org",
        }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);

    let started = Instant::now();
    let message = loop {
        if let Some(m) = messages(&smtp.maildir)
            .into_iter()
            .find(|m| m.contains("Union of Hamburg"))
        {
            break m;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no message arrived within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(
        message.lines().any(|l| l == "To: admin@example.org"),
        "{message}"
    );
    assert!(
        message
            .lines()
            .any(|l| l == "Subject: New endorsement to review: Union of Hamburg"),
        "{message}"
    );
    assert!(
        message
            .lines()
            .any(|l| l.starts_with("From: ") && l.contains("noreply@localhost")),
        "{message}"
    );
    // The outbox says it was sent.
    let started = Instant::now();
    loop {
        let outbox: Outbox = admin.get_json("/api/v1/outbox").await;
        if outbox
            .messages
            .iter()
            .all(|m| m.sent_at.is_some() && m.error.is_none())
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{outbox:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(smtp);
}

mod a_real_smtp_server_receives_notifications {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_new_endorsement_is_mailed_to_the_moderators(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_new_endorsement_is_mailed_to_the_moderators(Backend::Postgres).await;
    }
}

/// With the SMTP server away, a message keeps its error and waits to be
/// tried again (it is not lost, nor marked sent).
async fn an_unreachable_smtp_server_is_tried_again_later(backend: Backend) {
    let port = free_port();
    let app = tests::spawn_with(
        backend,
        Options {
            smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
            ..Options::default()
        },
    )
    .await;
    let admin = app.organiser("admin@example.org", Role::Admin).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/campaigns/{SLUG}/endorsements")))
        .json(&json!({ "name": "Union", "country_code": "DE", "contact_email": "g@example.org" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    let started = Instant::now();
    loop {
        let outbox: Outbox = admin.get_json("/api/v1/outbox").await;
        let m = &outbox.messages[0];
        assert!(m.sent_at.is_none(), "{m:?}");
        if m.error
            .as_deref()
            .is_some_and(|e| e.starts_with("attempt 1:"))
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{m:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let attempts = app
        .query_i64("SELECT CAST(attempts AS BIGINT) AS v FROM outbox")
        .await;
    assert_eq!(attempts, 1, "the next attempt waits (30 s)");
}

mod an_unreachable_smtp_server {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        an_unreachable_smtp_server_is_tried_again_later(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        an_unreachable_smtp_server_is_tried_again_later(Backend::Postgres).await;
    }
}
