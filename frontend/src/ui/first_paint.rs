//! The campaign's call to action that the server puts in the first HTML
//! (`<div id="first-paint">`: the header and the hero, rendered from the same
//! data and messages), so that a phone shows it before the app has loaded.
//!
//! When the app starts it takes the hero out and drops the rest (the app
//! draws its own header in the same place). The campaign's loading view then
//! shows that hero where its own will be, and the campaign's view replaces it
//! with the same text: nothing moves and nothing flashes.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    static HERO: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Called once before the app mounts.
pub fn take_over() {
    let Some(document) = document() else {
        return;
    };
    if let Some(hero) = document.get_element_by_id("first-paint-hero") {
        hero.remove();
        HERO.with(|h| *h.borrow_mut() = Some(hero));
    }
    if let Some(first) = document.get_element_by_id("first-paint") {
        first.remove();
    }
}

/// Whether the server's hero is waiting to be shown.
pub fn has_hero() -> bool {
    HERO.with(|h| h.borrow().is_some())
}

/// Shows the server's hero inside `slot` (moved there, not copied).
pub fn show_in(slot: &web_sys::HtmlElement) {
    HERO.with(|h| {
        if let Some(hero) = h.borrow().as_ref() {
            let _ = slot.append_child(hero.unchecked_ref());
        }
    });
}

/// The app shows its own hero now: the server's is not needed again.
pub fn done() {
    HERO.with(|h| *h.borrow_mut() = None);
}
