//! The interface languages, and the browser's memory of the choice.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fa,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fa, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fa => "fa",
            Lang::Es => "es",
        }
    }

    /// BCP 47 locale for `Intl` formatting.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Fa => "fa-IR",
            Lang::Es => "es-ES",
        }
    }

    pub fn dir(self) -> &'static str {
        if shared::locales::is_right_to_left(self.code()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        shared::locales::name(self.code())
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| code == l.code() || code.starts_with(&format!("{}-", l.code())))
    }
}

const STORAGE_KEY: &str = "doa-lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered language, else the browser's, else English.
pub fn initial_lang() -> Lang {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    stored
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| browser.as_deref().and_then(Lang::from_code))
        .unwrap_or(Lang::En)
}

/// Sets `<html lang dir>` and remembers the choice.
pub fn apply(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, lang.code());
    }
}

/// The current language, provided by the app.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}
