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
