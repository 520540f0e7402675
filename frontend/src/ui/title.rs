//! The document's `<title>`: each page names itself, in the interface
//! language, and follows it when the language changes.

use leptos::prelude::*;

/// Keeps `document.title` at `title()` while the calling page is shown.
pub fn use_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        let title = title();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title);
        }
    });
}

/// "Register an action — Day of Action": a page's name, then what it belongs to.
pub fn joined(page: &str, site: &str) -> String {
    if site.is_empty() {
        page.to_string()
    } else {
        format!("{page} — {site}")
    }
}
