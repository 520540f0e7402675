//! Events: register, read, update, cancel, list.

use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use shared::{
    Event, EventList, EventQuery, EventStatus, LocationVisibility, RegisterEvent, UpdateEvent,
};

use super::audit::{self, Actor};
use super::campaigns;
use super::views::{Audience, event_view};
use super::{ServiceError, ServiceResult, Services};
use crate::db;
use crate::domain::event_filter::{BBox, Cursor, EventFilter};
use crate::domain::event_input::{self, EventDraft, Rules, distance_km};
use crate::domain::text::escape_like;
use crate::domain::token;
use crate::entities::{campaign, event};

/// How a caller proves it may change an event.
#[derive(Debug, Clone)]
pub enum Credential {
    None,
    EditToken(String),
}

/// A new registration: the event and its edit token, shown this once.
pub struct Registration {
    pub event: Event,
    pub edit_token: String,
    pub edit_url: String,
}

fn rules<'a>(services: &'a Services, campaign: &campaign::Model) -> Rules<'a> {
    let (first_day, last_day) = campaigns::days(campaign);
    Rules {
        places: &services.places,
        zones: &services.zones,
        first_day,
        last_day,
    }
}

pub async fn register(
    services: &Services,
    slug: &str,
    req: RegisterEvent,
) -> ServiceResult<Registration> {
    let campaign = campaigns::find_published(&services.db, slug).await?;
    let draft = event_input::validate(&req, &rules(services, &campaign))?;
    let status = if campaign.review {
        EventStatus::Pending
    } else {
        EventStatus::Published
    };
    let (edit_token, token_hash) = token::generate();
    let now = chrono::Utc::now();

    let mut active = event::ActiveModel {
        campaign_id: Set(campaign.id),
        status: Set(status.as_str().to_string()),
        version: Set(1),
        edit_token_hash: Set(token_hash),
        created_at: Set(now),
        ..Default::default()
    };
    apply_draft(&mut active, &draft, now);

    let txn = db::begin_write(&services.db).await?;
    let model = active.insert(&txn).await?;
    campaigns::bump_revision(&txn, campaign.id).await?;
    audit::record(
        &txn,
        campaign.id,
        Some(model.id),
        Actor::Public,
        "register",
        json!({ "status": status.as_str() }),
    )
    .await?;
    txn.commit().await?;

    tracing::info!(event = model.id, campaign = %campaign.slug, status = status.as_str(), "action registered");
    let edit_url = format!(
        "{}/edit/{}#token={}",
        services.public_url, model.id, edit_token
    );
    Ok(Registration {
        event: event_view(&model, &campaign.slug, &services.places, Audience::Editor),
        edit_token,
        edit_url,
    })
}

/// Copies every validated field into the row (all but identity and status).
/// Public so that the benchmark's bulk loader stores rows exactly as
/// registration does.
pub fn apply_draft(
    active: &mut event::ActiveModel,
    draft: &EventDraft,
    now: chrono::DateTime<chrono::Utc>,
) {
    let loc = &draft.location;
    let city_only = draft.visibility == LocationVisibility::City;
    active.title = Set(draft.title.clone());
    active.kind = Set(draft.kind.as_str().to_string());
    active.description = Set(draft.description.clone());
    active.organiser_name = Set(draft.organiser_name.clone());
    active.contact_email = Set(draft.contact_email.clone());
    active.public_contact = Set(draft.public_contact.clone());
    active.city = Set(loc.city.clone());
    active.city_key = Set(loc.city_key());
    active.country_code = Set(loc.country_code.clone());
    active.place_id = Set(loc.place_id);
    active.address = Set(loc.address.clone());
    active.latitude = Set(loc.latitude);
    active.longitude = Set(loc.longitude);
    active.public_latitude = Set(if city_only {
        loc.centre_latitude
    } else {
        loc.latitude
    });
    active.public_longitude = Set(if city_only {
        loc.centre_longitude
    } else {
        loc.longitude
    });
    active.location_visibility = Set(draft.visibility.as_str().to_string());
    active.timezone = Set(loc.timezone.name().to_string());
    active.local_start = Set(draft.start.local_string());
    active.local_end = Set(draft.end.map(|e| e.local_string()));
    active.local_date = Set(draft.start.local.date().to_string());
    active.starts_at_utc = Set(draft.start.utc_seconds());
    active.ends_at_utc = Set(draft.end.map(|e| e.utc_seconds()));
    active.links = Set(serde_json::to_string(&draft.links).unwrap_or_else(|_| "[]".into()));
    active.language = Set(draft.language.clone());
    active.search_text = Set(draft.search_text());
    active.updated_at = Set(now);
}

async fn load(
    db: &impl ConnectionTrait,
    id: i64,
) -> ServiceResult<(event::Model, campaign::Model)> {
    let model = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound("event"))?;
    let campaign = campaigns::find_by_id(db, model.campaign_id).await?;
    Ok((model, campaign))
}

fn publicly_visible(model: &event::Model) -> bool {
    model.status == EventStatus::Published.as_str()
        || model.status == EventStatus::Cancelled.as_str()
}

/// Checks the credential against the event; `Ok(Audience::Editor)` when it holds.
fn authorise(model: &event::Model, credential: &Credential) -> ServiceResult<Audience> {
    match credential {
        Credential::None => Err(ServiceError::Unauthorized(
            "send the edit token of this action: Authorization: Bearer <token>".into(),
        )),
        Credential::EditToken(t) if token::verify(t, &model.edit_token_hash) => {
            Ok(Audience::Editor)
        }
        Credential::EditToken(_) => Err(ServiceError::Forbidden(
            "this edit token does not belong to this action".into(),
        )),
    }
}

/// One event. The public sees published and cancelled ones; the holder of the
/// edit link sees its own in any state, with its private fields.
pub async fn get(services: &Services, id: i64, credential: &Credential) -> ServiceResult<Event> {
    let (model, campaign) = load(&services.db, id).await?;
    let audience = match credential {
        Credential::None => Audience::Public,
        _ => authorise(&model, credential)?,
    };
    if audience == Audience::Public && !publicly_visible(&model) {
        return Err(ServiceError::NotFound("event"));
    }
    Ok(event_view(
        &model,
        &campaign.slug,
        &services.places,
        audience,
    ))
}

/// The public view of a published (or cancelled) event, for feeds.
pub async fn get_public_model(
    services: &Services,
    id: i64,
) -> ServiceResult<(event::Model, campaign::Model)> {
    let (model, campaign) = load(&services.db, id).await?;
    if !publicly_visible(&model) {
        return Err(ServiceError::NotFound("event"));
    }
    Ok((model, campaign))
}

/// The stored event as a registration request: the base an update merges into.
fn as_request(model: &event::Model) -> RegisterEvent {
    RegisterEvent {
        title: Some(model.title.clone()),
        kind: Some(model.kind.clone()),
        description: model.description.clone(),
        organiser_name: Some(model.organiser_name.clone()),
        contact_email: Some(model.contact_email.clone()),
        public_contact: model.public_contact.clone(),
        city: Some(model.city.clone()),
        country_code: Some(model.country_code.clone()),
        place_id: model.place_id,
        address: model.address.clone(),
        latitude: Some(model.latitude),
        longitude: Some(model.longitude),
        timezone: Some(model.timezone.clone()),
        local_start: Some(model.local_start.clone()),
        local_end: model.local_end.clone(),
        links: serde_json::from_str(&model.links).unwrap_or_default(),
        language: model.language.clone(),
        location_visibility: Some(model.location_visibility.clone()),
    }
}

/// Overlays a patch on the stored request. Changing the city (or place, or
/// country) resets the point and zone unless the patch gives them; moving the
/// pin re-derives the zone unless the patch gives it.
fn merge(mut base: RegisterEvent, patch: &UpdateEvent) -> (RegisterEvent, Vec<&'static str>) {
    let mut changed = Vec::new();
    macro_rules! set {
        ($field:ident) => {
            if let Some(v) = &patch.$field {
                base.$field = Some(v.clone());
                changed.push(stringify!($field));
            }
        };
    }
    macro_rules! set_nullable {
        ($field:ident) => {
            if let Some(v) = &patch.$field {
                base.$field = v.clone();
                changed.push(stringify!($field));
            }
        };
    }
    set!(title);
    set!(kind);
    set_nullable!(description);
    set!(organiser_name);
    set!(contact_email);
    set_nullable!(public_contact);
    set_nullable!(address);
    set!(local_start);
    set_nullable!(local_end);
    set!(language);
    set!(location_visibility);
    if let Some(links) = &patch.links {
        base.links = links.clone();
        changed.push("links");
    }
    let new_place =
        patch.place_id.is_some() || patch.city.is_some() || patch.country_code.is_some();
    let new_point = patch.latitude.is_some() || patch.longitude.is_some();
    if new_place {
        base.place_id = patch.place_id;
        base.city = patch.city.clone();
        base.country_code = patch.country_code.clone().or(base
            .country_code
            .filter(|_| patch.city.is_some() && patch.place_id.is_none()));
        base.latitude = patch.latitude;
        base.longitude = patch.longitude;
        base.timezone = patch.timezone.clone();
        changed.push("place");
    } else if new_point {
        base.latitude = patch.latitude.or(base.latitude);
        base.longitude = patch.longitude.or(base.longitude);
        base.timezone = patch.timezone.clone();
        changed.push("position");
    } else if let Some(tz) = &patch.timezone {
        base.timezone = Some(tz.clone());
        changed.push("timezone");
    }
    (base, changed)
}

/// `If-Match: "<version>"`, as the handler read it.
pub type ExpectedVersion = Option<i32>;

pub async fn update(
    services: &Services,
    id: i64,
    credential: &Credential,
    expected: ExpectedVersion,
    patch: UpdateEvent,
) -> ServiceResult<Event> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    let expected = expected.ok_or(ServiceError::PreconditionRequired)?;
    if expected != model.version {
        return Err(ServiceError::Stale {
            current_version: model.version,
        });
    }
    if model.status == EventStatus::Cancelled.as_str()
        || model.status == EventStatus::Rejected.as_str()
    {
        return Err(ServiceError::Conflict(format!(
            "the action is {}; it can no longer be edited",
            model.status
        )));
    }
    let (request, changed) = merge(as_request(&model), &patch);
    let draft = event_input::validate(&request, &rules(services, &campaign))?;

    let now = chrono::Utc::now();
    let mut active: event::ActiveModel = model.clone().into();
    apply_draft(&mut active, &draft, now);
    active.version = Set(model.version + 1);

    let txn = db::begin_write(&services.db).await?;
    // The version check again, atomically: a concurrent edit that committed
    // since we read makes this match no row.
    let result = event::Entity::update_many()
        .set(active)
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Version.eq(expected))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        let current = event::Entity::find_by_id(id)
            .one(&services.db)
            .await?
            .map_or(expected + 1, |m| m.version);
        return Err(ServiceError::Stale {
            current_version: current,
        });
    }
    campaigns::bump_revision(&txn, campaign.id).await?;
    audit::record(
        &txn,
        campaign.id,
        Some(id),
        Actor::EditLink,
        "update",
        json!({ "fields": changed }),
    )
    .await?;
    txn.commit().await?;

    let (updated, _) = load(&services.db, id).await?;
    Ok(event_view(
        &updated,
        &campaign.slug,
        &services.places,
        Audience::Editor,
    ))
}

/// Cancels: the event stays, shown as cancelled, and counts for nothing.
pub async fn cancel(
    services: &Services,
    id: i64,
    credential: &Credential,
    expected: ExpectedVersion,
) -> ServiceResult<Event> {
    let (model, campaign) = load(&services.db, id).await?;
    authorise(&model, credential)?;
    if let Some(expected) = expected
        && expected != model.version
    {
        return Err(ServiceError::Stale {
            current_version: model.version,
        });
    }
    if model.status == EventStatus::Cancelled.as_str() {
        return Ok(event_view(
            &model,
            &campaign.slug,
            &services.places,
            Audience::Editor,
        ));
    }
    let txn = db::begin_write(&services.db).await?;
    let result = event::Entity::update_many()
        .col_expr(
            event::Column::Status,
            Expr::value(EventStatus::Cancelled.as_str()),
        )
        .col_expr(event::Column::Version, Expr::value(model.version + 1))
        .col_expr(event::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Version.eq(model.version))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Err(ServiceError::Stale {
            current_version: model.version + 1,
        });
    }
    campaigns::bump_revision(&txn, campaign.id).await?;
    audit::record(
        &txn,
        campaign.id,
        Some(id),
        Actor::EditLink,
        "cancel",
        json!({ "from": model.status }),
    )
    .await?;
    txn.commit().await?;
    let (updated, _) = load(&services.db, id).await?;
    Ok(event_view(
        &updated,
        &campaign.slug,
        &services.places,
        Audience::Editor,
    ))
}

/// The SQL conditions shared by every list: campaign, status, country, kind,
/// text, box.
fn base_condition(campaign_id: i64, filter: &EventFilter) -> Condition {
    let statuses: &[&str] = if filter.include_cancelled {
        &["published", "cancelled"]
    } else {
        &["published"]
    };
    let mut cond = Condition::all()
        .add(event::Column::CampaignId.eq(campaign_id))
        .add(event::Column::Status.is_in(statuses.iter().copied()));
    if let Some(country) = &filter.country {
        cond = cond.add(event::Column::CountryCode.eq(country.as_str()));
    }
    if let Some(kind) = filter.kind {
        cond = cond.add(event::Column::Kind.eq(kind.as_str()));
    }
    if let Some(text) = &filter.text {
        let pattern = LikeExpr::new(format!("%{}%", escape_like(text))).escape('\\');
        cond = cond.add(event::Column::SearchText.like(pattern));
    }
    if let Some(bbox) = &filter.bbox {
        cond = cond.add(box_condition(bbox));
    }
    cond
}

fn box_condition(b: &BBox) -> Condition {
    let lat = Condition::all()
        .add(event::Column::PublicLatitude.gte(b.min_lat))
        .add(event::Column::PublicLatitude.lte(b.max_lat));
    let lon = if b.min_lon <= b.max_lon {
        Condition::all()
            .add(event::Column::PublicLongitude.gte(b.min_lon))
            .add(event::Column::PublicLongitude.lte(b.max_lon))
    } else {
        Condition::any()
            .add(event::Column::PublicLongitude.gte(b.min_lon))
            .add(event::Column::PublicLongitude.lte(b.max_lon))
    };
    lat.add(lon)
}

/// The smallest box holding every point within `km` of (lat, lon), or `None`
/// for the latitude band alone when it reaches a pole.
pub fn box_around(lat: f64, lon: f64, km: f64) -> BBox {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let angular = km / EARTH_RADIUS_KM;
    let dlat = angular.to_degrees();
    let min_lat = (lat - dlat).max(-90.0);
    let max_lat = (lat + dlat).min(90.0);
    let full = BBox {
        min_lon: -180.0,
        min_lat,
        max_lon: 180.0,
        max_lat,
    };
    if min_lat <= -90.0 || max_lat >= 90.0 {
        return full;
    }
    let ratio = angular.sin() / lat.to_radians().cos();
    if ratio >= 1.0 {
        return full;
    }
    let dlon = ratio.asin().to_degrees();
    let wrap = |x: f64| {
        if x < -180.0 {
            x + 360.0
        } else if x > 180.0 {
            x - 360.0
        } else {
            x
        }
    };
    BBox {
        min_lon: wrap(lon - dlon),
        min_lat,
        max_lon: wrap(lon + dlon),
        max_lat,
    }
}

pub async fn list(services: &Services, slug: &str, query: &EventQuery) -> ServiceResult<EventList> {
    let filter = EventFilter::parse(query)?;
    let campaign = campaigns::find_published(&services.db, slug).await?;
    if filter.near.is_none() && filter.bbox.is_none() {
        return list_by_start(services, &campaign, &filter).await;
    }
    list_in_area(services, &campaign, &filter).await
}

/// Without a place: pages in start order straight from the start-time index.
async fn list_by_start(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
) -> ServiceResult<EventList> {
    let cond = base_condition(campaign.id, filter);
    let total = event::Entity::find()
        .filter(cond.clone())
        .count(&services.db)
        .await?;
    let mut page = event::Entity::find().filter(cond);
    if let Some(Cursor::After { starts_at_utc, id }) = filter.cursor {
        page = page.filter(
            Condition::any()
                .add(event::Column::StartsAtUtc.gt(starts_at_utc))
                .add(
                    Condition::all()
                        .add(event::Column::StartsAtUtc.eq(starts_at_utc))
                        .add(event::Column::Id.gt(id)),
                ),
        );
    }
    let mut rows = page
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .limit(filter.limit + 1)
        .all(&services.db)
        .await?;
    let next_cursor = if rows.len() as u64 > filter.limit {
        rows.truncate(filter.limit as usize);
        rows.last().map(|m| {
            Cursor::After {
                starts_at_utc: m.starts_at_utc,
                id: m.id,
            }
            .encode()
        })
    } else {
        None
    };
    let events = rows
        .iter()
        .map(|m| event_view(m, &campaign.slug, &services.places, Audience::Public))
        .collect();
    Ok(EventList {
        events,
        total,
        next_cursor,
    })
}

/// Within a box (`bbox`, or the box around `near`): the candidates' ids,
/// positions and starts come from the position index alone; the order, the
/// exact distance and the page are worked out here, then only the page's rows
/// are read. (Letting the database order a box by start time can make it walk
/// the whole campaign for a box with few events.)
async fn list_in_area(
    services: &Services,
    campaign: &campaign::Model,
    filter: &EventFilter,
) -> ServiceResult<EventList> {
    let mut cond = base_condition(campaign.id, filter);
    if let Some(near) = filter.near {
        cond = cond.add(box_condition(&box_around(
            near.latitude,
            near.longitude,
            near.within_km,
        )));
    }
    let candidates: Vec<(i64, f64, f64, i64)> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .column(event::Column::PublicLatitude)
        .column(event::Column::PublicLongitude)
        .column(event::Column::StartsAtUtc)
        .filter(cond)
        .into_tuple()
        .all(&services.db)
        .await?;
    // (distance, start, id); distance 0 when the order is by start time.
    let mut hits: Vec<(f64, i64, i64)> = match filter.near {
        Some(near) => {
            let origin = (near.latitude, near.longitude);
            candidates
                .into_iter()
                .map(|(id, lat, lon, start)| (distance_km(origin, (lat, lon)), start, id))
                .filter(|(d, _, _)| *d <= near.within_km)
                .collect()
        }
        None => candidates
            .into_iter()
            .map(|(id, _, _, start)| (0.0, start, id))
            .collect(),
    };
    hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let total = hits.len() as u64;
    let skip = match filter.cursor {
        Some(Cursor::Offset(n)) => n.min(total) as usize,
        Some(Cursor::After { starts_at_utc, id }) => {
            hits.partition_point(|h| (h.1, h.2) <= (starts_at_utc, id))
        }
        None => 0,
    };
    let page: Vec<(f64, i64, i64)> = hits
        .iter()
        .skip(skip)
        .take(filter.limit as usize)
        .copied()
        .collect();
    let ids: Vec<i64> = page.iter().map(|h| h.2).collect();
    let rows = event::Entity::find()
        .filter(event::Column::Id.is_in(ids))
        .all(&services.db)
        .await?;
    let events = page
        .iter()
        .filter_map(|(distance, _, id)| {
            rows.iter().find(|m| m.id == *id).map(|m| Event {
                distance_km: filter.near.map(|_| (distance * 100.0).round() / 100.0),
                ..event_view(m, &campaign.slug, &services.places, Audience::Public)
            })
        })
        .collect();
    let end = skip + page.len();
    let next_cursor = (end < hits.len()).then(|| match filter.near {
        Some(_) => Cursor::Offset(end as u64).encode(),
        None => page
            .last()
            .map(|h| {
                Cursor::After {
                    starts_at_utc: h.1,
                    id: h.2,
                }
                .encode()
            })
            .unwrap_or_default(),
    });
    Ok(EventList {
        events,
        total,
        next_cursor,
    })
}

/// All published events of a campaign in start order (feeds and exports).
pub async fn all_published(
    services: &Services,
    campaign: &campaign::Model,
    include_cancelled: bool,
) -> ServiceResult<Vec<event::Model>> {
    let statuses: &[&str] = if include_cancelled {
        &["published", "cancelled"]
    } else {
        &["published"]
    };
    Ok(event::Entity::find()
        .filter(event::Column::CampaignId.eq(campaign.id))
        .filter(event::Column::Status.is_in(statuses.iter().copied()))
        .order_by_asc(event::Column::StartsAtUtc)
        .order_by_asc(event::Column::Id)
        .all(&services.db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_around_holds_the_circle() {
        let b = box_around(52.52, 13.40, 50.0);
        assert!(b.min_lat < 52.1 && b.max_lat > 52.9);
        assert!(b.min_lon < 12.8 && b.max_lon > 14.0);
        // Across the antimeridian (Fiji).
        let fiji = box_around(-17.7, 179.9, 100.0);
        assert!(fiji.min_lon > fiji.max_lon, "{fiji:?}");
        // Near a pole every longitude.
        let pole = box_around(89.9, 0.0, 100.0);
        assert_eq!((pole.min_lon, pole.max_lon), (-180.0, 180.0));
    }
}
