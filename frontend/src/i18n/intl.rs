//! Numbers in the language's digits, by the browser's `Intl.NumberFormat`
//! (the formatter of the Fluent bundles in the browser).

use std::cell::RefCell;
use std::collections::HashMap;

use fluent_bundle::FluentValue;
use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::lang::Lang;

/// What a formatter is made for: the language, the most fraction digits and
/// whether to group thousands.
type FormatterKey = (Lang, Option<usize>, bool);

thread_local! {
    // Making a formatter costs far more than using one (a list of actions
    // formats hundreds of counts): one per language and options.
    static FORMATTERS: RefCell<HashMap<FormatterKey, Function>> =
        RefCell::new(HashMap::new());
}

/// A Fluent number in the language's digits (`Intl.NumberFormat`).
pub(super) fn number(lang: Lang, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let key: FormatterKey = (
        lang,
        n.options.maximum_fraction_digits,
        n.options.use_grouping,
    );
    let make = || {
        let options = Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&options, &key.into(), &value);
        };
        if let Some(max) = n.options.maximum_fraction_digits {
            set("maximumFractionDigits", JsValue::from(max as u32));
        }
        set("useGrouping", JsValue::from(n.options.use_grouping));
        let locales = Array::of1(&JsValue::from(lang.locale()));
        Intl::NumberFormat::new(&locales, &options).format()
    };
    let format = FORMATTERS.with(|f| f.borrow_mut().entry(key).or_insert_with(make).clone());
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(n.value))
        .ok()?
        .as_string()
}
