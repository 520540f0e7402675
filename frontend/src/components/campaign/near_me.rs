//! "Near me": the browser's position (rounded to about 1 km before it
//! leaves the browser) or a typed city; "show everything" goes back.

use leptos::prelude::*;
use shared::Place;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::place_picker::PlacePicker;
use crate::i18n::use_lang;
use crate::search::{place_position, rounded_position};

/// `point` is the `LAT,LON` searched near; `denied` says why there is none.
#[component]
pub fn NearMe(
    point: RwSignal<Option<String>>,
    denied: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let say_denied = move || denied.set(Some(lang.get_untracked().texts().near_denied));
    let locate = move |_| {
        denied.set(None);
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            say_denied();
            return;
        };
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            // Never the exact fix: about 1 km is enough to sort by distance.
            let c = pos.coords();
            point.try_set(Some(rounded_position(c.latitude(), c.longitude())));
        });
        let failed = Closure::once_into_js(move |_: JsValue| {
            denied.try_set(Some(lang.get_untracked().texts().near_denied));
        });
        if geo
            .get_current_position_with_error_callback(
                ok.unchecked_ref(),
                Some(failed.unchecked_ref()),
            )
            .is_err()
        {
            say_denied();
        }
    };
    // A city's centre is public data: it may go as precise as it is.
    let pick_city = Callback::new(move |p: Place| {
        denied.set(None);
        point.set(Some(place_position(p.latitude, p.longitude)));
    });
    view! {
        <div class="near">
            <button type="button" id="near-me" on:click=locate>{move || t().near_me}</button>
            <PlacePicker id="near-city" label_text=Signal::derive(move || t().near_city) on_pick=pick_city/>
            // Always in place, hidden (also from screen readers) while unused,
            // so that the toolbar does not move when it appears.
            <button
                type="button"
                id="show-all"
                class="reserved"
                class:unused=move || point.with(Option::is_none)
                on:click=move |_| point.set(None)
            >
                {move || t().show_everything}
            </button>
        </div>
    }
}
