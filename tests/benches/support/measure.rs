//! Timing over HTTP: the server's own time from its `Server-Timing` header
//! (`app;dur=<ms>`, the handler and its layers, no network), and the client's
//! round trip around it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, bail};
use reqwest::{Client, Response, StatusCode};
use serde::Deserialize;
use shared::RegisterEvent;

/// Percentiles of a set of milliseconds (nearest rank).
#[derive(Debug, Clone, Copy, Default)]
pub struct Spread {
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
            sorted.get(i - 1).copied().unwrap_or(f64::NAN)
        };
        Spread {
            p50: rank(0.50),
            p99: rank(0.99),
            max: sorted.last().copied().unwrap_or(f64::NAN),
        }
    }
}

/// One query kind's figures.
pub struct QueryFigures {
    pub server: Spread,
    pub round_trip: Spread,
    /// Mean number of matches (`total` of an event list, places returned).
    pub mean_matches: Option<f64>,
}

fn server_ms(response: &Response) -> anyhow::Result<f64> {
    let header = response
        .headers()
        .get("server-timing")
        .context("no Server-Timing header")?
        .to_str()?;
    header
        .split(';')
        .find_map(|part| part.trim().strip_prefix("dur="))
        .and_then(|ms| ms.parse().ok())
        .with_context(|| format!("unreadable Server-Timing: {header}"))
}

/// What the bench reads from a body: how many matched.
#[derive(Deserialize)]
struct Matches {
    total: Option<u64>,
    places: Option<Vec<serde_json::Value>>,
}

impl Matches {
    fn count(&self) -> Option<f64> {
        self.total
            .map(|t| t as f64)
            .or_else(|| self.places.as_ref().map(|p| p.len() as f64))
    }
}

/// GETs `path`, expects 200; returns (server ms, round-trip ms, matches).
pub async fn timed_get(
    client: &Client,
    base: &str,
    path: &str,
) -> anyhow::Result<(f64, f64, Option<f64>)> {
    let started = Instant::now();
    let response = client.get(format!("{base}{path}")).send().await?;
    let status = response.status();
    let server = server_ms(&response)?;
    let body = response.bytes().await?;
    let round_trip = started.elapsed().as_secs_f64() * 1000.0;
    if status != StatusCode::OK {
        bail!("GET {path}: {status}: {}", String::from_utf8_lossy(&body));
    }
    let matches = serde_json::from_slice::<Matches>(&body)
        .ok()
        .and_then(|m| m.count());
    Ok((server, round_trip, matches))
}

/// GETs `path` taking gzip, as a browser does, and expects 200; returns
/// (server ms, round-trip ms) and the bytes sent.
pub async fn timed_gzip_get(
    client: &Client,
    base: &str,
    path: &str,
) -> anyhow::Result<((f64, f64, Option<f64>), usize)> {
    let started = Instant::now();
    let response = client
        .get(format!("{base}{path}"))
        .header("accept-encoding", "gzip")
        .send()
        .await?;
    let status = response.status();
    let server = server_ms(&response)?;
    let body = response.bytes().await?;
    let round_trip = started.elapsed().as_secs_f64() * 1000.0;
    if status != StatusCode::OK {
        bail!("GET {path}: {status}");
    }
    Ok(((server, round_trip, None), body.len()))
}

/// `warmup` unmeasured requests, then `count` measured ones, one at a time;
/// `path` gives each request's path.
pub async fn run_queries(
    client: &Client,
    base: &str,
    warmup: usize,
    count: usize,
    mut path: impl FnMut() -> String,
) -> anyhow::Result<QueryFigures> {
    for _ in 0..warmup {
        timed_get(client, base, &path()).await?;
    }
    let mut samples = Samples::default();
    for _ in 0..count {
        samples.push(timed_get(client, base, &path()).await?);
    }
    Ok(samples.figures())
}

/// Measurements of one query kind, as they come.
#[derive(Default)]
pub struct Samples {
    server: Vec<f64>,
    round_trip: Vec<f64>,
    matches: Vec<f64>,
}

impl Samples {
    pub fn push(&mut self, (server, round_trip, matches): (f64, f64, Option<f64>)) {
        self.server.push(server);
        self.round_trip.push(round_trip);
        self.matches.extend(matches);
    }

    pub fn figures(&self) -> QueryFigures {
        QueryFigures {
            server: Spread::of(&self.server),
            round_trip: Spread::of(&self.round_trip),
            mean_matches: (!self.matches.is_empty())
                .then(|| self.matches.iter().sum::<f64>() / self.matches.len() as f64),
        }
    }
}

pub struct Registrations {
    pub accepted: usize,
    /// 422: the rules refused the generated body (counted, skipped).
    pub refused: usize,
    pub seconds: f64,
    pub server: Spread,
    /// The same without the first [`REGISTRATIONS_WARMING`]: those arrive at
    /// a server that just started, whose pool opens its connections and
    /// prepares its statements while they wait.
    pub server_warm: Spread,
}

/// Registrations counted as a server's first.
pub const REGISTRATIONS_WARMING: usize = 100;

/// POSTs every body with `concurrency` requests in flight.
pub async fn register_all(
    client: &Client,
    base: &str,
    slug: &str,
    bodies: Vec<RegisterEvent>,
    concurrency: usize,
) -> anyhow::Result<Registrations> {
    let bodies = Arc::new(bodies);
    let next = Arc::new(AtomicUsize::new(0));
    let url: Arc<str> = format!("{base}/api/v1/campaigns/{slug}/events").into();
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, bodies, next, url) =
                (client.clone(), bodies.clone(), next.clone(), url.clone());
            tokio::spawn(async move {
                let mut seen: Vec<(usize, StatusCode, f64)> = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(body) = bodies.get(i) else {
                        return anyhow::Ok(seen);
                    };
                    let response = client.post(&*url).json(body).send().await?;
                    let status = response.status();
                    let server = server_ms(&response)?;
                    let text = response.text().await?;
                    if status != StatusCode::CREATED && status != StatusCode::UNPROCESSABLE_ENTITY {
                        bail!("registration {i}: {status}: {text}");
                    }
                    seen.push((i, status, server));
                }
            })
        })
        .collect();
    let mut seen = Vec::with_capacity(bodies.len());
    for worker in workers {
        seen.extend(worker.await??);
    }
    let seconds = started.elapsed().as_secs_f64();
    let accepted = seen
        .iter()
        .filter(|(_, s, _)| *s == StatusCode::CREATED)
        .count();
    let times: Vec<f64> = seen.iter().map(|(_, _, ms)| *ms).collect();
    let warm: Vec<f64> = seen
        .iter()
        .filter(|(i, _, _)| *i >= REGISTRATIONS_WARMING)
        .map(|(_, _, ms)| *ms)
        .collect();
    Ok(Registrations {
        accepted,
        refused: seen.len() - accepted,
        seconds,
        server: Spread::of(&times),
        server_warm: Spread::of(&warm),
    })
}
