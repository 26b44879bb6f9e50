//! The router and what every answer carries: CORS, `x-request-id`,
//! `x-ratelimit-*`, and the gate (keys, tokens, origins, caps, limits, log).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use gpt_image_core::{Endpoint, catalogue};
use serde_json::json;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

use crate::app::App;
use crate::error::{ApiFailure, not_found};
use crate::policy::OriginPattern;

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
    let routes = if app.relay.is_some() {
        Router::new()
            .route(&api(&format!("{IMAGES_PATH}/{{*rest}}")), any(relay))
            .route(&models_path, any(relay))
            .route(&format!("{models_path}/{{*rest}}"), any(relay))
    } else {
        Router::new()
            .route(&api(Endpoint::Generate.path()), post(crate::generate::handle))
            .route(&api(Endpoint::Edit.path()), post(crate::edit::handle))
            .route(&api(&format!("{FILES_PATH}/{{file}}")), get(file))
            .route(&models_path, get(models))
            .route(&format!("{models_path}/{{id}}"), get(model))
    };
    let cors = cors(app.config.policy.origins.clone());
    routes
        .route(SPEND_PATH, get(crate::spend::handle))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(app.config.body_limit))
        .layer(middleware::from_fn_with_state(app.clone(), gate))
        .layer(middleware::from_fn_with_state(app.clone(), stamp))
        .layer(cors)
        .with_state(app)
}

/// The origins in `origins` (any, when it is empty) may call the API and
/// read its headers; preflights are answered here.
fn cors(origins: Vec<OriginPattern>) -> CorsLayer {
    let allow = if origins.is_empty() {
        AllowOrigin::any()
    } else {
        AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|origin| crate::origins::allowed(&origins, origin))
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

/// `GET /v1/images/files/{id}.{ext}`: an image answered as a link, until it expires.
async fn file(State(app): State<Arc<App>>, Path(file): Path<String>) -> Response {
    let id = file.split('.').next().unwrap_or_default();
    match app.links.get(id) {
        Some((bytes, content_type)) => {
            let max_age = format!("private, max-age={}", app.config.url_ttl.as_secs());
            ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, max_age)], bytes).into_response()
        }
        None => not_found("This image link has expired or never existed: the image"),
    }
}

/// `--upstream`: everything under `/v1/images/` and `/v1/models` goes to the provider.
async fn relay(State(app): State<Arc<App>>, request: Request) -> Response {
    match &app.relay {
        Some(relay) => relay.forward(request).await,
        None => not_found("The upstream provider"),
    }
}

fn model_object(id: &str, created: i64) -> serde_json::Value {
    json!({"id": id, "object": "model", "created": created, "owned_by": "system"})
}

/// `GET /v1/models`: every name of every model in core's catalogue (ids and
/// snapshots), each with its entry's `created` time.
async fn models() -> Response {
    let data: Vec<_> =
        catalogue::MODELS.iter().flat_map(|spec| spec.names().map(|name| model_object(name, spec.created))).collect();
    axum::Json(json!({"object": "list", "data": data})).into_response()
}

/// `GET /v1/models/{id}`.
async fn model(Path(id): Path<String>) -> Response {
    match catalogue::find(&id) {
        Some(spec) => axum::Json(model_object(&id, spec.created)).into_response(),
        None => {
            ApiFailure::new(StatusCode::NOT_FOUND, "invalid_request_error", format!("The model `{id}` does not exist"))
                .with_code("model_not_found")
                .into_response()
        }
    }
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
