//! SIGTERM: the server says it is going (`/healthz` 503, live streams end)
//! while it still serves for the drain, then stops accepting, lets the
//! request in flight finish, cuts the one that does not within the grace,
//! and exits 0.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tests::live::EventStream;
use tests::places::BERLIN;
use tests::{Backend, SLUG, action};

use crate::support::{Site, serve};

const DRAIN: Duration = Duration::from_secs(3);
const GRACE: Duration = Duration::from_secs(5);

/// A registration whose body arrives in two parts, on a connection of its
/// own: in flight for as long as the test holds back the second part.
struct SlowRegistration {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl SlowRegistration {
    fn begin(base: &str, title: &str) -> SlowRegistration {
        let address = base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).expect("connected");
        let mut body = action(BERLIN, "2026-11-05T14:00");
        body.title = Some(title.into());
        let body = serde_json::to_vec(&body).expect("json");
        let head = format!(
            "POST /api/v1/campaigns/{SLUG}/events HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let (first, rest) = body.split_at(body.len() / 2);
        stream.write_all(head.as_bytes()).expect("head sent");
        stream.write_all(first).expect("first half sent");
        SlowRegistration {
            stream,
            rest: rest.to_vec(),
        }
    }

    /// Sends the rest and returns the status line of the answer.
    fn finish(mut self) -> String {
        self.stream.write_all(&self.rest).expect("second half sent");
        self.stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let mut answer = Vec::new();
        let _ = self.stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        answer.lines().next().unwrap_or_default().to_string()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_then_finishes_in_flight_requests_and_exits_0() {
    let site = Site::new(Backend::Sqlite).await;
    let drain = DRAIN.as_secs().to_string();
    let grace = GRACE.as_secs().to_string();
    let mut server = serve(
        site.url(),
        &[
            ("SHUTDOWN_DRAIN_SECONDS", drain.as_str()),
            ("SHUTDOWN_GRACE_SECONDS", grace.as_str()),
            // The stuck body must be cut by the grace, not by this.
            ("BODY_READ_TIMEOUT_SECONDS", "60"),
        ],
    )
    .await;
    let client = reqwest::Client::new();
    let mut live = EventStream::open(
        &client,
        &server.url(&format!("/api/v1/campaigns/{SLUG}/live")),
        None,
    )
    .await;
    live.next_named("stats", Duration::from_secs(5))
        .await
        .expect("first counters");
    let base = server.base.clone();
    let (in_flight, stuck) = tokio::task::spawn_blocking(move || {
        (
            SlowRegistration::begin(&base, "Registered while the server drains"),
            SlowRegistration::begin(&base, "Never sent in full"),
        )
    })
    .await
    .expect("slow registrations");

    server.signal("TERM");
    let signalled = Instant::now();

    // The live stream ends at once (well before the drain is over).
    let ended = live.next(DRAIN).await;
    assert!(ended.is_none(), "the stream went on: {ended:?}");
    assert!(
        signalled.elapsed() < DRAIN,
        "the stream ended only after the drain"
    );

    // The health check says it is going; everything else is still served.
    let health = client
        .get(server.url("/healthz"))
        .send()
        .await
        .expect("health during the drain");
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    let stats = client
        .get(server.url(&format!("/api/v1/campaigns/{SLUG}/stats")))
        .send()
        .await
        .expect("a read during the drain");
    assert_eq!(stats.status(), StatusCode::OK);
    assert!(
        signalled.elapsed() < DRAIN,
        "the checks took the whole drain"
    );

    // After the drain no new connection is taken.
    let address = server.base.trim_start_matches("http://").to_string();
    let refused_by = signalled + DRAIN + Duration::from_secs(2);
    while TcpStream::connect(&address).is_ok() {
        assert!(
            Instant::now() < refused_by,
            "still accepting after the drain"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        signalled.elapsed() >= DRAIN - Duration::from_millis(200),
        "stopped accepting before the drain was over ({:?})",
        signalled.elapsed()
    );

    // The request in flight still gets its answer; the one whose body never
    // comes is cut at the end of the grace, and the process ends.
    let status_line = tokio::task::spawn_blocking(move || in_flight.finish())
        .await
        .expect("in-flight answer");
    assert!(status_line.contains(" 201 "), "{status_line}");
    let exit = server
        .exit_within(GRACE + Duration::from_secs(2))
        .await
        .expect("the process ends within the grace");
    assert!(exit.success(), "{exit}");
    let ended = signalled.elapsed();
    assert!(
        ended >= DRAIN + GRACE - Duration::from_millis(500)
            && ended < DRAIN + GRACE + Duration::from_secs(2),
        "ended {ended:?} after the signal; drain {DRAIN:?}, grace {GRACE:?}"
    );
    drop(stuck);
    assert_eq!(site.events().await.len(), 1);
}
