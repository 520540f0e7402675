//! The organisers' dashboard: every status counted, the public counters, the
//! table by country with its cities, the wave of start times across UTC
//! hours, and the map's points coloured by status. A moderator limited to
//! some countries sees those only.

use std::collections::{BTreeMap, HashSet};

use shared::{
    CityActions, CountryCities, Dashboard, EndorsementStatus, EventStatus, HourCount, StatusCounts,
    StatusPoint,
};

use crate::services::accounts::Viewer;
use crate::services::{ServiceResult, Services};
use crate::storage;
use crate::storage::moderation::DashboardRow;

pub async fn get(services: &Services, viewer: &Viewer, slug: &str) -> ServiceResult<Dashboard> {
    let campaign = storage::campaigns::find_by_slug(&services.db, slug).await?;
    viewer.require_campaign(campaign.id)?;
    let countries = viewer.countries(campaign.id).flatten();
    let rows = storage::moderation::dashboard_rows(&services.db, campaign.id, countries).await?;
    let (organisations, pending_endorsements) = (
        storage::moderation::endorsement_count(
            &services.db,
            campaign.id,
            EndorsementStatus::Approved,
            countries,
        )
        .await?,
        storage::moderation::endorsement_count(
            &services.db,
            campaign.id,
            EndorsementStatus::Pending,
            countries,
        )
        .await?,
    );
    let mut dashboard = summarise(&rows, |code| {
        services
            .places
            .country_name(code)
            .unwrap_or(code)
            .to_string()
    });
    dashboard.organisations = organisations;
    dashboard.pending_endorsements = pending_endorsements;
    Ok(dashboard)
}

/// The counters, table, wave and points of `rows` (pure, for the tests).
pub fn summarise(rows: &[DashboardRow], country_name: impl Fn(&str) -> String) -> Dashboard {
    let mut statuses = StatusCounts::default();
    let mut by_utc_hour: Vec<HourCount> =
        (0..24).map(|hour| HourCount { hour, events: 0 }).collect();
    // country → city key → (city name, actions)
    let mut table: BTreeMap<&str, BTreeMap<&str, (&str, u64)>> = BTreeMap::new();
    let mut cities = HashSet::new();
    let mut points = Vec::with_capacity(rows.len());
    let mut queue_length = 0;
    for row in rows {
        let queued = match row.status {
            EventStatus::Pending => !row.spam,
            EventStatus::Published | EventStatus::Cancelled => row.changed_since_approval,
            _ => false,
        };
        queue_length += u64::from(queued);
        match row.status {
            EventStatus::Published => statuses.published += 1,
            EventStatus::Pending => statuses.pending += 1,
            EventStatus::Rejected => statuses.rejected += 1,
            EventStatus::Cancelled => statuses.cancelled += 1,
            EventStatus::Withdrawn => statuses.withdrawn += 1,
        }
        if row.changed_since_approval && row.status.is_public() {
            statuses.changed += 1;
        }
        if row.status == EventStatus::Published {
            let hour = row.starts_at_utc.rem_euclid(86_400) / 3_600;
            by_utc_hour[hour as usize].events += 1;
            cities.insert(row.city_key.as_str());
            let city = table
                .entry(row.country_code.as_str())
                .or_default()
                .entry(row.city_key.as_str())
                .or_insert((row.city.as_str(), 0));
            city.1 += 1;
        }
        if row.status != EventStatus::Withdrawn && !row.spam {
            points.push(StatusPoint {
                id: row.id,
                title: row.title.clone(),
                city: row.city.clone(),
                latitude: row.latitude,
                longitude: row.longitude,
                status: row.status,
            });
        }
    }
    let mut by_country: Vec<CountryCities> = table
        .into_iter()
        .map(|(code, cities)| {
            let mut cities: Vec<CityActions> = cities
                .into_values()
                .map(|(city, events)| CityActions {
                    city: city.to_string(),
                    events,
                })
                .collect();
            cities.sort_by(|a, b| b.events.cmp(&a.events).then(a.city.cmp(&b.city)));
            CountryCities {
                country_code: code.to_string(),
                country: country_name(code),
                events: cities.iter().map(|c| c.events).sum(),
                cities,
            }
        })
        .collect();
    by_country.sort_by(|a, b| b.events.cmp(&a.events).then(a.country.cmp(&b.country)));
    Dashboard {
        statuses,
        cities: cities.len() as u64,
        countries: by_country.len() as u64,
        organisations: 0,
        queue_length,
        pending_endorsements: 0,
        by_country,
        by_utc_hour,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, city: &str, country: &str, status: EventStatus, hour: i64) -> DashboardRow {
        DashboardRow {
            id,
            title: format!("Action {id}"),
            city: city.into(),
            city_key: format!("{}|{}", city.to_lowercase(), country.to_lowercase()),
            country_code: country.into(),
            latitude: 0.0,
            longitude: 0.0,
            status,
            changed_since_approval: false,
            spam: false,
            starts_at_utc: 1_793_923_200 + hour * 3_600,
        }
    }

    #[test]
    fn only_published_actions_make_the_count_and_the_wave() {
        use EventStatus::*;
        let mut rows = vec![
            row(1, "Berlin", "DE", Published, 13),
            row(2, "Berlin", "DE", Published, 13),
            row(3, "Hamburg", "DE", Published, 9),
            row(4, "Paris", "FR", Pending, 13),
            row(5, "Tehran", "IR", Rejected, 7),
            row(6, "London", "GB", Withdrawn, 7),
            row(7, "London", "GB", Cancelled, 7),
        ];
        rows.push(DashboardRow {
            changed_since_approval: true,
            ..row(8, "Hamburg", "DE", Published, 9)
        });
        let d = summarise(&rows, |c| c.to_string());
        assert_eq!(
            (
                d.statuses.published,
                d.statuses.pending,
                d.statuses.rejected
            ),
            (4, 1, 1)
        );
        assert_eq!(
            (
                d.statuses.withdrawn,
                d.statuses.cancelled,
                d.statuses.changed
            ),
            (1, 1, 1)
        );
        assert_eq!((d.cities, d.countries, d.queue_length), (2, 1, 2));
        assert_eq!(d.by_utc_hour[13].events, 2);
        assert_eq!(d.by_utc_hour[9].events, 2);
        assert_eq!(d.by_utc_hour[7].events, 0);
        assert_eq!(d.by_country[0].cities.len(), 2);
        assert_eq!(d.by_country[0].events, 4);
        // Withdrawn actions leave the map; the others are coloured by status.
        assert_eq!(d.points.len(), 7);
    }
}
