//! For search engines: `/robots.txt` and `/sitemap.xml`. The sitemap lists
//! the public pages only: the home, the registration form, each published
//! campaign and each published action. A pending, rejected or withdrawn
//! action is never listed (nor a cancelled one, kept only as a notice), so
//! the sitemap tells nothing that the public lists do not.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, http::StatusCode};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::EventStatus;

use crate::entities::event;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;

/// The sitemap protocol's limit of addresses in one file.
pub const SITEMAP_MAX_URLS: u64 = 50_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
}

fn base(public_url: &str) -> &str {
    public_url.trim_end_matches('/')
}

/// Every public page may be crawled; edit pages (their links carry a private
/// token), embeds (the home again, for other sites' frames) and the API are
/// not, except the calendar feeds, which are made to be shared.
pub fn robots_txt(public_url: &str) -> String {
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
        base(public_url)
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

/// The paths of the public pages, at most `limit`: home and form first, then
/// each published campaign, then the published actions of published
/// campaigns in start order.
pub async fn public_paths(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<String>, DbErr> {
    let mut paths = vec!["/".to_string(), "/register".to_string()];
    let campaigns: Vec<(i64, String)> = storage::campaigns::list_published(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.slug))
        .collect();
    paths.extend(campaigns.iter().map(|(_, slug)| format!("/c/{slug}")));
    let room = limit.saturating_sub(paths.len() as u64);
    if room > 0 && !campaigns.is_empty() {
        let ids: Vec<i64> = event::Entity::find()
            .select_only()
            .column(event::Column::Id)
            .filter(event::Column::CampaignId.is_in(campaigns.iter().map(|(id, _)| *id)))
            .filter(event::Column::Status.eq(EventStatus::Published))
            .order_by_asc(event::Column::StartsAtUtc)
            .order_by_asc(event::Column::Id)
            .limit(room)
            .into_tuple()
            .all(db)
            .await?;
        paths.extend(ids.iter().map(|id| format!("/e/{id}")));
    }
    paths.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(paths)
}

/// `<urlset>` of the given paths under `public_url`.
pub fn sitemap_xml(public_url: &str, paths: &[String]) -> String {
    let base = base(public_url);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        out.push_str("<url><loc>");
        out.push_str(&xml_escape(&format!("{base}{path}")));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

async fn sitemap(State(state): State<AppState>) -> Result<Response, ApiError> {
    let paths = public_paths(&state.services.db, SITEMAP_MAX_URLS)
        .await
        .map_err(|e| ApiError::from(crate::services::ServiceError::Database(e)))?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            ),
            // A withdrawn action leaves the sitemap at once: caches ask again.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        sitemap_xml(&state.config.public_url, &paths),
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

    #[test]
    fn sitemap_escapes_and_joins() {
        let xml = sitemap_xml("https://a.example/", &["/".into(), "/c/a&b".into()]);
        assert!(xml.contains("<loc>https://a.example/</loc>"));
        assert!(xml.contains("<loc>https://a.example/c/a&amp;b</loc>"));
        assert!(xml.ends_with("</urlset>\n"));
    }
}
