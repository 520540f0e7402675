//! When an action is: local wall-clock start and end in the action's zone
//! (a time in a spring-forward gap is refused, an ambiguous one takes the
//! earlier instant), on one of the campaign's days by the local date, and
//! lasting at most `DURATION_MAX_HOURS`.

use chrono::NaiveDate;
use chrono_tz::Tz;
use shared::limits::DURATION_MAX_HOURS;
use shared::{FieldError, FieldErrors, RegisterEvent};

use crate::domain::local_time::{self, ZonedTime};

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

pub(super) fn resolve_times(
    errors: &mut FieldErrors,
    req: &RegisterEvent,
    zone: Tz,
    (first_day, last_day): (NaiveDate, NaiveDate),
) -> (Option<ZonedTime>, Option<ZonedTime>) {
    let start = match given(req.local_start.as_deref()) {
        None => {
            errors.add(
                "local_start",
                FieldError::StartRequired {
                    example: local_time::EXAMPLE.into(),
                },
            );
            return (None, None);
        }
        Some(s) => match local_time::resolve(s, zone) {
            Ok(t) => t,
            Err(e) => {
                errors.add("local_start", e.into());
                return (None, None);
            }
        },
    };
    let date = start.local.date();
    if !local_time::within_days(date, first_day, last_day) {
        errors.add(
            "local_start",
            FieldError::OutsideCampaign {
                first: first_day.to_string(),
                last: last_day.to_string(),
                zone: zone.name().to_string(),
                date: date.to_string(),
            },
        );
    }
    let end = given(req.local_end.as_deref()).and_then(|s| match local_time::resolve(s, zone) {
        Ok(end) if end.utc_seconds() <= start.utc_seconds() => {
            errors.add(
                "local_end",
                FieldError::NotAfter {
                    other: "local_start".into(),
                },
            );
            None
        }
        Ok(end) if end.utc_seconds() - start.utc_seconds() > DURATION_MAX_HOURS * 3600 => {
            errors.add(
                "local_end",
                FieldError::TooLongAction {
                    max_hours: DURATION_MAX_HOURS,
                },
            );
            None
        }
        Ok(end) => Some(end),
        Err(e) => {
            errors.add("local_end", e.into());
            None
        }
    });
    (Some(start), end)
}
