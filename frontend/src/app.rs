//! The shell: language, header and footer, and the routes of the app.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use shared::Settings;

use crate::api::{self, ApiError};
use crate::i18n::{self, Lang, use_lang};
use crate::pages::{
    campaign::CampaignPage, campaign::CurrentCampaign, edit::EditPage, embed::EmbedPage,
    event::EventPage, register::RegisterPage,
};

/// Server settings (map tiles), loaded once.
pub type SettingsResource = LocalResource<Result<Settings, ApiError>>;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(i18n::initial_lang());
    Effect::new(move |_| i18n::apply(lang.get()));
    provide_context(lang);
    let settings: SettingsResource = LocalResource::new(api::settings);
    provide_context(settings);
    // One clock for "in 3 h" / "happening now", ticking every 30 seconds.
    let now = RwSignal::new(crate::time::now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::time::now_ms()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    provide_context(Clock(now));

    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=CurrentCampaign/>
                    <Route path=path!("/c/:slug") view=CampaignPage/>
                    <Route path=path!("/e/:id") view=EventPage/>
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/edit/:id") view=EditPage/>
                    <Route path=path!("/embed/:slug") view=EmbedPage/>
                </Routes>
            </Shell>
        </Router>
    }
}

/// The current time in milliseconds, shared by every relative time.
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<f64>);

pub fn use_now() -> Signal<f64> {
    expect_context::<Clock>().0.into()
}

#[component]
fn Shell(children: Children) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let location = use_location();
    // The embed view is the map and list alone, for partners' iframes.
    let embedded = move || location.pathname.get().starts_with("/embed/");
    view! {
        <Show when=move || !embedded()>
            <a class="skip-link" href="#content">{move || t().skip}</a>
            <header class="site">
                <A href="/" attr:class="brand">{move || t().brand}</A>
                <nav aria-label=move || t().brand>
                    <A href="/">{move || t().nav_find}</A>
                    <A href="/register">{move || t().nav_register}</A>
                </nav>
                <LanguageSwitch/>
            </header>
        </Show>
        <main id="content" tabindex="-1" class:embed=embedded>
            {children()}
        </main>
        <Show when=move || !embedded()>
            <footer class="site">{move || t().footer}</footer>
        </Show>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="lang-switch">
            <span>{move || lang.get().texts().language}</span>
            <select
                id="language"
                on:change:target=move |ev| {
                    if let Some(l) = Lang::from_code(&ev.target().value()) {
                        lang.set(l);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code() selected=move || lang.get() == l>
                                {l.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! { <p>{move || lang.get().texts().not_found}</p> }
}

/// A failed load, with the server's message.
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="notice error" role="alert">
            {move || lang.get().texts().load_failed}
            " "
            {error.detail.message.clone()}
        </div>
    }
}
