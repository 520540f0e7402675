//! The one error body every API error carries, and the field errors in it.
//!
//! A field error has two forms: `fields` (field → an English sentence, for
//! API users, as in every version of API v1) and `problems` (field → a
//! [`FieldError`], a stable code with typed parameters, which the web app
//! translates). Both come from the same [`FieldErrors`].

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `{"error": {"code": "...", "message": "...", "fields": {"name": "why"}}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Field name → what is wrong with it, in English. Empty when no field is
    /// at fault.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// Field name → the same problem as a code with its parameters, for
    /// clients that say it in their own language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub problems: BTreeMap<String, FieldError>,
}

impl ErrorDetail {
    /// A body naming each field at fault; `message` is their summary.
    pub fn from_fields(code: impl Into<String>, errors: &FieldErrors) -> Self {
        ErrorDetail {
            code: code.into(),
            message: errors.summary(),
            fields: errors.messages(),
            problems: errors.0.clone(),
        }
    }
}

/// What is wrong with one field: a stable `code` (snake case) and the
/// parameters a translation needs. `Display` is the English sentence, which
/// follows the field's name (`title: must be at most 140 characters`).
///
/// Clients must expect codes they do not know yet ([`FieldError::Unknown`])
/// and then show the English sentence from `fields`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FieldError {
    // --- presence ---
    /// `is required`
    Required,
    /// `is required: one of rally, march, …`
    RequiredOneOf { allowed: Vec<String> },
    /// `is required with latitude`: the other half of a pair was given.
    RequiredWith { other: String },
    /// The private contact address is missing.
    ContactRequired,
    /// Neither `city` nor `place_id` was given.
    CityRequired,
    /// `city` without `place_id` needs `country_code`.
    CountryRequiredWithCity,
    /// The local start time is missing.
    StartRequired { example: String },
    /// The place search text is missing.
    SearchRequired,

    // --- size ---
    /// `must be at most {max} characters`
    TooLong { max: usize },
    /// `is required, at most {max} characters`
    RequiredAtMost { max: usize },
    /// `at most {max} links`
    TooManyLinks { max: usize },
    /// `must have {min} to {max} characters` (a password)
    LengthBetween { min: usize, max: usize },

    // --- choice and format ---
    /// `unknown value '{value}'; expected one of {allowed}`
    NotOneOf { value: String, allowed: Vec<String> },
    /// `the only accepted value is '{value}'`
    OnlyValue { value: String },
    /// `must be a whole number from {min} to {max}`
    WholeNumberRange { min: u64, max: u64 },
    /// `must be a positive whole number`
    PositiveWholeNumber,
    /// `must be between {min} and {max}` (degrees)
    NumberRange { min: f64, max: f64 },
    /// `must be a number of kilometres above 0 and at most {max}`
    DistanceRange { max: f64 },
    /// `must be an email address like name@example.org`
    InvalidEmail { example: String },
    /// `must be a two-letter country code like DE`
    InvalidCountryCode { example: String },
    /// `must be a language tag like en, fa or pt-BR`
    InvalidLanguageTag,
    /// `must be an IANA time zone name like Europe/Berlin`
    InvalidTimeZone { example: String },
    /// `must be a date like 2026-11-05`
    InvalidDate { example: String },
    /// `must be a local date and time like 2026-11-05T14:00`
    InvalidDateTime { example: String },
    /// `must be a date between the years {first} and {last}`
    YearOutOfRange { first: i32, last: i32 },
    /// A campaign slug of the wrong shape.
    InvalidSlug { max: usize },
    /// `near` is not `LAT,LON`.
    InvalidPoint { example: String },
    /// `bbox` is not `minLon,minLat,maxLon,maxLat`.
    InvalidBbox,
    /// `within_km` without `near`.
    NeedsNear,
    /// A `cursor` that is not a `next_cursor` of this list.
    InvalidCursor,
    /// `If-Match` is not a version.
    InvalidVersion { example: String },

    // --- unsafe text and links ---
    /// Control characters (other than line breaks where they are allowed).
    ControlCharacter,
    /// An invisible or direction-changing character; `character` is `U+202E`.
    InvisibleCharacter { character: String },
    /// A zero-width joiner that does not stand between two letters.
    StrayJoiner { character: String },
    /// A link that is not http(s), or longer than `max`.
    BadLink { max: usize },
    /// A link with `user@` or `user:password@` before its host.
    LinkWithCredentials,

    // --- places ---
    /// `place_id` is not a place of the gazetteer.
    UnknownPlace,
    /// No campaign has this slug.
    UnknownCampaign { slug: String },
    /// The city name is not in the gazetteer and no point was given.
    CityNotFound,
    /// City-only visibility needs a listed city within `km` of the point.
    NoListedCityNear { country_code: String, km: u32 },
    /// `{city} is in {country_code}, not {given}`
    WrongCountry {
        city: String,
        country_code: String,
        given: String,
    },
    /// The meeting point is `km` from the centre of `city` (more than allowed).
    TooFarFromCity { km: u32, city: String },
    /// A city-only action takes its city's zone (`zone`); another was given.
    CityTimeZone { zone: String },
    /// No zone could be derived from the coordinates.
    TimeZoneUnknown { example: String },

    // --- times ---
    /// The local time falls in a spring-forward gap: the clocks jump from
    /// `from` to `to` (offsets `offset_before` → `offset_after`) in `zone`.
    // `Box<str>`, not `String`, keeps every `FieldError` small.
    InDstGap {
        local: Box<str>,
        zone: Box<str>,
        from: Box<str>,
        to: Box<str>,
        offset_before: Box<str>,
        offset_after: Box<str>,
    },
    /// An explicit offset that is not in force at that local time; `valid`
    /// lists the ones that are (`+01:00 or +02:00` in a fold).
    OffsetNotInForce {
        given: String,
        zone: String,
        local: String,
        valid: String,
    },
    /// The local date `date` (in `zone`) is not a day of the campaign, which
    /// runs from `first` to `last` (equal for a single day).
    OutsideCampaign {
        first: String,
        last: String,
        zone: String,
        date: String,
    },
    /// `must be after {other}`
    NotAfter { other: String },
    /// `must not be before {other}`
    Before { other: String },
    /// `an action may last at most {max_hours} hours`
    TooLongAction { max_hours: i64 },
    /// `a campaign lasts at most {max_days} days`
    TooLongCampaign { max_days: i64 },

    // --- the body itself ---
    /// A JSON field the request type does not have; `detail` is the parser's
    /// English message.
    UnknownField { detail: String },
    /// A JSON value of the wrong type or shape; `detail` is the parser's
    /// English message.
    WrongType { detail: String },

    /// A code this client does not know (sent by a newer server).
    #[serde(other)]
    Unknown,
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FieldError::*;
        match self {
            Required => write!(f, "is required"),
            RequiredOneOf { allowed } => write!(f, "is required: one of {}", list(allowed)),
            RequiredWith { other } => write!(f, "is required with {other}"),
            ContactRequired => write!(
                f,
                "is required (organisers only: never shown to the public)"
            ),
            CityRequired => write!(f, "is required (or place_id)"),
            CountryRequiredWithCity => {
                write!(f, "is required with city when no place_id is given")
            }
            StartRequired { example } => {
                write!(f, "is required: the local date and time, e.g. {example}")
            }
            SearchRequired => write!(
                f,
                "is required: the start of a city's name, in any language"
            ),
            TooLong { max } => write!(f, "must be at most {max} characters"),
            RequiredAtMost { max } => write!(f, "is required, at most {max} characters"),
            TooManyLinks { max } => write!(f, "at most {max} links"),
            UnknownCampaign { slug } => write!(f, "no campaign has the slug '{slug}'"),
            LengthBetween { min, max } => write!(f, "must have {min} to {max} characters"),
            NotOneOf { value, allowed } => {
                write!(
                    f,
                    "unknown value '{value}'; expected one of {}",
                    list(allowed)
                )
            }
            OnlyValue { value } => write!(f, "the only accepted value is '{value}'"),
            WholeNumberRange { min, max } => {
                write!(f, "must be a whole number from {min} to {max}")
            }
            PositiveWholeNumber => write!(f, "must be a positive whole number"),
            NumberRange { min, max } => write!(f, "must be between {min} and {max}"),
            DistanceRange { max } => write!(
                f,
                "must be a number of kilometres above 0 and at most {max}"
            ),
            InvalidEmail { example } => write!(f, "must be an email address like {example}"),
            InvalidCountryCode { example } => {
                write!(f, "must be a two-letter country code like {example}")
            }
            InvalidLanguageTag => write!(f, "must be a language tag like en, fa or pt-BR"),
            InvalidTimeZone { example } => {
                write!(f, "must be an IANA time zone name like {example}")
            }
            InvalidDate { example } => write!(f, "must be a date like {example}"),
            InvalidDateTime { example } => {
                write!(f, "must be a local date and time like {example}")
            }
            YearOutOfRange { first, last } => {
                write!(f, "must be a date between the years {first} and {last}")
            }
            InvalidSlug { max } => write!(
                f,
                "must be 1 to {max} lower-case letters, digits and inner hyphens"
            ),
            InvalidPoint { example } => {
                write!(f, "must be LAT,LON in degrees, e.g. {example}")
            }
            InvalidBbox => write!(
                f,
                "must be minLon,minLat,maxLon,maxLat in degrees with minLat ≤ maxLat"
            ),
            NeedsNear => write!(f, "needs near=LAT,LON"),
            InvalidCursor => write!(
                f,
                "is not a next_cursor of this list; start again without it"
            ),
            InvalidVersion { example } => {
                write!(f, "must be the event's version in quotes, e.g. {example}")
            }
            ControlCharacter => write!(f, "must not contain control characters"),
            InvisibleCharacter { character } => write!(
                f,
                "must not contain invisible or direction-changing characters ({character})"
            ),
            StrayJoiner { character } => write!(
                f,
                "a zero-width joiner ({character}) may only stand between two letters"
            ),
            BadLink { max } => write!(
                f,
                "each link must be an http(s) address of at most {max} characters"
            ),
            LinkWithCredentials => write!(
                f,
                "a link must not carry a user name or password before its host (user@host)"
            ),
            UnknownPlace => write!(
                f,
                "is not a place of the gazetteer; pick a city from the suggestions"
            ),
            CityNotFound => write!(
                f,
                "was not found in the gazetteer; pick a city from the suggestions (or give latitude and longitude)"
            ),
            NoListedCityNear { country_code, km } => write!(
                f,
                "showing only the city needs a listed city, and none of {country_code} is within {km} km of the meeting point; pick a city from the suggestions or show the meeting point"
            ),
            WrongCountry {
                city,
                country_code,
                given,
            } => write!(f, "{city} is in {country_code}, not {given}"),
            TooFarFromCity { km, city } => write!(
                f,
                "the meeting point is {km} km from {city}; move the pin closer or pick another city"
            ),
            CityTimeZone { zone } => write!(
                f,
                "an action that shows only its city uses the city's time zone ({zone}); leave timezone out"
            ),
            TimeZoneUnknown { example } => write!(
                f,
                "cannot be derived from these coordinates; give it, e.g. {example}"
            ),
            InDstGap {
                local,
                zone,
                from,
                to,
                offset_before,
                offset_after,
            } => write!(
                f,
                "{local} does not exist in {zone}: the clocks jump from {from} to {to} (UTC{offset_before} to UTC{offset_after}); choose a time outside that gap"
            ),
            OffsetNotInForce {
                given,
                zone,
                local,
                valid,
            } => write!(
                f,
                "offset {given} is not in force in {zone} at {local}; it is {valid}"
            ),
            OutsideCampaign {
                first,
                last,
                zone,
                date,
            } => {
                let days = if first == last {
                    first.clone()
                } else {
                    format!("{first} to {last}")
                };
                write!(
                    f,
                    "must be on the campaign's day of action ({days}, local date in {zone}); {date} is not"
                )
            }
            NotAfter { other } => write!(f, "must be after {other}"),
            Before { other } => write!(f, "must not be before {other}"),
            TooLongAction { max_hours } => {
                write!(f, "an action may last at most {max_hours} hours")
            }
            TooLongCampaign { max_days } => {
                write!(f, "a campaign lasts at most {max_days} days")
            }
            UnknownField { detail } | WrongType { detail } => f.write_str(detail),
            Unknown => write!(f, "is not valid"),
        }
    }
}

/// Field errors collected while validating one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(pub BTreeMap<String, FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// One error for one field.
    pub fn one(field: impl Into<String>, why: FieldError) -> Self {
        let mut errors = Self::new();
        errors.add(field, why);
        errors
    }

    /// Records the first problem found for `field`; later ones are dropped so
    /// that each field shows one clear message.
    pub fn add(&mut self, field: impl Into<String>, why: FieldError) {
        self.0.entry(field.into()).or_insert(why);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.get(field)
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Field → English sentence: the `fields` of the error body.
    pub fn messages(&self) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(field, why)| (field.clone(), why.to_string()))
            .collect()
    }

    /// `title: is required; kind: …`, the one-line summary of every error,
    /// with each field named by `name` (e.g. as a command-line flag).
    pub fn summary_with(&self, name: impl Fn(&str) -> String) -> String {
        self.0
            .iter()
            .map(|(field, why)| format!("{}: {why}", name(field)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// `title: is required; kind: …`, the `message` of the error body.
    pub fn summary(&self) -> String {
        self.summary_with(str::to_string)
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_is_a_code_with_its_parameters() {
        let json = serde_json::to_value(FieldError::TooLong { max: 140 }).expect("json");
        assert_eq!(json, serde_json::json!({"code": "too_long", "max": 140}));
        let json = serde_json::to_value(FieldError::Required).expect("json");
        assert_eq!(json, serde_json::json!({"code": "required"}));
        let back: FieldError = serde_json::from_value(
            serde_json::json!({"code": "too_far_from_city", "km": 250, "city": "Berlin"}),
        )
        .expect("back");
        assert_eq!(
            back,
            FieldError::TooFarFromCity {
                km: 250,
                city: "Berlin".into()
            }
        );
    }

    #[test]
    fn a_field_error_stays_small() {
        // Returned in `Result`s everywhere: at most 128 bytes (clippy's
        // `result_large_err`).
        assert!(std::mem::size_of::<FieldError>() <= 128);
    }

    #[test]
    fn an_unknown_code_is_unknown_not_an_error() {
        let e: FieldError =
            serde_json::from_value(serde_json::json!({"code": "from_the_future", "n": 1}))
                .expect("tolerated");
        assert_eq!(e, FieldError::Unknown);
    }

    #[test]
    fn the_english_sentence_and_the_summary() {
        let mut errors = FieldErrors::new();
        errors.add("title", FieldError::TooLong { max: 140 });
        errors.add("title", FieldError::Required);
        errors.add("kind", FieldError::Required);
        assert_eq!(
            errors.summary(),
            "kind: is required; title: must be at most 140 characters"
        );
        assert_eq!(
            errors.summary_with(|f| format!("--{f}")),
            "--kind: is required; --title: must be at most 140 characters"
        );
        let detail = ErrorDetail::from_fields("validation_failed", &errors);
        assert_eq!(detail.fields["title"], "must be at most 140 characters");
        assert_eq!(detail.problems["title"], FieldError::TooLong { max: 140 });
        let one_day = FieldError::OutsideCampaign {
            first: "2026-11-05".into(),
            last: "2026-11-05".into(),
            zone: "Asia/Tehran".into(),
            date: "2026-11-06".into(),
        };
        assert_eq!(
            one_day.to_string(),
            "must be on the campaign's day of action (2026-11-05, local date in Asia/Tehran); 2026-11-06 is not"
        );
        assert_eq!(
            FieldError::NumberRange {
                min: -90.0,
                max: 90.0
            }
            .to_string(),
            "must be between -90 and 90"
        );
    }
}
