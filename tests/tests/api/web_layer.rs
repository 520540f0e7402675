//! The HTTP layer (issue 6): the write limit keyed by the real client,
//! security and cache headers, and slow or idle connections.

use reqwest::StatusCode;
use serde_json::json;
use tests::places::BERLIN;
use tests::{SLUG, TestApp, action, api_test};

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// `mod $name { sqlite, postgres }` running `$body(backend)`.
macro_rules! on_both {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body(tests::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$body(tests::Backend::Postgres).await;
            }
        }
    };
}

/// A registration sent with `X-Forwarded-For: forwarded`; its status.
async fn register_as(app: &TestApp, forwarded: Option<&str>) -> StatusCode {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/campaigns/{SLUG}/events")))
        .json(&action(BERLIN, "2026-11-05T14:00"));
    if let Some(f) = forwarded {
        request = request.header("x-forwarded-for", f);
    }
    request.send().await.expect("request sent").status()
}

async fn limited(backend: tests::Backend, trusted_proxies: &str) -> TestApp {
    tests::spawn_with(
        backend,
        tests::Options {
            write_rate_per_minute: 2,
            trusted_proxies: trusted_proxies.into(),
            ..Default::default()
        },
    )
    .await
}

async fn forwarded_for_from_strangers_is_ignored(backend: tests::Backend) {
    let app = limited(backend, "").await;
    assert_eq!(
        register_as(&app, Some("192.0.2.1")).await,
        StatusCode::CREATED
    );
    assert_eq!(
        register_as(&app, Some("192.0.2.2")).await,
        StatusCode::CREATED
    );
    // A new made-up address each time does not give a new budget.
    assert_eq!(
        register_as(&app, Some("192.0.2.3")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(register_as(&app, None).await, StatusCode::TOO_MANY_REQUESTS);
}
on_both!(
    rotating_forwarded_for_does_not_escape_the_limit,
    forwarded_for_from_strangers_is_ignored
);

async fn clients_behind_a_trusted_proxy(backend: tests::Backend) {
    let app = limited(backend, "127.0.0.0/8").await;
    // Each client has its own budget.
    for _ in 0..2 {
        assert_eq!(
            register_as(&app, Some("203.0.113.1")).await,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        register_as(&app, Some("203.0.113.1")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        register_as(&app, Some("203.0.113.2")).await,
        StatusCode::CREATED
    );

    // The left-most entry is the client's own word: the key is the address
    // our proxy appended.
    for spoofed in ["6.6.6.6, 203.0.113.9", "7.7.7.7, 203.0.113.9"] {
        assert_eq!(register_as(&app, Some(spoofed)).await, StatusCode::CREATED);
    }
    assert_eq!(
        register_as(&app, Some("8.8.8.8, 203.0.113.9")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        register_as(&app, Some("203.0.113.9")).await,
        StatusCode::TOO_MANY_REQUESTS
    );

    // One IPv6 /64 is one client.
    for address in ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9"] {
        assert_eq!(register_as(&app, Some(address)).await, StatusCode::CREATED);
    }
    assert_eq!(
        register_as(&app, Some("2001:db8:1:2::abcd")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        register_as(&app, Some("2001:db8:1:3::1")).await,
        StatusCode::CREATED
    );
}
on_both!(
    trusted_proxy_forwarded_for_keys_the_limit,
    clients_behind_a_trusted_proxy
);

/// Pages and API paths; `/embed/…` last.
const PATHS: [&str; 5] = [
    "/register",
    "/edit/1",
    "/",
    "/api/v1/campaigns",
    "/embed/some-slug",
];

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

async fn framing_and_browser_features(app: TestApp) {
    for path in PATHS {
        let response = app.get(path).await;
        let csp = header(&response, "content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        if path.starts_with("/embed/") {
            assert!(!csp.contains("frame-ancestors"), "{path}: {csp}");
            assert_eq!(header(&response, "x-frame-options"), None, "{path}");
        } else {
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert_eq!(header(&response, "x-frame-options"), Some("DENY"), "{path}");
        }
        assert_eq!(
            header(&response, "strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
        let policy = header(&response, "permissions-policy")
            .unwrap_or_else(|| panic!("{path}: no Permissions-Policy"));
        for feature in [
            "geolocation=(self)",
            "camera=()",
            "microphone=()",
            "payment=()",
            "usb=()",
            "browsing-topics=()",
            "interest-cohort=()",
        ] {
            assert!(policy.contains(feature), "{path}: {feature} in {policy}");
        }
    }
}
api_test!(security_headers_on_every_page, framing_and_browser_features);

async fn no_hsts_over_http(backend: tests::Backend) {
    let app = tests::spawn_with(
        backend,
        tests::Options {
            public_url: "http://actions.example.org".into(),
            ..Default::default()
        },
    )
    .await;
    for path in PATHS {
        let response = app.get(path).await;
        assert_eq!(
            header(&response, "strict-transport-security"),
            None,
            "{path}"
        );
        assert!(header(&response, "permissions-policy").is_some(), "{path}");
    }
}
on_both!(hsts_only_when_public_url_is_https, no_hsts_over_http);

async fn private_answers_are_not_stored(app: TestApp) {
    let no_store = |r: &reqwest::Response| header(r, "cache-control") == Some("no-store");

    // The 201 carries the only copy of the edit token.
    let response = app
        .register(SLUG, &action(BERLIN, "2026-11-05T14:00"))
        .await;
    assert!(no_store(&response), "{:?}", response.headers());
    let r: shared::Registered = ok_status(response, StatusCode::CREATED).await;
    let event = format!("/api/v1/events/{}", r.event.id);

    // A public read may be cached.
    let response = app.get(&event).await;
    assert!(!no_store(&response), "{:?}", response.headers());

    // The same read with the edit token, or with a session cookie, may not.
    let response = app
        .client
        .get(app.url(&event))
        .bearer_auth(&r.edit_token)
        .send()
        .await
        .expect("sent");
    assert!(no_store(&response), "{:?}", response.headers());
    let response = app
        .client
        .get(app.url("/api/v1/campaigns"))
        .header("cookie", "session=anything")
        .send()
        .await
        .expect("sent");
    assert!(no_store(&response), "{:?}", response.headers());

    // Every write, refused ones too.
    let response = app
        .patch(
            r.event.id,
            Some(&r.edit_token),
            Some("\"1\""),
            json!({"title": "New title"}),
        )
        .await;
    assert!(no_store(&response), "{:?}", response.headers());
    let response = app.cancel(r.event.id, "wrong-token").await;
    assert!(no_store(&response), "{:?}", response.headers());
}
api_test!(
    cache_control_no_store_on_private_answers,
    private_answers_are_not_stored
);

/// Expects `status`; decodes the body.
async fn ok_status<T: serde::de::DeserializeOwned>(
    response: reqwest::Response,
    status: StatusCode,
) -> T {
    let got = response.status();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot decode {text}: {e}"))
}

/// A server whose connections must send a header within 1 s and a body
/// without a pause of 1 s.
async fn impatient(backend: tests::Backend) -> TestApp {
    tests::spawn_with(
        backend,
        tests::Options {
            header_read_timeout_seconds: 1,
            body_read_timeout_seconds: 1,
            ..Default::default()
        },
    )
    .await
}

/// Sends `request`, then reads until the server closes the connection; fails
/// if that takes longer than `bound`. Returns what was read.
async fn closed_within(app: &TestApp, request: &[u8], bound: Duration) -> String {
    let mut stream = TcpStream::connect(app.address).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut received = Vec::new();
    let read = tokio::time::timeout(bound, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    let text = String::from_utf8_lossy(&received).into_owned();
    assert!(
        read.is_ok(),
        "connection still open after {bound:?}: {text}"
    );
    text
}

async fn slow_and_idle_connections(backend: tests::Backend) {
    let app = impatient(backend).await;
    let bound = Duration::from_secs(5);

    // Connects and says nothing.
    closed_within(&app, b"", bound).await;

    // Half a header, then silence (slowloris).
    closed_within(
        &app,
        b"GET /healthz HTTP/1.1\r\nHost: example\r\nX-Slow: ",
        bound,
    )
    .await;

    // A kept-alive connection that goes idle after its answer.
    let text = closed_within(
        &app,
        b"GET /healthz HTTP/1.1\r\nHost: example\r\n\r\n",
        bound,
    )
    .await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");

    // A body that stops halfway: 408 in our JSON shape.
    let text = closed_within(
        &app,
        format!(
            "POST /api/v1/campaigns/{SLUG}/events HTTP/1.1\r\nHost: example\r\n\
             Content-Type: application/json\r\nContent-Length: 200\r\nConnection: close\r\n\r\n\
             {{\"title\": \"Ral"
        )
        .as_bytes(),
        bound,
    )
    .await;
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"request_timeout\""), "{text}");

    // The server still answers.
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}
on_both!(
    slow_and_idle_connections_are_closed,
    slow_and_idle_connections
);

#[tokio::test]
async fn postgres_connections_carry_a_statement_timeout() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

    let database = tests::backends::Database::create(tests::Backend::Postgres).await;
    let show = |db: sea_orm::DatabaseConnection| async move {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SHOW statement_timeout",
            ))
            .await
            .expect("SHOW")
            .expect("a row");
        row.try_get::<String>("", "statement_timeout")
            .expect("setting")
    };
    let db = server::db::connect_with(&database.url, Some(Duration::from_secs(1)))
        .await
        .expect("connect");
    assert_eq!(show(db.clone()).await, "1s");
    let slow = db
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_sleep(3)",
        ))
        .await;
    assert!(slow.is_err(), "a 3 s statement ran under a 1 s timeout");
    db.close().await.expect("close");

    // A transaction left idle does not hold its locks past half of it:
    // PostgreSQL ends the session, and another writer of the row goes on.
    let db = server::db::connect_with(&database.url, Some(Duration::from_secs(2)))
        .await
        .expect("connect");
    let sql = |s: &str| Statement::from_string(DbBackend::Postgres, s.to_string());
    db.execute_raw(sql("CREATE TABLE hot (id int PRIMARY KEY, n int)"))
        .await
        .expect("table");
    db.execute_raw(sql("INSERT INTO hot VALUES (1, 0)"))
        .await
        .expect("row");
    let held = db.begin().await.expect("begin");
    held.execute_raw(sql("UPDATE hot SET n = n + 1 WHERE id = 1"))
        .await
        .expect("update");
    // Left idle: its task is not driven while the other writer waits.
    let started = std::time::Instant::now();
    db.execute_raw(sql("UPDATE hot SET n = n + 10 WHERE id = 1"))
        .await
        .expect("the second writer waited out the first one's idle limit");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the row was not held: {:?}",
        started.elapsed()
    );
    let ended = held.commit().await;
    assert!(ended.is_err(), "the idle transaction still committed");
    assert!(
        server::outage::of(&ended.expect_err("ended")).is_some(),
        "an ended session is an outage (503), not a 500"
    );
    db.close().await.expect("close");

    // Migrations and the command line run without it.
    let db = server::db::connect(&database.url).await.expect("connect");
    assert_eq!(show(db.clone()).await, "0");
    db.close().await.expect("close");
}

/// A transaction whose start is given up half-way (its request timed out,
/// its client left) leaves no connection inside a `BEGIN` that nobody will
/// end: the pool would hand it out again, and a write on it would never
/// commit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_given_up_while_starting_leaves_no_connection_inside_it() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let database = tests::backends::Database::create(tests::Backend::Postgres).await;
    let name = database.postgres_name().expect("a PostgreSQL database");
    let db = server::db::connect(&database.url).await.expect("connect");
    let admin = sea_orm::Database::connect(tests::backends::postgres_admin_url())
        .await
        .expect("admin connection");
    let open_transactions = || {
        let admin = &admin;
        async move {
            let row = admin
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT count(*) AS n FROM pg_stat_activity \
                     WHERE datname = $1 AND state LIKE 'idle in transaction%'",
                    [name.into()],
                ))
                .await
                .expect("pg_stat_activity")
                .expect("a row");
            row.try_get::<i64>("", "n").expect("count")
        }
    };
    // Give up at every moment of a start: waiting for a connection, the
    // `BEGIN` on its way, its answer on its way back. A timer is too coarse
    // (1 ms) for that; turns of the scheduler are not.
    async fn turns(n: u32) {
        for _ in 0..n {
            tokio::task::yield_now().await;
        }
    }
    let mut given_up = 0;
    for step in 0..400u32 {
        tokio::select! {
            txn = server::db::begin_write(&db) => drop(txn.expect("begin")),
            () = turns(step * 25) => given_up += 1,
        }
        let settled = tokio::time::Instant::now() + Duration::from_secs(2);
        while open_transactions().await > 0 {
            assert!(
                tokio::time::Instant::now() < settled,
                "a connection stayed inside a transaction after a start given up \
                 {step} turns in"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    assert!(
        given_up > 0,
        "no start was given up; the test tested nothing"
    );
    db.close().await.expect("close");
}
