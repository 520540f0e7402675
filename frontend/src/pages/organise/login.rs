//! `/organise/login`: email and password; then back to the organiser page
//! that sent here (`?next=`), else `/organise`.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::Login;

use super::shell::restore;
use crate::api::organise;
use crate::i18n::use_lang;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

/// Where to go after logging in: an organiser page only (never another site).
pub fn next_page(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with("/organise") && !n.starts_with("/organise/login") => n.to_string(),
        _ => "/organise".to_string(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    use_title(move || joined(t().o_login_title, t().brand));
    restore(session);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let login = Action::new_local(move |body: &Login| {
        let body = body.clone();
        async move { organise::login(&body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(info)) = login.value().get() {
            session.logged_in(info);
        }
    });
    // Logged in (now, or still from before): on to the page asked for.
    Effect::new(move |_| {
        if session.info.with(Option::is_some) {
            let next = next_page(query.read_untracked().get("next").as_deref());
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let failure = move || {
        login
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| match e.status {
                401 => t().o_login_wrong.to_string(),
                429 => t().o_login_too_many.to_string(),
                _ => e.detail.message,
            })
    };
    view! {
        <h1>{move || t().o_login_title}</h1>
        <form
            class="stack narrow"
            id="login-form"
            on:submit=move |ev| {
                ev.prevent_default();
                login.dispatch_local(Login { email: email.get_untracked().trim().to_string(), password: password.get_untracked() });
            }
        >
            {move || failure().map(|m| view! { <p class="notice error" role="alert" id="login-error">{m}</p> })}
            <div class="field">
                <label for="login-email">{move || t().o_email}</label>
                <input id="login-email" type="email" autocomplete="email" required dir="ltr"
                    prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
            </div>
            <div class="field">
                <label for="login-password">{move || t().o_password}</label>
                <input id="login-password" type="password" autocomplete="current-password" required dir="ltr"
                    prop:value=move || password.get() on:input:target=move |ev| password.set(ev.target().value())/>
            </div>
            <div>
                <button type="submit" class="primary" id="login-submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t().sending } else { t().o_login }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_login_only_organiser_pages() {
        assert_eq!(next_page(None), "/organise");
        assert_eq!(
            next_page(Some("/organise/c/day/queue")),
            "/organise/c/day/queue"
        );
        assert_eq!(
            next_page(Some("https://evil.example/organise")),
            "/organise"
        );
        assert_eq!(next_page(Some("//evil.example")), "/organise");
        assert_eq!(next_page(Some("/organise/login")), "/organise");
    }
}
