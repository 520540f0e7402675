//! Requests per second with many clients at once, beside the ceiling of this
//! machine: a bare axum handler, in this process, answering a fixed body as
//! large as the list's, measured in the same run.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use reqwest::{Client, StatusCode};

/// Clients in flight, and how long each measurement runs.
pub const CLIENTS: usize = 32;
pub const SPAN: Duration = Duration::from_secs(3);

/// A read at no less than this share of the bare handler's rate.
pub const TARGET_SHARE: f64 = 0.25;

pub struct Rate {
    pub name: String,
    pub per_second: f64,
}

/// GETs `url` from `CLIENTS` clients for `SPAN`; every answer must be a 200.
pub async fn measure(client: &Client, url: &str) -> anyhow::Result<f64> {
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let url: Arc<str> = url.into();
    let started = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, done, stop, url) =
                (client.clone(), done.clone(), stop.clone(), url.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let response = client.get(&*url).send().await?;
                    let status = response.status();
                    response.bytes().await?;
                    if status != StatusCode::OK {
                        bail!("GET {url}: {status}");
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
                anyhow::Ok(())
            })
        })
        .collect();
    tokio::time::sleep(SPAN).await;
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await??;
    }
    Ok(done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64())
}

/// A bare axum server answering `body` at `/`; returns its URL. It runs
/// until the benchmark ends.
pub async fn bare_handler(body: bytes::Bytes) -> anyhow::Result<String> {
    let router = axum::Router::new().route(
        "/",
        axum::routing::get(move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(format!("http://{address}/"))
}
