//! The Images API as Azure OpenAI addresses it, for clients built for
//! Azure (`AzureOpenAI`, a provider set up as Azure in the playground):
//! `/openai/deployments/NAME/images/generations?api-version=…` (and the
//! resource's models at `/openai/models?api-version=…`), the key in
//! an `api-key` header (this server takes any key, as on `/v1`). A call
//! without `api-version` is refused, as Azure refuses it.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiFailure;

/// Where Azure OpenAI serves a resource's API (its models are listed at `/openai/models`).
pub const RESOURCE_BASE: &str = "/openai";

/// Where Azure OpenAI serves a deployment's API, as a route pattern.
pub const DEPLOYMENT_BASE: &str = "/openai/deployments/{deployment}";

/// The query parameter every Azure call carries.
const API_VERSION: &str = "api-version";

/// Refuses a call without `api-version` in its query.
pub async fn require_api_version(request: Request, next: Next) -> Response {
    let given = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .any(|pair| pair.split_once('=').is_some_and(|(name, value)| name == API_VERSION && !value.is_empty()));
    if !given {
        let message =
            format!("Missing required query parameter '{API_VERSION}' (an Azure OpenAI path: add ?{API_VERSION}=…).");
        return ApiFailure::invalid(message, Some(API_VERSION), "missing_api_version").into_response();
    }
    next.run(request).await
}
