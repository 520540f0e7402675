//! `/invite#token=…`: a new organiser sets a password (at least 12
//! characters) with their one-time link and is logged in. The token is read
//! from the fragment and removed from the address bar and the history at
//! once, as on the edit page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::AcceptInvite;

use crate::api::organise;
use crate::i18n::use_lang;
use crate::ui::browser::{clear_fragment, fragment_token};
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

/// The shortest password the page accepts (the server checks it too).
pub const PASSWORD_MIN: usize = 12;

pub fn password_ok(password: &str) -> bool {
    password.chars().count() >= PASSWORD_MIN
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || joined(t().i_title, t().brand));
    let token = StoredValue::new(fragment_token());
    clear_fragment();
    let password = RwSignal::new(String::new());
    let too_short = RwSignal::new(false);
    let accept = Action::new_local(move |body: &AcceptInvite| {
        let body = body.clone();
        async move { organise::accept_invite(&body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(info)) = accept.value().get() {
            session.logged_in(info);
            navigate("/organise", Default::default());
        }
    });
    let failure = move || {
        accept
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| match e.status {
                400 | 401 | 403 | 404 | 410 => t().i_invalid.to_string(),
                _ => e.detail.message,
            })
    };
    view! {
        <h1>{move || t().i_title}</h1>
        <Show when=move || token.with_value(Option::is_some) fallback=move || view! {
            <p class="notice error" role="alert" id="no-invite-token">{move || t().i_invalid}</p>
        }>
            <p>{move || t().i_intro}</p>
            <form class="stack narrow" id="invite-accept" novalidate on:submit=move |ev| {
                ev.prevent_default();
                let p = password.get_untracked();
                too_short.set(!password_ok(&p));
                if password_ok(&p) {
                    accept.dispatch_local(AcceptInvite { token: token.get_value().unwrap_or_default(), password: p });
                }
            }>
                {move || failure().map(|m| view! { <p class="notice error" role="alert" id="invite-error">{m}</p> })}
                <div class="field">
                    <label for="new-password">{move || t().o_password}</label>
                    <span class="hint" id="new-password-hint">{move || t().i_password_hint}</span>
                    <input id="new-password" type="password" autocomplete="new-password" required minlength="12" dir="ltr"
                        aria-describedby="new-password-hint new-password-error"
                        aria-invalid=move || too_short.get().to_string()
                        prop:value=move || password.get() on:input:target=move |ev| password.set(ev.target().value())/>
                    <Show when=move || too_short.get()>
                        <span class="error" id="new-password-error">{move || t().i_password_hint}</span>
                    </Show>
                </div>
                <div>
                    <button type="submit" class="primary" id="invite-accept-submit" disabled=move || accept.pending().get()>{move || t().i_submit}</button>
                </div>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_characters_not_bytes() {
        assert!(!password_ok("short"));
        assert!(!password_ok("elevenchars"));
        assert!(password_ok("twelve chars"));
        // Twelve Persian letters are twelve characters (24 bytes).
        assert!(password_ok("رمزعبورطولان"));
        assert!(!password_ok("رمزعبور"));
    }
}
