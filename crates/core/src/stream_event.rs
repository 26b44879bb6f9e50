//! The events of a streamed generation or edit (`stream: true`).

use serde::{Deserialize, Serialize};

use crate::api_error::{ApiError, ErrorBody};
use crate::endpoint::Endpoint;
use crate::params::{Background, ImageFormat, Quality};
use crate::response::{Usage, null_as_default};
use crate::size::Size;
use crate::sse::SseEvent;

/// One event of an image stream, tagged by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ImageStreamEvent {
    /// `image_generation.partial_image`: a rough version of the image.
    #[serde(rename = "image_generation.partial_image")]
    GenerationPartialImage(PartialImage),
    /// `image_generation.completed`: the final image and the usage.
    #[serde(rename = "image_generation.completed")]
    GenerationCompleted(CompletedImage),
    /// `image_edit.partial_image`: a rough version of the edited image.
    #[serde(rename = "image_edit.partial_image")]
    EditPartialImage(PartialImage),
    /// `image_edit.completed`: the final edited image and the usage.
    #[serde(rename = "image_edit.completed")]
    EditCompleted(CompletedImage),
    /// `error`: the stream failed.
    #[serde(rename = "error")]
    Error(StreamError),
}

/// A partial image, sent before the final one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PartialImage {
    /// The partial image file, base64-encoded.
    pub b64_json: String,
    /// When the event was made, in Unix seconds.
    #[serde(default, deserialize_with = "null_as_default")]
    pub created_at: i64,
    /// The requested size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The requested quality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// The requested background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Which partial image this is, from 0.
    #[serde(default, deserialize_with = "null_as_default")]
    pub partial_image_index: u32,
}

/// The final image of a stream.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompletedImage {
    /// The image file, base64-encoded.
    pub b64_json: String,
    /// When the event was made, in Unix seconds.
    #[serde(default, deserialize_with = "null_as_default")]
    pub created_at: i64,
    /// The size of the image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The quality used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// The background used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Tokens used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// An `error` event. Accepts both `{"type":"error","error":{…}}` and the flat
/// `{"type":"error","message":…,"code":…}` some servers send.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamError {
    /// The nested error object, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    /// The error fields, when they are not nested (left out when empty).
    #[serde(flatten, skip_serializing_if = "ErrorBody::is_empty")]
    pub flat: ErrorBody,
}

impl StreamError {
    /// An error event in OpenAI's nested form: `{"type":"error","error":{…}}`.
    pub fn nested(error: ErrorBody) -> Self {
        StreamError { error: Some(error), flat: ErrorBody::default() }
    }

    /// The error as an [`ApiError`] with status 0 (the HTTP status was 200).
    pub fn into_api_error(self) -> ApiError {
        ApiError { status: 0, error: self.error.unwrap_or(self.flat), is_json: true }
    }
}

/// What one server-sent event of an image stream means.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamItem {
    /// An event of the API (boxed: it is large, the other variants are not).
    Event(Box<ImageStreamEvent>),
    /// `[DONE]`: the server says the stream is over.
    Done,
    /// An event of a type this crate does not know; skip it.
    Unknown(String),
}

impl StreamItem {
    /// Reads one server-sent event. An event named `error`, or whose data
    /// holds an `error` object, is an [`ImageStreamEvent::Error`] whatever its `type`.
    pub fn from_sse(event: &SseEvent) -> Result<Self, serde_json::Error> {
        if event.is_done() {
            return Ok(StreamItem::Done);
        }
        let value: serde_json::Value = serde_json::from_str(&event.data)?;
        let is_error = event.event.as_deref() == Some("error")
            || value.get("type").and_then(|t| t.as_str()) == Some("error")
            || value.get("error").is_some_and(|e| e.is_object());
        if is_error {
            return Ok(StreamItem::Event(Box::new(ImageStreamEvent::Error(serde_json::from_value(value)?))));
        }
        match value.get("type").and_then(|t| t.as_str()) {
            Some(
                "image_generation.partial_image"
                | "image_generation.completed"
                | "image_edit.partial_image"
                | "image_edit.completed",
            ) => Ok(StreamItem::Event(Box::new(serde_json::from_value(value)?))),
            other => Ok(StreamItem::Unknown(other.or(event.event.as_deref()).unwrap_or("").to_owned())),
        }
    }
}

impl ImageStreamEvent {
    /// The image bytes of a partial or completed event, base64-encoded.
    pub fn b64_json(&self) -> Option<&str> {
        match self {
            Self::GenerationPartialImage(p) | Self::EditPartialImage(p) => Some(&p.b64_json),
            Self::GenerationCompleted(c) | Self::EditCompleted(c) => Some(&c.b64_json),
            Self::Error(_) => None,
        }
    }

    /// The image file of a partial or completed event, decoded from its
    /// base64: `None` for an event without an image, an error that says
    /// which event when the base64 does not decode.
    pub fn image_bytes(&self) -> Option<Result<Vec<u8>, String>> {
        use base64::Engine as _;
        let text = self.b64_json()?;
        let decoded = base64::engine::general_purpose::STANDARD.decode(text);
        Some(decoded.map_err(|_| format!("the b64_json of an {} event is not valid base64", self.event_type())))
    }

    /// The event's `type` (and SSE `event:` name).
    pub fn event_type(&self) -> &'static str {
        match self {
            Self::GenerationPartialImage(_) => Endpoint::Generate.partial_image_event(),
            Self::GenerationCompleted(_) => Endpoint::Generate.completed_event(),
            Self::EditPartialImage(_) => Endpoint::Edit.partial_image_event(),
            Self::EditCompleted(_) => Endpoint::Edit.completed_event(),
            Self::Error(_) => "error",
        }
    }

    /// Whether this is the final image of the stream.
    pub fn is_completed(&self) -> bool {
        matches!(self, Self::GenerationCompleted(_) | Self::EditCompleted(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sse::SseParser;

    #[test]
    fn image_bytes_are_decoded_or_the_event_is_named() {
        let event = |b64_json: &str| {
            ImageStreamEvent::EditCompleted(CompletedImage { b64_json: b64_json.into(), ..CompletedImage::default() })
        };
        assert_eq!(event("iVBORw==").image_bytes(), Some(Ok(b"\x89PNG".to_vec())));
        assert_eq!(
            event("not base64!").image_bytes(),
            Some(Err("the b64_json of an image_edit.completed event is not valid base64".into()))
        );
        let error = ImageStreamEvent::Error(serde_json::from_str(r#"{"type": "error", "error": {}}"#).unwrap());
        assert_eq!(error.image_bytes(), None);
    }

    #[test]
    fn reads_the_spec_examples_of_both_streams() {
        let stream = "event: image_edit.partial_image\n\
            data: {\"type\":\"image_edit.partial_image\",\"b64_json\":\"...\",\"partial_image_index\":0}\n\n\
            event: image_edit.completed\n\
            data: {\"type\":\"image_edit.completed\",\"b64_json\":\"...\",\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50,\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}\n\n";
        let items: Vec<_> =
            SseParser::new().push(stream.as_bytes()).iter().map(|event| StreamItem::from_sse(event).unwrap()).collect();
        let StreamItem::Event(first) = &items[0] else { panic!("{items:?}") };
        assert!(matches!(&**first, ImageStreamEvent::EditPartialImage(p) if p.partial_image_index == 0));
        let StreamItem::Event(completed) = &items[1] else { panic!("{items:?}") };
        assert!(completed.is_completed());
        let ImageStreamEvent::EditCompleted(completed) = &**completed else { unreachable!() };
        assert_eq!(completed.usage.as_ref().unwrap().total_tokens, 100);
    }

    #[test]
    fn a_nested_error_is_written_without_empty_flat_fields() {
        let body = ErrorBody { message: "no".into(), code: Some("server_error".into()), ..ErrorBody::default() };
        let event = ImageStreamEvent::Error(StreamError::nested(body));
        let written = serde_json::to_value(&event).unwrap();
        assert_eq!(
            written,
            serde_json::json!({"type": "error", "error": {"message": "no", "param": null, "code": "server_error"}})
        );
    }

    #[test]
    fn reads_nested_and_flat_error_events() {
        let nested = SseEvent {
            event: Some("error".into()),
            data: r#"{"type":"error","error":{"message":"boom","code":"server_error"}}"#.into(),
            ..Default::default()
        };
        let flat = SseEvent {
            data: r#"{"type":"error","message":"boom","code":"server_error"}"#.into(),
            ..Default::default()
        };
        for event in [nested, flat] {
            let StreamItem::Event(item) = StreamItem::from_sse(&event).unwrap() else { panic!("{event:?}") };
            let ImageStreamEvent::Error(error) = *item else { panic!("{event:?}") };
            let error = error.into_api_error();
            assert_eq!(error.message(), "boom");
            assert_eq!(error.error.code.as_deref(), Some("server_error"));
        }
    }

    #[test]
    fn skips_unknown_events_and_recognises_done() {
        let unknown = SseEvent { data: r#"{"type":"image_generation.progress","pct":5}"#.into(), ..Default::default() };
        assert_eq!(StreamItem::from_sse(&unknown).unwrap(), StreamItem::Unknown("image_generation.progress".into()));
        let done = SseEvent { data: "[DONE]".into(), ..Default::default() };
        assert_eq!(StreamItem::from_sse(&done).unwrap(), StreamItem::Done);
        let broken = SseEvent { data: "{".into(), ..Default::default() };
        assert!(StreamItem::from_sse(&broken).is_err());
    }
}
