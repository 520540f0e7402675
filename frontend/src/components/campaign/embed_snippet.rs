//! The `<iframe>` code for partners' sites.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::ui::browser::origin;

/// The snippet for `slug`, its frame titled `title`.
pub fn snippet(origin: &str, slug: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{origin}/embed/{slug}\" title=\"{}\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\"></iframe>",
        title.replace('&', "&amp;").replace('"', "&quot;")
    )
}

#[component]
pub fn EmbedSnippet(slug: String, title: Signal<String>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let origin = origin();
    view! {
        <section class="embed-snippet">
            <h2>{move || t().embed_title}</h2>
            <label for="embed-code">{move || t().embed_hint}</label>
            <textarea id="embed-code" readonly>{move || title.with(|title| snippet(&origin, &slug, title))}</textarea>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_quotes_the_title() {
        assert_eq!(
            snippet("https://x.org", "day", "Free \"them\" & all"),
            "<iframe src=\"https://x.org/embed/day\" title=\"Free &quot;them&quot; &amp; all\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\"></iframe>"
        );
    }
}
