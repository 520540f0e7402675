//! Numbers in the language's digits, by the browser's `Intl.NumberFormat`
//! (the formatter of the Fluent bundles in the browser).

use fluent_bundle::FluentValue;
use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::lang::Lang;

/// A Fluent number in the language's digits (`Intl.NumberFormat`).
pub(super) fn number(lang: Lang, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let options = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&options, &key.into(), &value).ok();
    if let Some(max) = n.options.maximum_fraction_digits {
        set("maximumFractionDigits", JsValue::from(max as u32))?;
    }
    set("useGrouping", JsValue::from(n.options.use_grouping))?;
    let locales = Array::of1(&JsValue::from(lang.locale()));
    let format: Function = Intl::NumberFormat::new(&locales, &options).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(n.value))
        .ok()?
        .as_string()
}
