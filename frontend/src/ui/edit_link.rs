//! A private edit link, shown once: the link, a copy button and the warning
//! to keep it safe. Used after registering and after getting a new link.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::ui::browser::copy_text;

#[component]
pub fn EditLinkBox(url: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let copied = RwSignal::new(false);
    view! {
        <label for="edit-url"><strong>{move || t().edit_link_label}</strong></label>
        <div class="edit-link">
            <input id="edit-url" readonly prop:value=url.clone() on:focus:target=move |ev| ev.target().select()/>
            <button type="button" id="copy-edit-url" on:click=move |_| copy_text(url.clone(), copied)>{move || t().copy}</button>
        </div>
        <p class="notice warning" role="alert">{move || t().keep_warning}</p>
        <Show when=move || copied.get()><p role="status">{move || t().copied}</p></Show>
    }
}
