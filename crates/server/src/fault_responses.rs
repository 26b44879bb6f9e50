//! What each [`Fault`] sends: error answers as OpenAI and its proxies write
//! them, and bodies that are cut, stalled, trickled or never sent.

use std::future::Future;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde_json::json;

use crate::connection::ConnectionControl;
use crate::error::{ApiFailure, invalid_api_key};
use crate::faults::{Fault, Tuning};
use crate::stream::StreamEnd;

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
    }
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
