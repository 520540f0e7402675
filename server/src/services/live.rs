//! Live updates: after a change of a campaign commits, its readers are told,
//! in every server process. On PostgreSQL the news goes through
//! `NOTIFY doa_live` and each process's listener passes it to its
//! subscribers (so a change made through one replica reaches the readers of
//! all); on SQLite, where there is one process, straight to the subscribers.
//!
//! A change is public (the public counters or list moved) or private (only
//! organisers see it: a submission held for review). Public readers hear of
//! public changes only, so that a held-back submission cannot be timed.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::broadcast;

pub const CHANNEL: &str = "doa_live";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// 0: anything may have changed (the listener reconnected).
    pub campaign_id: i64,
    pub public: bool,
}

impl Change {
    fn encode(self) -> String {
        format!(
            "{}:{}",
            self.campaign_id,
            if self.public { 'p' } else { 'o' }
        )
    }

    fn decode(payload: &str) -> Option<Change> {
        let (id, scope) = payload.split_once(':')?;
        Some(Change {
            campaign_id: id.parse().ok()?,
            public: scope == "p",
        })
    }

    pub fn concerns(self, campaign_id: i64) -> bool {
        self.campaign_id == campaign_id || self.campaign_id == 0
    }
}

#[derive(Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<Change>,
    /// Where announcements go: the database (PostgreSQL) or straight here.
    db: Option<DatabaseConnection>,
}

impl LiveHub {
    pub fn new(db: &DatabaseConnection) -> LiveHub {
        let (sender, _) = broadcast::channel(256);
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        LiveHub {
            sender,
            db: postgres.then(|| db.clone()),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Tells every process that `campaign_id` changed; call after the
    /// change committed. Never fails the change: a lost announcement is
    /// logged, and readers catch up at their next change or reconnection.
    pub fn announce(&self, campaign_id: i64, public: bool) {
        let change = Change {
            campaign_id,
            public,
        };
        match &self.db {
            None => {
                let _ = self.sender.send(change);
            }
            Some(db) => {
                let db = db.clone();
                tokio::spawn(async move {
                    let statement = Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        "SELECT pg_notify($1, $2)",
                        [CHANNEL.into(), change.encode().into()],
                    );
                    if let Err(e) = db.execute_raw(statement).await {
                        tracing::warn!(error = %e, "live update not announced");
                    }
                });
            }
        }
    }

    /// Passes on what PostgreSQL announces, for as long as the process runs.
    /// Each time it starts listening (at start, and after a lost connection)
    /// it tells every subscriber to catch up, since a change may have been
    /// announced while nobody here was listening.
    pub fn spawn_listener(&self, database_url: String) {
        if self.db.is_none() {
            return;
        }
        let sender = self.sender.clone();
        tokio::spawn(async move {
            loop {
                match listen(&database_url, &sender).await {
                    Ok(()) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "live updates: listener lost; reconnecting")
                    }
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

async fn listen(url: &str, sender: &broadcast::Sender<Change>) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    let _ = sender.send(Change {
        campaign_id: 0,
        public: true,
    });
    loop {
        let notification = listener.recv().await?;
        if let Some(change) = Change::decode(notification.payload()) {
            let _ = sender.send(change);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_travel_as_text() {
        for change in [
            Change {
                campaign_id: 42,
                public: true,
            },
            Change {
                campaign_id: 7,
                public: false,
            },
        ] {
            assert_eq!(Change::decode(&change.encode()), Some(change));
        }
        assert_eq!(Change::decode("x:p"), None);
        assert!(Change::decode("0:p").expect("any").concerns(9));
    }
}
