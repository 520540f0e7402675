//! Column values stored as text and read as types: an event's IANA time
//! zone (`chrono_tz::Tz`) and its links (a JSON array). A stored value that
//! does not read fails the query (a logged database error), never a silent
//! UTC or an empty list.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use sea_orm::DeriveValueType;

/// An IANA zone, stored by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DeriveValueType)]
#[sea_orm(
    value_type = "String",
    column_type = "String(sea_orm::sea_query::StringLen::N(64))"
)]
pub struct Zone(pub Tz);

impl Zone {
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl From<Tz> for Zone {
    fn from(zone: Tz) -> Self {
        Zone(zone)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl FromStr for Zone {
    type Err = chrono_tz::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Zone)
    }
}

/// Texts by language code (`{"en": "…", "fa": "…"}`), stored as a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveValueType)]
#[sea_orm(
    value_type = "String",
    column_type = "Text",
    from_str = "Texts::from_json",
    to_str = "Texts::to_json"
)]
pub struct Texts(pub std::collections::BTreeMap<String, String>);

impl Texts {
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text).map(Texts)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }
}

/// An event's links, stored as a JSON array of strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveValueType)]
#[sea_orm(
    value_type = "String",
    column_type = "Text",
    from_str = "Links::from_json",
    to_str = "Links::to_json"
)]
pub struct Links(pub Vec<String>);

impl Links {
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text).map(Links)
    }

    pub fn to_json(&self) -> String {
        // A list of strings always serialises.
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".into())
    }
}
