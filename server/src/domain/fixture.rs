//! A small gazetteer for the domain's unit tests: a few real cities (rows of
//! `data/gazetteer/cities.tsv`), among them three Charlestons of the US.

use std::sync::Arc;

use chrono::NaiveDate;
use shared::RegisterEvent;

use super::event_input::Rules;
use crate::gazetteer::Gazetteer;
use crate::zones::ZoneFinder;

pub const BERLIN: i64 = 2950159;
pub const AUCKLAND: i64 = 2193733;
pub const CHARLESTON_WV: i64 = 4801859;
pub const CHARLESTON_SC: i64 = 4574324;

const CITIES: &str = "\
2950159\tBerlin\tDE\tBerlin\t52.52437\t13.41053\t3426354\tEurope/Berlin\tBerlín|Берлин
2911298\tHamburg\tDE\tHamburg\t53.55073\t9.99302\t1973896\tEurope/Berlin\tHambourg
112931\tTehran\tIR\tTehran\t35.69439\t51.42151\t7153309\tAsia/Tehran\tTeheran|تهران
2193733\tAuckland\tNZ\tAuckland\t-36.84853\t174.76349\t1547200\tPacific/Auckland\t
4574324\tCharleston\tUS\tSouth Carolina\t32.77632\t-79.93275\t132609\tAmerica/New_York\t
4801859\tCharleston\tUS\tWest Virginia\t38.34982\t-81.63262\t46838\tAmerica/New_York\t
4235668\tCharleston\tUS\tIllinois\t39.49615\t-88.17615\t21196\tAmerica/Chicago\t
";

const COUNTRIES: &str = "\
DE\tGermany
IR\tIran
NZ\tNew Zealand
US\tUnited States
";

/// The fixture gazetteer and the (embedded) zone finder.
pub struct Fixture {
    pub places: Gazetteer,
    pub zones: Arc<ZoneFinder>,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            places: Gazetteer::parse(CITIES, COUNTRIES).expect("fixture parses"),
            zones: ZoneFinder::shared(),
        }
    }

    /// The rules of a campaign from `first` to `last` (local dates).
    pub fn rules(&self, first: &str, last: &str) -> Rules<'_> {
        Rules {
            places: &self.places,
            zones: &self.zones,
            first_day: day(first),
            last_day: day(last),
            contact_required: true,
        }
    }
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// A valid registration in Berlin at `local_start`.
pub fn berlin_at(local_start: &str) -> RegisterEvent {
    RegisterEvent {
        title: Some("Vigil for the Haft Tappeh workers".into()),
        kind: Some("vigil".into()),
        organiser_name: Some("Solidarity Berlin".into()),
        contact_email: Some("group@example.org".into()),
        place_id: Some(BERLIN),
        latitude: Some(52.5163),
        longitude: Some(13.3777),
        local_start: Some(local_start.into()),
        ..Default::default()
    }
}
