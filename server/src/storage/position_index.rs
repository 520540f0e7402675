//! A campaign's listed positions in memory, for `near` and `bbox` without a
//! trip to the database for their order and their total.
//!
//! It holds only public columns (the public point, start, kind, country,
//! whether cancelled) of the published and cancelled actions, read in one
//! snapshot together with the campaign's revision. A reader uses it only
//! while the database still has that revision, so it answers exactly as the
//! queries of [`super::events`] do, by the same steps (the widening circle,
//! the totals that stop at 1,000, the counters' totals); a test compares the
//! two on random data. It picks a page's ids; the rows are then read by id.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    StreamTrait,
};
use shared::limits::TOTAL_COUNTED_MAX;
use shared::{EventKind, EventStatus};

use super::events::{
    FIRST_RADIUS_KM, PageKeys, counted_by_tallies, keyset_page, offset_of, offset_page, wider,
};
use super::spatial::{is_world, lon_ranges};
use super::{StorageResult, campaigns};
use crate::domain::event_filter::{BBox, Cursor, EventFilter, Near};
use crate::domain::geometry::{box_around, chord_squared, unit_vector};
use crate::entities::event;

/// One listed action, as much as the filters and the orders need.
#[derive(Debug, Clone)]
struct Entry {
    id: i64,
    starts_at_utc: i64,
    latitude: f64,
    longitude: f64,
    /// The stored unit vector, so that distances order as in SQL, ties too.
    unit: [f64; 3],
    kind: EventKind,
    /// Index into [`PositionIndex::countries`].
    country: u16,
    cancelled: bool,
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    starts_at_utc: i64,
    public_latitude: f64,
    public_longitude: f64,
    public_x: f64,
    public_y: f64,
    public_z: f64,
    kind: EventKind,
    country_code: String,
    status: EventStatus,
}

pub struct PositionIndex {
    pub campaign_id: i64,
    /// The campaign's revision the rows were read at.
    pub revision: i64,
    /// In (start, id) order, the order of the lists.
    entries: Vec<Entry>,
    /// Places in `entries` by longitude: a box's candidates are one or two
    /// runs of it (4 bytes an action, where a tree took 70).
    by_longitude: Vec<u32>,
    countries: Vec<String>,
    /// Published (not cancelled) actions, in all and by country, as the
    /// counters have them.
    published: u64,
    published_by_country: Vec<u64>,
}

/// The filters as tests on an entry. `country` is `Some(None)` for a
/// country none of the actions is in.
struct Matcher {
    country: Option<Option<u16>>,
    kind: Option<EventKind>,
    include_cancelled: bool,
    /// The box, unless it is the whole world.
    bbox: Option<BBox>,
}

impl Matcher {
    fn matches(&self, e: &Entry) -> bool {
        (self.include_cancelled || !e.cancelled)
            && self.country.is_none_or(|c| c == Some(e.country))
            && self.kind.is_none_or(|k| k == e.kind)
            && self.bbox.as_ref().is_none_or(|b| in_box(b, e))
    }
}

/// The box test of the SQL (`lat_lon_condition`), on the same columns.
fn in_box(b: &BBox, e: &Entry) -> bool {
    let lat = e.latitude >= b.min_lat && e.latitude <= b.max_lat;
    let lon = if b.min_lon <= b.max_lon {
        e.longitude >= b.min_lon && e.longitude <= b.max_lon
    } else {
        e.longitude >= b.min_lon || e.longitude <= b.max_lon
    };
    lat && lon
}

/// The squared chord from `origin`, computed as the SQL does (`chord_to`).
fn chord(e: &Entry, origin: [f64; 3]) -> f64 {
    let dx = e.unit[0] - origin[0];
    let dy = e.unit[1] - origin[1];
    let dz = e.unit[2] - origin[2];
    dx * dx + dy * dy + dz * dz
}

/// How many of `matches` there are, up to [`TOTAL_COUNTED_MAX`], and
/// whether counting stopped there.
fn count_up_to<'a>(matches: impl Iterator<Item = &'a Entry>) -> (u64, bool) {
    let n = matches.take(TOTAL_COUNTED_MAX as usize + 1).count() as u64;
    (Ord::min(n, TOTAL_COUNTED_MAX), n > TOTAL_COUNTED_MAX)
}

impl PositionIndex {
    /// The listed actions of `campaign_id` and its revision, read in one
    /// snapshot of `db` (a transaction begun by the caller). The rows are
    /// taken one at a time as they arrive, never all held at once.
    pub async fn load<C>(db: &C, campaign_id: i64) -> StorageResult<Self>
    where
        C: ConnectionTrait + StreamTrait,
    {
        let revision = campaigns::revision(db, campaign_id).await?.revision;
        let mut rows = event::Entity::find()
            .select_only()
            .columns([
                event::Column::Id,
                event::Column::StartsAtUtc,
                event::Column::PublicLatitude,
                event::Column::PublicLongitude,
                event::Column::PublicX,
                event::Column::PublicY,
                event::Column::PublicZ,
                event::Column::Kind,
                event::Column::CountryCode,
                event::Column::Status,
            ])
            .filter(event::Column::CampaignId.eq(campaign_id))
            .filter(event::Column::Status.is_in(EventStatus::PUBLIC))
            .into_model::<Row>()
            .stream(db)
            .await?;
        let mut countries: Vec<String> = Vec::new();
        let mut country_of: HashMap<String, usize> = HashMap::new();
        let mut entries = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let country = match country_of.get(&row.country_code) {
                Some(&i) => i,
                None => {
                    countries.push(row.country_code.clone());
                    country_of.insert(row.country_code, countries.len() - 1);
                    countries.len() - 1
                }
            };
            entries.push(Entry {
                id: row.id,
                starts_at_utc: row.starts_at_utc,
                latitude: row.public_latitude,
                longitude: row.public_longitude,
                unit: [row.public_x, row.public_y, row.public_z],
                kind: row.kind,
                country: u16::try_from(country)
                    .map_err(|_| DbErr::Custom("too many countries to index".into()))?,
                cancelled: row.status == EventStatus::Cancelled,
            });
        }
        drop(rows);
        Ok(Self::of_entries(campaign_id, revision, entries, countries))
    }

    fn of_entries(
        campaign_id: i64,
        revision: i64,
        mut entries: Vec<Entry>,
        countries: Vec<String>,
    ) -> Self {
        entries.shrink_to_fit();
        entries.sort_unstable_by_key(|e| (e.starts_at_utc, e.id));
        let mut published_by_country = vec![0; countries.len()];
        for e in entries.iter().filter(|e| !e.cancelled) {
            published_by_country[e.country as usize] += 1;
        }
        let mut by_longitude: Vec<u32> = (0..entries.len() as u32).collect();
        by_longitude.sort_unstable_by(|&a, &b| {
            let (a, b) = (&entries[a as usize], &entries[b as usize]);
            a.longitude.total_cmp(&b.longitude)
        });
        PositionIndex {
            campaign_id,
            revision,
            published: published_by_country.iter().sum(),
            published_by_country,
            entries,
            by_longitude,
            countries,
        }
    }

    /// How many actions it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn matcher(&self, filter: &EventFilter) -> Matcher {
        Matcher {
            country: filter.country.as_ref().map(|code| {
                self.countries
                    .iter()
                    .position(|c| c == code)
                    .map(|i| i as u16)
            }),
            kind: filter.kind,
            include_cancelled: filter.include_cancelled,
            bbox: filter.bbox.filter(|b| !is_world(b)),
        }
    }

    /// The entries whose point may be in `b`: those of its longitudes and
    /// latitudes, or every entry for the whole world (the caller tests the
    /// box exactly).
    fn candidates<'a>(&'a self, b: &BBox) -> Box<dyn Iterator<Item = &'a Entry> + 'a> {
        if is_world(b) {
            return Box::new(self.entries.iter());
        }
        let (south, north) = (b.min_lat, b.max_lat);
        let in_latitudes = move |e: &&Entry| e.latitude >= south && e.latitude <= north;
        if b.min_lon <= -180.0 && b.max_lon >= 180.0 {
            // Every longitude: in storage order, which is faster to read.
            return Box::new(self.entries.iter().filter(in_latitudes));
        }
        Box::new(lon_ranges(b).into_iter().flat_map(move |(west, east)| {
            let longitude = |i: &u32| self.entries[*i as usize].longitude;
            let from = self.by_longitude.partition_point(|i| longitude(i) < west);
            let to = self.by_longitude.partition_point(|i| longitude(i) <= east);
            self.by_longitude[from..Ord::max(from, to)]
                .iter()
                .map(|&i| &self.entries[i as usize])
                .filter(in_latitudes)
        }))
    }

    /// The matches within `km` of `near` (the SQL's `within`): inside the
    /// circle's box, and by the chord with the same hair of slack.
    fn within<'a>(
        &'a self,
        matcher: &'a Matcher,
        near: &Near,
        origin: [f64; 3],
        km: f64,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        let around = box_around(near.latitude, near.longitude, km);
        let exact_box = (!is_world(&around)).then_some(around);
        let limit = chord_squared(km) + 1e-12;
        self.candidates(&around).filter(move |e| {
            exact_box.as_ref().is_none_or(|b| in_box(b, e))
                && chord(e, origin) <= limit
                && matcher.matches(e)
        })
    }

    /// Nearest first within `near.within_km`, then by start, then by id;
    /// pages by offset (as `events::page_by_distance`).
    pub fn page_by_distance(&self, filter: &EventFilter, near: &Near) -> PageKeys {
        let matcher = self.matcher(filter);
        let origin = unit_vector(near.latitude, near.longitude);
        let skip = offset_of(filter);
        let needed = skip.saturating_add(filter.limit).saturating_add(1);
        let mut km = near.within_km.min(FIRST_RADIUS_KM);
        let ids = loop {
            let order = |a: &(f64, i64, i64), b: &(f64, i64, i64)| {
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
            };
            let keep = usize::try_from(needed).unwrap_or(usize::MAX);
            // The nearest `keep` so far, never many more held at once.
            let mut found: Vec<(f64, i64, i64)> = Vec::new();
            for e in self.within(&matcher, near, origin, km) {
                found.push((chord(e, origin), e.starts_at_utc, e.id));
                if found.len() >= keep.saturating_mul(2).max(64) {
                    found.select_nth_unstable_by(keep, order);
                    found.truncate(keep);
                }
            }
            if found.len() > keep {
                found.select_nth_unstable_by(keep, order);
                found.truncate(keep);
            }
            found.sort_unstable_by(order);
            if found.len() as u64 >= needed || km >= near.within_km {
                break found.into_iter().map(|(_, _, id)| id).collect::<Vec<i64>>();
            }
            km = wider(km, found.len(), needed).min(near.within_km);
        };
        let found = ids.len() as u64;
        let (total, total_capped) = if found < needed {
            (found, false)
        } else if chord_squared(near.within_km) >= 4.0 - 1e-9 && counted_by_tallies(filter) {
            (self.published_in(&matcher), false)
        } else {
            count_up_to(self.within(&matcher, near, origin, near.within_km))
        };
        let (ids, next_cursor) = offset_page(ids, skip, filter.limit);
        PageKeys {
            ids,
            total,
            total_capped,
            next_cursor,
        }
    }

    /// The published actions the counters hold for the filter's country.
    fn published_in(&self, matcher: &Matcher) -> u64 {
        match matcher.country {
            None => self.published,
            Some(None) => 0,
            Some(Some(c)) => self.published_by_country[c as usize],
        }
    }

    /// In start order after the cursor (as `events::page_by_start`).
    pub fn page_by_start(&self, filter: &EventFilter) -> PageKeys {
        let matcher = self.matcher(filter);
        let after = match filter.cursor {
            Some(Cursor::After { starts_at_utc, id }) => Some((starts_at_utc, id)),
            _ => None,
        };
        let is_after = |e: &Entry| after.is_none_or(|a| (e.starts_at_utc, e.id) > a);
        let wanted = usize::try_from(filter.limit.saturating_add(1)).unwrap_or(usize::MAX);
        let sparse_box = matcher.bbox;
        let (total, total_capped) = match &sparse_box {
            Some(b) => count_up_to(self.candidates(b).filter(|e| matcher.matches(e))),
            None if filter.bbox.is_none() && counted_by_tallies(filter) => {
                (self.published_in(&matcher), false)
            }
            None => count_up_to(self.entries.iter().filter(|e| matcher.matches(e))),
        };
        let keys: Vec<(i64, i64)> = match sparse_box.filter(|_| !total_capped) {
            // Few in the box: sort them.
            Some(b) => {
                let mut found: Vec<(i64, i64)> = self
                    .candidates(&b)
                    .filter(|e| matcher.matches(e) && is_after(e))
                    .map(|e| (e.starts_at_utc, e.id))
                    .collect();
                found.sort_unstable();
                found.truncate(wanted);
                found
            }
            // Many: walk the start order until the page is full.
            None => {
                let from = self
                    .entries
                    .partition_point(|e| after.is_some_and(|a| (e.starts_at_utc, e.id) <= a));
                self.entries[from..]
                    .iter()
                    .filter(|e| matcher.matches(e))
                    .take(wanted)
                    .map(|e| (e.starts_at_utc, e.id))
                    .collect()
            }
        };
        let (ids, next_cursor) = keyset_page(keys, filter.limit);
        PageKeys {
            ids,
            total,
            total_capped,
            next_cursor,
        }
    }
}
