//! The Fluent bundles: one per language, parsed from the `.ftl` file compiled
//! into the app the first time the language is used, and kept for the life of
//! the page.
//!
//! Numbers are passed as Fluent numbers, so that the message chooses its
//! plural form from the value; in the browser they are written by `Intl` in
//! the language's digits (۱۲ in Persian), natively (unit tests) as plain
//! digits.
//!
//! Unicode isolation marks (FSI … PDI) around arguments are kept for Persian
//! only: an argument there is often left to right (a zone name and offset
//! such as `Europe/Stockholm (+01:00)`, a date and time `2026-03-29 02:00`, a
//! city in Latin script) inside right-to-left text, and without the marks the
//! bidi algorithm moves its brackets and parts around. English and Spanish are
//! left to right like their arguments, so there the marks would only add
//! invisible characters to copied text and to text that tests match.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};

#[cfg(target_arch = "wasm32")]
use super::intl;
use super::lang::Lang;

type Bundle = FluentBundle<FluentResource>;

/// The source of a language's messages (`shared/locales/`).
pub(super) fn source(lang: Lang) -> &'static str {
    shared::locales::source(lang.code()).unwrap_or_default()
}

/// Everything that went wrong while loading a language's file (empty when
/// it is sound; the tests require that).
#[cfg(test)]
pub(super) fn load_errors(lang: Lang) -> Vec<String> {
    load(lang).1
}

fn load(lang: Lang) -> (Bundle, Vec<String>) {
    let mut problems = Vec::new();
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            problems.extend(errors.iter().map(|e| format!("{e:?}")));
            resource
        }
    };
    let locale = lang
        .code()
        .parse()
        .inspect_err(|e| problems.push(format!("{e:?}")))
        .unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(shared::locales::is_right_to_left(lang.code()));
    #[cfg(target_arch = "wasm32")]
    bundle.set_formatter(Some(match lang {
        Lang::En => |v, _| intl::number(Lang::En, v),
        Lang::Fa => |v, _| intl::number(Lang::Fa, v),
        Lang::Es => |v, _| intl::number(Lang::Es, v),
    }));
    if let Err(errors) = bundle.add_resource(resource) {
        problems.extend(errors.iter().map(|e| format!("{e:?}")));
    }
    (bundle, problems)
}

fn bundle(lang: Lang) -> &'static Bundle {
    fn loaded(lang: Lang) -> Bundle {
        let (bundle, problems) = load(lang);
        for problem in problems {
            leptos::logging::error!("{}.ftl: {problem}", lang.code());
        }
        bundle
    }
    static EN: LazyLock<Bundle> = LazyLock::new(|| loaded(Lang::En));
    static FA: LazyLock<Bundle> = LazyLock::new(|| loaded(Lang::Fa));
    static ES: LazyLock<Bundle> = LazyLock::new(|| loaded(Lang::Es));
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
        Lang::Es => &ES,
    }
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub(super) enum Arg<'a> {
    Str(&'a str),
    String(String),
    /// A number shown with at most this many decimals.
    Decimal(f64, usize),
    /// A year: a number without grouping (2026, not 2,026).
    Year(f64),
}

/// A whole number (a count): chooses the plural form.
pub(super) fn count(n: f64) -> Arg<'static> {
    Arg::Decimal(n, 0)
}

impl Arg<'_> {
    fn value(&self) -> FluentValue<'_> {
        let number = |value: f64, max: usize, use_grouping: bool| {
            FluentValue::Number(FluentNumber::new(
                value,
                FluentNumberOptions {
                    maximum_fraction_digits: Some(max),
                    use_grouping,
                    ..FluentNumberOptions::default()
                },
            ))
        };
        match self {
            Arg::Str(s) => FluentValue::from(*s),
            Arg::String(s) => FluentValue::from(s.as_str()),
            Arg::Decimal(n, max) => number(*n, *max, true),
            Arg::Year(n) => number(*n, 0, false),
        }
    }
}

/// Why a message could not be formatted cleanly.
#[derive(Debug)]
pub(super) enum FormatError {
    /// No message of this id, or one without a value.
    Missing,
    /// Formatted, with problems (such as an argument it needs and did not get).
    Partly(String, Vec<FluentError>),
}

pub(super) fn try_format(
    lang: Lang,
    id: &str,
    args: &[(&str, Arg<'_>)],
) -> Result<Cow<'static, str>, FormatError> {
    let bundle = bundle(lang);
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .ok_or(FormatError::Missing)?;
    let fluent_args = (!args.is_empty()).then(|| {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, arg) in args {
            fluent_args.set(*name, arg.value());
        }
        fluent_args
    });
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(FormatError::Partly(text.into_owned(), errors))
    }
}

/// A message, formatted; a broken one is logged and shown as well as it can
/// be (its id when missing).
pub(super) fn format(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    match try_format(lang, id, args) {
        Ok(text) => text.into_owned(),
        Err(error) => logged(lang, id, error).into_owned(),
    }
}

/// A message without arguments, for the whole life of the page.
pub(super) fn text(lang: Lang, id: &str) -> &'static str {
    let text = try_format(lang, id, &[]).unwrap_or_else(|e| logged(lang, id, e));
    match text {
        Cow::Borrowed(text) => text,
        // Once per message and language (`Texts` is built once).
        Cow::Owned(text) => text.leak(),
    }
}

pub(super) fn logged(lang: Lang, id: &str, error: FormatError) -> Cow<'static, str> {
    let code = lang.code();
    match error {
        FormatError::Missing => {
            leptos::logging::error!("{code}.ftl: no message {id}");
            Cow::Owned(id.to_owned())
        }
        FormatError::Partly(text, errors) => {
            leptos::logging::error!("{code}.ftl, {id}: {errors:?}");
            Cow::Owned(text)
        }
    }
}
