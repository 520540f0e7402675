//! Leaving without dropping anyone. On SIGTERM or Ctrl-C the server first
//! says that it is going while it still serves: `/healthz` answers 503, so
//! that a load balancer takes it out of rotation, and live streams end, so
//! that their readers reconnect (through the balancer, to another replica).
//! After `SHUTDOWN_DRAIN_SECONDS` it stops accepting connections and gives
//! the open requests up to `SHUTDOWN_GRACE_SECONDS` to finish (`serve`);
//! then the process exits. A second signal cuts the drain short.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

/// Whether the server is draining, shared by everything that acts on it.
#[derive(Clone)]
pub struct Draining(Arc<watch::Sender<bool>>);

impl Default for Draining {
    fn default() -> Self {
        Draining(Arc::new(watch::Sender::new(false)))
    }
}

impl Draining {
    pub fn begin(&self) {
        self.0.send_replace(true);
    }

    pub fn is_draining(&self) -> bool {
        *self.0.borrow()
    }

    /// Completes once draining has begun (at once if it has).
    pub async fn begun(&self) {
        let mut watching = self.0.subscribe();
        let _ = watching.wait_for(|draining| *draining).await;
    }
}

/// Completes when the process is asked to stop and the drain is over: the
/// `shutdown` of `serve`.
pub async fn on_signal(draining: Draining, drain: Duration) {
    signal().await;
    tracing::info!(
        drain_seconds = drain.as_secs_f64(),
        "shutting down: draining"
    );
    draining.begin();
    tokio::select! {
        () = tokio::time::sleep(drain) => {},
        () = signal() => tracing::info!("second signal: drain cut short"),
    }
}

/// SIGTERM (what orchestrators send) or Ctrl-C.
async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiters_hear_that_draining_began() {
        let draining = Draining::default();
        assert!(!draining.is_draining());
        let waiter = tokio::spawn({
            let draining = draining.clone();
            async move { draining.begun().await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiter.is_finished());
        draining.begin();
        tokio::time::timeout(Duration::from_secs(1), waiter)
            .await
            .expect("heard in time")
            .expect("waiter");
        assert!(draining.is_draining());
        // Late comers do not wait.
        tokio::time::timeout(Duration::from_millis(100), draining.begun())
            .await
            .expect("at once");
    }
}
