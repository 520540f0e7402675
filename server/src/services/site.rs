//! The public pages of the web app, for the sitemap: the home, the
//! registration form, each published campaign and each published action of
//! a published campaign. A pending, rejected or withdrawn action is never
//! listed (nor a cancelled one, kept only as a notice), so the sitemap tells
//! nothing that the public lists do not.

use sea_orm::ConnectionTrait;

use super::ServiceResult;
use crate::storage;

/// The sitemap protocol's limit of addresses in one file.
pub const SITEMAP_MAX_URLS: u64 = 50_000;

/// The paths of the public pages, at most `limit`: home and form first, then
/// each published campaign, then the published actions of published
/// campaigns in start order.
pub async fn public_paths(db: &impl ConnectionTrait, limit: u64) -> ServiceResult<Vec<String>> {
    let campaigns = storage::campaigns::list_published(db).await?;
    let mut paths = vec!["/".to_string(), "/register".to_string()];
    paths.extend(campaigns.iter().map(|c| format!("/c/{}", c.slug)));
    let ids: Vec<i64> = campaigns.iter().map(|c| c.id).collect();
    let room = limit.saturating_sub(paths.len() as u64);
    let events = storage::events::published_ids(db, &ids, room).await?;
    paths.extend(events.iter().map(|id| format!("/e/{id}")));
    paths.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(paths)
}

/// `<urlset>` of the given paths under `public_url`.
pub fn sitemap_xml(public_url: &str, paths: &[String]) -> String {
    let base = public_url.trim_end_matches('/');
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_paths_are_capped_at_the_limit_home_first() {
        use sea_orm::ConnectionTrait;
        let (db, dir) = crate::db::scratch_sqlite("site").await;
        assert_eq!(
            public_paths(&db, 10).await.expect("paths"),
            ["/", "/register"]
        );
        db.execute_unprepared(
            "INSERT INTO campaigns (id, slug, title, summary, starts_on, ends_on, review, \
             published, revision, created_at) VALUES (1, 'day', 'Day', '', '2026-11-05', \
             '2026-11-05', false, true, 0, '2026-11-01T00:00:00Z'), (2, 'draft', 'Draft', '', \
             '2026-11-05', '2026-11-05', false, false, 0, '2026-11-01T00:00:00Z')",
        )
        .await
        .expect("campaigns");
        assert_eq!(
            public_paths(&db, 10).await.expect("paths"),
            ["/", "/register", "/c/day"]
        );
        assert_eq!(public_paths(&db, 1).await.expect("paths"), ["/"]);
        assert_eq!(
            public_paths(&db, 0).await.expect("paths"),
            Vec::<String>::new()
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn sitemap_escapes_and_joins() {
        let xml = sitemap_xml("https://a.example/", &["/".into(), "/c/a&b".into()]);
        assert!(xml.contains("<loc>https://a.example/</loc>"));
        assert!(xml.contains("<loc>https://a.example/c/a&amp;b</loc>"));
        assert!(xml.ends_with("</urlset>\n"));
    }
}
