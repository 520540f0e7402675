//! `POST /api/v1/session` (log in), `GET` (who am I, and the CSRF token
//! again after a reload), `DELETE` (log out).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use shared::{ErrorBody, Login, SessionInfo};

use super::extract::{ApiJson, ClientAddress, OrganiserSession, SESSION_COOKIE};
use crate::error::ApiError;
use crate::services::accounts::{self, SessionToken};
use crate::state::AppState;

/// The session cookie: `HttpOnly; SameSite=Strict; Path=/`, and `Secure`
/// unless the server is reached over plain http on loopback (development).
pub fn session_cookie(state: &AppState, token: SessionToken) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.0))
        .http_only(true)
        .secure(secure(&state.config.public_url))
        .same_site(SameSite::Strict)
        .path("/")
        // No Max-Age: the browser forgets it when it closes; the server ends
        // it after `sessions::IDLE` / `sessions::ABSOLUTE` in any case.
        .build()
}

fn secure(public_url: &str) -> bool {
    let Ok(url) = url::Url::parse(public_url) else {
        return true;
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    !(url.scheme() == "http" && loopback)
}

#[utoipa::path(post, operation_id = "log_in", path = "/api/v1/session", tag = "organisers", request_body = Login,
    responses((status = 200, body = SessionInfo, description = "Logged in; sets the session cookie"),
        (status = 401, body = ErrorBody, description = "Wrong email or password (the same for both)"),
        (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    jar: CookieJar,
    ApiJson(login): ApiJson<Login>,
) -> Result<impl IntoResponse, ApiError> {
    let (token, info) = accounts::login(&state.services, login, client).await?;
    Ok((jar.add(session_cookie(&state, token)), Json(info)))
}

#[utoipa::path(get, operation_id = "get_session", path = "/api/v1/session", tag = "organisers",
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody)))]
pub async fn current(
    State(state): State<AppState>,
    session: OrganiserSession,
) -> Result<Json<SessionInfo>, ApiError> {
    Ok(Json(
        accounts::sessions::current(&state.services, &session.viewer).await?,
    ))
}

#[utoipa::path(delete, operation_id = "log_out", path = "/api/v1/session", tag = "organisers",
    responses((status = 204, description = "Logged out; the session ends on the server"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    session: OrganiserSession,
    jar: CookieJar,
) -> Result<impl IntoResponse, ApiError> {
    accounts::logout(&state.services, &session.token, &session.viewer).await?;
    let gone = Cookie::build((SESSION_COOKIE, "")).path("/").build();
    Ok((jar.remove(gone), StatusCode::NO_CONTENT))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cookie_is_secure_except_on_loopback_http() {
        assert!(super::secure("https://actions.example.org"));
        assert!(super::secure("http://actions.example.org"));
        assert!(!super::secure("http://127.0.0.1:8080"));
        assert!(!super::secure("http://localhost:8080"));
        assert!(!super::secure("http://[::1]:8080"));
    }
}
