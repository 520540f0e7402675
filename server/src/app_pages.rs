//! The web app's pages (the routes of `frontend/src/app.rs`), which the
//! server answers with the app's `index.html`; any other path outside the API
//! is a file or a 404.

/// Whether `path` is one of the web app's pages (as in `frontend/src/app.rs`):
/// `/`, `/register`, `/invite`, `/c/{slug}` with `/endorse` and
/// `/endorsements`, `/e/{id}`, `/edit/{id}`, `/embed/{slug}`, and the
/// organisers' `/organise/…`. A parameter has no dot, so `/e/1.map` is not one.
pub fn is_app_page(path: &str) -> bool {
    let is_param = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        [""] | ["register"] | ["invite"] | ["organise"] => true,
        ["organise", "login" | "new" | "team" | "audit" | "outbox"] => true,
        ["organise", "c", slug] => is_param(slug),
        ["organise", "c", slug, "queue" | "settings" | "endorsements"] => is_param(slug),
        ["c", slug, "endorse" | "endorsements"] => is_param(slug),
        ["c" | "e" | "edit" | "embed", param] => is_param(param),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_pages_are_recognised() {
        for page in [
            "/",
            "/register",
            "/c/solidarity-day",
            "/e/1234567",
            "/edit/42",
            "/embed/solidarity-day",
            "/c/solidarity-day/endorse",
            "/c/solidarity-day/endorsements",
            "/invite",
            "/organise",
            "/organise/login",
            "/organise/c/solidarity-day",
            "/organise/c/solidarity-day/queue",
        ] {
            assert!(is_app_page(page), "{page}");
        }
        for other in [
            "/app.js.map",
            "/e/12.map",
            "/wp-login.php",
            "/.env",
            "/nowhere",
            "/register/x",
            "/c/",
            "/c/a/b",
            "/e/..",
            "/admin",
            "/organise/c/x.js",
            "/organise/secrets",
            "/c/a/edit",
        ] {
            assert!(!is_app_page(other), "{other}");
        }
    }
}
