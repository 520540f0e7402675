//! Interface languages: English, Persian (right to left) and Spanish. The
//! choice is remembered in the browser; dates and numbers follow it (`time.rs`).
//!
//! The messages are Project Fluent files, `shared/locales/{en,fa,es}.ftl`
//! (the server renders a few of them in a campaign's first HTML), compiled
//! into the app and parsed once per language (`fluent.rs`). Plain strings
//! are fields of [`Texts`] (`lang.texts().brand`); a message with a number
//! or a name in it is a method of [`Lang`] (`lang.show_all(12)`), so that
//! each language chooses its own plural form (CLDR plural rules). Field
//! errors from the API are translated by [`field_error`].
//!
//! To add a message: add it to all three `.ftl` files, then a field to the
//! `texts!` list in `texts.rs` (a plain string: id `nav-find` ↔ field
//! `nav_find`) or a method of `Lang` in `counts.rs` (with arguments). The unit
//! tests (`tests.rs`) check that every language has every message, that each
//! one formats and that none is left unused.
//!
//! The modules depend one way: `lang` ← `intl` ← `fluent` ← `texts`,
//! `counts`, `field_errors`; this file only re-exports.

mod counts;
mod field_errors;
mod fluent;
#[cfg(target_arch = "wasm32")]
mod intl;
mod lang;
mod texts;

pub use counts::Counter;
pub use field_errors::field_error;
pub use lang::{Lang, apply, initial_lang, use_lang};
pub use texts::Texts;

#[cfg(test)]
mod tests;
