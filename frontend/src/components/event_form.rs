//! The form of an action, for registering and for editing: city autocomplete,
//! a draggable pin, the time as local wall-clock time with its zone named, and
//! the API's field errors next to their fields.

use leptos::prelude::*;
use shared::{Event, EventKind, Place};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use crate::api::ApiError;
use crate::app::SettingsResource;
use crate::components::place_picker::PlacePicker;
use crate::i18n::{Texts, fill, use_lang};
use crate::map;
use crate::time;

/// Where the action is: a gazetteer place, moved by the pin.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub place_id: Option<i64>,
    pub city: String,
    pub country_code: String,
    pub timezone: String,
    pub latitude: f64,
    pub longitude: f64,
}

impl From<&Place> for Location {
    fn from(p: &Place) -> Self {
        Location {
            place_id: Some(p.place_id),
            city: p.name.clone(),
            country_code: p.country_code.clone(),
            timezone: p.timezone.clone(),
            latitude: p.latitude,
            longitude: p.longitude,
        }
    }
}

/// The values of the form, as the page sends them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormValues {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub organiser_name: String,
    pub contact_email: String,
    pub public_contact: String,
    pub location: Option<Location>,
    /// The pin was moved or the city changed since loading.
    pub location_changed: bool,
    pub address: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub links: String,
    pub language: String,
    pub visibility: String,
}

impl FormValues {
    pub fn from_event(e: &Event) -> Self {
        FormValues {
            title: e.title.clone(),
            kind: e.kind.as_str().to_string(),
            description: e.description.clone().unwrap_or_default(),
            organiser_name: e.organiser_name.clone(),
            contact_email: e.contact_email.clone().unwrap_or_default(),
            public_contact: e.public_contact.clone().unwrap_or_default(),
            location: Some(Location {
                place_id: e.place.place_id,
                city: e.place.city.clone(),
                country_code: e.place.country_code.clone(),
                timezone: e.timezone.clone(),
                latitude: e.place.latitude,
                longitude: e.place.longitude,
            }),
            location_changed: false,
            address: e.place.address.clone().unwrap_or_default(),
            date: e.local.date.clone(),
            start: e.local.start.clone(),
            end: e.local.end.clone().unwrap_or_default(),
            links: e.links.join("\n"),
            language: e.language.clone().unwrap_or_default(),
            visibility: e.location_visibility.as_str().to_string(),
        }
    }

    pub fn local(&self, time_of_day: &str) -> Option<String> {
        (!time_of_day.is_empty() && !self.date.is_empty())
            .then(|| format!("{}T{}", self.date, time_of_day))
    }

    pub fn link_list(&self) -> Vec<String> {
        self.links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    pub fn optional(s: &str) -> Option<String> {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }
}

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

/// Which form fields an API field error belongs to.
fn error_for(error: &Option<ApiError>, names: &[&str]) -> Option<String> {
    let e = error.as_ref()?;
    names.iter().find_map(|n| e.field(n))
}

#[component]
fn TextField(
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
    let settings = expect_context::<SettingsResource>();

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

    let err = move |names: &'static [&'static str]| {
        Signal::derive(move || error.with(|e| error_for(e, names)))
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
            fill(t().zone_note, &format!("{} ({offset})", l.timezone))
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
                <TextField id="address" label=Signal::derive(move || t().f_address) value=address error=err(&["address"]) autocomplete="street-address"/>
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
            <div>
                <button type="submit" class="primary" id="submit" disabled=move || busy.get()>
                    {move || if busy.get() { t().sending } else { submit_label.get() }}
                </button>
            </div>
        </form>
    }
}

use wasm_bindgen::JsCast;
