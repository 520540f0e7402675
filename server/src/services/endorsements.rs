//! Endorsements: organisations sign a campaign's call through the public
//! form and wait for a moderator; the approved ones are the public list and
//! the count of organisations. Organisers import existing lists (approved at
//! once).
//!
//! A pending endorsement changes no public output, so it leaves the
//! campaign's revision alone (caches keyed by it, and the public live
//! stream, tell nothing of it); an approval, or the rejection of an approved
//! one, bumps the revision in its transaction and tells the live readers
//! after the commit.

use std::collections::{BTreeMap, HashSet};

use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;
use shared::{
    Endorse, Endorsement, EndorsementList, EndorsementStatus, FieldError, FieldErrors, ImportResult,
};

use super::accounts::Viewer;
use super::audit::{self, Actor};
use super::notifications;
use super::{ServiceError, ServiceResult, Services};
use crate::db;
use crate::domain::endorsement_input::{self, EndorsementDraft};
use crate::domain::text::fold;
use crate::entities::{campaign, endorsement};
use crate::storage;

/// The header an imported list must start with.
pub const IMPORT_HEADER: [&str; 5] = ["name", "name_alt", "city", "country_code", "website"];
/// The most lines one import takes.
pub const IMPORT_MAX_LINES: usize = 5_000;

/// Which endorsements a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Approved ones, as the public sees them.
    Public,
    /// For moderators of the campaign, with the private contact.
    Organisers(Option<EndorsementStatus>),
}

impl Listing {
    /// `?status=pending|approved|rejected|all`; none: the public list.
    pub fn parse(status: Option<&str>) -> Result<Listing, FieldErrors> {
        let allowed = || {
            ["pending", "approved", "rejected", "all"]
                .map(String::from)
                .to_vec()
        };
        match status.map(str::trim) {
            None | Some("") => Ok(Listing::Public),
            Some("all") => Ok(Listing::Organisers(None)),
            Some("pending") => Ok(Listing::Organisers(Some(EndorsementStatus::Pending))),
            Some("approved") => Ok(Listing::Organisers(Some(EndorsementStatus::Approved))),
            Some("rejected") => Ok(Listing::Organisers(Some(EndorsementStatus::Rejected))),
            Some(other) => Err(FieldErrors::one(
                "status",
                FieldError::NotOneOf {
                    value: other.to_string(),
                    allowed: allowed(),
                },
            )),
        }
    }
}

fn view(services: &Services, model: endorsement::Model, private: bool) -> Endorsement {
    let country = model
        .country_code
        .as_deref()
        .and_then(|c| services.places.country_name(c))
        .map(str::to_string);
    Endorsement {
        id: model.id,
        name: model.name,
        name_alt: model.name_alt,
        city: model.city,
        country_code: model.country_code,
        country,
        website: model.url,
        status: model.status,
        contact_email: if private { model.contact_email } else { None },
    }
}

/// By country name (those without a country last), city, then name.
fn sort(list: &mut [Endorsement]) {
    list.sort_by(|a, b| {
        let key = |e: &Endorsement| {
            (
                e.country.is_none(),
                e.country.as_deref().map(fold).unwrap_or_default(),
                e.city.as_deref().map(fold).unwrap_or_default(),
                fold(&e.name),
                e.id,
            )
        };
        key(a).cmp(&key(b))
    });
}

/// Whether `viewer` moderates an endorsement of `campaign_id` in
/// `country_code`; one without a country needs the whole campaign.
fn may_moderate(viewer: &Viewer, campaign_id: i64, country_code: Option<&str>) -> bool {
    match (viewer.countries(campaign_id), country_code) {
        (Some(None), _) => true,
        (Some(Some(list)), Some(cc)) => list.iter().any(|c| c.eq_ignore_ascii_case(cc)),
        _ => false,
    }
}

fn require_moderator(
    viewer: &Viewer,
    campaign_id: i64,
    country_code: Option<&str>,
) -> ServiceResult<()> {
    viewer.require_campaign(campaign_id)?;
    if may_moderate(viewer, campaign_id, country_code) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(match country_code {
            Some(cc) => format!("you do not moderate endorsements in {cc} in this campaign"),
            None => "an endorsement without a country is for the moderators of the whole campaign"
                .into(),
        }))
    }
}

async fn open_campaign(services: &Services, slug: &str) -> ServiceResult<campaign::Model> {
    let campaign = storage::campaigns::find_published(&services.db, slug).await?;
    if campaign.archived {
        return Err(ServiceError::Conflict(
            "this campaign is archived and takes no new endorsements".into(),
        ));
    }
    Ok(campaign)
}

fn place_label(draft: &EndorsementDraft, services: &Services) -> String {
    let country = draft
        .country_code
        .as_deref()
        .map(|c| services.places.country_name(c).unwrap_or(c).to_string());
    [draft.city.clone(), country]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(
    campaign_id: i64,
    draft: EndorsementDraft,
    status: EndorsementStatus,
) -> endorsement::ActiveModel {
    endorsement::ActiveModel {
        campaign_id: Set(campaign_id),
        name: Set(draft.name),
        name_alt: Set(draft.name_alt),
        url: Set(draft.website),
        country_code: Set(draft.country_code),
        created_at: Set(chrono::Utc::now()),
        status: Set(status),
        city: Set(draft.city),
        place_id: Set(draft.place_id),
        contact_email: Set(draft.contact_email),
        ..Default::default()
    }
}

/// `POST /api/v1/campaigns/{slug}/endorsements`: stored as pending, and the
/// campaign's moderators told. A robot that filled the hidden `homepage`
/// gets the same answer, but its endorsement is stored as rejected and
/// nobody is told.
pub async fn endorse(services: &Services, slug: &str, req: Endorse) -> ServiceResult<Endorsement> {
    let campaign = open_campaign(services, slug).await?;
    let draft = endorsement_input::validate(&req, &services.places, true)?;
    let robot = req
        .homepage
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty());
    let status = if robot {
        EndorsementStatus::Rejected
    } else {
        EndorsementStatus::Pending
    };
    let place = place_label(&draft, services);
    let country = draft.country_code.clone();
    let txn = db::begin_write(&services.write_db).await?;
    let model = storage::endorsements::insert(&txn, row(campaign.id, draft, status)).await?;
    audit::record(
        &txn,
        campaign.id,
        None,
        Actor::Public,
        "endorse",
        json!({ "endorsement": model.id, "status": if robot { "rejected (honeypot)" } else { "pending" } }),
    )
    .await?;
    if !robot {
        let (subject, body) = notifications::new_endorsement_text(
            &services.public_url,
            &campaign,
            &model.name,
            &place,
        );
        notifications::tell_moderators(&txn, &campaign, country.as_deref(), &subject, &body)
            .await?;
    }
    txn.commit().await?;
    if !robot {
        services.live.announce(campaign.id, false);
    }
    let mut shown = view(services, model, false);
    // The robot is told what everyone is told.
    shown.status = EndorsementStatus::Pending;
    Ok(shown)
}

/// `GET /api/v1/campaigns/{slug}/endorsements`: the approved ones for
/// everyone; with a status, for the campaign's moderators (within their
/// countries), with the private contact.
pub async fn list(
    services: &Services,
    slug: &str,
    listing: Listing,
    viewer: Option<&Viewer>,
) -> ServiceResult<EndorsementList> {
    let campaign = match (listing, viewer) {
        (Listing::Public, _) => storage::campaigns::find_published(&services.db, slug).await?,
        (Listing::Organisers(_), None) => {
            return Err(ServiceError::Unauthorized(
                "log in as an organiser of this campaign to see endorsements by status".into(),
            ));
        }
        (Listing::Organisers(_), Some(viewer)) => {
            let campaign = storage::campaigns::find_by_slug(&services.db, slug).await?;
            viewer.require_campaign(campaign.id)?;
            campaign
        }
    };
    let (statuses, private) = match listing {
        Listing::Public => (vec![EndorsementStatus::Approved], false),
        Listing::Organisers(None) => (vec![], true),
        Listing::Organisers(Some(status)) => (vec![status], true),
    };
    let rows = storage::endorsements::list(&services.db, campaign.id, &statuses).await?;
    let mut endorsements: Vec<Endorsement> = rows
        .into_iter()
        .filter(|m| {
            !private
                || viewer.is_some_and(|v| may_moderate(v, campaign.id, m.country_code.as_deref()))
        })
        .map(|m| view(services, m, private))
        .collect();
    sort(&mut endorsements);
    Ok(EndorsementList {
        total: endorsements.len() as u64,
        endorsements,
    })
}

/// `POST /api/v1/endorsements/{id}/approve` and `/reject`.
pub async fn decide(
    services: &Services,
    viewer: &Viewer,
    id: i64,
    status: EndorsementStatus,
) -> ServiceResult<Endorsement> {
    let txn = db::begin_write(&services.write_db).await?;
    let model = storage::endorsements::find(&txn, id).await?;
    require_moderator(viewer, model.campaign_id, model.country_code.as_deref())?;
    let before = model.status;
    if before == status {
        txn.rollback().await?;
        return Ok(view(services, model, true));
    }
    let campaign_id = model.campaign_id;
    let model = storage::endorsements::set_status(&txn, model, status).await?;
    // The public list and count move when an endorsement enters or leaves it.
    let public = before == EndorsementStatus::Approved || status == EndorsementStatus::Approved;
    if public {
        storage::campaigns::bump_revision(&txn, campaign_id).await?;
        let by = if status == EndorsementStatus::Approved {
            1
        } else {
            -1
        };
        storage::tallies::add_organisations(&txn, campaign_id, by).await?;
    }
    let action = match status {
        EndorsementStatus::Approved => "approve_endorsement",
        EndorsementStatus::Rejected => "reject_endorsement",
        EndorsementStatus::Pending => "reopen_endorsement",
    };
    audit::record(
        &txn,
        campaign_id,
        None,
        Actor::Organiser(viewer.id),
        action,
        json!({ "endorsement": id, "from": status_name(before), "to": status_name(status) }),
    )
    .await?;
    txn.commit().await?;
    services.live.announce(campaign_id, public);
    Ok(view(services, model, true))
}

fn status_name(status: EndorsementStatus) -> &'static str {
    match status {
        EndorsementStatus::Pending => "pending",
        EndorsementStatus::Approved => "approved",
        EndorsementStatus::Rejected => "rejected",
    }
}

/// `POST /api/v1/campaigns/{slug}/endorsements/import`: a CSV list
/// (`name,name_alt,city,country_code,website` and a header row). Every valid
/// line becomes an approved endorsement, all in one transaction; the others
/// are listed by line number with the reason. A name already endorsing the
/// campaign in the same country is refused, so importing twice adds nothing.
pub async fn import(
    services: &Services,
    viewer: &Viewer,
    slug: &str,
    csv_text: &str,
) -> ServiceResult<ImportResult> {
    let campaign = storage::campaigns::find_by_slug(&services.db, slug).await?;
    viewer.require_campaign(campaign.id)?;
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header_problem = || {
        ServiceError::Invalid(FieldErrors::one(
            "header",
            FieldError::OnlyValue {
                value: IMPORT_HEADER.join(","),
            },
        ))
    };
    match records.next() {
        Some(Ok(header))
            if header.len() == IMPORT_HEADER.len()
                && header
                    .iter()
                    .zip(IMPORT_HEADER)
                    .all(|(got, want)| got.trim().eq_ignore_ascii_case(want)) => {}
        _ => return Err(header_problem()),
    }

    let existing = storage::endorsements::list(&services.db, campaign.id, &[]).await?;
    let mut seen: HashSet<(String, Option<String>)> = existing
        .iter()
        .filter(|e| e.status != EndorsementStatus::Rejected)
        .map(|e| (fold(&e.name), e.country_code.clone()))
        .collect();
    let mut refused = BTreeMap::new();
    let mut drafts = Vec::new();
    for (index, record) in records.enumerate() {
        // Line 1 is the header (a quoted field may span lines: the reader
        // knows where each record starts).
        let fallback = index as u64 + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(fallback, |p| p.line());
                refused.insert(line.to_string(), format!("cannot be read: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(fallback, |p| p.line()).to_string();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if drafts.len() + refused.len() >= IMPORT_MAX_LINES {
            refused.insert(
                line,
                format!("more than {IMPORT_MAX_LINES} lines; import the rest separately"),
            );
            break;
        }
        if record.len() != IMPORT_HEADER.len() {
            refused.insert(
                line,
                format!(
                    "has {} fields; expected {}",
                    record.len(),
                    IMPORT_HEADER.len()
                ),
            );
            continue;
        }
        let field = |i: usize| {
            record
                .get(i)
                .map(str::to_string)
                .filter(|v| !v.trim().is_empty())
        };
        let req = Endorse {
            name: Some(record.get(0).unwrap_or_default().to_string()),
            name_alt: field(1),
            city: field(2),
            country_code: field(3),
            website: field(4),
            ..Default::default()
        };
        let draft = match endorsement_input::validate(&req, &services.places, false) {
            Ok(draft) => draft,
            Err(errors) => {
                refused.insert(line, errors.summary());
                continue;
            }
        };
        if !may_moderate(viewer, campaign.id, draft.country_code.as_deref()) {
            refused.insert(
                line,
                match &draft.country_code {
                    Some(cc) => format!("you do not moderate endorsements in {cc}"),
                    None => "a line without a country is for the moderators of the whole campaign"
                        .into(),
                },
            );
            continue;
        }
        if !seen.insert((fold(&draft.name), draft.country_code.clone())) {
            refused.insert(
                line,
                "this organisation has endorsed the campaign already".into(),
            );
            continue;
        }
        drafts.push(draft);
    }

    let imported = drafts.len() as u64;
    let txn = db::begin_write(&services.write_db).await?;
    for draft in drafts {
        row(campaign.id, draft, EndorsementStatus::Approved)
            .insert(&txn)
            .await?;
    }
    if imported > 0 {
        storage::campaigns::bump_revision(&txn, campaign.id).await?;
        storage::tallies::add_organisations(&txn, campaign.id, imported as i64).await?;
    }
    audit::record(
        &txn,
        campaign.id,
        None,
        Actor::Organiser(viewer.id),
        "import_endorsements",
        json!({ "imported": imported, "refused": refused.len() }),
    )
    .await?;
    txn.commit().await?;
    if imported > 0 {
        services.live.announce(campaign.id, true);
    }
    Ok(ImportResult { imported, refused })
}

/// Endorsements waiting for a moderator (the dashboard's counter).
pub async fn pending_count(services: &Services, campaign_id: i64) -> ServiceResult<u64> {
    Ok(storage::endorsements::count(&services.db, campaign_id, EndorsementStatus::Pending).await?)
}
