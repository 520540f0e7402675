//! The interface's words in the first HTML: the web app's own Fluent messages
//! (`shared/locales/`), chosen by the browser's `Accept-Language` as the app
//! chooses by the browser's language, and its numbers written as the app's
//! `Intl.NumberFormat` writes them (Persian digits, the language's grouping).

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{
    NegotiationStrategy, accepted_languages, convert_vec_str_to_langids_lossy, negotiate_languages,
};

/// One of the interface languages (`shared::locales::CODES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(&'static str);

impl Lang {
    pub const ENGLISH: Lang = Lang("en");

    /// The first of the app's languages the browser accepts, else English.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let requested = accepted_languages::parse(header.unwrap_or_default());
        let available = convert_vec_str_to_langids_lossy(shared::locales::CODES);
        let chosen =
            negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering);
        chosen
            .first()
            .and_then(|id| {
                shared::locales::CODES
                    .into_iter()
                    .find(|code| *code == id.language.as_str())
            })
            .map_or(Lang::ENGLISH, Lang)
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn dir(self) -> &'static str {
        if shared::locales::is_right_to_left(self.0) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message `id` without arguments.
    pub fn text(self, id: &str) -> String {
        format(self, id, None)
    }

    /// The message `id` with `$count` (which chooses the plural form).
    pub fn counted(self, id: &str, count: u64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", count);
        format(self, id, Some(&args))
    }

    /// `count` as the app writes it: 1,234 (English), 1234 and 12.345
    /// (Spanish groups from five digits), ۱٬۲۳۴ (Persian).
    pub fn number(self, count: u64) -> String {
        let digits = count.to_string();
        let (separator, min_digits) = match self.0 {
            "es" => ('.', 5),
            "fa" => ('\u{066C}', 4),
            _ => (',', 4),
        };
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) && digits.len() >= min_digits {
                out.push(separator);
            }
            out.push(digit);
        }
        if self.0 == "fa" {
            out.chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                    None => c,
                })
                .collect()
        } else {
            out
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(&'static str, Bundle)>> = LazyLock::new(|| {
    shared::locales::CODES
        .into_iter()
        .filter_map(|code| {
            let resource = FluentResource::try_new(shared::locales::source(code)?.to_owned())
                .unwrap_or_else(|(partial, _)| partial);
            let mut bundle = Bundle::new_concurrent(vec![code.parse().ok()?]);
            // As the app: isolation marks in right-to-left languages only.
            bundle.set_use_isolating(shared::locales::is_right_to_left(code));
            bundle.add_resource_overriding(resource);
            Some((code, bundle))
        })
        .collect()
});

/// The message in `lang`, else in English; its id if neither has it (the
/// app's unit tests require every language to have every message).
fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    for code in [lang.0, Lang::ENGLISH.0] {
        let Some((_, bundle)) = BUNDLES.iter().find(|(c, _)| *c == code) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_chooses_among_the_apps_languages() {
        let lang = |h| Lang::from_accept_language(Some(h)).code();
        assert_eq!(lang("fa-IR,fa;q=0.9,en;q=0.5"), "fa");
        assert_eq!(lang("de-DE,es;q=0.8,en;q=0.5"), "es");
        assert_eq!(lang("de-DE"), "en");
        assert_eq!(lang(""), "en");
        assert_eq!(Lang::from_accept_language(None), Lang::ENGLISH);
        assert_eq!(Lang("fa").dir(), "rtl");
    }

    #[test]
    fn messages_and_plurals_are_the_apps() {
        let en = Lang::ENGLISH;
        assert_eq!(en.text("brand"), "Day of Action");
        assert_eq!(en.counted("counter-cities", 1), "city");
        assert_eq!(en.counted("counter-cities", 34), "cities");
        assert_eq!(en.text("no-such-message"), "no-such-message");
        assert_ne!(Lang("fa").text("brand"), "Day of Action");
    }

    #[test]
    fn numbers_are_written_as_intl_writes_them() {
        assert_eq!(Lang::ENGLISH.number(7), "7");
        assert_eq!(Lang::ENGLISH.number(1234), "1,234");
        assert_eq!(Lang::ENGLISH.number(1234567), "1,234,567");
        assert_eq!(Lang("es").number(1234), "1234");
        assert_eq!(Lang("es").number(12345), "12.345");
        assert_eq!(Lang("fa").number(1234), "۱٬۲۳۴");
        assert_eq!(Lang("fa").number(34), "۳۴");
    }
}
