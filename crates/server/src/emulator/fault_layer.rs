//! `--fault` and `x-fault` as one layer around the image endpoints. It reads
//! the body whole first, as a real provider does (a fault answered before an
//! upload has arrived would close the connection under the client), decides
//! the fault, and answers with it, running the endpoint when the fault needs
//! its answer; a stream's end reaches the endpoint as a [`StreamEnd`](super::stream::StreamEnd) extension.

use std::sync::Arc;

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::fault_responses;
use super::faults::{Fault, Faults, Tuning};
use crate::connection::ConnectionControl;
use crate::error::unreadable_body;

/// The fault script and what the layer needs to read a body.
pub struct FaultLayer {
    faults: Faults,
    body_limit: usize,
}

impl FaultLayer {
    /// A layer following `script` (`--fault`), for bodies of up to `body_limit` bytes.
    pub fn new(script: Vec<(Fault, Option<u32>)>, body_limit: usize) -> Self {
        FaultLayer { faults: Faults::new(script), body_limit }
    }
}

/// Answers the request with its fault, if it has one, around `next`.
pub async fn apply(
    State(layer): State<Arc<FaultLayer>>,
    connection: Option<Extension<ConnectionControl>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let mut whole = Request::new(body);
    // The body limit travels as an extension.
    *whole.extensions_mut() = parts.extensions.clone();
    let body = Bytes::from_request(whole, &())
        .await
        .map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), layer.body_limit));
    let fault = match layer.faults.decide(&parts.headers) {
        Ok(fault) => fault,
        Err(failure) => return failure.into_response(),
    };
    let tuning = Tuning::from_headers(&parts.headers);
    if fault.is_some() {
        tokio::time::sleep(tuning.delay).await;
    }
    let connection = connection.map(|Extension(connection)| connection);
    fault_responses::run(fault, tuning, connection, |end| async move {
        match body {
            Ok(bytes) => {
                let mut request = Request::from_parts(parts, Body::from(bytes));
                request.extensions_mut().insert(end);
                next.run(request).await
            }
            Err(failure) => failure.into_response(),
        }
    })
    .await
}
