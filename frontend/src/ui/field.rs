//! A labelled text field with its hint and its error, and the
//! `aria-describedby` that ties them to the input.

use leptos::prelude::*;

/// `aria-describedby` of a field: its hint, and its error while it has one.
pub fn described_by(
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> String {
    move || {
        let mut ids: Vec<&str> = hint_id.iter().map(String::as_str).collect();
        if error.with(Option::is_some) {
            ids.push(&error_id);
        }
        ids.join(" ")
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        error,
    );
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{move || h.get()}</span> })}
            <input
                id=id
                name=id
                type=input_type.unwrap_or("text")
                required=required
                autocomplete=autocomplete
                dir="auto"
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
            {move || error.get().map(|e| view! { <span class="error" id=error_id.clone()>{e}</span> })}
        </div>
    }
}

/// The honeypot `homepage`: a field only robots fill, out of sight, out of
/// the keyboard's way and out of the accessibility tree. Its label stays in
/// English on purpose: it is there for robots, which no person hears or sees.
#[component]
pub fn Honeypot(value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="hp" aria-hidden="true">
            <label for="homepage">"Homepage"</label>
            <input id="homepage" name="homepage" type="text" tabindex="-1" autocomplete="off"
                prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value())/>
        </div>
    }
}
