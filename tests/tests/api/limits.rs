//! Limits: the rate of writes.

use reqwest::StatusCode;
use tests::places::BERLIN;
use tests::{SLUG, action, error_of};

mod rate_limit {
    use super::*;

    async fn writes_are_limited(backend: tests::Backend) {
        let app = tests::spawn_with(
            backend,
            tests::Options {
                write_rate_per_minute: 3,
                ..Default::default()
            },
        )
        .await;
        for _ in 0..3 {
            app.registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
                .await;
        }
        let response = app
            .register(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        assert!(response.headers().contains_key("retry-after"));
        let e = error_of(response, StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(e.error.code, "rate_limited");
        // Reads are not limited.
        assert_eq!(app.list(SLUG, "").await.total, 3);
    }

    #[tokio::test]
    async fn sqlite() {
        writes_are_limited(tests::Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        writes_are_limited(tests::Backend::Postgres).await;
    }
}
