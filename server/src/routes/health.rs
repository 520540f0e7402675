use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::DatabaseConnection;

/// 200 when the database answers.
#[utoipa::path(get, operation_id = "healthz", path = "/healthz", tag = "health",
    responses((status = 200, description = "the database answers"), (status = 503, description = "it does not")))]
pub async fn healthz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match crate::db::ping(&db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
