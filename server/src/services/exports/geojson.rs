//! GeoJSON (RFC 7946): one point feature per visible event.

use serde_json::{Value, json};

use super::context::Context;
use crate::entities::event;

pub(super) const HEAD: &str = r#"{"type":"FeatureCollection","features":["#;
pub(super) const END: &str = "]}";

pub(super) fn feature(context: &Context, model: &event::Model) -> Value {
    let (e, url) = context.public_view(model);
    json!({
        "type": "Feature",
        "id": e.id,
        "geometry": { "type": "Point", "coordinates": [e.place.longitude, e.place.latitude] },
        "properties": {
            "title": e.title,
            "kind": e.kind,
            "city": e.place.city,
            "country_code": e.place.country_code,
            "country": e.place.country,
            "address": e.place.address,
            "timezone": e.timezone,
            "starts_at": e.starts_at,
            "starts_at_utc": e.starts_at_utc,
            "local_date": e.local.date,
            "local_start": e.local.start,
            "utc_offset": e.local.utc_offset,
            "status": e.status,
            "cancelled": e.cancelled,
            "url": url,
        }
    })
}
