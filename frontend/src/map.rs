//! Bindings to `js/map.js`, our wrapper around Leaflet (served from /vendor/).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/map.js")]
extern "C" {
    #[wasm_bindgen(js_name = createMap)]
    pub fn create_map(
        element: &web_sys::HtmlElement,
        tile_url: Option<String>,
        attribution: Option<String>,
        label: &str,
    ) -> JsValue;
    #[wasm_bindgen(js_name = setEvents)]
    pub fn set_events(handle: &JsValue, items: JsValue);
    #[wasm_bindgen(js_name = openEvent)]
    pub fn open_event(handle: &JsValue, id: f64);
    #[wasm_bindgen(js_name = fitPoints)]
    pub fn fit_points(handle: &JsValue, points: Vec<f64>, max_zoom: f64);
    #[wasm_bindgen(js_name = invalidate)]
    pub fn invalidate(handle: &JsValue);
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
    ) -> JsValue;
    #[wasm_bindgen(js_name = movePin)]
    pub fn move_pin(handle: &JsValue, lat: f64, lon: f64, zoom: f64);
}

/// One marker of the events map.
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
}

pub fn items_to_js(items: &[MapItem]) -> JsValue {
    serde_json::to_string(items)
        .ok()
        .and_then(|s| js_sys::JSON::parse(&s).ok())
        .unwrap_or(JsValue::NULL)
}
