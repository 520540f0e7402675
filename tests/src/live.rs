//! Reading server-sent events in tests, and a second server process on a
//! test's database (to see live updates cross from one replica to another).

use std::time::Duration;

pub use crate::process::{ServerProcess, server_binary};

/// An open `text/event-stream` response.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

impl EventStream {
    pub async fn open(client: &reqwest::Client, url: &str, cookie: Option<&str>) -> EventStream {
        let mut request = client.get(url);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("stream opened");
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(kind.starts_with("text/event-stream"), "{kind}");
        EventStream {
            response,
            buffer: String::new(),
        }
    }

    /// The next event (`(name, data)`) within `within`, or `None`.
    pub async fn next(&mut self, within: Duration) -> Option<(String, String)> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push(v.trim_start().to_string());
                    }
                }
                if data.is_empty() {
                    continue; // a keep-alive comment
                }
                return Some((name, data.join("\n")));
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next event called `name` within `within` (others are skipped).
    pub async fn next_named(&mut self, name: &str, within: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let (n, data) = self.next(left).await?;
            if n == name {
                return Some(data);
            }
        }
    }
}
