//! Organisers in tests: an account made through the service, logged in
//! through `POST /api/v1/session`, and a client that sends its session
//! cookie and CSRF token as the web app does.

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::Value;
use shared::{Role, SessionInfo};

use crate::TestApp;

pub const PASSWORD: &str = "a long test password";

/// A logged-in organiser.
pub struct Organiser {
    pub base: String,
    pub client: reqwest::Client,
    /// `doa_session=…`, as the browser would send it.
    pub cookie: String,
    pub csrf_token: String,
    pub info: SessionInfo,
}

/// The `name=value` of a `Set-Cookie` header called `name`.
pub fn cookie_named(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

impl TestApp {
    /// Creates an account (`scopes`: campaign slug → countries, empty for
    /// all) and logs it in.
    pub async fn organiser(
        &self,
        email: &str,
        role: Role,
        scopes: &[(&str, &[&str])],
    ) -> Organiser {
        let account = server::services::accounts::organisers::add(&self.db, email, PASSWORD, role)
            .await
            .expect("organiser created");
        let mut rows = Vec::new();
        for (slug, countries) in scopes {
            let campaign = server::storage::campaigns::find_by_slug(&self.db, slug)
                .await
                .expect("campaign");
            if countries.is_empty() {
                rows.push((campaign.id, None));
            }
            rows.extend(countries.iter().map(|c| (campaign.id, Some(c.to_string()))));
        }
        server::storage::accounts::set_scopes(&self.db, account.id, &rows)
            .await
            .expect("scopes");
        self.log_in(email, PASSWORD).await
    }

    /// `POST /api/v1/session`; panics unless it succeeds.
    pub async fn log_in(&self, email: &str, password: &str) -> Organiser {
        let response = self.login_response(email, password).await;
        let status = response.status();
        let cookie = cookie_named(&response, "doa_session");
        let text = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::OK, "{text}");
        let info: SessionInfo = serde_json::from_str(&text).expect("session info");
        Organiser {
            base: self.base.clone(),
            client: self.client.clone(),
            cookie: cookie.expect("a session cookie"),
            csrf_token: info.csrf_token.clone(),
            info,
        }
    }

    pub async fn login_response(&self, email: &str, password: &str) -> Response {
        self.client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("request sent")
    }
}

impl Organiser {
    fn request(&self, method: Method, path: &str, csrf: bool) -> RequestBuilder {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("cookie", &self.cookie);
        if csrf {
            request = request.header("x-csrf-token", &self.csrf_token);
        }
        request
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, false)
            .send()
            .await
            .expect("request sent")
    }

    /// A write with the CSRF token, and a JSON body unless `Value::Null`.
    pub async fn send(&self, method: Method, path: &str, body: Value) -> Response {
        let request = self.request(method, path, true);
        let request = if body.is_null() {
            request
        } else {
            request.json(&body)
        };
        request.send().await.expect("request sent")
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send(Method::POST, path, body).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Response {
        self.send(Method::PATCH, path, body).await
    }

    /// The same write without the CSRF token (a forged request).
    pub async fn post_without_csrf(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path, false)
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }
}
