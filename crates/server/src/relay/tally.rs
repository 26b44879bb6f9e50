//! Reads what an answer cost (`usage`, and how many images) as its body
//! streams through the relay, without holding the body: a JSON answer is
//! reduced to its skeleton (every long string emptied, so the base64 images
//! never stay), an event stream is read one event at a time.
//!
//! The skeleton is written here rather than with core's `ResponseDecoder`,
//! which decodes every image: the relay only needs the few fields around them.
//!
//! A turn of `/v1/responses` says what it cost in its response object (the
//! JSON answer, or the `response.completed` event): the answering model's
//! `usage`, the image tool's `tool_usage.image_gen`, and its
//! `image_generation_call` items.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use gpt_image_core::{FromJson, SseParser, Usage};

use super::ask::Route;
use http_body::{Frame, SizeHint};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

/// Strings longer than this are emptied in the skeleton.
const KEPT_STRING: usize = 256;
/// A skeleton larger than this is given up on (a JSON answer is a few fields).
const MAX_SKELETON: usize = 1 << 20;

/// The event that ends a turn's stream, with the whole response.
const TURN_COMPLETED: &str = "response.completed";

/// What an answer said it cost.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counted {
    /// Its images' `usage` (for a stream, the last completed event's; for
    /// a turn, `tool_usage.image_gen`).
    pub usage: Option<Usage>,
    /// How many images it held.
    pub images: Option<u32>,
    /// A turn's text tokens: its `usage.total_tokens`, the answering model's.
    pub text_tokens: Option<u64>,
}

/// Reads one answer's body.
#[derive(Debug)]
pub enum Tally {
    /// An `application/json` images response, or response object (`turn`).
    Json {
        /// The answer without its long strings.
        skeleton: Skeleton,
        /// Whether it is a turn's response object.
        turn: bool,
    },
    /// A `text/event-stream` of image events, or a turn's events (`turn`).
    Events {
        /// The parser.
        parser: SseParser,
        /// The name of the events that end an image (a turn: the response).
        completed: &'static str,
        /// Whether they are a turn's events.
        turn: bool,
        /// What the completed events said so far.
        counted: Counted,
    },
    /// Anything else.
    Ignored,
}

impl Tally {
    /// A reader for an answer of `route` with this content type.
    pub fn new(content_type: &str, route: Route) -> Tally {
        let (completed, turn) = match route {
            Route::Images(endpoint) => (endpoint.completed_event(), false),
            Route::Responses => (TURN_COMPLETED, true),
        };
        if content_type.starts_with("text/event-stream") {
            Tally::Events { parser: SseParser::new(), completed, turn, counted: Counted::default() }
        } else if content_type.starts_with("application/json") {
            Tally::Json { skeleton: Skeleton::default(), turn }
        } else {
            Tally::Ignored
        }
    }

    /// Reads the next bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        match self {
            Tally::Json { skeleton, .. } => skeleton.push(chunk),
            Tally::Events { parser, completed, turn, counted } => {
                for event in parser.push(chunk) {
                    let name = event.event.as_deref().unwrap_or_default();
                    if name != *completed {
                        continue;
                    }
                    if *turn {
                        if let Ok(Finished { response }) = serde_json::from_str(&event.data) {
                            *counted = response.counted();
                        }
                        continue;
                    }
                    let images = counted.images.unwrap_or(0) + 1;
                    counted.images = Some(images);
                    if let Ok(Completed { usage: Some(usage) }) = serde_json::from_str(&event.data) {
                        counted.usage = read_usage(&usage);
                    }
                }
            }
            Tally::Ignored => {}
        }
    }

    /// What the whole body said.
    pub fn finish(self) -> Counted {
        match self {
            Tally::Json { skeleton, turn } => skeleton.finish(turn),
            Tally::Events { counted, .. } => counted,
            Tally::Ignored => Counted::default(),
        }
    }
}

/// The field of a completed event the relay reads (serde skips the image
/// without copying it).
#[derive(Deserialize)]
struct Completed {
    usage: Option<Value>,
}

/// The fields of an images response the relay reads.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    data: Vec<IgnoredAny>,
    usage: Option<Value>,
}

/// The fields of a turn's response object the relay reads.
#[derive(Deserialize)]
struct TurnAnswer {
    #[serde(default)]
    output: Vec<OutputItem>,
    usage: Option<TextUsage>,
    tool_usage: Option<ToolUsage>,
}

/// `response.completed`: the whole response.
#[derive(Deserialize)]
struct Finished {
    response: TurnAnswer,
}

/// An output item's type (serde skips the rest, the image among it).
#[derive(Deserialize)]
struct OutputItem {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// The answering model's `usage`.
#[derive(Deserialize)]
struct TextUsage {
    total_tokens: Option<u64>,
}

/// `tool_usage`: the image tool's.
#[derive(Deserialize)]
struct ToolUsage {
    image_gen: Option<Value>,
}

impl TurnAnswer {
    fn counted(&self) -> Counted {
        let images = self.output.iter().filter(|item| item.kind.as_deref() == Some("image_generation_call")).count();
        Counted {
            usage: self.tool_usage.as_ref().and_then(|tools| tools.image_gen.as_ref()).and_then(read_usage),
            images: Some(images as u32),
            text_tokens: self.usage.as_ref().and_then(|usage| usage.total_tokens),
        }
    }
}

/// A `usage` object, if it reads as one (core's reader).
fn read_usage(usage: &Value) -> Option<Usage> {
    Usage::from_json(&usage).ok()
}

/// A JSON text without its long strings, built as the bytes arrive.
#[derive(Debug, Default)]
pub struct Skeleton {
    out: Vec<u8>,
    string: Vec<u8>,
    in_string: bool,
    escaped: bool,
    dropped: bool,
    overflow: bool,
}

impl Skeleton {
    /// Reads the next bytes.
    pub fn push(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() && !self.overflow {
            if self.in_string && self.dropped && !self.escaped {
                // Inside a long string: skip to the next quote or backslash at once.
                match chunk.iter().position(|&byte| byte == b'"' || byte == b'\\') {
                    Some(at) => chunk = &chunk[at..],
                    None => return,
                }
            }
            let byte = chunk[0];
            chunk = &chunk[1..];
            if !self.in_string {
                if byte == b'"' {
                    self.in_string = true;
                } else if !byte.is_ascii_whitespace() {
                    self.out.push(byte);
                }
            } else if self.escaped {
                self.escaped = false;
                self.keep(byte);
            } else if byte == b'\\' {
                self.escaped = true;
                self.keep(byte);
            } else if byte == b'"' {
                self.out.push(b'"');
                if !self.dropped {
                    self.out.append(&mut self.string);
                }
                self.out.push(b'"');
                (self.in_string, self.dropped) = (false, false);
                self.string.clear();
            } else {
                self.keep(byte);
            }
            self.overflow = self.out.len() > MAX_SKELETON;
        }
    }

    fn keep(&mut self, byte: u8) {
        if self.dropped {
            return;
        }
        self.string.push(byte);
        if self.string.len() > KEPT_STRING {
            self.dropped = true;
            self.string.clear();
        }
    }

    /// The usage and the number of images, if the text was an images
    /// response (or with `turn`, a response object).
    pub fn finish(self, turn: bool) -> Counted {
        if self.overflow {
            return Counted::default();
        }
        if turn {
            return serde_json::from_slice::<TurnAnswer>(&self.out)
                .map_or_else(|_| Counted::default(), |answer| answer.counted());
        }
        match serde_json::from_slice::<Answer>(&self.out) {
            Ok(answer) => Counted {
                usage: answer.usage.as_ref().and_then(read_usage),
                images: Some(answer.data.len() as u32),
                text_tokens: None,
            },
            Err(_) => Counted::default(),
        }
    }
}

/// A body that reads itself as it streams, and reports when it is done
/// (sent whole, or dropped when the client went away).
pub struct Tapped {
    inner: Body,
    tally: Option<Tally>,
    /// The `content-length`, if the answer has one: hyper stops once it has
    /// sent that many bytes, without polling for the end.
    length: Option<u64>,
    sent: u64,
    ended: bool,
    on_done: Option<Box<dyn FnOnce(Counted, bool) + Send>>,
}

impl Tapped {
    /// `inner` (of `length` bytes, if known), read by `tally`; `on_done`
    /// gets what it counted and whether the whole body went out.
    pub fn new(
        inner: Body,
        length: Option<u64>,
        tally: Tally,
        on_done: impl FnOnce(Counted, bool) + Send + 'static,
    ) -> Tapped {
        Tapped { inner, tally: Some(tally), length, sent: 0, ended: false, on_done: Some(Box::new(on_done)) }
    }
}

impl http_body::Body for Tapped {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    let len = data.len() as u64;
                    if let Some(tally) = self.tally.as_mut() {
                        tally.push(data);
                    }
                    self.sent += len;
                }
            }
            Poll::Ready(None) => self.ended = true,
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Tapped {
    fn drop(&mut self) {
        let whole = self.length.is_some_and(|length| self.sent >= length);
        let ended = self.ended || whole || http_body::Body::is_end_stream(&self.inner);
        if let (Some(on_done), Some(tally)) = (self.on_done.take(), self.tally.take()) {
            on_done(tally.finish(), ended);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gpt_image_core::Endpoint;

    fn answer() -> String {
        let image = "A".repeat(10_000);
        format!(
            r#"{{"created": 1, "data": [{{"b64_json": "{image}", "revised_prompt": "a \"quoted\" fox"}}, {{"b64_json": "{image}"}}],
            "usage": {{"input_tokens": 10, "output_tokens": 272, "total_tokens": 282,
            "input_tokens_details": {{"text_tokens": 10, "image_tokens": 0}}}}}}"#
        )
    }

    #[test]
    fn a_json_answer_gives_its_usage_in_any_chunks() {
        let body = answer();
        for size in [1, 7, 300, body.len()] {
            let mut tally = Tally::new("application/json", Route::Images(Endpoint::Generate));
            for chunk in body.as_bytes().chunks(size) {
                tally.push(chunk);
            }
            let counted = tally.finish();
            assert_eq!(counted.images, Some(2), "chunks of {size}");
            assert_eq!(counted.usage.unwrap().output_tokens, 272);
        }
        let mut long_escapes = Skeleton::default();
        long_escapes.push(format!(r#"{{"data": [], "x": "{}\u00e9"}}"#, "\\n".repeat(300)).as_bytes());
        assert_eq!(long_escapes.finish(false).images, Some(0));
    }

    #[test]
    fn a_stream_gives_the_last_completed_usage_and_counts_images() {
        let completed = r#"{"type":"image_generation.completed","b64_json":"AAAA","usage":{"input_tokens":1,"output_tokens":99,"total_tokens":100}}"#;
        let text = format!(
            "event: image_generation.partial_image\ndata: {{\"b64_json\":\"AA\"}}\n\nevent: image_generation.completed\ndata: {completed}\n\nevent: image_generation.completed\ndata: {completed}\n\n"
        );
        let mut tally = Tally::new("text/event-stream; charset=utf-8", Route::Images(Endpoint::Generate));
        for chunk in text.as_bytes().chunks(5) {
            tally.push(chunk);
        }
        let counted = tally.finish();
        assert_eq!((counted.images, counted.usage.map(|usage| usage.output_tokens)), (Some(2), Some(99)));
        assert_eq!(Tally::new("text/html", Route::Images(Endpoint::Generate)).finish(), Counted::default());
    }

    #[test]
    fn a_turn_gives_its_text_tokens_its_images_and_their_usage_as_json_or_events() {
        let image = "A".repeat(10_000);
        let response = format!(
            r#"{{"id": "resp_1", "object": "response", "output": [
                {{"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "{image}"}},
                {{"type": "message", "id": "msg_1", "content": [{{"type": "output_text", "text": "Here it is."}}]}}],
              "usage": {{"input_tokens": 30, "output_tokens": 12, "total_tokens": 42}},
              "tool_usage": {{"image_gen": {{"input_tokens": 7, "output_tokens": 272, "total_tokens": 279}},
                             "web_search": {{"num_requests": 0}}}}}}"#
        );
        let expected = |counted: Counted| {
            assert_eq!((counted.images, counted.text_tokens), (Some(1), Some(42)));
            assert_eq!(counted.usage.map(|usage| usage.output_tokens), Some(272));
        };
        let mut json = Tally::new("application/json", Route::Responses);
        for chunk in response.as_bytes().chunks(11) {
            json.push(chunk);
        }
        expected(json.finish());
        let completed = format!(r#"{{"type": "response.completed", "sequence_number": 9, "response": {response}}}"#)
            .replace('\n', " ");
        let text = format!(
            "event: response.created\ndata: {{\"response\": {{\"output\": []}}}}\n\nevent: response.completed\ndata: {completed}\n\n"
        );
        let mut events = Tally::new("text/event-stream", Route::Responses);
        for chunk in text.as_bytes().chunks(64) {
            events.push(chunk);
        }
        expected(events.finish());
    }
}
