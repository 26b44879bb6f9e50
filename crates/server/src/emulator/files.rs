//! `GET /v1/images/files/{id}.{ext}`: the images answered as links.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::state::Emulator;
use crate::error::not_found;

/// `GET /v1/images/files/{id}.{ext}`: an image answered as a link, until it expires.
pub async fn serve(State(emulator): State<Arc<Emulator>>, Path(file): Path<String>) -> Response {
    let id = file.split('.').next().unwrap_or_default();
    match emulator.links.get(id) {
        Some((bytes, content_type)) => {
            let max_age = format!("private, max-age={}", emulator.url_ttl.as_secs());
            ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, max_age)], bytes).into_response()
        }
        None => not_found("This image link has expired or never existed: the image"),
    }
}
