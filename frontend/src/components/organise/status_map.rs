//! The dashboard's map: every action of the campaign, its pin coloured by
//! status (a legend names the colours), on the same map as the public one
//! (Leaflet and our own country shapes: no outside service).

use leptos::prelude::*;
use shared::{EventStatus, StatusPoint};

use crate::components::events_map::use_map;
use crate::i18n::use_lang;
use crate::map::{self, MapItem};

#[component]
pub fn StatusMap(
    points: Signal<Vec<StatusPoint>>,
    /// The campaign: a pin that is not public opens its moderation queue.
    slug: String,
) -> impl IntoView {
    let queue_url = format!("/organise/c/{slug}/queue");
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    let (handle, ready) = use_map(node, |l| l.texts().d_map_label);
    Effect::new(move |_| {
        ready.get();
        let l = lang.get();
        let items: Vec<MapItem> = points.with(|list| {
            list.iter()
                .map(|p| MapItem {
                    id: p.id,
                    lat: p.latitude,
                    lon: p.longitude,
                    title: p.title.clone(),
                    place: p.city.clone(),
                    when: l.status(p.status).to_string(),
                    url: if p.status.is_public() {
                        format!("/e/{}", p.id)
                    } else {
                        queue_url.clone()
                    },
                    cancelled: p.status == EventStatus::Cancelled,
                    language: None,
                    status: Some(p.status.as_str().to_string()),
                    label: Some(format!("{}, {}, {}", p.title, p.city, l.status(p.status))),
                })
                .collect()
        });
        handle.with_value(|h| {
            if let Some(h) = h {
                map::set_events(h, map::items_to_js(&items));
            }
        });
    });
    on_cleanup(move || {
        handle.try_with_value(|h| {
            if let Some(h) = h {
                map::destroy(h);
            }
        });
    });
    view! {
        <div class="map status-map" node_ref=node id="status-map"></div>
        <ul class="legend" aria-label=move || lang.get().texts().d_legend>
            {EventStatus::ALL.into_iter().map(|s| view! {
                <li><span class=format!("pin-dot status-{}", s.as_str()) aria-hidden="true"></span> {move || lang.get().status(s)}</li>
            }).collect_view()}
        </ul>
    }
}
