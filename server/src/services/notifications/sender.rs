//! Delivers the outbox through SMTP (`SMTP_URL`), on every replica at once:
//! each message is claimed by one (a conditional update that moves its
//! `next_attempt_at` forward, so the others find it not due), sent, and
//! marked sent, or its error kept and tried again later with a growing
//! pause, at most `MAX_ATTEMPTS` times. Without `SMTP_URL` the messages
//! stay, each noted once as not sent, for admins to read.

use std::time::Duration;

use chrono::Utc;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{DatabaseConnection, DbErr};

use crate::config::Secret;
use crate::entities::outbox;
use crate::storage::outbox::{self as store, MAX_ATTEMPTS};

/// How often each replica looks for due messages.
const TICK: Duration = Duration::from_secs(2);
/// How long a claimed message is left to the replica that claimed it (if
/// that one dies while sending, another tries after this).
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Messages sent at most per tick.
const BATCH: usize = 100;

pub const NO_SMTP: &str = "not sent: no SMTP_URL configured";

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// `smtp://` to a host other than this machine sends nothing in clear: it
/// needs STARTTLS unless the URL says otherwise (`?tls=opportunistic`).
/// `smtps://` (TLS from the start) and loopback servers are left as given.
pub fn effective_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    let loopback = match parsed.host() {
        // `smtp:` is not a special scheme to `url`: an IP address is a domain.
        Some(url::Host::Domain(d)) => {
            d == "localhost"
                || d.trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let has_tls = parsed.query_pairs().any(|(k, _)| k == "tls");
    if parsed.scheme() == "smtp" && !loopback && !has_tls {
        parsed.query_pairs_mut().append_pair("tls", "required");
    }
    parsed.to_string()
}

/// Starts the sender of this process. `mail_from` is `MAIL_FROM`.
pub fn spawn_sender(db: DatabaseConnection, smtp: Option<Secret>, mail_from: String) {
    tokio::spawn(async move {
        let transport = match smtp {
            None => None,
            Some(url) => match Transport::from_url(&effective_url(url.expose())) {
                Ok(builder) => Some(builder.timeout(Some(Duration::from_secs(30))).build()),
                Err(e) => {
                    tracing::error!(error = %e, "SMTP_URL cannot be used; emails stay in the outbox");
                    None
                }
            },
        };
        let from = match mail_from.parse::<Mailbox>() {
            Ok(from) => Some(from),
            Err(e) => {
                tracing::error!(error = %e, "MAIL_FROM is not an address; emails stay in the outbox");
                None
            }
        };
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let result = match (&transport, &from) {
                (Some(transport), Some(from)) => send_due(&db, transport, from).await,
                _ => store::note_unsent(&db, NO_SMTP).await.map(|_| ()),
            };
            if let Err(e) = result {
                tracing::warn!(error = %e, "outbox: cannot read or update");
            }
        }
    });
}

/// The pause before attempt `attempts + 1`: 30 s, doubling, at most 6 h.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    let seconds = 30i64.saturating_mul(1i64 << exponent).min(6 * 3600);
    chrono::Duration::seconds(seconds)
}

async fn send_due(
    db: &DatabaseConnection,
    transport: &Transport,
    from: &Mailbox,
) -> Result<(), DbErr> {
    for _ in 0..BATCH {
        let now = Utc::now();
        let Some(id) = store::next_due(db, now).await? else {
            return Ok(());
        };
        let Some(message) = store::claim(db, id, now, now + LEASE).await? else {
            // Another replica took it.
            continue;
        };
        deliver(db, transport, from, message).await?;
    }
    Ok(())
}

async fn deliver(
    db: &DatabaseConnection,
    transport: &Transport,
    from: &Mailbox,
    message: outbox::Model,
) -> Result<(), DbErr> {
    let attempts = message.attempts + 1;
    let email = match build(from, &message) {
        Ok(email) => email,
        Err(why) => {
            // It will never go: no more attempts.
            tracing::warn!(id = message.id, "outbox: message cannot be sent: {why}");
            return store::mark_failed(db, message.id, MAX_ATTEMPTS, &why, Utc::now()).await;
        }
    };
    match transport.send(email).await {
        Ok(_) => {
            tracing::info!(id = message.id, "outbox: sent");
            store::mark_sent(db, message.id, Utc::now()).await
        }
        Err(e) => {
            let why = format!("attempt {attempts}: {e}");
            // A mail server's reply often quotes the recipient: it is kept
            // in the outbox (for admins), and the log gets its kind only.
            let kind = if e.is_permanent() {
                "refused"
            } else if e.is_transient() {
                "deferred"
            } else if e.is_timeout() {
                "timeout"
            } else {
                "failed"
            };
            let code = e.status().map(|c| c.to_string());
            tracing::warn!(id = message.id, attempts, kind, code, "outbox: not sent");
            let retry_at = Utc::now() + backoff(attempts);
            store::mark_failed(db, message.id, attempts, &why, retry_at).await
        }
    }
}

fn build(from: &Mailbox, message: &outbox::Model) -> Result<Message, String> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e| format!("not sent: the recipient is not an address ({e})"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.replace(['\r', '\n'], " "))
        .header(ContentType::TEXT_PLAIN)
        .body(message.body.clone())
        .map_err(|e| format!("not sent: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_plain_smtp_needs_starttls() {
        assert_eq!(
            effective_url("smtp://user:pass@mail.example.org:587"),
            "smtp://user:pass@mail.example.org:587?tls=required"
        );
        assert_eq!(
            effective_url("smtp://mail.example.org:587?tls=opportunistic"),
            "smtp://mail.example.org:587?tls=opportunistic"
        );
        assert_eq!(
            effective_url("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            effective_url("smtps://u:p@mail.example.org"),
            "smtps://u:p@mail.example.org"
        );
    }

    #[test]
    fn the_pause_grows_and_stops_growing() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(5).num_seconds(), 480);
        assert_eq!(backoff(9).num_seconds(), 7680);
        assert_eq!(backoff(11).num_seconds(), 6 * 3600);
    }

    #[tokio::test]
    async fn without_smtp_a_message_stays_noted_once() {
        let (db, dir) = crate::db::scratch_sqlite("outbox").await;
        super::super::enqueue(&db, "a@example.org", "Hello", "Body")
            .await
            .expect("queued");
        assert_eq!(store::note_unsent(&db, NO_SMTP).await.expect("noted"), 1);
        assert_eq!(store::note_unsent(&db, NO_SMTP).await.expect("noted"), 0);
        let rows = store::newest(&db, 10).await.expect("rows");
        assert_eq!(rows[0].last_error.as_deref(), Some(NO_SMTP));
        assert!(rows[0].sent_at.is_none());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn a_message_is_claimed_once() {
        let (db, dir) = crate::db::scratch_sqlite("claim").await;
        super::super::enqueue(&db, "a@example.org", "Hello", "Body")
            .await
            .expect("queued");
        let now = Utc::now() + chrono::Duration::seconds(1);
        let id = store::next_due(&db, now).await.expect("read").expect("due");
        assert!(
            store::claim(&db, id, now, now + LEASE)
                .await
                .expect("claim")
                .is_some()
        );
        assert!(
            store::claim(&db, id, now, now + LEASE)
                .await
                .expect("claim")
                .is_none()
        );
        assert_eq!(store::next_due(&db, now).await.expect("read"), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
