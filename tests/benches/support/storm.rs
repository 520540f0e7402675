//! An export storm: many clients download a campaign export at once (half
//! accept gzip and get the cached copy, half get it decompressed as a
//! stream) while one client lists events, one request after another, and
//! measures how long each takes. Bodies are counted, not kept.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::bail;
use reqwest::{Client, StatusCode};

use super::measure::{Spread, timed_get};
use super::process::{Memory, ServerProcess};

/// List requests timed alone before the storm.
const LIST_ALONE: usize = 50;

pub struct StormFigures {
    pub format: &'static str,
    pub parallel: usize,
    /// The first wave, just after a revision bump: one build, everyone waits.
    pub cold: Spread,
    /// The second wave, served from the cached copy.
    pub warm: Spread,
    /// Body sizes of one request: gzip as sent, and uncompressed.
    pub gzip_bytes: u64,
    pub plain_bytes: u64,
    /// The event list alone just before (round trip), to compare with.
    pub list_idle: Spread,
    /// The event list while the waves ran: server time and round trip.
    pub list_server: Spread,
    pub list_round_trip: Spread,
    pub list_requests: usize,
    /// Resident memory before, and the peak during the storm (the peak is
    /// reset before it when the kernel allows).
    pub idle: Memory,
    pub peak: Memory,
    pub peak_reset: bool,
}

/// One download; returns (round-trip ms, body bytes).
async fn download(client: &Client, url: &str, gzip: bool) -> anyhow::Result<(f64, u64)> {
    let started = Instant::now();
    let mut request = client.get(url);
    if gzip {
        // reqwest here has no gzip decoding: the bytes are counted as sent.
        request = request.header("accept-encoding", "gzip");
    }
    let mut response = request.send().await?;
    if response.status() != StatusCode::OK {
        bail!("GET {url}: {}", response.status());
    }
    let encoded = response.headers().get("content-encoding").is_some();
    if encoded != gzip {
        bail!("GET {url}: gzip asked {gzip}, sent {encoded}");
    }
    let mut bytes = 0u64;
    while let Some(chunk) = response.chunk().await? {
        bytes += chunk.len() as u64;
    }
    Ok((started.elapsed().as_secs_f64() * 1000.0, bytes))
}

/// `parallel` downloads at once; returns their round trips and the sizes.
async fn wave(client: &Client, url: &str, parallel: usize) -> anyhow::Result<(Vec<f64>, u64, u64)> {
    let tasks: Vec<_> = (0..parallel)
        .map(|i| {
            let (client, url) = (client.clone(), url.to_string());
            tokio::spawn(async move {
                let gzip = i % 2 == 0;
                download(&client, &url, gzip).await.map(|r| (gzip, r))
            })
        })
        .collect();
    let (mut times, mut gzip_bytes, mut plain_bytes) = (Vec::new(), 0, 0);
    for task in tasks {
        let (gzip, (ms, bytes)) = task.await??;
        times.push(ms);
        if gzip {
            gzip_bytes = bytes;
        } else {
            plain_bytes = bytes;
        }
    }
    Ok((times, gzip_bytes, plain_bytes))
}

/// Two waves of `parallel` downloads of `export_path` (cold, then warm),
/// with the list measured meanwhile. `bump` makes the cached copy stale first.
pub async fn run(
    server: &ServerProcess,
    format: &'static str,
    export_path: &str,
    list_path: &str,
    parallel: usize,
    bump: impl AsyncFnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<StormFigures> {
    let base = server.base.as_str();
    let client = Client::new();
    bump().await?;
    let mut alone = Vec::new();
    for _ in 0..LIST_ALONE {
        alone.push(timed_get(&client, base, list_path).await?.1);
    }
    let idle = server.memory()?;
    let peak_reset = server.reset_peak_memory();

    let running = Arc::new(AtomicBool::new(true));
    let lister = {
        let (client, base, path, running) = (
            client.clone(),
            base.to_string(),
            list_path.to_string(),
            running.clone(),
        );
        tokio::spawn(async move {
            let mut samples = Vec::new();
            while running.load(Ordering::Relaxed) {
                let (server, round_trip, _) = timed_get(&client, &base, &path).await?;
                samples.push((server, round_trip));
            }
            anyhow::Ok(samples)
        })
    };
    let url = format!("{base}{export_path}");
    let cold = wave(&client, &url, parallel).await;
    let warm = wave(&client, &url, parallel).await;
    running.store(false, Ordering::Relaxed);
    let samples = lister.await??;
    let (cold, _, _) = cold?;
    let (warm, gzip_bytes, plain_bytes) = warm?;
    let server_ms: Vec<f64> = samples.iter().map(|s| s.0).collect();
    let round_trip: Vec<f64> = samples.iter().map(|s| s.1).collect();
    Ok(StormFigures {
        format,
        parallel,
        cold: Spread::of(&cold),
        warm: Spread::of(&warm),
        gzip_bytes,
        plain_bytes,
        list_idle: Spread::of(&alone),
        list_server: Spread::of(&server_ms),
        list_round_trip: Spread::of(&round_trip),
        list_requests: samples.len(),
        idle,
        peak: server.memory()?,
        peak_reset,
    })
}
