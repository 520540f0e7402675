//! Day of Action web app: a Leptos client-side app that talks to the server
//! only through the JSON API (types from `shared/`).
//!
//! The modules depend one way, never in a circle:
//! `app` → `pages` → `components` → `ui`, `api`, `search`, `time`, `map`,
//! `i18n`. `ui` holds the small pieces every layer uses (load error, clock,
//! settings, clipboard, scrolling, text field, document title, edit link,
//! the organiser's session and the campaign's live events). The organisers'
//! pages are `pages::organise` (their API calls `api::organise`), their
//! pieces `components::organise`.
//! The pure modules (`search`, `components::event_form::values`, the
//! campaign choice in `api`, the wave's scaling, the queue's keys, the
//! endorsements' grouping) have native unit tests:
//! `cargo test -p frontend --lib`.

mod api;
mod app;
mod components;
mod i18n;
mod map;
mod pages;
mod search;
mod time;
mod ui;

/// Mounts the app on `<body>`, in place of the server's first HTML.
pub fn start() {
    console_error_panic_hook::set_once();
    ui::first_paint::take_over();
    leptos::mount::mount_to_body(app::App);
}
