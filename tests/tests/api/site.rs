//! For search engines and stray requests (issue 7): `/robots.txt`, a sitemap
//! of the public pages only, and a 404 (not the app's page) for unknown files.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
use sea_orm::ConnectionTrait;
use tests::places::{BERLIN, GOTHENBURG, PARIS, TEHRAN};
use tests::{REVIEW_SLUG, SLUG, TestApp, action, api_test, error_of};

/// Header `name` of `response`, or "".
fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn sitemap(app: &TestApp) -> String {
    let response = app.get("/sitemap.xml").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).starts_with("application/xml"));
    assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
    response.text().await.expect("body")
}

fn loc(path: &str) -> String {
    format!("<loc>https://actions.example.org{path}</loc>")
}

api_test!(
    robots_txt_keeps_crawlers_out_of_private_pages,
    |app: TestApp| async move {
        let response = app.get("/robots.txt").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, CONTENT_TYPE), "text/plain; charset=utf-8");
        let robots = response.text().await.expect("body");
        assert!(robots.starts_with("User-agent: *\n"), "{robots}");
        for line in ["Allow: /", "Disallow: /edit/", "Disallow: /api/"] {
            assert!(robots.lines().any(|l| l == line), "{line} in {robots}");
        }
        assert!(
            robots.contains("Sitemap: https://actions.example.org/sitemap.xml\n"),
            "{robots}"
        );
    }
);

api_test!(
    sitemap_lists_published_pages_only,
    |app: TestApp| async move {
        let published = app
            .registered(SLUG, &action(BERLIN, "2026-11-05T14:00"))
            .await;
        let pending = app
            .registered(REVIEW_SLUG, &action(PARIS, "2026-11-05T14:00"))
            .await;
        let withdrawn = app
            .registered(SLUG, &action(GOTHENBURG, "2026-11-05T15:00"))
            .await;
        assert_eq!(
            app.withdraw(withdrawn.event.id, Some(&withdrawn.edit_token))
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
        let cancelled = app
            .cancelled(SLUG, &action(TEHRAN, "2026-11-05T16:00"))
            .await;
        let rejected = app
            .registered(REVIEW_SLUG, &action(BERLIN, "2026-11-05T17:00"))
            .await;
        app.db
            .execute_unprepared(&format!(
                "UPDATE events SET status = 'rejected' WHERE id = {}",
                rejected.event.id
            ))
            .await
            .expect("rejected");

        let xml = sitemap(&app).await;
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        assert!(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        for path in [
            "/".to_string(),
            "/register".to_string(),
            format!("/c/{SLUG}"),
            format!("/c/{REVIEW_SLUG}"),
            format!("/e/{}", published.event.id),
        ] {
            assert!(xml.contains(&loc(&path)), "{path} missing from {xml}");
        }
        for (what, id) in [
            ("pending", pending.event.id),
            ("withdrawn", withdrawn.event.id),
            ("cancelled", cancelled.event.id),
            ("rejected", rejected.event.id),
        ] {
            assert!(
                !xml.contains(&loc(&format!("/e/{id}"))),
                "a {what} action is in the sitemap: {xml}"
            );
        }
        // Nothing private: no edit page, no API address.
        assert!(!xml.contains("/edit/") && !xml.contains("/api/"), "{xml}");
        assert_eq!(xml.matches("<url>").count(), 5, "{xml}");
    }
);

api_test!(
    sitemap_without_actions_has_the_home,
    |app: TestApp| async move {
        let xml = sitemap(&app).await;
        assert!(xml.contains(&loc("/")), "{xml}");
        assert!(!xml.contains("/e/"), "{xml}");
    }
);

api_test!(unknown_files_are_not_found, |app: TestApp| async move {
    for path in [
        "/app.js.map",
        "/frontend-4f2a.wasm.map",
        "/wp-login.php",
        "/.env",
        "/.git/config",
        "/nowhere",
        "/e/12.map",
        "/c/a/b",
        "/admin/",
    ] {
        let e = error_of(app.get(path).await, StatusCode::NOT_FOUND).await;
        assert_eq!(e.error.code, "not_found", "{path}");
    }
});

/// Files named by their content's hash are kept for a year; the app's page
/// and the files without a hash are checked each time, so a release shows
/// at once. (Static files do not depend on the database.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_assets_are_immutable_and_the_page_is_checked_each_time() {
    let dir = std::env::temp_dir().join(format!("doa-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("vendor")).expect("static dir");
    for (file, body) in [
        ("index.html", "<!doctype html><title>Day of Action</title>"),
        ("frontend-8f3a9c0d1e2b4f56.js", "export default 1;"),
        ("frontend-8f3a9c0d1e2b4f56_bg.wasm", "\0asm"),
        ("vendor/leaflet.js", "window.L = {};"),
    ] {
        std::fs::write(dir.join(file), body).expect("static file");
    }
    let app = tests::spawn_with(
        tests::Backend::Sqlite,
        tests::Options {
            static_dir: dir.display().to_string(),
            ..Default::default()
        },
    )
    .await;
    for (path, policy) in [
        (
            "/frontend-8f3a9c0d1e2b4f56.js",
            "public, max-age=31536000, immutable",
        ),
        (
            "/frontend-8f3a9c0d1e2b4f56_bg.wasm",
            "public, max-age=31536000, immutable",
        ),
        ("/vendor/leaflet.js", "no-cache"),
        ("/", "no-cache"),
        ("/register", "no-cache"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, CACHE_CONTROL), policy, "{path}");
    }
    // A missing file is not cached as if it were one.
    let missing = app.get("/frontend-0000000000000000.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_ne!(
        header(&missing, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
