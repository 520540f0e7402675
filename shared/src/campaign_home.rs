//! What a campaign's home shows, the same in the web app and in the first
//! HTML the server sends: which campaign `/` is, the call to action in the
//! reader's language, and the public contact as a link.

use std::collections::BTreeMap;

use crate::Campaign;

/// The first campaign not yet over on `today` (`YYYY-MM-DD`), else the last;
/// `list` is the soonest day of action first, as the API gives it.
pub fn current_campaign(list: Vec<Campaign>, today: &str) -> Option<Campaign> {
    let upcoming = list.iter().position(|c| c.ends_on.as_str() >= today);
    let index = upcoming.or(list.len().checked_sub(1))?;
    list.into_iter().nth(index)
}

/// The campaign's call to action in `lang`, else in English, else in any
/// language it has; with the language it is written in.
pub fn call_to_action(calls: &BTreeMap<String, String>, lang: &str) -> Option<(String, String)> {
    let given = |code: &str| {
        calls
            .get(code)
            .filter(|t| !t.trim().is_empty())
            .map(|t| (code.to_string(), t.clone()))
    };
    given(lang).or_else(|| given("en")).or_else(|| {
        calls
            .iter()
            .find(|(_, t)| !t.trim().is_empty())
            .map(|(code, t)| (code.clone(), t.clone()))
    })
}

/// A public contact as a link: an email address gets `mailto:`, a web
/// address stays as it is; anything else is shown as text.
pub fn contact_href(contact: &str) -> Option<String> {
    let c = contact.trim();
    if c.starts_with("https://") || c.starts_with("http://") {
        Some(c.to_string())
    } else if c.contains('@') && !c.starts_with('@') && !c.contains(char::is_whitespace) {
        Some(format!("mailto:{c}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stats;

    fn campaign(slug: &str, ends_on: &str) -> Campaign {
        Campaign {
            slug: slug.into(),
            title: slug.into(),
            summary: String::new(),
            starts_on: ends_on.into(),
            ends_on: ends_on.into(),
            review: false,
            call_to_action: Default::default(),
            public_contact: None,
            archived: false,
            stats: Stats::default(),
        }
    }

    #[test]
    fn the_current_campaign_is_the_next_one_else_the_last() {
        let list = || vec![campaign("a", "2026-05-01"), campaign("b", "2026-11-05")];
        let slug = |list, today| current_campaign(list, today).map(|c| c.slug);
        assert_eq!(slug(list(), "2026-04-30").as_deref(), Some("a"));
        assert_eq!(slug(list(), "2026-05-01").as_deref(), Some("a"));
        assert_eq!(slug(list(), "2026-05-02").as_deref(), Some("b"));
        assert_eq!(slug(list(), "2027-01-01").as_deref(), Some("b"));
        assert_eq!(slug(Vec::new(), "2026-01-01"), None);
    }

    #[test]
    fn the_call_is_in_the_interface_language_else_english_else_any() {
        let calls: BTreeMap<String, String> = [
            ("en", "Join us"),
            ("fa", "بپیوندید"),
            ("de", "Mach mit"),
            ("es", " "),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            call_to_action(&calls, "fa"),
            Some(("fa".into(), "بپیوندید".into()))
        );
        assert_eq!(
            call_to_action(&calls, "es"),
            Some(("en".into(), "Join us".into())),
            "blank counts as missing"
        );
        let only_de: BTreeMap<String, String> = [("de".to_string(), "Mach mit".to_string())]
            .into_iter()
            .collect();
        assert_eq!(
            call_to_action(&only_de, "es"),
            Some(("de".into(), "Mach mit".into()))
        );
        assert_eq!(call_to_action(&BTreeMap::new(), "en"), None);
    }

    #[test]
    fn contacts_link_only_when_they_are_an_address() {
        assert_eq!(
            contact_href("team@example.org").as_deref(),
            Some("mailto:team@example.org")
        );
        assert_eq!(
            contact_href("https://example.org").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(contact_href("@handle"), None);
        assert_eq!(contact_href("call 0123"), None);
        assert_eq!(contact_href("javascript:alert(1)"), None);
    }
}
