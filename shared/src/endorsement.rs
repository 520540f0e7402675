//! Endorsements: organisations that sign a campaign's call.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/campaigns/{slug}/endorsements` (public): waits for an
/// organiser's approval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Endorse {
    pub name: Option<String>,
    /// The name in a second script, e.g. Persian beside English.
    pub name_alt: Option<String>,
    /// A city of the gazetteer (with `country_code`), or `place_id`.
    pub city: Option<String>,
    pub place_id: Option<i64>,
    pub country_code: Option<String>,
    pub website: Option<String>,
    /// Private: for the organisers only.
    pub contact_email: Option<String>,
    /// A honeypot: people leave it empty (it is hidden), robots fill it.
    #[serde(default)]
    pub homepage: Option<String>,
}

stored_enum! {
    pub enum EndorsementStatus {
        Pending,
        Approved,
        Rejected,
    }
}

/// An endorsement as the public sees it (approved ones only), or, with
/// `status` and `contact_email`, as organisers do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Endorsement {
    pub id: i64,
    pub name: String,
    pub name_alt: Option<String>,
    pub city: Option<String>,
    pub country_code: Option<String>,
    pub country: Option<String>,
    pub website: Option<String>,
    pub status: EndorsementStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
}

/// `GET /api/v1/campaigns/{slug}/endorsements`: approved ones, by country
/// then city then name. Organisers add `?status=pending` for the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndorsementList {
    pub endorsements: Vec<Endorsement>,
    pub total: u64,
}

/// The answer to an import of a CSV list (organisers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportResult {
    pub imported: u64,
    /// Line number → why it was not imported.
    pub refused: std::collections::BTreeMap<String, String>,
}
