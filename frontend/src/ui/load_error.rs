//! A failed load, with the server's message.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_lang;

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
