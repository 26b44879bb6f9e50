//! The router and what every answer carries: CORS, `x-request-id`,
//! `x-ratelimit-*`, and the gate (keys, tokens, origins, caps, limits, log).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use gpt_image_core::responses::RESPONSES_PATH;
use gpt_image_core::{Endpoint, catalogue};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

use crate::app::App;
use crate::emulator;
use crate::error::ApiFailure;
use crate::relay::{self, OriginPattern};

/// The headers a page on another origin may read.
const EXPOSED: [&str; 11] = [
    "x-request-id",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
    "retry-after",
    "retry-after-ms",
    "x-should-retry",
    "openai-processing-ms",
];

/// Where the API sits on this server, as on OpenAI's (`https://api.openai.com/v1`).
const API_BASE: &str = "/v1";

/// Everything of the Images API below the base: relayed whole with `--upstream`.
const IMAGES_PATH: &str = "/images";

/// Where this server keeps the images it answers as links (not an API path).
const FILES_PATH: &str = "/images/files";

/// The relay's spend summary (not an API path).
const SPEND_PATH: &str = "/relay/spend";

/// A path below the API's base: `/v1/images/generations` for `/images/generations`.
fn api(path: &str) -> String {
    format!("{API_BASE}{path}")
}

/// What follows the API's base in `path` (`""` for `/v1` itself), or `None`
/// for a path outside the API.
fn below_api(path: &str) -> Option<&str> {
    path.strip_prefix(API_BASE).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Every route of the server, with its layers. The API's paths are core's.
pub fn router(app: Arc<App>) -> Router {
    let models_path = api(catalogue::MODELS_PATH);
    let routes: Router<Arc<App>> = match &app.forwarder {
        Some(forwarder) => Router::new()
            .route(&api(&format!("{IMAGES_PATH}/{{*rest}}")), any(relay::forward::handle))
            .route(&api(RESPONSES_PATH), any(relay::forward::handle))
            .route(&api(&format!("{RESPONSES_PATH}/{{*rest}}")), any(relay::forward::handle))
            .route(&models_path, any(relay::forward::handle))
            .route(&format!("{models_path}/{{*rest}}"), any(relay::forward::handle))
            .with_state(forwarder.clone()),
        None => Router::new()
            .route(&api(Endpoint::Generate.path()), post(emulator::generate::handle))
            .route(&api(Endpoint::Edit.path()), post(emulator::edit::handle))
            .route(&api(RESPONSES_PATH), post(emulator::responses::handle))
            .merge(azure_routes())
            .route_layer(middleware::from_fn_with_state(app.faults.clone(), emulator::fault_layer::apply))
            .route(&api(&format!("{FILES_PATH}/{{file}}")), get(emulator::files::serve))
            .route(&models_path, get(emulator::models::list))
            .route(&format!("{models_path}/{{id}}"), get(emulator::models::one))
            .with_state(app.emulator.clone()),
    };
    let spend = Router::new().route(SPEND_PATH, get(relay::spend::handle)).with_state(app.gate.clone());
    let cors = cors(app.config.policy.origins.clone());
    routes
        .merge(spend)
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(app.config.body_limit))
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .layer(middleware::from_fn_with_state(app.clone(), stamp))
        .layer(cors)
        .with_state(app)
}

/// The Images API under Azure OpenAI's paths (`emulator::azure`).
fn azure_routes() -> Router<Arc<emulator::state::Emulator>> {
    let azure = |path: &str| format!("{}{path}", emulator::azure::DEPLOYMENT_BASE);
    Router::new()
        .route(&azure(Endpoint::Generate.path()), post(emulator::generate::handle))
        .route(&azure(Endpoint::Edit.path()), post(emulator::edit::handle))
        .route(&format!("{}{}", emulator::azure::RESOURCE_BASE, catalogue::MODELS_PATH), get(emulator::models::list))
        .route_layer(middleware::from_fn(emulator::azure::require_api_version))
}

/// The origins in `origins` (any, when it is empty) may call the API and
/// read its headers; preflights are answered here.
fn cors(origins: Vec<OriginPattern>) -> CorsLayer {
    let allow = if origins.is_empty() {
        AllowOrigin::any()
    } else {
        AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|origin| crate::relay::origins::allowed(&origins, origin))
        })
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS, Method::HEAD])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(EXPOSED.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600))
}

/// Adds `x-request-id`, `x-ratelimit-*` and `openai-processing-ms` to every
/// answer that does not have them yet (a relayed answer keeps the provider's).
async fn stamp(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (count, reset) = app.window.count();
    let mut response = next.run(request).await;
    let limit = app.config.rate_limit_requests;
    let tokens = app.config.rate_limit_tokens;
    let values = [
        ("x-request-id", crate::ids::request_id()),
        ("x-ratelimit-limit-requests", limit.to_string()),
        ("x-ratelimit-remaining-requests", limit.saturating_sub(count).to_string()),
        ("x-ratelimit-reset-requests", format!("{}ms", reset.as_millis())),
        ("x-ratelimit-limit-tokens", tokens.to_string()),
        ("x-ratelimit-remaining-tokens", tokens.to_string()),
        ("x-ratelimit-reset-tokens", "0s".to_owned()),
        ("openai-processing-ms", started.elapsed().as_millis().to_string()),
    ];
    let headers = response.headers_mut();
    for (name, value) in values {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.entry(name).or_insert(value);
        }
    }
    response
}

/// API requests pass the gate: the key or a token, the origin, the caps and
/// limits, the log. Links to images need no key (an `<img>` cannot send
/// one); nor does the playground.
async fn gate(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let guarded = below_api(request.uri().path())
        .is_some_and(|rest| rest.starts_with('/') && !rest.starts_with(&format!("{FILES_PATH}/")));
    if guarded { app.gate.handle(request, next).await } else { next.run(request).await }
}

/// Unknown API paths get OpenAI's 404; anything else is the playground's, with `--static`.
async fn fallback(State(app): State<Arc<App>>, request: Request) -> Response {
    match &app.statics {
        Some(statics) if below_api(request.uri().path()).is_none() => statics.serve(request).await,
        _ => ApiFailure::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("Invalid URL ({} {})", request.method(), request.uri().path()),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relay_covers_both_endpoints_and_links_are_not_api_calls() {
        for endpoint in Endpoint::ALL {
            assert!(endpoint.path().starts_with(&format!("{IMAGES_PATH}/")), "{endpoint:?}");
            assert!(!endpoint.path().starts_with(FILES_PATH), "{endpoint:?}");
        }
    }

    #[test]
    fn only_the_base_and_below_are_the_api() {
        assert_eq!(below_api("/v1"), Some(""));
        assert_eq!(below_api("/v1/models"), Some("/models"));
        assert_eq!(below_api("/v1x/models"), None);
        assert_eq!(below_api("/index.html"), None);
    }
}
