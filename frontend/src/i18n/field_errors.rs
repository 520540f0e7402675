//! The server's field errors ([`FieldError`]: a code with parameters) in the
//! interface language. Each variant has a message `field-error-<code>` in every
//! `.ftl` file; its parameters are the message's arguments.

use shared::FieldError;

use super::fluent::{self, Arg, count};
use super::lang::Lang;

/// What is wrong with a field, as a sentence in `lang` (shown under the
/// field). A code this version does not know gets a general sentence.
pub fn field_error(lang: Lang, problem: &FieldError) -> String {
    let (id, args) = message(lang, problem);
    match fluent::try_format(lang, id, &args) {
        Ok(text) => text.into_owned(),
        Err(error) => {
            // Logged; the general sentence rather than a broken one.
            let _ = fluent::logged(lang, id, error);
            fluent::format(lang, "field-error-unknown", &[])
        }
    }
}

/// The message id and arguments of a problem. The match lists every
/// variant, so that a new one cannot be added without its message.
pub(super) fn message(
    lang: Lang,
    problem: &FieldError,
) -> (&'static str, Vec<(&'static str, Arg<'_>)>) {
    use FieldError::*;
    let n = |n: usize| count(n as f64);
    let list = |items: &[String]| Arg::String(items.join(list_separator(lang)));
    let label = |field| Arg::Str(field_label(lang, field));
    match problem {
        Required => ("field-error-required", vec![]),
        RequiredOneOf { allowed } => (
            "field-error-required-one-of",
            vec![("allowed", list(allowed))],
        ),
        RequiredWith { other } => ("field-error-required-with", vec![("other", label(other))]),
        ContactRequired => ("field-error-contact-required", vec![]),
        CityRequired => ("field-error-city-required", vec![]),
        CountryRequiredWithCity => ("field-error-country-required-with-city", vec![]),
        StartRequired { example } => ("field-error-start-required", vec![("example", s(example))]),
        SearchRequired => ("field-error-search-required", vec![]),
        TooLong { max } => ("field-error-too-long", vec![("max", n(*max))]),
        RequiredAtMost { max } => ("field-error-required-at-most", vec![("max", n(*max))]),
        TooManyLinks { max } => ("field-error-too-many-links", vec![("max", n(*max))]),
        LengthBetween { min, max } => (
            "field-error-length-between",
            vec![("min", n(*min)), ("max", n(*max))],
        ),
        NotOneOf { value, allowed } => (
            "field-error-not-one-of",
            vec![("value", s(value)), ("allowed", list(allowed))],
        ),
        OnlyValue { value } => ("field-error-only-value", vec![("value", s(value))]),
        WholeNumberRange { min, max } => (
            "field-error-whole-number-range",
            vec![("min", count(*min as f64)), ("max", count(*max as f64))],
        ),
        PositiveWholeNumber => ("field-error-positive-whole-number", vec![]),
        NumberRange { min, max } => (
            "field-error-number-range",
            vec![
                ("min", Arg::Decimal(*min, 6)),
                ("max", Arg::Decimal(*max, 6)),
            ],
        ),
        DistanceRange { max } => (
            "field-error-distance-range",
            vec![("max", Arg::Decimal(*max, 1))],
        ),
        InvalidEmail { example } => ("field-error-invalid-email", vec![("example", s(example))]),
        InvalidCountryCode { example } => (
            "field-error-invalid-country-code",
            vec![("example", s(example))],
        ),
        InvalidLanguageTag => ("field-error-invalid-language-tag", vec![]),
        InvalidTimeZone { example } => (
            "field-error-invalid-time-zone",
            vec![("example", s(example))],
        ),
        InvalidDate { example } => ("field-error-invalid-date", vec![("example", s(example))]),
        InvalidDateTime { example } => (
            "field-error-invalid-date-time",
            vec![("example", s(example))],
        ),
        YearOutOfRange { first, last } => (
            "field-error-year-out-of-range",
            vec![
                ("first", Arg::Year(f64::from(*first))),
                ("last", Arg::Year(f64::from(*last))),
            ],
        ),
        InvalidSlug { max } => ("field-error-invalid-slug", vec![("max", n(*max))]),
        InvalidPoint { example } => ("field-error-invalid-point", vec![("example", s(example))]),
        InvalidBbox => ("field-error-invalid-bbox", vec![]),
        NeedsNear => ("field-error-needs-near", vec![]),
        InvalidCursor => ("field-error-invalid-cursor", vec![]),
        InvalidVersion { example } => {
            ("field-error-invalid-version", vec![("example", s(example))])
        }
        ControlCharacter => ("field-error-control-character", vec![]),
        InvisibleCharacter { character } => (
            "field-error-invisible-character",
            vec![("character", s(character))],
        ),
        StrayJoiner { character } => (
            "field-error-stray-joiner",
            vec![("character", s(character))],
        ),
        BadLink { max } => ("field-error-bad-link", vec![("max", n(*max))]),
        LinkWithCredentials => ("field-error-link-with-credentials", vec![]),
        UnknownPlace => ("field-error-unknown-place", vec![]),
        UnknownCampaign { slug } => ("field-error-unknown-campaign", vec![("slug", s(slug))]),
        CityNotFound => ("field-error-city-not-found", vec![]),
        NoListedCityNear { country_code, km } => (
            "field-error-no-listed-city-near",
            vec![("country", s(country_code)), ("km", count(f64::from(*km)))],
        ),
        WrongCountry {
            city,
            country_code,
            given,
        } => (
            "field-error-wrong-country",
            vec![
                ("city", s(city)),
                ("country", s(country_code)),
                ("given", s(given)),
            ],
        ),
        TooFarFromCity { km, city } => (
            "field-error-too-far-from-city",
            vec![("km", count(f64::from(*km))), ("city", s(city))],
        ),
        CityTimeZone { zone } => ("field-error-city-time-zone", vec![("zone", s(zone))]),
        TimeZoneUnknown { example } => (
            "field-error-time-zone-unknown",
            vec![("example", s(example))],
        ),
        InDstGap {
            local,
            zone,
            from,
            to,
            offset_before,
            offset_after,
        } => (
            "field-error-in-dst-gap",
            vec![
                ("local", s(local)),
                ("zone", s(zone)),
                ("from", s(from)),
                ("to", s(to)),
                ("offset_before", s(offset_before)),
                ("offset_after", s(offset_after)),
            ],
        ),
        OffsetNotInForce {
            given,
            zone,
            local,
            valid,
        } => (
            "field-error-offset-not-in-force",
            vec![
                ("given", s(given)),
                ("zone", s(zone)),
                ("local", s(local)),
                ("valid", s(valid)),
            ],
        ),
        OutsideCampaign {
            first,
            last,
            zone,
            date,
        } => (
            "field-error-outside-campaign",
            vec![
                ("days", s(if first == last { "one" } else { "several" })),
                ("first", s(first)),
                ("last", s(last)),
                ("zone", s(zone)),
                ("date", s(date)),
            ],
        ),
        NotAfter { other } => ("field-error-not-after", vec![("other", label(other))]),
        Before { other } => ("field-error-before", vec![("other", label(other))]),
        TooLongAction { max_hours } => (
            "field-error-too-long-action",
            vec![("max_hours", count(*max_hours as f64))],
        ),
        TooLongCampaign { max_days } => (
            "field-error-too-long-campaign",
            vec![("max_days", count(*max_days as f64))],
        ),
        UnknownField { detail } => ("field-error-unknown-field", vec![("detail", s(detail))]),
        WrongType { detail } => ("field-error-wrong-type", vec![("detail", s(detail))]),
        Unknown => ("field-error-unknown", vec![]),
    }
}

fn s(s: &str) -> Arg<'_> {
    Arg::Str(s)
}

/// Between the items of a list of values.
fn list_separator(lang: Lang) -> &'static str {
    if lang == Lang::Fa { "، " } else { ", " }
}

/// The form's label of an API field that a message names ("must be after
/// local_start"); a field the form does not show keeps its API name.
fn field_label(lang: Lang, field: &str) -> &str {
    let t = lang.texts();
    match field {
        "title" => t.f_title,
        "kind" => t.f_kind,
        "description" => t.f_description,
        "organiser_name" => t.f_organiser,
        "contact_email" => t.f_contact_email,
        "public_contact" => t.f_public_contact,
        "city" => t.f_city,
        "address" => t.f_address,
        "latitude" | "longitude" => t.f_pin,
        "local_start" => t.f_start,
        "local_end" => t.f_end,
        "links" => t.f_links,
        "language" => t.f_language,
        "location_visibility" => t.f_visibility,
        other => other,
    }
}
