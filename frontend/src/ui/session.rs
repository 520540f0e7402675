//! The organiser's session: who is logged in and the CSRF token, in memory
//! only (never in storage). After a reload `GET /api/v1/session` restores it
//! from the cookie, which the page itself never sees (HttpOnly).

use leptos::prelude::*;
use shared::{Role, SessionInfo};

#[derive(Clone, Copy)]
pub struct Session {
    pub info: RwSignal<Option<SessionInfo>>,
    /// The server has been asked (or a login answered) since the app started.
    pub checked: RwSignal<bool>,
}

impl Session {
    /// The token every write sends as `X-CSRF-Token`.
    pub fn csrf(&self) -> String {
        self.info
            .with_untracked(|i| i.as_ref().map(|i| i.csrf_token.clone()).unwrap_or_default())
    }

    pub fn is_admin(&self) -> bool {
        self.info
            .with(|i| i.as_ref().is_some_and(|i| i.organiser.role == Role::Admin))
    }

    pub fn email(&self) -> String {
        self.info.with(|i| {
            i.as_ref()
                .map(|i| i.organiser.email.clone())
                .unwrap_or_default()
        })
    }

    pub fn logged_in(&self, info: SessionInfo) {
        self.info.set(Some(info));
        self.checked.set(true);
    }

    /// The server no longer knows the session (a `401`), or it ended.
    pub fn lost(&self) {
        self.info.set(None);
        self.checked.set(true);
    }
}

pub fn provide_session() {
    provide_context(Session {
        info: RwSignal::new(None),
        checked: RwSignal::new(false),
    });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
