//! The campaign homes, `/` (the campaign whose day of action is next) and
//! `/c/{slug}`: the web app's page with the campaign's call to action and
//! counters already in it (`first_paint`); `/register` with its heading.
//! Every other page of the app is the built file as it is
//! (`web::static_files`).
//!
//! The page is the app's whatever happens: an unknown campaign or a database
//! error gives the plain page, and the app then shows the error in its own
//! words, as it always has.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use shared::Campaign;

use crate::first_paint::{AppPage, Lang};
use crate::services::{ServiceError, Services, campaigns};
use crate::state::AppState;

pub fn router(page: Arc<AppPage>) -> Router<AppState> {
    Router::new()
        .route("/", get(current))
        .route("/c/{slug}", get(campaign))
        .route("/register", get(register))
        .layer(Extension(page))
}

async fn current(
    State(services): State<Services>,
    Extension(page): Extension<Arc<AppPage>>,
    headers: HeaderMap,
) -> Response {
    let today = chrono::Utc::now().date_naive().to_string();
    let found = campaigns::list(&services)
        .await
        .map(|list| shared::campaign_home::current_campaign(list, &today));
    respond(&page, &headers, found)
}

async fn campaign(
    State(services): State<Services>,
    Extension(page): Extension<Arc<AppPage>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !crate::app_pages::is_app_page(&format!("/c/{slug}")) {
        return crate::error::ApiError::NoRoute.into_response();
    }
    let found = match campaigns::get(&services, &slug).await {
        Ok(campaign) => Ok(Some(Campaign::clone(&campaign))),
        Err(ServiceError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    };
    respond(&page, &headers, found)
}

async fn register(Extension(page): Extension<Arc<AppPage>>, headers: HeaderMap) -> Response {
    html_page(page.with_register_heading(reader_lang(&headers)))
}

/// The interface language the app will choose for this browser.
fn reader_lang(headers: &HeaderMap) -> Lang {
    Lang::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn respond(
    page: &AppPage,
    headers: &HeaderMap,
    found: Result<Option<Campaign>, ServiceError>,
) -> Response {
    let lang = reader_lang(headers);
    let html = match found {
        Ok(Some(campaign)) => page.with_campaign(&campaign, lang),
        Ok(None) => page.plain().to_string(),
        Err(e) => {
            tracing::warn!(error = %e, "campaign home without its first paint");
            page.plain().to_string()
        }
    };
    html_page(html)
}

fn html_page(html: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            // The counters change with every approval: ask each time.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::VARY, HeaderValue::from_static("accept-language")),
        ],
        html,
    )
        .into_response()
}
