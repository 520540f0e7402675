//! Logging in and out. A session is a random token in an `HttpOnly` cookie;
//! the database keeps only its hash, with a CSRF token that every write made
//! with the cookie must send back. Sessions end after `IDLE` without use and
//! at the latest `ABSOLUTE` after login, and at once on logout or when the
//! account is disabled.

use std::net::IpAddr;

use chrono::{Duration, Utc};
use serde_json::json;
use shared::{Login, SessionInfo};
use subtle::ConstantTimeEq;

use super::access::{Grant, Viewer};
use super::{password, profile};
use crate::domain::token;
use crate::entities::session;
use crate::services::audit::{self, Actor};
use crate::services::{ServiceError, ServiceResult, Services};
use crate::storage;

pub const IDLE: Duration = Duration::hours(2);
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The cookie's value: shown to the browser once, stored only hashed.
#[derive(Debug, Clone)]
pub struct SessionToken(pub String);

/// One answer for an unknown email, a wrong password and a disabled account.
fn refused() -> ServiceError {
    ServiceError::Unauthorized("wrong email or password".into())
}

fn expired() -> ServiceError {
    ServiceError::Unauthorized("log in: your session has ended".into())
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn login(
    services: &Services,
    login: Login,
    client: Option<IpAddr>,
) -> ServiceResult<(SessionToken, SessionInfo)> {
    let email = normalise_email(&login.email);
    services
        .login_throttle
        .attempt(&email, client)
        .map_err(|wait| ServiceError::TooMany {
            message: format!("too many login attempts; try again in {wait} s"),
            retry_after_secs: wait,
        })?;
    let account = storage::accounts::organiser_by_email(&services.db, &email).await?;
    // Verify against a decoy when there is no account, so that the time
    // taken does not tell whether the email has one.
    let stored = account
        .as_ref()
        .map_or(password::decoy(), |a| a.password_hash.as_str())
        .to_string();
    let attempt = login.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&attempt, &stored))
        .await
        .unwrap_or(false);
    let Some(account) = account.filter(|a| matches && a.disabled_at.is_none()) else {
        return Err(refused());
    };
    start(services, account.id).await
}

/// A new session for `organiser_id` (after a login or an accepted invitation).
pub async fn start(
    services: &Services,
    organiser_id: i64,
) -> ServiceResult<(SessionToken, SessionInfo)> {
    let (cookie, id_hash) = token::generate();
    let (csrf_token, _) = token::generate();
    let now = Utc::now();
    let txn = crate::db::begin_write(&services.write_db).await?;
    storage::accounts::insert_session(
        &txn,
        session::Model {
            id: id_hash,
            organiser_id,
            created_at: now,
            expires_at: now + ABSOLUTE,
            csrf_token: csrf_token.clone(),
            last_seen_at: Some(now),
        },
    )
    .await?;
    audit::record_account(&txn, Actor::Organiser(organiser_id), "login", json!({})).await?;
    txn.commit().await?;
    let account = storage::accounts::organiser(&services.db, organiser_id).await?;
    let organiser = profile::view(&services.db, &account).await?;
    Ok((
        SessionToken(cookie),
        SessionInfo {
            organiser,
            csrf_token,
        },
    ))
}

/// The organiser behind a session cookie, if the session is alive and the
/// account enabled. `csrf` is checked when given (writes): a missing or
/// wrong one is a 403.
pub async fn resume(
    services: &Services,
    cookie: &str,
    csrf: Option<Option<&str>>,
) -> ServiceResult<Viewer> {
    let id_hash = token::hash(cookie);
    let Some(row) = storage::accounts::session(&services.db, &id_hash).await? else {
        return Err(expired());
    };
    let now = Utc::now();
    let last_seen = row.last_seen_at.unwrap_or(row.created_at);
    if row.expires_at <= now || last_seen + IDLE <= now {
        storage::accounts::delete_session(&services.db, &id_hash).await?;
        return Err(expired());
    }
    if let Some(sent) = csrf {
        let ok = sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(row.csrf_token.as_bytes())));
        if !ok {
            return Err(ServiceError::Forbidden(
                "send the session's CSRF token in X-CSRF-Token (from POST or GET /api/v1/session)"
                    .into(),
            ));
        }
    }
    let account = storage::accounts::organiser(&services.db, row.organiser_id).await?;
    if account.disabled_at.is_some() {
        return Err(expired());
    }
    if now - last_seen >= TOUCH_EVERY {
        storage::accounts::touch_session(&services.db, &id_hash, now).await?;
    }
    let grants = storage::accounts::scopes(&services.db, account.id)
        .await?
        .into_iter()
        .fold(Vec::<Grant>::new(), |mut grants, (scope, _)| {
            match grants
                .iter_mut()
                .find(|g| g.campaign_id == scope.campaign_id)
            {
                Some(grant) => match (&mut grant.countries, scope.country_code) {
                    (Some(list), Some(code)) => list.push(code),
                    (countries, _) => *countries = None,
                },
                None => grants.push(Grant {
                    campaign_id: scope.campaign_id,
                    countries: scope.country_code.map(|c| vec![c]),
                }),
            }
            grants
        });
    Ok(Viewer {
        id: account.id,
        email: account.email,
        role: account.role,
        grants,
        notify: account.notify,
        csrf_token: row.csrf_token,
    })
}

/// `GET /api/v1/session`.
pub async fn current(services: &Services, viewer: &Viewer) -> ServiceResult<SessionInfo> {
    let account = storage::accounts::organiser(&services.db, viewer.id).await?;
    Ok(SessionInfo {
        organiser: profile::view(&services.db, &account).await?,
        csrf_token: viewer.csrf_token.clone(),
    })
}

pub async fn logout(services: &Services, cookie: &str, viewer: &Viewer) -> ServiceResult<()> {
    let txn = crate::db::begin_write(&services.write_db).await?;
    storage::accounts::delete_session(&txn, &token::hash(cookie)).await?;
    audit::record_account(&txn, Actor::Organiser(viewer.id), "logout", json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// Sweeps every ten minutes, for as long as the process runs.
pub fn spawn_sweeper(services: Services) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = sweep(&services).await {
                tracing::warn!(error = %e, "sweeping ended sessions failed");
            }
        }
    });
}

/// Removes ended sessions; every replica runs it now and then.
pub async fn sweep(services: &Services) -> ServiceResult<u64> {
    let now = Utc::now();
    services.login_throttle.forget_idle();
    Ok(storage::accounts::delete_expired_sessions(&services.db, now, now - IDLE).await?)
}
