//! Every language has every message, each one formats, plural forms follow
//! each language's rules and every field error has its own translation.

use std::collections::{BTreeMap, BTreeSet};

use shared::FieldError;

use super::fluent::{self, FormatError};
use super::texts::text_id;
use super::{Counter, Lang, Texts, field_error};

/// The messages of a `.ftl` file: id → its text (a message goes on while
/// the lines are indented or close a selector).
fn messages(lang: Lang) -> BTreeMap<&'static str, String> {
    let mut messages = BTreeMap::new();
    let mut current: Option<(&str, String)> = None;
    for line in fluent::source(lang).lines() {
        if let Some((_, body)) = current.as_mut().filter(|_| line.starts_with([' ', '}'])) {
            body.push_str(line);
            continue;
        }
        messages.extend(current.take());
        current = line
            .starts_with(|c: char| c.is_ascii_lowercase())
            .then(|| line.split_once(" = "))
            .flatten()
            .map(|(id, body)| (id, body.to_string()));
    }
    messages.extend(current);
    messages
}

/// The message ids of a `.ftl` file, in order (repeats included).
fn ids(lang: Lang) -> Vec<&'static str> {
    fluent::source(lang)
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id)
        .collect()
}

/// Persian arguments are wrapped in isolation marks (see `fluent.rs`).
fn fa(inner: &str) -> String {
    format!("\u{2068}{inner}\u{2069}")
}

#[test]
fn every_file_parses_without_errors() {
    for lang in Lang::ALL {
        assert_eq!(
            fluent::load_errors(lang),
            Vec::<String>::new(),
            "{}.ftl",
            lang.code()
        );
    }
}

#[test]
fn every_language_has_the_same_messages_once() {
    let en = ids(Lang::En);
    let en_set: BTreeSet<_> = en.iter().copied().collect();
    assert_eq!(en.len(), en_set.len(), "an id repeated in en.ftl");
    assert!(en.len() > 150, "the id reader found only {} ids", en.len());
    for lang in [Lang::Fa, Lang::Es] {
        let other: BTreeSet<_> = ids(lang).into_iter().collect();
        assert_eq!(
            en_set.difference(&other).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "missing in {}.ftl",
            lang.code()
        );
        assert_eq!(
            other.difference(&en_set).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "in {}.ftl but not in en.ftl",
            lang.code()
        );
    }
}

#[test]
fn every_text_field_has_a_message_that_formats_in_every_language() {
    for lang in Lang::ALL {
        for field in Texts::FIELDS {
            let id = text_id(field);
            match fluent::try_format(lang, &id, &[]) {
                Ok(text) => assert!(!text.trim().is_empty(), "{}: {id} is empty", lang.code()),
                Err(e) => panic!("{}: {id}: {e:?}", lang.code()),
            }
        }
        // Built the way the app builds it.
        assert_eq!(lang.texts().kind_vigil, lang.texts().kind_vigil);
    }
    assert_eq!(Lang::En.texts().where_, "Where");
    assert_eq!(Lang::Es.texts().nav_find, "Encontrar una acción");
    assert_eq!(Lang::Fa.texts().brand, "روز اقدام");
}

#[test]
fn every_message_is_used() {
    let fields: BTreeSet<String> = Texts::FIELDS.iter().map(|f| text_id(f)).collect();
    let with_arguments = [
        "counter-actions",
        "counter-cities",
        "counter-countries",
        "counter-organisations",
        "show-all",
        "shown-count",
        "distance-km",
        "zone-note",
        "map-cluster",
        "wave-peak",
        "decided",
        "decision-failed",
        "bulk-done",
        "queue-total",
        "selected-count",
        "imported",
        "endorsement-count",
    ];
    let field_error_ids = field_error_ids();
    for id in ids(Lang::En) {
        assert!(
            fields.contains(id) || with_arguments.contains(&id) || field_error_ids.contains(id),
            "{id} in en.ftl is not used"
        );
    }
}

#[test]
fn a_missing_argument_is_an_error_not_a_silent_gap() {
    assert!(matches!(
        fluent::try_format(Lang::En, "zone-note", &[]),
        Err(FormatError::Partly(..))
    ));
    assert!(matches!(
        fluent::try_format(Lang::En, "no-such-message", &[]),
        Err(FormatError::Missing)
    ));
}

#[test]
fn counters_choose_the_plural_form() {
    let words = |lang: Lang, counter: Counter| {
        [0, 1, 2, 5, 21, 1_000_000].map(|n| lang.counter(counter, n))
    };
    assert_eq!(
        words(Lang::En, Counter::Actions),
        [
            "actions", "action", "actions", "actions", "actions", "actions"
        ]
    );
    assert_eq!(words(Lang::En, Counter::Cities)[1..3], ["city", "cities"]);
    assert_eq!(
        words(Lang::En, Counter::Countries)[1..3],
        ["country", "countries"]
    );
    assert_eq!(
        words(Lang::En, Counter::Organisations)[1..3],
        ["organisation", "organisations"]
    );
    // Spanish: one for 1 only (CLDR 37 in intl_pluralrules 7 has no "many").
    assert_eq!(
        words(Lang::Es, Counter::Actions)[..5],
        ["acciones", "acción", "acciones", "acciones", "acciones"]
    );
    assert_eq!(
        words(Lang::Es, Counter::Cities)[1..3],
        ["ciudad", "ciudades"]
    );
    assert_eq!(
        words(Lang::Es, Counter::Countries)[1..3],
        ["país", "países"]
    );
    assert_eq!(
        words(Lang::Es, Counter::Organisations)[1..3],
        ["organización", "organizaciones"]
    );
    // Persian: the noun after a number stays singular.
    for counter in Counter::ALL {
        let w = words(Lang::Fa, counter);
        assert!(w.iter().all(|x| *x == w[0]), "{w:?}");
    }
    assert_eq!(Lang::Fa.counter(Counter::Actions, 1), "اقدام");
    assert_eq!(Lang::Fa.counter(Counter::Cities, 12), "شهر");
}

#[test]
fn counts_with_their_number() {
    // Natively numbers are plain digits; in the browser Intl writes them.
    assert_eq!(Lang::En.show_all(1), "Show 1 action");
    assert_eq!(Lang::En.show_all(12), "Show all 12");
    assert_eq!(Lang::Es.show_all(1), "Mostrar 1 acción");
    assert_eq!(Lang::Es.show_all(12), "Mostrar las 12");
    assert_eq!(
        Lang::Fa.show_all(12),
        format!("نمایش همهٔ {} مورد", fa("12"))
    );

    assert_eq!(Lang::En.shown_count(1), "1 shown");
    assert_eq!(Lang::Es.shown_count(1), "1 mostrada");
    assert_eq!(Lang::Es.shown_count(2), "2 mostradas");
    assert_eq!(
        Lang::Fa.shown_count(2),
        format!("{} مورد نمایش داده شده", fa("2"))
    );

    assert_eq!(Lang::En.distance_km(3.24), "3.2 km");
    assert_eq!(Lang::Es.distance_km(12.0), "12 km");
    assert_eq!(Lang::Fa.distance_km(0.96), format!("{} کیلومتر", fa("1")));

    assert_eq!(Lang::En.map_cluster(1), "1 action, zoom in");
    assert_eq!(Lang::En.map_cluster(12), "12 actions, zoom in");
    assert_eq!(Lang::Es.map_cluster(1), "1 acción, acercar");
    assert_eq!(Lang::Es.map_cluster(12), "12 acciones, acercar");
    assert!(Lang::Fa.map_cluster(12).starts_with(&fa("12")));

    let zone = "Europe/Stockholm (+01:00)";
    assert_eq!(
        Lang::En.zone_note(zone),
        "Local time in Europe/Stockholm (+01:00)"
    );
    assert_eq!(
        Lang::Es.zone_note(zone),
        "Hora local de Europe/Stockholm (+01:00)"
    );
    assert_eq!(
        Lang::Fa.zone_note(zone),
        format!("به وقت محلی {}", fa(zone))
    );
}

#[test]
fn plural_field_errors() {
    let long = |max| FieldError::TooLong { max };
    assert_eq!(field_error(Lang::En, &long(1)), "At most 1 character.");
    assert_eq!(field_error(Lang::En, &long(140)), "At most 140 characters.");
    assert_eq!(field_error(Lang::Es, &long(1)), "Como máximo 1 carácter.");
    assert_eq!(
        field_error(Lang::Es, &long(140)),
        "Como máximo 140 caracteres."
    );
    assert_eq!(
        field_error(Lang::Fa, &long(140)),
        format!("حداکثر {} نویسه.", fa("140"))
    );
    let hours = FieldError::TooLongAction { max_hours: 1 };
    assert_eq!(
        field_error(Lang::En, &hours),
        "An action may last at most 1 hour."
    );
    // A year is not grouped (2026, not 2,026), whatever the formatter.
    let years = FieldError::YearOutOfRange {
        first: 2000,
        last: 2100,
    };
    assert_eq!(
        field_error(Lang::En, &years),
        "Give a date between the years 2000 and 2100."
    );
}

#[test]
fn field_errors_name_fields_by_their_label() {
    let after = FieldError::NotAfter {
        other: "local_start".into(),
    };
    assert_eq!(field_error(Lang::En, &after), "Must be after “Starts at”.");
    assert_eq!(
        field_error(Lang::Es, &after),
        "Debe ser después de «Empieza a las»."
    );
    let one_day = FieldError::OutsideCampaign {
        first: "2026-11-05".into(),
        last: "2026-11-05".into(),
        zone: "Asia/Tehran".into(),
        date: "2026-11-06".into(),
    };
    assert!(field_error(Lang::En, &one_day).contains("day of action, 2026-11-05 ("));
    let two_days = FieldError::OutsideCampaign {
        first: "2026-11-05".into(),
        last: "2026-11-06".into(),
        zone: "Asia/Tehran".into(),
        date: "2026-11-07".into(),
    };
    assert!(field_error(Lang::En, &two_days).contains("2026-11-05 to 2026-11-06"));
    let kinds = FieldError::RequiredOneOf {
        allowed: vec!["rally".into(), "march".into()],
    };
    assert_eq!(
        field_error(Lang::Fa, &kinds),
        format!("یکی از این‌ها را برگزینید: {}.", fa("rally، march"))
    );
}

/// One value of every variant of [`FieldError`], with parameters.
fn every_field_error() -> Vec<FieldError> {
    use FieldError::*;
    let text = |s: &str| s.to_string();
    vec![
        Required,
        RequiredOneOf {
            allowed: vec![text("rally"), text("march")],
        },
        RequiredWith {
            other: text("latitude"),
        },
        ContactRequired,
        CityRequired,
        CountryRequiredWithCity,
        StartRequired {
            example: text("2026-11-05T14:00"),
        },
        SearchRequired,
        TooLong { max: 140 },
        RequiredAtMost { max: 140 },
        TooManyLinks { max: 5 },
        LengthBetween { min: 12, max: 200 },
        UnknownCampaign {
            slug: text("no-such-day"),
        },
        NotOneOf {
            value: text("party"),
            allowed: vec![text("rally"), text("march")],
        },
        OnlyValue { value: text("v1") },
        WholeNumberRange { min: 1, max: 200 },
        PositiveWholeNumber,
        NumberRange {
            min: -90.0,
            max: 90.0,
        },
        DistanceRange { max: 20_000.0 },
        InvalidEmail {
            example: text("name@example.org"),
        },
        InvalidCountryCode {
            example: text("DE"),
        },
        InvalidLanguageTag,
        InvalidTimeZone {
            example: text("Europe/Berlin"),
        },
        InvalidDate {
            example: text("2026-11-05"),
        },
        InvalidDateTime {
            example: text("2026-11-05T14:00"),
        },
        YearOutOfRange {
            first: 2000,
            last: 2100,
        },
        InvalidSlug { max: 64 },
        InvalidPoint {
            example: text("59.33,18.06"),
        },
        InvalidBbox,
        NeedsNear,
        InvalidCursor,
        InvalidVersion {
            example: text("\"3\""),
        },
        ControlCharacter,
        InvisibleCharacter {
            character: text("U+202E"),
        },
        StrayJoiner {
            character: text("U+200D"),
        },
        BadLink { max: 500 },
        LinkWithCredentials,
        UnknownPlace,
        CityNotFound,
        NoListedCityNear {
            country_code: text("SE"),
            km: 30,
        },
        WrongCountry {
            city: text("Göteborg"),
            country_code: text("SE"),
            given: text("NO"),
        },
        TooFarFromCity {
            km: 300,
            city: text("Charleston"),
        },
        CityTimeZone {
            zone: text("Europe/Stockholm"),
        },
        TimeZoneUnknown {
            example: text("Europe/Berlin"),
        },
        InDstGap {
            local: "2026-03-29T02:30".into(),
            zone: "Europe/Stockholm".into(),
            from: "02:00".into(),
            to: "03:00".into(),
            offset_before: "+01:00".into(),
            offset_after: "+02:00".into(),
        },
        OffsetNotInForce {
            given: text("+05:00"),
            zone: text("Europe/Stockholm"),
            local: text("2026-11-05T14:00"),
            valid: text("+01:00"),
        },
        OutsideCampaign {
            first: text("2026-11-05"),
            last: text("2026-11-05"),
            zone: text("Asia/Tehran"),
            date: text("2026-11-06"),
        },
        NotAfter {
            other: text("local_start"),
        },
        Before {
            other: text("local_start"),
        },
        TooLongAction { max_hours: 24 },
        TooLongCampaign { max_days: 7 },
        UnknownField {
            detail: text("unknown field `colour`"),
        },
        WrongType {
            detail: text("invalid type: integer `3`, expected a string"),
        },
        Unknown,
    ]
}

/// The variant names of `FieldError`, read from its source.
fn variants_in_shared() -> BTreeSet<String> {
    let source = include_str!("../../../shared/src/error.rs");
    let body = source
        .split_once("pub enum FieldError {")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .expect("the FieldError enum in shared/src/error.rs");
    body.lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("     "))
        .map(str::trim)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| {
            l.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn variant_name(e: &FieldError) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_string()
}

fn field_error_ids() -> BTreeSet<String> {
    ids(Lang::En)
        .into_iter()
        .filter(|id| id.starts_with("field-error-"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_test_list_has_every_field_error_variant() {
    let listed: BTreeSet<String> = every_field_error().iter().map(variant_name).collect();
    let in_shared = variants_in_shared();
    assert!(in_shared.len() > 40, "read only {in_shared:?}");
    assert_eq!(
        in_shared.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "FieldError variants without a case in every_field_error()"
    );
}

#[test]
fn every_field_error_has_its_own_translation_in_every_language() {
    let problems = every_field_error();
    for lang in Lang::ALL {
        let fallback = field_error(lang, &FieldError::Unknown);
        let mut used = BTreeSet::new();
        for problem in &problems {
            let (id, args) = super::field_errors::message(lang, problem);
            used.insert(id.to_string());
            let text = fluent::try_format(lang, id, &args)
                .unwrap_or_else(|e| panic!("{}: {problem:?}: {e:?}", lang.code()));
            assert!(!text.contains('{'), "{}: {id}: {text}", lang.code());
            if *problem != FieldError::Unknown {
                assert_ne!(
                    field_error(lang, problem),
                    fallback,
                    "{}: {problem:?}",
                    lang.code()
                );
            }
        }
        // One message per code, and every message belongs to a code.
        assert_eq!(used.len(), problems.len(), "two variants share a message");
        assert_eq!(used, field_error_ids(), "{}", lang.code());
    }
}

#[test]
fn an_unknown_code_from_a_newer_server_gets_the_general_sentence() {
    let problem: FieldError =
        serde_json::from_str(r#"{"code":"too_colourful","max":3}"#).expect("parses as Unknown");
    assert_eq!(problem, FieldError::Unknown);
    assert_eq!(field_error(Lang::En, &problem), "This value is not valid.");
    assert_eq!(field_error(Lang::Es, &problem), "Este valor no es válido.");
    assert_eq!(field_error(Lang::Fa, &problem), "این مقدار معتبر نیست.");
}

#[test]
fn no_translation_drops_an_argument() {
    let variables = |body: &str| -> BTreeSet<String> {
        body.split('$')
            .skip(1)
            .filter_map(|v| {
                v.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
            })
            .map(str::to_string)
            .collect()
    };
    let en = messages(Lang::En);
    for lang in [Lang::Fa, Lang::Es] {
        for (id, body) in messages(lang) {
            let dropped: Vec<String> = variables(&en[id])
                .difference(&variables(&body))
                .cloned()
                .collect();
            // A Persian noun after a number does not change: no $count needed.
            let allowed = lang == Lang::Fa && id.starts_with("counter-");
            assert!(
                allowed || dropped.is_empty(),
                "{id} in {}.ftl lacks {dropped:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn organisers_messages_with_their_arguments() {
    assert_eq!(
        Lang::En.wave_peak(7, 1),
        "Busiest hour: 07:00 UTC, with 1 action."
    );
    assert_eq!(
        Lang::Es.wave_peak(18, 4),
        "Hora con más acciones: 18:00 UTC, con 4 acciones."
    );
    assert!(Lang::Fa.wave_peak(18, 4).contains(&fa("18:00")));
    assert_eq!(
        Lang::En.decided("Approve", "Vigil"),
        "Approve: Vigil. Done."
    );
    assert_eq!(Lang::En.bulk_done("Spam", 3, 1), "Spam: 3 done, 1 refused.");
    assert_eq!(Lang::En.queue_total(1), "1 action");
    assert_eq!(Lang::Es.queue_total(2), "2 acciones");
    assert_eq!(Lang::Es.selected_count(1), "1 seleccionada");
    assert_eq!(
        Lang::En.imported(2, 0),
        "2 endorsements imported, 0 lines refused."
    );
    assert_eq!(Lang::En.endorsement_count(1), "1 organisation has signed.");
    assert_eq!(
        Lang::Es.endorsement_count(3),
        "Han firmado 3 organizaciones."
    );
    assert_eq!(
        Lang::Fa.endorsement_count(3),
        format!("{} سازمان امضا کرده است.", fa("3"))
    );
    assert_eq!(
        Lang::Fa.decision_failed("x", "y"),
        format!("برای {} انجام نشد: {}", fa("x"), fa("y"))
    );
}
