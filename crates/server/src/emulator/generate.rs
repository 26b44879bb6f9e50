//! `POST /v1/images/generations`.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use gpt_image_core::GenerateRequest;

use super::job::{Job, check_model};
use super::state::Emulator;
use super::stream::StreamEnd;
use crate::error::{ApiFailure, read_json_body, unreadable_body};

/// Checks the request and answers with new images, ending a stream as the
/// fault layer asks.
pub async fn handle(
    State(emulator): State<Arc<Emulator>>,
    end: Option<Extension<StreamEnd>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let end = end.map(|Extension(end)| end).unwrap_or_default();
    match prepare(&emulator, body) {
        Ok(job) => super::respond::answer(&emulator, job, &headers, end).await,
        Err(failure) => failure.into_response(),
    }
}

/// Reads, checks and resolves the request.
fn prepare(emulator: &Emulator, body: Result<Bytes, BytesRejection>) -> Result<Job, ApiFailure> {
    let body =
        body.map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), emulator.body_limit))?;
    let request = read_json_body(&body, GenerateRequest::read_json::<serde_json::Value>)?;
    let spec = check_model(&request.effective_model())?;
    let report = request.validate();
    if report.has_errors() {
        return Err(ApiFailure::from_report(&report));
    }
    Ok(Job::generate(&request, spec))
}
