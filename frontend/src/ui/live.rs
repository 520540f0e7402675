//! Server-sent events of a campaign (`/api/v1/campaigns/{slug}/live`):
//! `stats` with the public counters, and for organisers `moderation` after
//! any change. The browser reconnects by itself; the stream closes when the
//! component that opened it goes away.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{EventSource, MessageEvent};

/// Calls `on_event(name, data)` for each event named in `names`.
pub fn use_live(
    slug: &str,
    names: &'static [&'static str],
    on_event: impl Fn(&str, String) + 'static,
) {
    let url = format!(
        "/api/v1/campaigns/{}/live",
        js_sys::encode_uri_component(slug)
    );
    let Ok(source) = EventSource::new(&url) else {
        return;
    };
    let on_event = std::rc::Rc::new(on_event);
    let mut listeners = Vec::new();
    for name in names {
        let on_event = on_event.clone();
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data().as_string().unwrap_or_default();
            on_event(name, data);
        });
        let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        listeners.push(listener);
    }
    let kept = StoredValue::new_local(Some((source, listeners)));
    on_cleanup(move || {
        kept.try_update_value(|k| {
            if let Some((source, _listeners)) = k.take() {
                source.close();
            }
        });
    });
}
