//! Bindings to `js/map.js`, our wrapper around Leaflet (served from /vendor/),
//! and the names it gives the map's controls and pins, in the interface
//! language.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::i18n::Lang;

#[wasm_bindgen(module = "/js/map.js")]
extern "C" {
    #[wasm_bindgen(js_name = createMap)]
    pub fn create_map(
        element: &web_sys::HtmlElement,
        tile_url: Option<String>,
        attribution: Option<String>,
        label: &str,
        labels: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = setLabels)]
    pub fn set_labels(handle: &JsValue, label: &str, labels: &JsValue);
    #[wasm_bindgen(js_name = setEvents)]
    pub fn set_events(handle: &JsValue, items: JsValue);
    #[wasm_bindgen(js_name = openEvent)]
    pub fn open_event(handle: &JsValue, id: f64);
    #[wasm_bindgen(js_name = fitPoints)]
    pub fn fit_points(handle: &JsValue, points: Vec<f64>, max_zoom: f64);
    #[wasm_bindgen(js_name = destroy)]
    pub fn destroy(handle: &JsValue);
    #[wasm_bindgen(js_name = createPinMap)]
    pub fn create_pin_map(
        element: &web_sys::HtmlElement,
        lat: f64,
        lon: f64,
        tile_url: Option<String>,
        attribution: Option<String>,
        label: &str,
        on_move: &js_sys::Function,
        labels: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = movePin)]
    pub fn move_pin(handle: &JsValue, lat: f64, lon: f64, zoom: f64);
}

/// One marker of the events map. Its accessible name is made by map.js
/// from the title, the place and the local time.
#[derive(serde::Serialize)]
pub struct MapItem {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub title: String,
    pub place: String,
    pub when: String,
    pub url: String,
    pub cancelled: bool,
    /// The language of the title, for its `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The organisers' map colours pins by status (`status-<status>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The marker's accessible name, when not made from the fields above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

pub fn items_to_js(items: &[MapItem]) -> JsValue {
    serde_json::to_string(items)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}

/// The `labels` of map.js: the controls' and clusters' names in `lang`.
pub fn labels(lang: Lang) -> JsValue {
    let t = lang.texts();
    let o = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    };
    set("locale", &JsValue::from_str(lang.locale()));
    set("zoomIn", &JsValue::from_str(t.map_zoom_in));
    set("zoomOut", &JsValue::from_str(t.map_zoom_out));
    set("closePopup", &JsValue::from_str(t.map_close_popup));
    set("cancelled", &JsValue::from_str(t.cancelled));
    // "12 actions, zoom in", with the plural rules of the interface language.
    let cluster =
        Closure::<dyn Fn(f64) -> String>::new(move |n: f64| lang.map_cluster(n.max(0.0) as usize));
    set("cluster", &cluster.into_js_value());
    o.into()
}
