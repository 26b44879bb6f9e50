//! `GET /v1/models` and `GET /v1/models/{id}`: every name of every model in
//! core's catalogue (ids and snapshots), each with its entry's `created` time.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gpt_image_core::catalogue;
use serde_json::json;

use crate::error::ApiFailure;

fn model_object(id: &str, created: i64) -> serde_json::Value {
    json!({"id": id, "object": "model", "created": created, "owned_by": "system"})
}

/// `GET /v1/models`.
pub async fn list() -> Response {
    let data: Vec<_> =
        catalogue::MODELS.iter().flat_map(|spec| spec.names().map(|name| model_object(name, spec.created))).collect();
    axum::Json(json!({"object": "list", "data": data})).into_response()
}

/// `GET /v1/models/{id}`.
pub async fn one(Path(id): Path<String>) -> Response {
    match catalogue::find(&id) {
        Some(spec) => axum::Json(model_object(&id, spec.created)).into_response(),
        None => {
            ApiFailure::new(StatusCode::NOT_FOUND, "invalid_request_error", format!("The model `{id}` does not exist"))
                .with_code("model_not_found")
                .into_response()
        }
    }
}
