//! The first HTML of a campaign's home (`/`, `/c/{slug}`) and of the form
//! (`/register`): the web app's page with the header and the call to action
//! (title, summary, call, counters, the ways to take part), or the form's
//! heading, already in it, so that a phone paints them before the app's WASM
//! has arrived. The markup and classes are the app's own
//! (`frontend/src/app.rs`, `components/campaign`), and the app takes the
//! hero over when it starts (`frontend/src/ui/first_paint.rs`).
//!
//! Only what `GET /api/v1/campaigns/{slug}` shows anyone is rendered here;
//! every text is escaped by maud.

mod texts;

use maud::{Markup, html};
use shared::Campaign;
use shared::campaign_home::{call_to_action, contact_href};

pub use texts::Lang;

/// The language the campaigns write their own text in (as the app's
/// `CAMPAIGN_LANG`).
const CAMPAIGN_LANG: &str = "en";

/// The built web app's `index.html`, read once at start.
#[derive(Debug, Clone)]
pub struct AppPage {
    html: String,
}

impl AppPage {
    pub fn new(html: String) -> AppPage {
        AppPage { html }
    }

    /// The page as built, for every other route of the app.
    pub fn plain(&self) -> &str {
        &self.html
    }

    /// The page with `campaign`'s header and hero in `lang`, its title and
    /// description the campaign's.
    pub fn with_campaign(&self, campaign: &Campaign, lang: Lang) -> String {
        let body = shell(lang, Nav::Find, hero(campaign, lang));
        self.with_body(body, lang, Some(campaign))
    }

    /// `/register` with its header, heading and introduction (the form
    /// itself needs the app).
    pub fn with_register_heading(&self, lang: Lang) -> String {
        let content = html! {
            h1 { (lang.text("register-title")) }
            p { (lang.text("register-intro")) }
        };
        self.with_body(shell(lang, Nav::Register, content), lang, None)
    }

    fn with_body(&self, body: Markup, lang: Lang, campaign: Option<&Campaign>) -> String {
        let root = html! { html lang=(lang.code()) dir=(lang.dir()); }.into_string();
        let mut page = self.html.clone();
        replace_tag(&mut page, "<html", &root);
        if let Some(campaign) = campaign {
            let title = html! { title { (campaign.title) } }.into_string();
            let description =
                html! { meta name="description" content=(campaign.summary); }.into_string();
            replace_tag(&mut page, "<title>", &title);
            replace_tag(&mut page, "<meta name=\"description\"", &description);
        }
        if let Some(at) = page.find("<body>") {
            page.insert_str(at + "<body>".len(), &body.into_string());
        }
        page
    }
}

/// Replaces the element that starts with `start` (up to its first `>`, or
/// to its closing tag for `<title>`) with `with`; leaves the page as it is
/// when there is none.
fn replace_tag(page: &mut String, start: &str, with: &str) {
    let Some(from) = page.find(start) else {
        return;
    };
    let end = if start == "<title>" {
        page[from..].find("</title>").map(|e| e + "</title>".len())
    } else {
        page[from..].find('>').map(|e| e + 1)
    };
    if let Some(end) = end {
        // maud closes `<html …>` itself: keep only the opening tag.
        let with = with.strip_suffix("</html>").unwrap_or(with);
        page.replace_range(from..from + end, with);
    }
}

/// The page of the header's navigation that is shown.
#[derive(Clone, Copy, PartialEq)]
enum Nav {
    Find,
    Register,
}

/// The app's header around `content` (`frontend/src/app.rs`, `Shell`).
fn shell(lang: Lang, current: Nav, content: Markup) -> Markup {
    let here = |nav: Nav| (nav == current).then_some("page");
    html! {
        div id="first-paint" {
            a class="skip-link" href="#content" { (lang.text("skip")) }
            header class="site" {
                a class="brand" href="/" { (lang.text("brand")) }
                nav aria-label=(lang.text("brand")) {
                    a href="/" aria-current=[here(Nav::Find)] { (lang.text("nav-find")) }
                    a href="/register" aria-current=[here(Nav::Register)] { (lang.text("nav-register")) }
                }
                label class="lang-switch" {
                    span { (lang.text("language")) }
                    select disabled {
                        @for code in shared::locales::CODES {
                            option value=(code) lang=(code) selected[code == lang.code()] {
                                (shared::locales::name(code))
                            }
                        }
                    }
                }
            }
            main id="content" tabindex="-1" { (content) }
        }
    }
}

/// The campaign's hero (`components/campaign`, `Hero`), which the app
/// shows until its own is drawn.
fn hero(campaign: &Campaign, lang: Lang) -> Markup {
    let slug = &campaign.slug;
    let stats = &campaign.stats;
    let counters = [
        ("counter-actions", stats.events),
        ("counter-cities", stats.cities),
        ("counter-countries", stats.countries),
        ("counter-organisations", stats.organisations),
    ];
    let call = call_to_action(&campaign.call_to_action, lang.code());
    html! {
        section class="hero" id="first-paint-hero" {
            h1 dir="auto" lang=(CAMPAIGN_LANG) { (campaign.title) }
            p dir="auto" lang=(CAMPAIGN_LANG) { (campaign.summary) }
            @if let Some((code, text)) = &call {
                p class="call-to-action" id="call-to-action" dir="auto" lang=(code) { (text) }
            }
            ul class="counters" id="counters" aria-label=(lang.text("counters-label")) aria-busy="false" {
                @for (id, count) in counters {
                    li { strong { (lang.number(count)) } (lang.counted(id, count)) }
                }
            }
            div class="cta" {
                a class="button primary" href={ "/register?c=" (slug) } { (lang.text("cta-register")) }
                a class="button" id="endorse-link" href={ "/c/" (slug) "/endorse" } { (lang.text("n-sign")) }
                a id="endorsements-link" href={ "/c/" (slug) "/endorsements" } { (lang.text("n-list-title")) }
            }
            @if let Some(contact) = &campaign.public_contact {
                p class="public-contact" id="public-contact" {
                    (lang.text("contact")) ": "
                    @match contact_href(contact) {
                        Some(href) => a href=(href) dir="auto" { (contact) },
                        None => span dir="auto" { (contact) },
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const PAGE: &str = "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\
        <title>Day of Action</title>\n<meta name=\"description\" content=\"Find an action\" />\
        </head>\n<body>\n<noscript>needs JavaScript</noscript>\n</body>\n</html>";

    fn campaign() -> Campaign {
        Campaign {
            slug: "strike".into(),
            title: "Strike <now> & \"here\"".into(),
            summary: "Everywhere at noon".into(),
            starts_on: "2026-05-01".into(),
            ends_on: "2026-05-01".into(),
            review: true,
            call_to_action: BTreeMap::from([
                ("en".to_string(), "Join us".to_string()),
                ("fa".to_string(), "بپیوندید".to_string()),
            ]),
            public_contact: Some("team@example.org".into()),
            archived: false,
            stats: shared::Stats {
                events: 1234,
                cities: 1,
                countries: 16,
                organisations: 0,
                ..Default::default()
            },
        }
    }

    #[test]
    fn the_hero_is_in_the_body_with_the_campaigns_text_escaped() {
        let page = AppPage::new(PAGE.into()).with_campaign(&campaign(), Lang::ENGLISH);
        assert!(page.contains("<body><div id=\"first-paint\">"), "{page}");
        assert!(page.contains(
            "<h1 dir=\"auto\" lang=\"en\">Strike &lt;now&gt; &amp; &quot;here&quot;</h1>"
        ));
        assert!(page.contains("<title>Strike &lt;now&gt; &amp; &quot;here&quot;</title>"));
        assert!(page.contains("<meta name=\"description\" content=\"Everywhere at noon\">"));
        assert!(page.contains(">Join us</p>"));
        assert!(
            page.contains("<li><strong>1,234</strong>actions</li><li><strong>1</strong>city</li>")
        );
        assert!(page.contains("href=\"/register?c=strike\""));
        assert!(page.contains("href=\"mailto:team@example.org\""));
        assert!(page.contains("<noscript>"), "the rest of the page stays");
        assert_eq!(page.matches("<title>").count(), 1);
        assert!(!page.contains("</html>\n<head>"));
    }

    #[test]
    fn the_form_page_has_its_heading_and_the_header_marks_it() {
        let page = AppPage::new(PAGE.into()).with_register_heading(Lang::ENGLISH);
        assert!(
            page.contains("<main id=\"content\" tabindex=\"-1\"><h1>Register an action</h1><p>No account needed."),
            "{page}"
        );
        assert!(page.contains("<a href=\"/register\" aria-current=\"page\">"));
        assert!(
            page.contains("<title>Day of Action</title>"),
            "the page keeps its title"
        );
    }

    #[test]
    fn a_persian_reader_gets_persian_words_digits_and_direction() {
        let page = AppPage::new(PAGE.into())
            .with_campaign(&campaign(), Lang::from_accept_language(Some("fa")));
        assert!(page.contains("<html lang=\"fa\" dir=\"rtl\">"), "{page}");
        assert!(page.contains("lang=\"fa\">بپیوندید</p>"));
        assert!(page.contains("<strong>۱٬۲۳۴</strong>"));
        // The campaign's own title stays in its language.
        assert!(page.contains("<h1 dir=\"auto\" lang=\"en\">"));
    }
}
