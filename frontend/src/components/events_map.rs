//! The interactive map of actions (Leaflet with clustering, via `map.rs`).

use leptos::prelude::*;
use shared::MapPoint;
use wasm_bindgen::JsValue;

use crate::i18n::{Lang, use_lang};
use crate::map::{self, MapItem};
use crate::time;
use crate::ui::settings::use_settings;

fn item(p: &MapPoint, lang: Lang, new_tab_base: Option<&str>) -> MapItem {
    MapItem {
        id: p.id,
        lat: p.latitude,
        lon: p.longitude,
        title: p.title.clone(),
        place: format!(
            "{}, {}",
            p.city,
            time::country_name(&p.country_code, &p.country_code, lang)
        ),
        when: time::point_local(p, lang),
        url: format!("{}/e/{}", new_tab_base.unwrap_or(""), p.id),
        cancelled: p.cancelled,
        language: p.language.clone(),
        status: None,
        label: None,
    }
}

/// The map's handle, made once the element `node` exists and the settings
/// are known (named with `label` in the interface language), and a signal
/// set then, so that effects reading it run again.
pub fn use_map(
    node: NodeRef<leptos::html::Div>,
    label: fn(Lang) -> &'static str,
) -> (StoredValue<Option<JsValue>, LocalStorage>, RwSignal<bool>) {
    let lang = use_lang();
    let settings = use_settings();
    let handle = StoredValue::new_local(None::<JsValue>);
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        if handle.with_value(Option::is_some) {
            return;
        }
        let (Some(element), Some(settings)) = (node.get(), settings.get()) else {
            return;
        };
        let settings = settings.unwrap_or_default();
        let l = lang.get_untracked();
        let created = map::create_map(
            &element,
            settings.tile_url,
            settings.tile_attribution,
            label(l),
            &map::labels(l),
        );
        handle.set_value(Some(created));
        ready.set(true);
    });
    (handle, ready)
}

#[component]
pub fn EventsMap(
    points: Signal<Vec<MapPoint>>,
    /// Points to zoom to (flat lat, lon pairs) when they change.
    fit: Signal<Vec<f64>>,
    /// An event whose popup to open.
    focus: RwSignal<Option<i64>>,
    #[prop(optional)] absolute_links: bool,
) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    let (handle, ready) = use_map(node, |l| l.texts().map_label);
    // The map's name and its controls follow the interface language.
    Effect::new(move |first: Option<()>| {
        let l = lang.get();
        if first.is_some() {
            handle.with_value(|h| {
                if let Some(h) = h {
                    map::set_labels(h, l.texts().map_label, &map::labels(l));
                }
            });
        }
    });
    // Markers follow the events (and the language of their popups).
    Effect::new(move |_| {
        ready.get();
        let lang = lang.get();
        let base = absolute_links.then(|| {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        });
        let items: Vec<MapItem> = points.with(|list| {
            list.iter()
                .map(|e| item(e, lang, base.as_deref()))
                .collect()
        });
        handle.with_value(|h| {
            if let Some(h) = h {
                map::set_events(h, map::items_to_js(&items));
            }
        });
    });
    Effect::new(move |_| {
        ready.get();
        let points = fit.get();
        handle.with_value(|h| {
            if let Some(h) = h
                && points.len() >= 2
            {
                map::fit_points(h, points, 12.0);
            }
        });
    });
    Effect::new(move |_| {
        if let Some(id) = focus.get() {
            handle.with_value(|h| {
                if let Some(h) = h {
                    map::open_event(h, id as f64);
                    if let Some(el) = node.get_untracked() {
                        el.scroll_into_view();
                    }
                }
            });
        }
    });
    on_cleanup(move || {
        handle.try_with_value(|h| {
            if let Some(h) = h {
                map::destroy(h);
            }
        });
    });
    view! { <div class="map" node_ref=node id="events-map"></div> }
}
