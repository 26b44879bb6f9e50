//! Answers kept alive while a provider works, so that a proxy which closes
//! idle connections (nginx's `proxy_read_timeout`, a CDN's 100 s) never sees
//! silence: event streams get a comment line whenever they have been quiet
//! for an interval, only ever between events; JSON answers (when asked for)
//! get their status and headers at once and whitespace until the body.

use std::future::Future;
use std::io;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use futures_util::{Stream, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::error::ApiFailure;

/// The comment line that keeps an event stream moving.
const COMMENT: &[u8] = b": keep-alive\n\n";

/// What keeps a JSON answer moving: whitespace, which JSON allows before a value.
const WHITESPACE: &[u8] = b"\n";

/// How the relay keeps answers moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepAlive {
    /// How long an answer may be silent; `None`: never kept alive.
    pub interval: Option<Duration>,
    /// Whether JSON answers are kept alive too (their status is then `200`
    /// whatever the provider answers later).
    pub json: bool,
}

impl Default for KeepAlive {
    fn default() -> Self {
        KeepAlive { interval: Some(Duration::from_secs(15)), json: false }
    }
}

/// The kind of answer being kept alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `text/event-stream`.
    Events,
    /// `application/json`.
    Json,
}

/// What the provider finally said: its answer, or why none came.
pub type Outcome = Result<reqwest::Response, ApiFailure>;

type Sender = mpsc::Sender<Result<Bytes, io::Error>>;

/// A body fed through a channel by a task of its own.
fn channel() -> (Sender, Body) {
    let (sender, receiver) = mpsc::channel(4);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    });
    (sender, Body::from_stream(stream))
}

/// Answers `200` with `kind`'s content type at once, then keeps the body
/// moving every `interval` until `outcome` resolves, then sends the
/// provider's answer: for events, its stream (or its error as an `error`
/// event); for JSON, its body whatever its status.
pub fn answer_early<F>(kind: Kind, interval: Duration, outcome: F) -> Response
where
    F: Future<Output = Outcome> + Send + 'static,
{
    let (sender, body) = channel();
    tokio::spawn(async move {
        let mut outcome = std::pin::pin!(outcome);
        let filler = if kind == Kind::Events { COMMENT } else { WHITESPACE };
        let outcome = loop {
            if sender.send(Ok(Bytes::from_static(filler))).await.is_err() {
                return;
            }
            tokio::select! {
                outcome = &mut outcome => break outcome,
                _ = tokio::time::sleep(interval) => {}
            }
        };
        match (kind, outcome) {
            (Kind::Events, Ok(answer)) if answer.status().is_success() => {
                pipe_events(answer.bytes_stream(), interval, &sender).await;
            }
            (Kind::Events, Ok(answer)) => {
                let status = answer.status();
                let body = answer.bytes().await.unwrap_or_default();
                let _ = sender.send(Ok(error_event(&provider_error(status, &body)))).await;
            }
            (Kind::Events, Err(failure)) => {
                let error = serde_json::to_value(&failure.error).unwrap_or_default();
                let _ = sender.send(Ok(error_event(&error))).await;
            }
            (Kind::Json, Ok(answer)) => {
                let mut body = answer.bytes_stream();
                while let Some(chunk) = body.next().await {
                    if sender.send(chunk.map_err(io::Error::other)).await.is_err() {
                        return;
                    }
                }
            }
            (Kind::Json, Err(failure)) => {
                let body = serde_json::to_vec(&failure.into_body()).unwrap_or_default();
                let _ = sender.send(Ok(Bytes::from(body))).await;
            }
        }
    });
    let content_type = match kind {
        Kind::Events => "text/event-stream",
        Kind::Json => "application/json",
    };
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::OK;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A provider's event stream as a body, with a comment whenever it has been
/// quiet for `interval` between two events.
pub fn events<S>(stream: S, interval: Duration) -> Body
where
    S: Stream<Item = reqwest::Result<Bytes>> + Send + 'static,
{
    let (sender, body) = channel();
    tokio::spawn(async move { pipe_events(stream, interval, &sender).await });
    body
}

/// Sends `stream` on, adding a comment after each `interval` of silence,
/// only where an event has ended (never inside one the provider is still sending).
async fn pipe_events<S>(stream: S, interval: Duration, sender: &Sender)
where
    S: Stream<Item = reqwest::Result<Bytes>> + Send,
{
    let mut stream = std::pin::pin!(stream);
    let mut boundary = Boundary::default();
    loop {
        tokio::select! {
            chunk = stream.next() => {
                let Some(chunk) = chunk else { return };
                if let Ok(bytes) = &chunk {
                    boundary.push(bytes);
                }
                if sender.send(chunk.map_err(io::Error::other)).await.is_err() {
                    return;
                }
            }
            _ = tokio::time::sleep(interval) => {
                if boundary.between_events() && sender.send(Ok(Bytes::from_static(COMMENT))).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Where an event stream has got to: between events (after a blank line, or
/// before the first byte) or inside one.
#[derive(Debug)]
struct Boundary {
    /// The last bytes seen (at most four).
    tail: Vec<u8>,
}

impl Default for Boundary {
    fn default() -> Self {
        Boundary { tail: b"\n\n".to_vec() }
    }
}

impl Boundary {
    fn push(&mut self, bytes: &[u8]) {
        self.tail.extend_from_slice(&bytes[bytes.len().saturating_sub(4)..]);
        let excess = self.tail.len().saturating_sub(4);
        self.tail.drain(..excess);
    }

    /// Whether the bytes so far end an event: a blank line (`\n\n`, `\r\r` or `\r\n\r\n`).
    fn between_events(&self) -> bool {
        [&b"\n\n"[..], b"\r\r", b"\r\n\r\n"].iter().any(|end| self.tail.ends_with(end))
    }
}

/// The provider's error object from an error answer: its `error` when it is
/// OpenAI's shape, else its text as the message.
fn provider_error(status: StatusCode, body: &[u8]) -> Value {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    match parsed.as_ref().and_then(|body| body.get("error")).filter(|error| error.is_object()) {
        Some(error) => error.clone(),
        None => {
            let text = String::from_utf8_lossy(body);
            let message = match text.trim() {
                "" => format!("The upstream provider answered {status}."),
                text => format!("The upstream provider answered {status}: {text}"),
            };
            let kind = if status.is_server_error() { "server_error" } else { "invalid_request_error" };
            json!({"message": message, "type": kind, "param": null, "code": null})
        }
    }
}

/// An `error` event as OpenAI sends it: `{"type": "error", "error": {…}}`.
fn error_event(error: &Value) -> Bytes {
    let data = json!({"type": "error", "error": error});
    Bytes::from(format!("event: error\ndata: {data}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_blank_line_ends_an_event() {
        let mut boundary = Boundary::default();
        assert!(boundary.between_events());
        for (chunk, between) in [
            (&b"event: image_generation.partial_image\n"[..], false),
            (b"data: {\"b64_json\": \"iVBOR", false),
            (b"w0KGgo\"}\n", false),
            (b"\n", true),
            (b"event: x\r\ndata: {}\r\n\r\n", true),
            (b"data: {}\r", false),
            (b"\r", true),
        ] {
            boundary.push(chunk);
            assert_eq!(boundary.between_events(), between, "{:?}", String::from_utf8_lossy(chunk));
        }
    }

    #[test]
    fn provider_errors_keep_their_words() {
        let openai = br#"{"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}"#;
        let error = provider_error(StatusCode::TOO_MANY_REQUESTS, openai);
        assert_eq!(error["message"], "You exceeded your current quota");
        assert_eq!(error["code"], "insufficient_quota");
        let page = provider_error(StatusCode::BAD_GATEWAY, b"<html>502 Bad Gateway</html>");
        assert!(page["message"].as_str().unwrap().contains("502 Bad Gateway"), "{page}");
        assert_eq!(page["type"], "server_error");
        let event = String::from_utf8(error_event(&error).to_vec()).unwrap();
        assert!(event.starts_with("event: error\ndata: {") && event.ends_with("}\n\n"), "{event}");
    }
}
