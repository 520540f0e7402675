//! A campaign as created or edited: every field checked, all problems named
//! at once.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shared::{FieldError, FieldErrors};

use crate::domain::safe_text;

/// The longest campaign: a day of action, or a week of them.
pub const MAX_CAMPAIGN_DAYS: i64 = 14;
pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 2_000;
pub const CALL_MAX: usize = 4_000;
pub const CONTACT_MAX: usize = 320;
pub const MAX_PENDING_LIMIT: u32 = 10_000;

/// A campaign to create or the result of an edit, as given.
#[derive(Debug, Clone, Default)]
pub struct NewCampaign {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub starts_on: String,
    pub ends_on: String,
    pub review: bool,
    pub call_to_action: BTreeMap<String, String>,
    pub public_contact: Option<String>,
    pub archived: bool,
    pub max_pending_per_client_hour: u32,
}

/// A valid campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignDraft {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub review: bool,
    pub call_to_action: BTreeMap<String, String>,
    pub public_contact: Option<String>,
    pub archived: bool,
    pub max_pending_per_client_hour: u32,
}

pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn valid_slug(slug: &str) -> bool {
    (1..=64).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

fn language_tag(tag: &str) -> bool {
    (2..=35).contains(&tag.len())
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Trimmed, safe text of at most `max` characters.
fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize, multiline: bool) -> String {
    let cleaned = if multiline {
        safe_text::multi_line(value)
    } else {
        safe_text::one_line(value)
    };
    match cleaned {
        Err(why) => {
            errors.add(field, why);
            String::new()
        }
        Ok(v) if v.chars().count() > max => {
            errors.add(field, FieldError::TooLong { max });
            String::new()
        }
        Ok(v) => v,
    }
}

pub fn validate(new: &NewCampaign) -> Result<CampaignDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !valid_slug(&new.slug) {
        errors.add("slug", FieldError::InvalidSlug { max: 64 });
    }
    let title = text(&mut errors, "title", &new.title, TITLE_MAX, false);
    if title.is_empty() && !errors.0.contains_key("title") {
        errors.add("title", FieldError::RequiredAtMost { max: TITLE_MAX });
    }
    let summary = text(&mut errors, "summary", &new.summary, SUMMARY_MAX, true);
    let mut call_to_action = BTreeMap::new();
    for (lang, call) in &new.call_to_action {
        if !language_tag(lang) {
            errors.add("call_to_action", FieldError::InvalidLanguageTag);
            continue;
        }
        let call = text(&mut errors, "call_to_action", call, CALL_MAX, true);
        if !call.is_empty() {
            call_to_action.insert(lang.to_ascii_lowercase(), call);
        }
    }
    let public_contact = new
        .public_contact
        .as_deref()
        .map(|c| text(&mut errors, "public_contact", c, CONTACT_MAX, false))
        .filter(|c| !c.is_empty());
    if new.max_pending_per_client_hour > MAX_PENDING_LIMIT {
        errors.add(
            "max_pending_per_client_hour",
            FieldError::WholeNumberRange {
                min: 0,
                max: u64::from(MAX_PENDING_LIMIT),
            },
        );
    }
    let date = || FieldError::InvalidDate {
        example: "2026-11-05".into(),
    };
    let days = match (parse_day(&new.starts_on), parse_day(&new.ends_on)) {
        (None, _) => {
            errors.add("starts_on", date());
            None
        }
        (_, None) => {
            errors.add("ends_on", date());
            None
        }
        (Some(a), Some(b)) if b < a => {
            errors.add(
                "ends_on",
                FieldError::Before {
                    other: "starts_on".into(),
                },
            );
            None
        }
        (Some(a), Some(b)) if (b - a).num_days() >= MAX_CAMPAIGN_DAYS => {
            errors.add(
                "ends_on",
                FieldError::TooLongCampaign {
                    max_days: MAX_CAMPAIGN_DAYS,
                },
            );
            None
        }
        (Some(a), Some(b)) => Some((a, b)),
    };
    match days {
        Some((starts_on, ends_on)) if errors.is_empty() => Ok(CampaignDraft {
            slug: new.slug.clone(),
            title,
            summary,
            starts_on,
            ends_on,
            review: new.review,
            call_to_action,
            public_contact,
            archived: new.archived,
            max_pending_per_client_hour: new.max_pending_per_client_hour,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> NewCampaign {
        NewCampaign {
            slug: "day-of-action".into(),
            title: "Day of action".into(),
            starts_on: "2026-11-05".into(),
            ends_on: "2026-11-05".into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let bad = NewCampaign {
            slug: "Day Of Action".into(),
            title: " ".into(),
            ends_on: "2026-11-04".into(),
            call_to_action: [("not a tag".to_string(), "Join".to_string())].into(),
            max_pending_per_client_hour: 1_000_000,
            ..campaign()
        };
        let errors = validate(&bad).expect_err("invalid");
        for field in [
            "slug",
            "title",
            "ends_on",
            "call_to_action",
            "max_pending_per_client_hour",
        ] {
            assert!(errors.0.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn calls_to_action_are_kept_by_language() {
        let draft = validate(&NewCampaign {
            call_to_action: [
                ("fa".to_string(), "به ما بپیوندید".to_string()),
                ("en".to_string(), "Join us".to_string()),
                ("es".to_string(), "  ".to_string()),
            ]
            .into(),
            ..campaign()
        })
        .expect("valid");
        assert_eq!(draft.call_to_action.len(), 2);
        assert_eq!(draft.call_to_action["fa"], "به ما بپیوندید");
    }
}
