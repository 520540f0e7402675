//! The shell: language, header and footer, and the routes of the app.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::i18n::{self, Lang, use_lang};
use crate::pages::organise::{
    audit::{AuditPage, OutboxPage},
    dashboard::DashboardPage,
    endorsements::OrganiseEndorsementsPage,
    home::OrganiseHome,
    invite::InvitePage,
    login::LoginPage,
    queue::QueuePage,
    settings::{NewCampaignPage, SettingsPage},
    team::TeamPage,
};
use crate::pages::{
    campaign::CampaignPage,
    campaign::CurrentCampaign,
    edit::EditPage,
    embed::EmbedPage,
    endorse::{EndorsePage, EndorsementsPage},
    event::EventPage,
    register::RegisterPage,
};
use crate::ui::clock::provide_clock;
use crate::ui::session::provide_session;
use crate::ui::settings::provide_settings;
use crate::ui::title::use_title;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(i18n::initial_lang());
    Effect::new(move |_| i18n::apply(lang.get()));
    provide_context(lang);
    provide_settings();
    provide_clock();
    provide_session();

    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=CurrentCampaign/>
                    <Route path=path!("/c/:slug") view=CampaignPage/>
                    <Route path=path!("/c/:slug/endorse") view=EndorsePage/>
                    <Route path=path!("/c/:slug/endorsements") view=EndorsementsPage/>
                    <Route path=path!("/e/:id") view=EventPage/>
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/edit/:id") view=EditPage/>
                    <Route path=path!("/embed/:slug") view=EmbedPage/>
                    <Route path=path!("/invite") view=InvitePage/>
                    <Route path=path!("/organise") view=OrganiseHome/>
                    <Route path=path!("/organise/login") view=LoginPage/>
                    <Route path=path!("/organise/new") view=NewCampaignPage/>
                    <Route path=path!("/organise/team") view=TeamPage/>
                    <Route path=path!("/organise/audit") view=AuditPage/>
                    <Route path=path!("/organise/outbox") view=OutboxPage/>
                    <Route path=path!("/organise/c/:slug") view=DashboardPage/>
                    <Route path=path!("/organise/c/:slug/queue") view=QueuePage/>
                    <Route path=path!("/organise/c/:slug/settings") view=SettingsPage/>
                    <Route path=path!("/organise/c/:slug/endorsements") view=OrganiseEndorsementsPage/>
                </Routes>
            </Shell>
        </Router>
    }
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
            <footer class="site">
                <p>{move || t().footer}</p>
                <p><A href="/organise">{move || t().nav_organise}</A></p>
            </footer>
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
fn NotFound() -> impl IntoView {
    let lang = use_lang();
    use_title(move || lang.get().texts().not_found.to_string());
    view! { <p>{move || lang.get().texts().not_found}</p> }
}
