//! Organisers in the tests: an account made straight in the database, logged
//! in through `POST /api/v1/session`, and a client that sends its session
//! cookie (and, on writes, its CSRF token) with every request.
//!
//! The cookie is kept by hand: it is `Secure` (the tests' `PUBLIC_URL` is
//! https), so a cookie store would not send it to the plain-http test server.

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use sea_orm::ConnectionTrait;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared::{Role, SessionInfo};

use crate::TestApp;

/// Every test organiser's password.
pub const PASSWORD: &str = "correct horse battery staple";

/// A logged-in organiser.
pub struct Organiser {
    pub id: i64,
    pub email: String,
    base: String,
    client: reqwest::Client,
    /// `doa_session=…`, as sent back in `Cookie`.
    pub cookie: String,
    pub csrf_token: String,
    /// The login's answer.
    pub info: SessionInfo,
}

impl Organiser {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the session cookie, and the CSRF token unless the
    /// method is a read.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
        let mut request = self.without_csrf(method, path);
        if !safe {
            request = request.header("X-CSRF-Token", &self.csrf_token);
        }
        request
    }

    /// With the cookie but no CSRF token (a forged cross-site request).
    pub fn without_csrf(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header(reqwest::header::COOKIE, &self.cookie)
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> RequestBuilder {
        self.request(Method::PATCH, path)
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }

    /// GET, sent.
    pub async fn fetch(&self, path: &str) -> Response {
        self.get(path).send().await.expect("request sent")
    }

    /// A request with the CSRF token on writes, and a JSON body unless
    /// `Value::Null`, sent.
    pub async fn call(&self, method: Method, path: &str, body: Value) -> Response {
        with_body(self.request(method, path), body)
            .send()
            .await
            .expect("request sent")
    }

    /// The same without the CSRF token (a forged cross-site request), sent.
    pub async fn forged(&self, method: Method, path: &str, body: Value) -> Response {
        with_body(self.without_csrf(method, path), body)
            .send()
            .await
            .expect("request sent")
    }

    /// GET, expecting 200 and a body of type `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        crate::ok_json(self.get(path).send().await.expect("request sent")).await
    }

    /// POST with an empty body, expecting 200 and a body of type `T`.
    pub async fn post_ok<T: DeserializeOwned>(&self, path: &str) -> T {
        crate::ok_json(self.post(path).send().await.expect("request sent")).await
    }
}

fn with_body(request: RequestBuilder, body: Value) -> RequestBuilder {
    if body.is_null() {
        request
    } else {
        request.json(&body)
    }
}

/// The `name=value` of a `Set-Cookie` header called `name`.
pub fn cookie_named(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

impl TestApp {
    /// An organiser with `role` (an admin, or a moderator of nothing yet),
    /// logged in.
    pub async fn organiser(&self, email: &str, role: Role) -> Organiser {
        server::services::accounts::organisers::add(&self.db, email, PASSWORD, role)
            .await
            .expect("organiser added");
        self.log_in(email, PASSWORD).await
    }

    /// A moderator of these campaigns (slug, and one country or all),
    /// logged in.
    pub async fn moderator(&self, email: &str, scopes: &[(&str, Option<&str>)]) -> Organiser {
        let account =
            server::services::accounts::organisers::add(&self.db, email, PASSWORD, Role::Moderator)
                .await
                .expect("moderator added");
        let mut rows = Vec::new();
        for (slug, country) in scopes {
            let campaign = server::storage::campaigns::find_by_slug(&self.db, slug)
                .await
                .expect("campaign of the scope");
            rows.push((campaign.id, country.map(str::to_string)));
        }
        server::storage::accounts::set_scopes(&self.db, account.id, &rows)
            .await
            .expect("scopes");
        self.log_in(email, PASSWORD).await
    }

    /// Turns emails on or off for an organiser.
    pub async fn set_notify(&self, organiser: &Organiser, notify: bool) {
        let backend = self.db.get_database_backend();
        let value = if notify { "true" } else { "false" };
        let value = match backend {
            sea_orm::DbBackend::Sqlite => {
                if notify {
                    "1"
                } else {
                    "0"
                }
            }
            _ => value,
        };
        self.db
            .execute_unprepared(&format!(
                "UPDATE organisers SET notify = {value} WHERE id = {}",
                organiser.id
            ))
            .await
            .expect("notify set");
    }

    /// `POST /api/v1/session`, as sent.
    pub async fn login_response(&self, email: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("request sent")
    }

    /// Logs in; panics unless it succeeds.
    pub async fn log_in(&self, email: &str, password: &str) -> Organiser {
        let response = self.login_response(email, password).await;
        let cookie = cookie_named(&response, "doa_session");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::OK, "login: {text}");
        let info: SessionInfo = serde_json::from_str(&text).expect("SessionInfo");
        Organiser {
            id: info.organiser.id,
            email: info.organiser.email.clone(),
            base: self.base.clone(),
            client: self.client.clone(),
            cookie: cookie.expect("a session cookie"),
            csrf_token: info.csrf_token.clone(),
            info,
        }
    }
}
