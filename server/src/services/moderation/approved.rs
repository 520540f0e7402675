//! The fields of a published action that organisers approve: its title, time
//! and place. In a review-first campaign a change of any of them by the group
//! puts the action back in the queue as "changed since approval", beside
//! the version approved.

use serde::{Deserialize, Serialize};
use shared::FieldChange;

use crate::entities::event;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approved {
    pub title: String,
    pub city: String,
    pub country_code: String,
    pub place_id: Option<i64>,
    pub address: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub location_visibility: String,
    pub timezone: String,
    /// `YYYY-MM-DDTHH:MM`, local.
    pub local_start: String,
    pub local_end: Option<String>,
}

const LOCAL: &str = "%Y-%m-%dT%H:%M";

impl Approved {
    pub fn of(model: &event::Model) -> Approved {
        Approved {
            title: model.title.clone(),
            city: model.city.clone(),
            country_code: model.country_code.clone(),
            place_id: model.place_id,
            address: model.address.clone(),
            latitude: model.latitude,
            longitude: model.longitude,
            location_visibility: model.location_visibility.as_str().to_string(),
            timezone: model.timezone.name().to_string(),
            local_start: model.local_start.format(LOCAL).to_string(),
            local_end: model.local_end.map(|e| e.format(LOCAL).to_string()),
        }
    }

    /// What was approved for `model`: its stored copy, or (approved before
    /// copies were kept, or published at once) the action as it is.
    pub fn stored_or_current(model: &event::Model) -> Approved {
        model
            .approved
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_else(|| Approved::of(model))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn point(&self) -> String {
        format!("{:.5}, {:.5}", self.latitude, self.longitude)
    }

    /// Each field that differs in `now`, side by side.
    pub fn changes(&self, now: &Approved) -> Vec<FieldChange> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let pairs = [
            ("title", self.title.clone(), now.title.clone()),
            (
                "city",
                format!("{} ({})", self.city, self.country_code),
                format!("{} ({})", now.city, now.country_code),
            ),
            ("address", opt(&self.address), opt(&now.address)),
            ("point", self.point(), now.point()),
            (
                "location_visibility",
                self.location_visibility.clone(),
                now.location_visibility.clone(),
            ),
            ("timezone", self.timezone.clone(), now.timezone.clone()),
            (
                "local_start",
                self.local_start.clone(),
                now.local_start.clone(),
            ),
            ("local_end", opt(&self.local_end), opt(&now.local_end)),
        ];
        pairs
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .map(|(field, approved, now)| FieldChange {
                field: field.to_string(),
                approved,
                now,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approved() -> Approved {
        Approved {
            title: "Vigil".into(),
            city: "Berlin".into(),
            country_code: "DE".into(),
            place_id: Some(2950159),
            address: Some("Pariser Platz".into()),
            latitude: 52.5163,
            longitude: 13.3777,
            location_visibility: "exact".into(),
            timezone: "Europe/Berlin".into(),
            local_start: "2026-11-05T14:00".into(),
            local_end: None,
        }
    }

    #[test]
    fn changes_name_each_field_with_both_values() {
        let before = approved();
        assert!(before.changes(&before).is_empty());
        let now = Approved {
            local_start: "2026-11-05T10:00".into(),
            address: Some("Embassy".into()),
            ..approved()
        };
        let changes = before.changes(&now);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["address", "local_start"]);
        assert_eq!(changes[1].approved, "2026-11-05T14:00");
        assert_eq!(changes[1].now, "2026-11-05T10:00");
        // A pin moved by a few metres is a change of the point.
        let moved = Approved {
            latitude: 52.5200,
            ..approved()
        };
        assert_eq!(before.changes(&moved)[0].field, "point");
    }
}
