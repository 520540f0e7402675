//! A load of registrations, edits and reads, and its ledger: what the
//! clients sent, what the server acknowledged, and the checks that every
//! answer under a fault must pass and that the database must pass after.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::json;
use shared::{ErrorBody, Registered};
use tests::places::BERLIN;
use tests::{SLUG, action};

use crate::support::Site;

/// One answer as the ledger keeps it.
#[derive(Debug)]
pub struct Answer {
    pub started: Instant,
    pub took: Duration,
    /// `None`: no answer (the connection broke, or `bound` ran out).
    pub status: Option<StatusCode>,
    pub what: &'static str,
    /// Why the answer breaks the rules for answers under faults, if it does.
    pub fault: Option<String>,
}

/// Checks an answer against the rules for answers under faults: a 2xx or a
/// 4xx, or a 503 with `Retry-After` and our error body; never another 5xx.
pub fn judge(status: StatusCode, retry_after: bool, body: &str) -> Option<String> {
    if status == StatusCode::SERVICE_UNAVAILABLE {
        if !retry_after {
            return Some(format!("503 without Retry-After: {body}"));
        }
        return match serde_json::from_str::<ErrorBody>(body) {
            Ok(_) => None,
            Err(_) => Some(format!("503 without our error body: {body}")),
        };
    }
    status
        .is_server_error()
        .then(|| format!("{status}: {body}"))
}

/// What clients sent and what the server said.
#[derive(Default)]
pub struct Ledger {
    pub answers: Vec<Answer>,
    /// Registrations answered 201, by title: (id, edit token).
    pub registered: BTreeMap<String, (i64, String)>,
    /// Registrations with no clear answer (503, or none): stored once or not.
    pub unsure: Vec<String>,
    /// By event id: the title and version of its last acknowledged edit,
    /// and whether an edit after it had no clear answer.
    pub edited: HashMap<i64, (String, i32, bool)>,
}

impl Ledger {
    /// The ledger of a finished load (every client done and dropped).
    pub fn of_finished(shared: Arc<Mutex<Ledger>>) -> Ledger {
        Arc::into_inner(shared)
            .expect("every client finished")
            .into_inner()
            .expect("ledger")
    }

    pub fn count(&self, status: StatusCode) -> usize {
        self.answers
            .iter()
            .filter(|a| a.status == Some(status))
            .count()
    }

    pub fn no_answer(&self) -> usize {
        self.answers.iter().filter(|a| a.status.is_none()).count()
    }

    pub fn faults(&self) -> Vec<&Answer> {
        self.answers.iter().filter(|a| a.fault.is_some()).collect()
    }

    pub fn slowest(&self) -> Duration {
        self.answers
            .iter()
            .map(|a| a.took)
            .max()
            .unwrap_or_default()
    }

    /// Every registration answered 201 is stored exactly once; every other
    /// one at most once; the last acknowledged edit of each event is what is
    /// stored, unless a later edit had no clear answer (then that one may be).
    pub async fn verify(&self, site: &Site) {
        let events = site.events().await;
        // An edit keeps the registration's title before " edit ".
        let mut stored: HashMap<&str, Vec<i64>> = HashMap::new();
        for (id, (title, _)) in &events {
            stored.entry(registered_title(title)).or_default().push(*id);
        }
        for (title, (id, _)) in &self.registered {
            assert_eq!(
                stored.get(title.as_str()),
                Some(&vec![*id]),
                "acknowledged registration {title:?}"
            );
        }
        for title in &self.unsure {
            let n = stored.get(title.as_str()).map_or(0, Vec::len);
            assert!(n <= 1, "{title:?} stored {n} times");
        }
        let sent = self.registered.len() + self.unsure.len();
        assert!(events.len() <= sent, "{} stored, {sent} sent", events.len());
        for (id, (title, version, later_unsure)) in &self.edited {
            let (stored_title, stored_version) = events.get(id).expect("edited event");
            if *later_unsure {
                assert!(stored_version >= version, "event {id}: version went back");
            } else {
                assert_eq!(
                    (stored_title, stored_version),
                    (title, version),
                    "event {id}: the acknowledged edit"
                );
            }
        }
    }
}

fn registered_title(title: &str) -> &str {
    title.split(" edit ").next().unwrap_or(title)
}

/// A client's share of a load: registrations, each followed by `edits`
/// edits of the same action, until `stop`; everything goes in the ledger.
pub struct Writer {
    pub client: Client,
    pub base: String,
    pub name: String,
    pub edits: usize,
    pub ledger: Arc<Mutex<Ledger>>,
}

impl Writer {
    pub async fn run(self, stop: Arc<AtomicBool>) {
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) {
            n += 1;
            let title = format!("{} action {n}", self.name);
            if let Some(r) = self.register(&title).await {
                let mut version = r.event.version;
                for k in 1..=self.edits {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let edited = format!("{title} edit {k}");
                    match self.edit(r.event.id, &r.edit_token, version, &edited).await {
                        Some(v) => version = v,
                        None => break,
                    }
                }
            }
        }
    }

    fn record(&self, answer: Answer) {
        self.ledger.lock().expect("ledger").answers.push(answer);
    }

    /// The registration, if it was answered 201.
    pub async fn register(&self, title: &str) -> Option<Registered> {
        let mut body = action(BERLIN, "2026-11-05T14:00");
        body.title = Some(title.to_string());
        let started = Instant::now();
        let sent = self
            .client
            .post(format!("{}/api/v1/campaigns/{SLUG}/events", self.base))
            .json(&body)
            .send()
            .await;
        let (status, text, fault) = read(sent).await;
        self.record(Answer {
            started,
            took: started.elapsed(),
            status,
            what: "register",
            fault,
        });
        let mut ledger = self.ledger.lock().expect("ledger");
        if status == Some(StatusCode::CREATED) {
            let r: Registered = serde_json::from_str(&text).expect("Registered");
            ledger
                .registered
                .insert(title.to_string(), (r.event.id, r.edit_token.clone()));
            Some(r)
        } else {
            ledger.unsure.push(title.to_string());
            None
        }
    }

    /// The new version if the edit was answered 200; `None` otherwise (the
    /// action is left alone from then on).
    async fn edit(&self, id: i64, token: &str, version: i32, title: &str) -> Option<i32> {
        let started = Instant::now();
        let sent = self
            .client
            .patch(format!("{}/api/v1/events/{id}", self.base))
            .bearer_auth(token)
            .header("If-Match", format!("\"{version}\""))
            .json(&json!({ "title": title }))
            .send()
            .await;
        let (status, text, fault) = read(sent).await;
        self.record(Answer {
            started,
            took: started.elapsed(),
            status,
            what: "edit",
            fault,
        });
        let mut ledger = self.ledger.lock().expect("ledger");
        if status == Some(StatusCode::OK) {
            let event: shared::Event = serde_json::from_str(&text).expect("Event");
            ledger
                .edited
                .insert(id, (title.to_string(), event.version, false));
            Some(event.version)
        } else {
            if let Some(last) = ledger.edited.get_mut(&id) {
                last.2 = true;
            } else {
                // No acknowledged edit yet: the registration's own version
                // is the floor.
                ledger.edited.insert(id, (String::new(), version, true));
            }
            None
        }
    }
}

/// Reads an answer: its status, its body, and what breaks the rules in it.
async fn read(
    sent: reqwest::Result<reqwest::Response>,
) -> (Option<StatusCode>, String, Option<String>) {
    match sent {
        Ok(response) => {
            let status = response.status();
            let retry_after = response.headers().contains_key("retry-after");
            match response.text().await {
                Ok(text) => {
                    let fault = judge(status, retry_after, &text);
                    (Some(status), text, fault)
                }
                Err(e) => (None, String::new(), Some(format!("body cut: {e}"))),
            }
        }
        Err(e) => (None, String::new(), Some(format!("no answer: {e}"))),
    }
}

/// Readers of what the public reads most, until `stop`; answers go in the
/// ledger.
pub async fn read_loop(
    client: Client,
    base: String,
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
) {
    let paths = [
        format!("/api/v1/campaigns/{SLUG}"),
        format!("/api/v1/campaigns/{SLUG}/events?limit=50"),
        format!("/api/v1/campaigns/{SLUG}/stats"),
        format!("/api/v1/campaigns/{SLUG}/events?near=52.52,13.40&within_km=50&limit=10"),
    ];
    let mut n = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let path = &paths[n % paths.len()];
        n += 1;
        let started = Instant::now();
        let sent = client.get(format!("{base}{path}")).send().await;
        let (status, _, fault) = read(sent).await;
        ledger.lock().expect("ledger").answers.push(Answer {
            started,
            took: started.elapsed(),
            status,
            what: "read",
            fault,
        });
    }
}

/// `writers` writers (each registering and editing twice, named
/// `<prefix><n>`) and `readers` readers against `base`, until `stop`; every
/// answer within `bound` or counted as unanswered, all in `ledger`.
pub fn start_load(
    base: &str,
    prefix: &str,
    (writers, readers): (usize, usize),
    bound: Duration,
    ledger: &Arc<Mutex<Ledger>>,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut tasks: Vec<_> = (0..writers)
        .map(|i| {
            let writer = Writer {
                client: crate::support::client(bound),
                base: base.to_string(),
                name: format!("{prefix}{i}"),
                edits: 2,
                ledger: ledger.clone(),
            };
            tokio::spawn(writer.run(stop.clone()))
        })
        .collect();
    tasks.extend((0..readers).map(|_| {
        tokio::spawn(read_loop(
            crate::support::client(bound),
            base.to_string(),
            ledger.clone(),
            stop.clone(),
        ))
    }));
    tasks
}
