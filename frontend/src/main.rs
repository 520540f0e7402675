//! Day of Action web app: a Leptos client-side app that talks to the server
//! only through the JSON API (types from `shared/`).

mod api;
mod app;
mod components;
mod i18n;
mod map;
mod pages;
mod time;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
