//! The interface's messages: Project Fluent files, `shared/locales/{en,fa,es}.ftl`.
//! The web app formats all of them; the server only the few of the first
//! HTML it sends for a campaign's home, so that both say the same words.

/// The interface languages, by code: English, Persian, Spanish.
pub const CODES: [&str; 3] = ["en", "fa", "es"];

/// The Fluent source of the language `code`, one of [`CODES`].
pub fn source(code: &str) -> Option<&'static str> {
    match code {
        "en" => Some(include_str!("../locales/en.ftl")),
        "fa" => Some(include_str!("../locales/fa.ftl")),
        "es" => Some(include_str!("../locales/es.ftl")),
        _ => None,
    }
}

/// The language's own name, for the language switch.
pub fn name(code: &str) -> &'static str {
    match code {
        "fa" => "فارسی",
        "es" => "Español",
        _ => "English",
    }
}

/// Whether the language `code` is written right to left (its messages
/// isolate their arguments, which are often left to right).
pub fn is_right_to_left(code: &str) -> bool {
    code == "fa"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_messages() {
        for code in CODES {
            assert!(
                source(code).is_some_and(|s| s.contains("brand =")),
                "{code}"
            );
        }
        assert_eq!(source("de"), None);
    }
}
