use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::DatabaseConnection;

use crate::shutdown::Draining;

/// 200 when the database answers; 503 when it does not or while shutting down.
///
/// A server that is shutting down says so here first, while it still serves,
/// so that a load balancer stops sending it requests.
#[utoipa::path(get, operation_id = "healthz", path = "/healthz", tag = "health",
    responses((status = 200, description = "the database answers"),
        (status = 503, description = "it does not, or the server is shutting down")))]
pub async fn healthz(
    State(db): State<DatabaseConnection>,
    State(draining): State<Draining>,
) -> (StatusCode, &'static str) {
    if draining.is_draining() {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down");
    }
    match crate::db::ping(&db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
