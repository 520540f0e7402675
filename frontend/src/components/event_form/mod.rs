//! The form of an action, for registering and for editing: city autocomplete,
//! a draggable pin, the time as local wall-clock time with its zone named, and
//! the API's field errors next to their fields.

pub mod values;

use leptos::prelude::*;
use shared::{EventKind, FieldError, Place};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::ApiError;
use crate::components::place_picker::PlacePicker;
use crate::i18n::{self, Lang, Texts, use_lang};
use crate::map;
use crate::time;
use crate::ui::field::{Honeypot, TextField};
use crate::ui::settings::use_settings;
pub use values::{FormValues, Location};

/// The problem of the first of `names` that has one, in the interface
/// language; in the server's English when this version does not know the
/// problem's code.
pub fn error_for(error: &Option<ApiError>, names: &[&str], lang: Lang) -> Option<String> {
    let detail = &error.as_ref()?.detail;
    names.iter().find_map(|n| match detail.problems.get(*n) {
        Some(p) if *p != FieldError::Unknown => Some(i18n::field_error(lang, p)),
        _ => detail.fields.get(*n).cloned(),
    })
}

#[component]
pub fn EventForm(
    initial: FormValues,
    first_day: String,
    last_day: String,
    submit_label: Signal<&'static str>,
    busy: Signal<bool>,
    error: Signal<Option<ApiError>>,
    on_submit: Callback<FormValues>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || -> &'static Texts { lang.get().texts() };
    let settings = use_settings();

    let title = RwSignal::new(initial.title.clone());
    let kind = RwSignal::new(if initial.kind.is_empty() {
        "rally".to_string()
    } else {
        initial.kind.clone()
    });
    let description = RwSignal::new(initial.description.clone());
    let organiser = RwSignal::new(initial.organiser_name.clone());
    let email = RwSignal::new(initial.contact_email.clone());
    let public_contact = RwSignal::new(initial.public_contact.clone());
    let location = RwSignal::new(initial.location.clone());
    let location_changed = RwSignal::new(false);
    let address = RwSignal::new(initial.address.clone());
    let date = RwSignal::new(if initial.date.is_empty() {
        first_day.clone()
    } else {
        initial.date.clone()
    });
    let start = RwSignal::new(initial.start.clone());
    let end = RwSignal::new(initial.end.clone());
    let links = RwSignal::new(initial.links.clone());
    let language = RwSignal::new(if initial.language.is_empty() {
        lang.get_untracked().code().to_string()
    } else {
        initial.language.clone()
    });
    let visibility = RwSignal::new(if initial.visibility.is_empty() {
        "exact".to_string()
    } else {
        initial.visibility.clone()
    });

    let homepage = RwSignal::new(String::new());
    let err = move |names: &'static [&'static str]| {
        Signal::derive(move || error.with(|e| error_for(e, names, lang.get())))
    };

    // The pin map appears once a city is chosen.
    let pin_node = NodeRef::<leptos::html::Div>::new();
    let pin_map = StoredValue::new_local(None::<JsValue>);
    let on_move = StoredValue::new_local(None::<Closure<dyn Fn(f64, f64)>>);
    Effect::new(move |_| {
        let Some(loc) = location.get() else { return };
        let (Some(node), Some(settings)) = (pin_node.get(), settings.get()) else {
            return;
        };
        let exists = pin_map.with_value(Option::is_some);
        if exists {
            pin_map.with_value(|h| {
                if let Some(h) = h {
                    map::move_pin(h, loc.latitude, loc.longitude, 13.0);
                }
            });
            return;
        }
        let settings = settings.unwrap_or_default();
        let callback = Closure::<dyn Fn(f64, f64)>::new(move |lat: f64, lon: f64| {
            location.try_update(|l| {
                if let Some(l) = l {
                    l.latitude = (lat * 1e5).round() / 1e5;
                    l.longitude = (lon * 1e5).round() / 1e5;
                }
            });
            location_changed.try_set(true);
        });
        let handle = map::create_pin_map(
            &node,
            loc.latitude,
            loc.longitude,
            settings.tile_url,
            settings.tile_attribution,
            lang.get_untracked().texts().f_pin,
            callback.as_ref().unchecked_ref(),
            &map::labels(lang.get_untracked()),
        );
        on_move.set_value(Some(callback));
        pin_map.set_value(Some(handle));
    });
    on_cleanup(move || {
        pin_map.try_with_value(|h| {
            if let Some(h) = h {
                map::destroy(h);
            }
        });
    });
    let pick = Callback::new(move |p: Place| {
        location.set(Some(Location::from(&p)));
        location_changed.set(true);
    });

    let zone_note = move || {
        location.get().map(|l| {
            let offset = time::zone_offset(&l.timezone, &date.get(), &start.get());
            lang.get().zone_note(&format!("{} ({offset})", l.timezone))
        })
    };
    let values = move || FormValues {
        title: title.get_untracked(),
        kind: kind.get_untracked(),
        description: description.get_untracked(),
        organiser_name: organiser.get_untracked(),
        contact_email: email.get_untracked(),
        public_contact: public_contact.get_untracked(),
        location: location.get_untracked(),
        location_changed: location_changed.get_untracked(),
        address: address.get_untracked(),
        date: date.get_untracked(),
        start: start.get_untracked(),
        end: end.get_untracked(),
        links: links.get_untracked(),
        language: language.get_untracked(),
        visibility: visibility.get_untracked(),
        homepage: homepage.get_untracked(),
    };
    let initial_city = initial
        .location
        .as_ref()
        .map(|l| l.city.clone())
        .unwrap_or_default();
    let place_error = err(&[
        "city",
        "place_id",
        "country_code",
        "latitude",
        "longitude",
        "timezone",
    ]);

    view! {
        <form
            class="stack"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(values());
            }
        >
            {move || error.get().map(|e| view! {
                <div class="notice error" role="alert" id="form-error">
                    {if e.detail.fields.is_empty() { e.detail.message.clone() } else { t().fix_errors.to_string() }}
                </div>
            })}
            <TextField id="title" label=Signal::derive(move || t().f_title) value=title error=err(&["title"]) required=true/>
            <div class="field">
                <label for="kind">{move || t().f_kind}</label>
                <select id="kind" aria-invalid=move || err(&["kind"]).with(Option::is_some).to_string() on:change:target=move |ev| kind.set(ev.target().value())>
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k.as_str()>{move || lang.get().kind(k)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="description">{move || t().f_description}</label>
                <textarea id="description" rows="4" dir="auto" prop:value=move || description.get() on:input:target=move |ev| description.set(ev.target().value())></textarea>
                {move || err(&["description"]).get().map(|e| view! { <span class="error">{e}</span> })}
            </div>
            <TextField id="organiser_name" label=Signal::derive(move || t().f_organiser) value=organiser error=err(&["organiser_name"]) required=true autocomplete="organization"/>
            <div class="row">
                <TextField id="contact_email" input_type="email" label=Signal::derive(move || t().f_contact_email) hint=Signal::derive(move || t().h_contact_email) value=email error=err(&["contact_email"]) required=true autocomplete="email"/>
                <TextField id="public_contact" label=Signal::derive(move || t().f_public_contact) hint=Signal::derive(move || t().h_public_contact) value=public_contact error=err(&["public_contact"])/>
            </div>
            <fieldset>
                <legend>{move || t().where_}</legend>
                <PlacePicker id="city" label_text=Signal::derive(move || t().f_city) hint=Signal::derive(move || t().h_city) error=place_error initial=initial_city on_pick=pick/>
                <TextField id="address" label=Signal::derive(move || t().f_address) value=address error=err(&["address"]) autocomplete="address-line1"/>
                <Show when=move || location.with(Option::is_some)>
                    <p class="hint" id="pin-hint">{move || t().h_pin}</p>
                </Show>
                <div class="pin-map" node_ref=pin_node id="pin-map" aria-describedby="pin-hint" style:display=move || if location.with(Option::is_some) { "block" } else { "none" }></div>
                <p class="zone-note" id="pin-position">
                    {move || location.get().map(|l| format!("{:.5}, {:.5}", l.latitude, l.longitude))}
                </p>
                <fieldset>
                    <legend>{move || t().f_visibility}</legend>
                    <label><input type="radio" name="visibility" value="exact" prop:checked=move || visibility.get() == "exact" on:change=move |_| visibility.set("exact".into())/> " " {move || t().visibility_exact}</label><br/>
                    <label><input type="radio" name="visibility" value="city" id="visibility-city" prop:checked=move || visibility.get() == "city" on:change=move |_| visibility.set("city".into())/> " " {move || t().visibility_city}</label>
                </fieldset>
            </fieldset>
            <fieldset>
                <legend>{move || t().when}</legend>
                <p class="zone-note" id="zone-note" aria-live="polite">{zone_note}</p>
                <div class="row">
                    <div class="field">
                        <label for="date">{move || t().f_date}</label>
                        <input id="date" type="date" min=first_day.clone() max=last_day.clone() prop:value=move || date.get() on:input:target=move |ev| date.set(ev.target().value()) aria-describedby="zone-note"/>
                    </div>
                    <div class="field">
                        <label for="start">{move || t().f_start}</label>
                        <input id="start" type="time" required aria-describedby="zone-note start-error"
                            aria-invalid=move || err(&["local_start"]).with(Option::is_some).to_string()
                            prop:value=move || start.get() on:input:target=move |ev| start.set(ev.target().value())/>
                    </div>
                    <div class="field">
                        <label for="end">{move || t().f_end}</label>
                        <input id="end" type="time" aria-describedby="zone-note end-error"
                            aria-invalid=move || err(&["local_end"]).with(Option::is_some).to_string()
                            prop:value=move || end.get() on:input:target=move |ev| end.set(ev.target().value())/>
                    </div>
                </div>
                {move || err(&["local_start"]).get().map(|e| view! { <span class="error" id="start-error">{e}</span> })}
                {move || err(&["local_end"]).get().map(|e| view! { <span class="error" id="end-error">{e}</span> })}
            </fieldset>
            <div class="field">
                <label for="links">{move || t().f_links}</label>
                <span class="hint" id="links-hint">{move || t().h_links}</span>
                <textarea id="links" rows="2" aria-describedby="links-hint" prop:value=move || links.get() on:input:target=move |ev| links.set(ev.target().value())></textarea>
                {move || err(&["links"]).get().map(|e| view! { <span class="error">{e}</span> })}
            </div>
            <div class="field">
                <label for="language-of-action">{move || t().f_language}</label>
                <select id="language-of-action" on:change:target=move |ev| language.set(ev.target().value())>
                    {[("en", "English"), ("fa", "فارسی"), ("es", "Español"), ("fr", "Français"), ("de", "Deutsch"), ("ar", "العربية"), ("ku", "Kurdî"), ("tr", "Türkçe"), ("sv", "Svenska"), ("pt", "Português"), ("it", "Italiano"), ("nl", "Nederlands")]
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code lang=code selected=move || language.get() == code>{name}</option> })
                        .collect_view()}
                </select>
            </div>
            <Honeypot value=homepage/>
            <div>
                <button type="submit" class="primary" id="submit" disabled=move || busy.get()>
                    {move || if busy.get() { t().sending } else { submit_label.get() }}
                </button>
            </div>
        </form>
    }
}
