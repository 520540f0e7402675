//! Cached answers sent as the JSON they were written as once.

use std::sync::Arc;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::services::Rendered;

/// A cached answer's JSON, written once for all its readers.
pub fn rendered_json<T: Serialize>(rendered: &Arc<Rendered<T>>) -> Response {
    match rendered.json() {
        Ok(json) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            json,
        )
            .into_response(),
        // What axum answers for a value that cannot be written as JSON.
        Err(_) => axum::Json(&***rendered).into_response(),
    }
}
