//! For search engines: `/robots.txt` and `/sitemap.xml` (of the public pages
//! only, as `services::site` finds them).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::error::ApiError;
use crate::services::site;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
}

/// Every public page may be crawled; edit pages (their links carry a private
/// token), embeds (the home again, for other sites' frames) and the API are
/// not, except the calendar feeds, which are made to be shared.
fn robots_txt(public_url: &str) -> String {
    format!(
        "User-agent: *\n\
         Allow: /\n\
         Disallow: /edit/\n\
         Disallow: /embed/\n\
         Allow: /api/v1/campaigns/*/events.ics$\n\
         Allow: /api/v1/events/*.ics$\n\
         Disallow: /api/\n\
         \n\
         Sitemap: {}/sitemap.xml\n",
        public_url.trim_end_matches('/')
    )
}

async fn robots(State(state): State<AppState>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        robots_txt(&state.config.public_url),
    )
        .into_response()
}

async fn sitemap(State(state): State<AppState>) -> Result<Response, ApiError> {
    let paths = site::public_paths(&state.services.read_db, site::SITEMAP_MAX_URLS).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            ),
            // A withdrawn action leaves the sitemap at once: caches ask again.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        site::sitemap_xml(&state.config.public_url, &paths),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_points_to_the_sitemap_and_keeps_out_of_edit_pages() {
        let robots = robots_txt("https://actions.example.org/");
        assert!(robots.contains("Sitemap: https://actions.example.org/sitemap.xml\n"));
        assert!(robots.contains("Disallow: /edit/\n"));
        assert!(robots.contains("Disallow: /api/\n"));
        assert!(robots.starts_with("User-agent: *\n"));
    }
}
