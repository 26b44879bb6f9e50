//! The events of a streamed response (`stream: true`), as far as image
//! conversations need them; any other event is kept by its name.

use super::response::{OutputItem, Response};
use crate::json::{Fields, FromJson, ParseJson};
use crate::sse::SseEvent;
use crate::stream_event::StreamError;

/// What every event's `type` starts with.
pub const EVENT_PREFIX: &str = "response.";

/// One event of a response stream.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseEvent {
    /// `response.created`, `response.in_progress`: the response so far.
    Started(Response),
    /// `response.output_item.added` and `.done`: an item begins or is whole.
    Item {
        /// Whether the item is whole (`.done`).
        done: bool,
        /// Its index in `output`.
        output_index: u32,
        /// The item.
        item: OutputItem,
    },
    /// `response.image_generation_call.partial_image`: a rough version of an image.
    PartialImage {
        /// The call's id.
        item_id: String,
        /// Its index in `output`.
        output_index: u32,
        /// Which partial image, from 0.
        partial_image_index: u32,
        /// The image file, base64-encoded.
        partial_image_b64: String,
    },
    /// `response.output_text.delta`: more of the assistant's text.
    TextDelta {
        /// The message's id.
        item_id: String,
        /// The new text.
        delta: String,
    },
    /// `response.completed`, `response.failed`, `response.incomplete`: the whole response.
    Finished(Response),
    /// `error`: the stream failed.
    Error(StreamError),
    /// Any other event (`response.image_generation_call.generating`, …), by its type.
    Other(String),
}

impl ResponseEvent {
    /// Reads one server-sent event, its data parsed by `J`; `None` for `[DONE]`.
    pub fn from_sse<J: ParseJson>(event: &SseEvent) -> Result<Option<Self>, String> {
        if event.is_done() {
            return Ok(None);
        }
        let value = J::parse(&event.data).ok_or("the data of a server-sent event is not JSON")?;
        let fields = Fields::of(&value, "a response event")?;
        let kind = fields.text("type")?.or_else(|| event.event.clone()).unwrap_or_default();
        let response = || fields.read::<Response>("response").map(Option::unwrap_or_default);
        Ok(Some(match kind.as_str() {
            "error" => ResponseEvent::Error(StreamError::from_json(&value)?),
            "response.created" | "response.in_progress" => ResponseEvent::Started(response()?),
            "response.completed" | "response.failed" | "response.incomplete" => ResponseEvent::Finished(response()?),
            "response.output_item.added" | "response.output_item.done" => ResponseEvent::Item {
                done: kind.ends_with(".done"),
                output_index: fields.whole("output_index")?.unwrap_or_default(),
                item: fields.read("item")?.ok_or("an output item event without its item")?,
            },
            "response.image_generation_call.partial_image" => ResponseEvent::PartialImage {
                item_id: fields.text("item_id")?.unwrap_or_default(),
                output_index: fields.whole("output_index")?.unwrap_or_default(),
                partial_image_index: fields.whole("partial_image_index")?.unwrap_or_default(),
                partial_image_b64: fields.required_text("partial_image_b64")?,
            },
            "response.output_text.delta" => ResponseEvent::TextDelta {
                item_id: fields.text("item_id")?.unwrap_or_default(),
                delta: fields.text("delta")?.unwrap_or_default(),
            },
            _ => ResponseEvent::Other(kind),
        }))
    }
}
