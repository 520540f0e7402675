//! City autocomplete over the gazetteer: an ARIA combobox. Each keystroke
//! cancels the previous request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Place;

use crate::api::{self, Abort};
use crate::i18n::use_lang;
use crate::time;
use crate::ui::field::described_by;

fn label(p: &Place, lang: crate::i18n::Lang) -> String {
    let country = time::country_name(&p.country_code, &p.country, lang);
    if p.admin1.is_empty() || p.admin1 == p.name {
        format!("{}, {}", p.name, country)
    } else {
        format!("{}, {}, {}", p.name, p.admin1, country)
    }
}

#[component]
pub fn PlacePicker(
    id: &'static str,
    label_text: Signal<&'static str>,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] initial: String,
    on_pick: Callback<Place>,
) -> impl IntoView {
    let lang = use_lang();
    let text = RwSignal::new(initial);
    let options = RwSignal::new(Vec::<Place>::new());
    let active = RwSignal::new(None::<usize>);
    let open = RwSignal::new(false);
    let pending = StoredValue::new_local(None::<Abort>);
    let list_id = format!("{id}-options");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");

    let search = move |q: String| {
        pending.with_value(|p| {
            if let Some(p) = p {
                p.abort();
            }
        });
        if q.trim().is_empty() {
            options.set(Vec::new());
            open.set(false);
            return;
        }
        let abort = Abort::new();
        let signal = abort.as_ref().map(Abort::signal);
        pending.set_value(abort);
        spawn_local(async move {
            // The picker may be gone by the time the answer comes.
            if let Ok(found) = api::places(&q, signal.as_ref()).await {
                open.try_set(!found.is_empty());
                active.try_set(None);
                options.try_set(found);
            }
        });
    };
    on_cleanup(move || {
        pending.try_with_value(|p| {
            if let Some(p) = p {
                p.abort();
            }
        });
    });
    let choose = move |i: usize| {
        if let Some(place) = options.with_untracked(|o| o.get(i).cloned()) {
            text.set(place.name.clone());
            open.set(false);
            on_pick.run(place);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = options.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let Some(i) = active
                    .get_untracked()
                    .or((n > 0 && open.get_untracked()).then_some(0))
                {
                    ev.prevent_default();
                    choose(i);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    let describedby = described_by(
        hint.is_some().then(|| hint_id.clone()),
        error_id.clone(),
        error,
    );
    let list_id_for_input = list_id.clone();
    let option_id = move |i: usize| format!("{id}-option-{i}");
    view! {
        <div class="field combo">
            <label for=id>{move || label_text.get()}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{move || h.get()}</span> })}
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-expanded=move || open.get().to_string()
                aria-controls=list_id_for_input
                aria-activedescendant=move || active.get().map(option_id).unwrap_or_default()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=describedby
                prop:value=move || text.get()
                on:input:target=move |ev| {
                    let v = ev.target().value();
                    text.set(v.clone());
                    search(v);
                }
                on:keydown=on_key
                on:blur=move |_| {
                    // Let a click on an option land first.
                    set_timeout(move || { open.try_set(false); }, std::time::Duration::from_millis(200));
                }
            />
            <Show when=move || open.get()>
                <ul role="listbox" id=list_id.clone() aria-label=move || label_text.get()>
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, p)| {
                                view! {
                                    <li
                                        role="option"
                                        id=option_id(i)
                                        aria-selected=move || (active.get() == Some(i)).to_string()
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            choose(i);
                                        }
                                    >
                                        {label(&p, lang.get_untracked())}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            {move || error.get().map(|e| view! { <span class="error" id=error_id.clone()>{e}</span> })}
        </div>
    }
}
