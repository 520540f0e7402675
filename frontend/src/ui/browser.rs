//! What the page asks of the browser: clipboard, scrolling, confirmation
//! and its own address.

use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Copies text to the clipboard; says so in `status`.
pub fn copy_text(text: String, status: RwSignal<bool>) {
    if let Some(w) = web_sys::window() {
        let promise = w.navigator().clipboard().write_text(&text);
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                status.try_set(true);
            }
        });
    }
}

/// Asks the person to confirm; `false` when the browser cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// `https://example.org`: this site's origin, for links that leave an iframe.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The `token=` of the address's fragment (`#token=…`), decoded.
pub fn fragment_token() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(|t| {
            String::from(
                js_sys::decode_uri_component(t)
                    .ok()
                    .unwrap_or_else(|| t.into()),
            )
        })
        .filter(|t| !t.is_empty())
}

/// Replaces the current history entry by the same page without its fragment,
/// so that the token is neither in the address bar nor in the history (a
/// seized phone's browser history must not hold it).
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if location.hash().map(|h| h.is_empty()).unwrap_or(true) {
        return;
    }
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&path));
    }
}
