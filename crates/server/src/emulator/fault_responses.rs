//! What each [`Fault`] sends: error answers as OpenAI, its proxies and other
//! providers write them, and bodies that are cut, stalled, trickled, never
//! sent, preceded by a byte order mark, or whose images sit behind links a
//! page cannot read.

use std::future::Future;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde_json::json;

use crate::connection::ConnectionControl;
use base64::Engine as _;
use futures_util::StreamExt as _;

use super::faults::{Fault, Tuning};
use super::stream::StreamEnd;
use crate::error::{ApiFailure, internal, invalid_api_key};

/// Answers a request with `fault`, calling `answer` for the real response
/// when the fault needs one (to cut, stall or trickle it, or to end its stream early).
pub async fn run<F, Fut>(
    fault: Option<Fault>,
    tuning: Tuning,
    connection: Option<ConnectionControl>,
    answer: F,
) -> Response
where
    F: FnOnce(StreamEnd) -> Fut,
    Fut: Future<Output = Response>,
{
    let Some(fault) = fault else { return answer(StreamEnd::Completed).await };
    match fault {
        Fault::RateLimit => rate_limited(tuning),
        Fault::ServerError => ApiFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "The server had an error while processing your request. Sorry about that!",
        )
        .into_response(),
        Fault::BadGateway => bad_gateway(),
        Fault::Unavailable => ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "server_error",
            "The engine is currently overloaded, please try again later.",
        )
        .into_response(),
        Fault::Unauthorized => invalid_api_key(Some("sk-fault")).into_response(),
        Fault::PermissionDenied => {
            ApiFailure::new(StatusCode::FORBIDDEN, "request_forbidden", "Country, region, or territory not supported")
                .with_code("unsupported_country_region_territory")
                .into_response()
        }
        Fault::NotFound => ApiFailure::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            "The model does not exist or you do not have access to it.",
        )
        .with_code("model_not_found")
        .into_response(),
        Fault::RequestTimeout => {
            ApiFailure::new(StatusCode::REQUEST_TIMEOUT, "timeout", "The server timed out waiting for the request.")
                .into_response()
        }
        Fault::Conflict => ApiFailure::new(
            StatusCode::CONFLICT,
            "conflict",
            "Another request with the same idempotency key is in progress.",
        )
        .into_response(),
        Fault::Unprocessable => ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request_error",
            "The request was well-formed but could not be processed.",
        )
        .into_response(),
        Fault::InsufficientQuota => {
            let failure = ApiFailure::new(
                StatusCode::TOO_MANY_REQUESTS,
                "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details.",
            )
            .with_code("insufficient_quota");
            // The official clients retry every 429 unless told not to.
            ([("x-should-retry", "false")], failure).into_response()
        }
        Fault::Moderation => moderation_blocked(),
        Fault::Malformed => {
            let body = format!("{{\"created\": {}, \"data\": [{{\"b64_json\": iVBORw0KGgo, }}", crate::ids::unix_now());
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Fault::Reset => {
            if let Some(connection) = connection {
                connection.reset();
            }
            std::future::pending().await
        }
        Fault::StallHeaders => {
            tokio::time::sleep(tuning.stall).await;
            answer(StreamEnd::Completed).await
        }
        Fault::Truncated => {
            let (mut parts, bytes) = collect(answer(StreamEnd::Completed).await).await;
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
        }
        Fault::StallBody => {
            let (mut parts, bytes) = collect(answer(StreamEnd::Completed).await).await;
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            let half = bytes.slice(..bytes.len() / 2);
            let stall = tuning.stall;
            let pieces = stream::unfold(Some(half), move |state| async move {
                match state {
                    Some(half) => Some((Ok(half), None)),
                    None => {
                        tokio::time::sleep(stall).await;
                        Some((Err(std::io::Error::other("stalled mid-body, then dropped (stall_body fault)")), None))
                    }
                }
            });
            Response::from_parts(parts, Body::from_stream(pieces))
        }
        Fault::Trickle => {
            let (mut parts, bytes) = collect(answer(StreamEnd::Completed).await).await;
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            Response::from_parts(parts, Body::from_stream(trickle(bytes, tuning.trickle_bytes, tuning.trickle_delay)))
        }
        Fault::StreamNoCompleted => answer(StreamEnd::Missing).await,
        Fault::StreamError => answer(StreamEnd::Error).await,
        Fault::OkWithError => shaped(
            StatusCode::OK,
            json!({"error": {
                "message": "You exceeded your current quota, please check your plan and billing details.",
                "type": "insufficient_quota",
                "param": null,
                "code": "insufficient_quota",
            }}),
        ),
        Fault::Bom => {
            let (mut parts, body) = answer(StreamEnd::Completed).await.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            let bom = stream::once(async { Ok::<_, axum::Error>(Bytes::from_static(BOM)) });
            Response::from_parts(parts, Body::from_stream(bom.chain(body.into_data_stream())))
        }
        Fault::ErrorString => shaped(
            StatusCode::BAD_REQUEST,
            json!({"error": "The prompt is too long for this provider (an error given as a plain string)."}),
        ),
        Fault::MessageOnly => {
            shaped(StatusCode::UNAUTHORIZED, json!({"message": "Invalid authentication credentials"}))
        }
        Fault::DetailString => shaped(StatusCode::FORBIDDEN, json!({"detail": "Not authenticated"})),
        Fault::DetailList => shaped(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"detail": [
                {"loc": ["body", "prompt"], "msg": "Field required", "type": "missing"},
                {"loc": ["body", "n"], "msg": "Input should be less than or equal to 10", "type": "less_than_equal"},
            ]}),
        ),
        Fault::LinksWithoutCors => links_without_cors(answer(StreamEnd::Completed).await).await,
        Fault::StreamEmpty => {
            let response = answer(StreamEnd::Completed).await;
            let is_stream = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|value| value.as_bytes().starts_with(b"text/event-stream"));
            if !is_stream {
                return response;
            }
            // Dropping the body stops the stream's producer.
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::empty())
        }
    }
}

/// A UTF-8 byte order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// An error body in a shape of its own (not OpenAI's `{"error": {…}}`).
fn shaped(status: StatusCode, body: serde_json::Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The answer with every image (inline or linked) moved to the CORS-less
/// host of [`super::links::without_cors`]: `data[i].url` points there and
/// `b64_json` is left out. Other answers (errors, streams) pass unchanged.
async fn links_without_cors(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !response.status().is_success() || !is_json {
        return response;
    }
    let (mut parts, bytes) = collect(response).await;
    let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    for item in body.get_mut("data").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
        let image = match (
            item.get("b64_json").and_then(|value| value.as_str()),
            item.get("url").and_then(|value| value.as_str()),
        ) {
            (Some(text), _) => base64::engine::general_purpose::STANDARD.decode(text).ok().map(Bytes::from),
            (None, Some(url)) => fetch(url).await,
            (None, None) => None,
        };
        let Some(image) = image else {
            return internal("links_without_cors: an image of the answer could not be read").into_response();
        };
        let format = gpt_image_core::sniff_format(&image);
        let (content_type, extension) = format
            .as_ref()
            .map_or(("application/octet-stream", "bin"), |format| (format.mime_type(), format.extension()));
        match super::links::without_cors(image, content_type, extension) {
            Ok(url) => {
                if let Some(object) = item.as_object_mut() {
                    object.remove("b64_json");
                    object.insert("url".into(), url.into());
                }
            }
            Err(message) => return internal(message).into_response(),
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&body).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}

/// The bytes behind a link of this server's own.
async fn fetch(url: &str) -> Option<Bytes> {
    let response = reqwest::get(url).await.ok()?.error_for_status().ok()?;
    response.bytes().await.ok()
}

/// 429 with `retry-after` (seconds) and `retry-after-ms`.
fn rate_limited(tuning: Tuning) -> Response {
    let (seconds, millis) = match tuning.retry_after_ms {
        Some(millis) => (millis.div_ceil(1000), millis),
        None => (1, 250),
    };
    let failure = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        "requests",
        format!("Rate limit reached for images per min. Please try again in {millis}ms."),
    )
    .with_code("rate_limit_exceeded");
    ([("retry-after", seconds.to_string()), ("retry-after-ms", millis.to_string())], failure).into_response()
}

/// 502 with the HTML page a proxy sends.
fn bad_gateway() -> Response {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
    (StatusCode::BAD_GATEWAY, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// 400 `moderation_blocked`, with `moderation_details`.
fn moderation_blocked() -> Response {
    ApiFailure::new(
        StatusCode::BAD_REQUEST,
        "image_generation_user_error",
        "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID.",
    )
    .with_code("moderation_blocked")
    .with_extra("moderation_details", json!({"flagged": true, "categories": ["violence"], "source": "prompt"}))
    .into_response()
}

/// The whole body of a response this server made (its size is bounded by the request's limits).
async fn collect(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    (parts, bytes)
}

/// `bytes` in pieces of `size`, with `delay` before each piece after the first.
fn trickle(
    bytes: Bytes,
    size: usize,
    delay: Duration,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send {
    stream::unfold((bytes, 0usize), move |(bytes, offset)| async move {
        if offset >= bytes.len() {
            return None;
        }
        if offset > 0 {
            tokio::time::sleep(delay).await;
        }
        let end = (offset + size).min(bytes.len());
        Some((Ok(bytes.slice(offset..end)), (bytes, end)))
    })
}
