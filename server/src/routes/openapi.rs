//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the
//! handlers' annotations and the shared types.

use axum::Json;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{
    admin, campaigns, endorsements, events, exports, health, live, moderation, organisers, places,
    session, settings,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Day of Action API", version = "1", description = "Register and find actions of a global day of protest."),
    paths(
        health::healthz,
        campaigns::list, campaigns::get, campaigns::stats,
        events::list, events::register, events::get_or_ics, events::event_ics, events::update, events::cancel,
        events::withdraw, events::new_edit_link, events::map_points,
        exports::campaign_ics, exports::campaign_geojson, exports::campaign_csv,
        places::search, settings::get,
        session::login, session::current, session::logout,
        organisers::list, organisers::invite, organisers::accept, organisers::update,
        campaigns::create, campaigns::update, campaigns::settings, campaigns::organised,
        moderation::list, moderation::bulk, moderation::dashboard, moderation::approve,
        moderation::reject, moderation::spam, moderation::unpublish, moderation::accept,
        moderation::revert, live::live,
        exports::campaign_atom,
        endorsements::endorse, endorsements::list, endorsements::approve, endorsements::reject,
        endorsements::import,
        admin::audit, admin::outbox,
    ),
    components(schemas(
        shared::ErrorBody, shared::ErrorDetail, shared::FieldError, shared::Campaign, shared::CampaignList, shared::Stats,
        shared::CountryCount, shared::HourCount, shared::Event, shared::EventPlace, shared::LocalTimes,
        shared::EventKind, shared::EventStatus, shared::LocationVisibility, shared::RegisterEvent,
        shared::UpdateEvent, shared::Registered, shared::EditLink, shared::EventList, shared::MapPoint, shared::MapPoints, shared::Place, shared::PlaceList, shared::Settings,
        shared::Login, shared::SessionInfo, shared::Organiser, shared::OrganiserList, shared::Role, shared::Scope,
        shared::Invite, shared::InviteLink, shared::AcceptInvite, shared::UpdateOrganiser,
        shared::CampaignInput, shared::CampaignSettings, shared::CampaignSettingsList, shared::ModerationPolicy,
        shared::ModerationQueue, shared::QueueItem, shared::QueueReason, shared::FieldChange,
        shared::Approve, shared::Reason, shared::Decision, shared::BulkDecision, shared::BulkResult,
        shared::Dashboard, shared::StatusCounts, shared::CountryCities, shared::CityActions, shared::StatusPoint,
        shared::Endorse, shared::Endorsement, shared::EndorsementList, shared::EndorsementStatus,
        shared::ImportResult, shared::AuditEntry, shared::AuditLog, shared::OutboxMessage, shared::Outbox,
    )),
    modifiers(&EditToken, &CommonResponses),
)]
pub struct ApiDoc;

struct EditToken;

impl Modify for EditToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "edit_token",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The answers any operation can give besides its own: every request may
/// time out or find the database away (503) or fail on our side (500); a
/// request with a body may be too large (413), of the wrong type (415), slow
/// (408) or unreadable (400, 422); any write may be rate limited (429).
struct CommonResponses;

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build(),
    )
}

fn add_missing(operation: &mut Operation, statuses: &[(&str, &str)]) {
    for (status, description) in statuses {
        operation
            .responses
            .responses
            .entry((*status).to_string())
            .or_insert_with(|| error_response(description));
    }
}

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_params = path.contains('{');
            let reads = [&mut item.get];
            for operation in reads.into_iter().flatten() {
                add_missing(
                    operation,
                    &[
                        ("500", "something went wrong on our side"),
                        (
                            "503",
                            "the database did not answer, or the request took too long",
                        ),
                    ],
                );
                if has_params {
                    add_missing(operation, &[("400", "a path parameter cannot be read")]);
                }
            }
            let writes = [
                &mut item.post,
                &mut item.patch,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in writes.into_iter().flatten() {
                add_missing(
                    operation,
                    &[
                        ("400", "the request cannot be read"),
                        ("429", "too many changes from this client; see Retry-After"),
                        ("500", "something went wrong on our side"),
                        (
                            "503",
                            "the database did not answer, or the request took too long",
                        ),
                    ],
                );
                if operation.request_body.is_some() {
                    add_missing(
                        operation,
                        &[
                            ("408", "the body arrived too slowly"),
                            ("413", "the body is too large"),
                            ("415", "the body is not sent as application/json"),
                            ("422", "a field is missing, of the wrong type, or not valid"),
                        ],
                    );
                }
            }
        }
    }
}

/// The document, with the links from a registration to what can be done
/// with the new action (for clients and for stateful testing). Links are
/// added as JSON: utoipa 5 writes a link's `operationId` as `operation_id`.
pub fn document_json() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let targets = [
        ("GetEvent", "get_event"),
        ("GetEventCalendar", "get_event_ics"),
        ("UpdateEvent", "update_event"),
        ("CancelEvent", "cancel_event"),
        ("WithdrawEvent", "withdraw_event"),
        ("NewEditLink", "new_edit_link"),
    ];
    let links: serde_json::Map<String, serde_json::Value> = targets
        .into_iter()
        .map(|(name, operation_id)| {
            // Only the id: a header from a link would carry the version as a
            // number, and If-Match is text.
            let parameters = serde_json::json!({ "path.id": "$response.body#/event/id" });
            (
                name.to_string(),
                serde_json::json!({ "operationId": operation_id, "parameters": parameters }),
            )
        })
        .collect();
    if let Some(created) =
        doc.pointer_mut("/paths/~1api~1v1~1campaigns~1{slug}~1events/post/responses/201")
    {
        created["links"] = links.into();
    }
    doc
}

pub async fn document() -> Json<serde_json::Value> {
    Json(document_json())
}
