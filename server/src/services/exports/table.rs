//! CSV: public columns for everyone; organisers who moderate the campaign
//! get the private ones after them (contact email, the exact point and
//! address), and rows of every status but withdrawn. A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or
//! CR as a formula (`=HYPERLINK(…)` leaks whoever opens it), so every text
//! cell that people typed, or a gazetteer name, is neutralised with a leading
//! `'`; numbers (a latitude of -33.9, an offset of -03:30) are left alone.

use std::io::{self, Write};

use super::context::Context;
use crate::entities::event;

const HEADER: [&str; 19] = [
    "id",
    "title",
    "kind",
    "organiser_name",
    "public_contact",
    "city",
    "country_code",
    "country",
    "address",
    "latitude",
    "longitude",
    "timezone",
    "local_date",
    "local_start",
    "local_end",
    "utc_offset",
    "starts_at_utc",
    "status",
    "url",
];

/// `text` as a cell no spreadsheet evaluates.
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// After the public columns, for organisers only.
const PRIVATE_HEADER: [&str; 4] = [
    "contact_email",
    "exact_latitude",
    "exact_longitude",
    "exact_address",
];

pub(super) fn header(out: &mut impl Write, private: bool) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    if private {
        csv.write_record(HEADER.iter().chain(PRIVATE_HEADER.iter()))?;
    } else {
        csv.write_record(HEADER)?;
    }
    csv.flush()
}

pub(super) fn rows(
    context: &Context,
    page: &[event::Model],
    out: &mut impl Write,
    private: bool,
) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    for model in page {
        let (e, url) = context.public_view(model);
        let mut record = vec![
            e.id.to_string(),
            inert(e.title),
            e.kind.to_string(),
            inert(e.organiser_name),
            inert(e.public_contact.unwrap_or_default()),
            inert(e.place.city),
            inert(e.place.country_code),
            inert(e.place.country),
            inert(e.place.address.unwrap_or_default()),
            format!("{:.5}", e.place.latitude),
            format!("{:.5}", e.place.longitude),
            e.timezone,
            e.local.date,
            e.local.start,
            e.local.end.unwrap_or_default(),
            e.local.utc_offset,
            e.starts_at_utc,
            e.status.as_str().to_string(),
            url,
        ];
        if private {
            record.extend([
                inert(model.contact_email.clone()),
                format!("{:.6}", model.latitude),
                format!("{:.6}", model.longitude),
                inert(model.address.clone().unwrap_or_default()),
            ]);
        }
        csv.write_record(&record)?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(text.into()), format!("'{text}"));
        }
        assert_eq!(inert("Rally = freedom".into()), "Rally = freedom");
        assert_eq!(inert(String::new()), "");
    }
}
