//! The router and what every answer carries: CORS, `x-request-id`,
//! `x-ratelimit-*`, and the API key check.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use serde_json::json;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};

use crate::app::App;
use crate::error::{ApiFailure, not_found};

/// The headers a page on another origin may read.
const EXPOSED: [&str; 10] = [
    "x-request-id",
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-requests",
    "x-ratelimit-reset-requests",
    "x-ratelimit-limit-tokens",
    "x-ratelimit-remaining-tokens",
    "x-ratelimit-reset-tokens",
    "retry-after",
    "retry-after-ms",
    "openai-processing-ms",
];

/// The models this server emulates, with the `created` time it reports for each.
const MODELS: [(&str, i64); 8] = [
    ("gpt-image-2", 1_776_729_600),
    ("gpt-image-2-2026-04-21", 1_776_729_600),
    ("gpt-image-1.5", 1_763_424_000),
    ("gpt-image-1", 1_745_366_400),
    ("gpt-image-1-mini", 1_759_881_600),
    ("chatgpt-image-latest", 1_763_424_000),
    ("dall-e-3", 1_698_785_189),
    ("dall-e-2", 1_698_798_177),
];

/// Every route of the server, with its layers.
pub fn router(app: Arc<App>) -> Router {
    let routes = if app.relay.is_some() {
        Router::new()
            .route("/v1/images/{*rest}", any(crate::relay::forward))
            .route("/v1/models", any(crate::relay::forward))
            .route("/v1/models/{*rest}", any(crate::relay::forward))
    } else {
        Router::new()
            .route("/v1/images/generations", post(crate::generate::handle))
            .route("/v1/images/edits", post(crate::edit::handle))
            .route("/v1/images/files/{file}", get(file))
            .route("/v1/models", get(models))
            .route("/v1/models/{id}", get(model))
    };
    routes
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(app.config.body_limit))
        .layer(middleware::from_fn_with_state(app.clone(), authorize))
        .layer(middleware::from_fn_with_state(app.clone(), stamp))
        .layer(cors())
        .with_state(app)
}

/// Any origin may call the API and read its headers; preflights are answered here.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
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

/// With a key configured, API requests must carry `Authorization: Bearer <key>`.
/// Links to images need no key (an `<img>` cannot send one); nor does the playground.
async fn authorize(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let guarded = path.starts_with("/v1/") && !path.starts_with("/v1/images/files/");
    match app.config.api_key.as_deref().filter(|key| !key.is_empty()) {
        Some(key) if guarded => {
            let sent = request.headers().get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
            match sent.and_then(|value| value.strip_prefix("Bearer ")) {
                Some(token) if token.trim() == key => next.run(request).await,
                Some(token) => invalid_api_key_for(Some(token)).into_response(),
                None => invalid_api_key_for(None).into_response(),
            }
        }
        _ => next.run(request).await,
    }
}

/// The 401 for a missing or wrong key.
pub fn invalid_api_key() -> ApiFailure {
    invalid_api_key_for(Some("sk-fault"))
}

fn invalid_api_key_for(token: Option<&str>) -> ApiFailure {
    let message = match token {
        None => "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).".to_owned(),
        Some(token) => {
            let shown: String = token.chars().take(6).collect();
            format!("Incorrect API key provided: {shown}***. You can find your API key at https://platform.openai.com/account/api-keys.")
        }
    };
    ApiFailure::new(StatusCode::UNAUTHORIZED, "invalid_request_error", message).with_code("invalid_api_key")
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

fn model_object(id: &str, created: i64) -> serde_json::Value {
    json!({"id": id, "object": "model", "created": created, "owned_by": "system"})
}

/// `GET /v1/models`: the models this server emulates.
async fn models() -> Response {
    let data: Vec<_> = MODELS.iter().map(|(id, created)| model_object(id, *created)).collect();
    axum::Json(json!({"object": "list", "data": data})).into_response()
}

/// `GET /v1/models/{id}`.
async fn model(Path(id): Path<String>) -> Response {
    match MODELS.iter().find(|(name, _)| *name == id) {
        Some((name, created)) => axum::Json(model_object(name, *created)).into_response(),
        None => {
            ApiFailure::new(StatusCode::NOT_FOUND, "invalid_request_error", format!("The model `{id}` does not exist"))
                .with_code("model_not_found")
                .into_response()
        }
    }
}

/// Unknown API paths get OpenAI's 404; anything else is the playground's, with `--static`.
async fn fallback(State(app): State<Arc<App>>, request: Request) -> Response {
    let path = request.uri().path();
    match &app.statics {
        Some(statics) if !path.starts_with("/v1/") && path != "/v1" => statics.serve(request).await,
        _ => ApiFailure::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("Invalid URL ({} {})", request.method(), request.uri().path()),
        )
        .into_response(),
    }
}
