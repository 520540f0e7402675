//! What every organiser page shares: the session check (restored from the
//! cookie after a reload; without one, the login page), the organisers'
//! navigation with the logout button, and the handling of a lost session.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};

use crate::api::{ApiError, organise};
use crate::i18n::use_lang;
use crate::ui::load_error::LoadError;
use crate::ui::session::{Session, use_session};

/// The `:slug` of the address.
pub fn use_slug() -> String {
    use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default()
}

/// The login page's address that comes back to `path` afterwards.
pub fn login_url(path: &str) -> String {
    format!(
        "/organise/login?next={}",
        String::from(js_sys::encode_uri_component(path))
    )
}

/// Asks the server once per app start whether the cookie holds a session.
pub fn restore(session: Session) {
    if session.checked.get_untracked() {
        return;
    }
    spawn_local(async move {
        match organise::session().await {
            Ok(info) => session.logged_in(info),
            Err(_) => session.lost(),
        }
    });
}

/// The frame of an organiser page: shown once the session is known;
/// without one, the login page (then back here). `admin`: only for admins.
#[component]
pub fn Organise(#[prop(optional)] admin: bool, children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    restore(session);
    Effect::new(move |_| {
        if session.checked.get() && session.info.with(Option::is_none) {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let here = if here.is_empty() || here == "/organise" {
                String::new()
            } else {
                here
            };
            let url = if here.is_empty() {
                "/organise/login".to_string()
            } else {
                login_url(&here)
            };
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let ready = move || session.checked.get() && session.info.with(Option::is_some);
    let children = StoredValue::new(children);
    view! {
        <Show when=ready fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            <OrganiseNav/>
            <Show when=move || !admin || session.is_admin() fallback=move || view! {
                <p class="notice error" role="alert" id="admins-only">{move || t().o_admins_only}</p>
            }>
                {children.with_value(|c| c())}
            </Show>
        </Show>
    }
}

#[component]
fn OrganiseNav() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let navigate = use_navigate();
    let logout = Action::new_local(move |_: &()| {
        let csrf = session.csrf();
        async move { organise::logout(&csrf).await }
    });
    Effect::new(move |_| {
        if let Some(result) = logout.value().get() {
            // Gone on the server, or already gone: either way, logged out.
            if result.is_ok() || result.as_ref().is_err_and(|e| e.status == 401) {
                session.lost();
                navigate("/organise/login", Default::default());
            }
        }
    });
    view! {
        <nav class="organise-nav" aria-label=move || t().o_nav_label>
            <A href="/organise" exact=true>{move || t().o_campaigns}</A>
            <Show when=move || session.is_admin()>
                <A href="/organise/new">{move || t().o_new_campaign}</A>
                <A href="/organise/team">{move || t().o_team}</A>
                <A href="/organise/audit">{move || t().o_audit}</A>
                <A href="/organise/outbox">{move || t().o_outbox}</A>
            </Show>
            <span class="who" id="logged-in-as">{move || t().o_logged_in_as} " " <bdi>{move || session.email()}</bdi></span>
            <button type="button" id="logout" on:click=move |_| { logout.dispatch_local(()); }>{move || t().o_logout}</button>
        </nav>
        {move || logout.value().get().and_then(Result::err).filter(|e| e.status != 401).map(|e| view! { <LoadError error=e/> })}
    }
}

/// A failed organiser call: a lost session (`401`) goes to the login page,
/// anything else is shown.
#[component]
pub fn OrganiseError(error: ApiError) -> impl IntoView {
    let session = use_session();
    if error.status == 401 {
        session.lost();
    }
    let lang = use_lang();
    let forbidden = error.status == 403;
    view! {
        {forbidden.then(|| view! { <p class="notice error" role="alert">{move || lang.get().texts().o_forbidden}</p> })}
        {(!forbidden && error.status != 401).then(|| view! { <LoadError error=error.clone()/> })}
    }
}

/// Calls `lost` on the session when a write answers `401`.
pub fn check_session<T>(session: Session, result: &Result<T, ApiError>) {
    if result.as_ref().is_err_and(|e| e.status == 401) {
        session.lost();
    }
}

/// The pages of one campaign, for its organisers.
#[component]
pub fn CampaignNav(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let base = format!("/organise/c/{slug}");
    let settings = format!("{base}/settings");
    view! {
        <nav class="campaign-nav" aria-label=move || t().o_campaign_nav>
            <A href=base.clone() exact=true>{move || t().o_dashboard}</A>
            <A href=format!("{base}/queue")>{move || t().o_queue}</A>
            <A href=format!("{base}/endorsements")>{move || t().o_endorsements}</A>
            <Show when=move || session.is_admin()>
                <A href=settings.clone()>{move || t().o_settings}</A>
            </Show>
            <a href=format!("/c/{slug}")>{move || t().o_public_page}</a>
        </nav>
    }
}
