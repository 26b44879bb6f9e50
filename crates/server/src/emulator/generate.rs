//! `POST /v1/images/generations`.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use gpt_image_core::GenerateRequest;

use crate::app::App;
use crate::connection::ConnectionControl;
use crate::error::{ApiFailure, read_json_body, unreadable_body};
use crate::faults::Tuning;
use crate::job::{Job, check_model};

/// Checks the request, applies any fault, and answers with new images.
pub async fn handle(
    State(app): State<Arc<App>>,
    connection: Option<Extension<ConnectionControl>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fault = match app.faults.decide(&headers) {
        Ok(fault) => fault,
        Err(failure) => return failure.into_response(),
    };
    let tuning = Tuning::from_headers(&headers);
    let connection = connection.map(|Extension(connection)| connection);
    crate::fault_responses::run(fault, tuning, connection, |end| async move {
        match prepare(&app, body) {
            Ok(job) => crate::respond::answer(&app, job, &headers, end).await,
            Err(failure) => failure.into_response(),
        }
    })
    .await
}

/// Reads, checks and resolves the request.
fn prepare(app: &App, body: Result<Bytes, BytesRejection>) -> Result<Job, ApiFailure> {
    let body =
        body.map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), app.config.body_limit))?;
    let request = read_json_body(&body, GenerateRequest::read_json::<serde_json::Value>)?;
    let spec = check_model(&request.effective_model())?;
    let report = request.validate();
    if report.has_errors() {
        return Err(ApiFailure::from_report(&report));
    }
    Ok(Job::generate(&request, spec))
}
