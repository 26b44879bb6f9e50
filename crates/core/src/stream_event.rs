//! The events of a streamed generation or edit (`stream: true`).

use serde::Serialize;

use crate::api_error::{ApiError, ErrorBody};
use crate::endpoint::Endpoint;
use crate::json::{Fields, FromJson, JsonValue, ParseJson};
use crate::params::{Background, ImageFormat, Quality};
use crate::response::Usage;
use crate::size::Size;
use crate::sse::SseEvent;

/// One event of an image stream, tagged by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PartialImage {
    /// The partial image file, base64-encoded.
    pub b64_json: String,
    /// When the event was made, in Unix seconds.
    pub created_at: i64,
    /// The requested size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The requested quality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// The requested background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Which partial image this is, from 0.
    pub partial_image_index: u32,
}

/// The final image of a stream.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CompletedImage {
    /// The image file, base64-encoded.
    pub b64_json: String,
    /// When the event was made, in Unix seconds.
    pub created_at: i64,
    /// The size of the image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The quality used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// The background used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Tokens used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// An `error` event. Accepts both `{"type":"error","error":{…}}` and the flat
/// `{"type":"error","message":…,"code":…}` some servers send.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StreamError {
    /// The nested error object, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// Reads one server-sent event, its data parsed by `J`. An event named
    /// `error`, or whose data holds an `error` object, is an
    /// [`ImageStreamEvent::Error`] whatever its `type`.
    pub fn from_sse<J: ParseJson>(event: &SseEvent) -> Result<Self, String> {
        if event.is_done() {
            return Ok(StreamItem::Done);
        }
        let value = J::parse(&event.data).ok_or("the data of a server-sent event is not JSON")?;
        let kind = value.member("type").and_then(|kind| kind.text());
        let is_error = event.event.as_deref() == Some("error")
            || kind.as_deref() == Some("error")
            || value.member("error").is_some_and(|error| error.is_object());
        let event = if is_error {
            ImageStreamEvent::Error(StreamError::from_json(&value)?)
        } else {
            match kind.as_deref() {
                Some(kind) if kind == Endpoint::Generate.partial_image_event() => {
                    ImageStreamEvent::GenerationPartialImage(PartialImage::from_json(&value)?)
                }
                Some(kind) if kind == Endpoint::Generate.completed_event() => {
                    ImageStreamEvent::GenerationCompleted(CompletedImage::from_json(&value)?)
                }
                Some(kind) if kind == Endpoint::Edit.partial_image_event() => {
                    ImageStreamEvent::EditPartialImage(PartialImage::from_json(&value)?)
                }
                Some(kind) if kind == Endpoint::Edit.completed_event() => {
                    ImageStreamEvent::EditCompleted(CompletedImage::from_json(&value)?)
                }
                other => return Ok(StreamItem::Unknown(other.or(event.event.as_deref()).unwrap_or("").to_owned())),
            }
        };
        Ok(StreamItem::Event(Box::new(event)))
    }
}

impl FromJson for PartialImage {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a partial image event")?;
        Ok(PartialImage {
            b64_json: fields.required_text("b64_json")?,
            created_at: fields.whole("created_at")?.unwrap_or_default(),
            size: fields.named("size")?,
            quality: fields.named("quality")?,
            background: fields.named("background")?,
            output_format: fields.named("output_format")?,
            partial_image_index: fields.whole("partial_image_index")?.unwrap_or_default(),
        })
    }
}

impl FromJson for CompletedImage {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a completed image event")?;
        Ok(CompletedImage {
            b64_json: fields.required_text("b64_json")?,
            created_at: fields.whole("created_at")?.unwrap_or_default(),
            size: fields.named("size")?,
            quality: fields.named("quality")?,
            background: fields.named("background")?,
            output_format: fields.named("output_format")?,
            usage: fields.read("usage")?,
        })
    }
}

impl FromJson for StreamError {
    /// The nested `error` object when there is one, and the event's own
    /// fields (with an `error` that is text as their message).
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        Fields::of(json, "an error event")?;
        let error = json.member("error");
        // `"type": "error"` is the event's tag, not the error's type.
        let flat = ErrorBody::read(json);
        let flat = ErrorBody { kind: flat.kind.filter(|kind| kind != "error"), ..flat };
        Ok(match error {
            Some(error) if error.is_object() => StreamError { error: Some(ErrorBody::read(&error)), flat },
            Some(error) => {
                StreamError { error: None, flat: ErrorBody { message: error.text().unwrap_or_default(), ..flat } }
            }
            None => StreamError { error: None, flat },
        })
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
    use serde_json::Value;

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
        let error = ImageStreamEvent::Error(StreamError::nested(ErrorBody::default()));
        assert_eq!(error.image_bytes(), None);
    }

    #[test]
    fn reads_the_spec_examples_of_both_streams() {
        let stream = "event: image_edit.partial_image\n\
            data: {\"type\":\"image_edit.partial_image\",\"b64_json\":\"...\",\"partial_image_index\":0}\n\n\
            event: image_edit.completed\n\
            data: {\"type\":\"image_edit.completed\",\"b64_json\":\"...\",\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50,\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}\n\n";
        let items: Vec<_> = SseParser::new()
            .push(stream.as_bytes())
            .iter()
            .map(|event| StreamItem::from_sse::<Value>(event).unwrap())
            .collect();
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
    fn what_is_written_reads_back_the_same() {
        let completed = CompletedImage {
            b64_json: "QUJD".into(),
            created_at: 7,
            size: Some(Size::pixels(1536, 1024)),
            quality: Some(Quality::Medium),
            background: Some(Background::Opaque),
            output_format: Some(ImageFormat::Jpeg),
            usage: Some(Usage { input_tokens: 1, output_tokens: 2, total_tokens: 3, ..Usage::default() }),
        };
        let partial = PartialImage { b64_json: "QQ==".into(), partial_image_index: 2, ..PartialImage::default() };
        let error = ErrorBody { message: "no".into(), code: Some("server_error".into()), ..ErrorBody::default() };
        let events = [
            ImageStreamEvent::GenerationPartialImage(partial.clone()),
            ImageStreamEvent::EditPartialImage(partial),
            ImageStreamEvent::GenerationCompleted(completed.clone()),
            ImageStreamEvent::EditCompleted(completed),
            ImageStreamEvent::Error(StreamError::nested(error)),
        ];
        for event in events {
            let sse = SseEvent { data: serde_json::to_string(&event).unwrap(), ..SseEvent::default() };
            assert_eq!(StreamItem::from_sse::<Value>(&sse), Ok(StreamItem::Event(Box::new(event))));
        }
    }

    #[test]
    fn a_wrong_member_is_named() {
        let sse = SseEvent {
            data: r#"{"type":"image_generation.partial_image","b64_json":"QQ==","partial_image_index":"one"}"#.into(),
            ..SseEvent::default()
        };
        assert_eq!(
            StreamItem::from_sse::<Value>(&sse),
            Err("`partial_image_index` of a partial image event is not a whole number in range".into())
        );
        let sse = SseEvent { data: r#"{"type":"image_edit.completed"}"#.into(), ..SseEvent::default() };
        assert_eq!(StreamItem::from_sse::<Value>(&sse), Err("`b64_json` of a completed image event is missing".into()));
    }

    #[test]
    fn an_error_event_whose_error_is_text_keeps_the_text() {
        let sse = SseEvent {
            event: Some("error".into()),
            data: r#"{"type":"error","error":"quota exceeded","code":"insufficient_quota"}"#.into(),
            ..SseEvent::default()
        };
        let Ok(StreamItem::Event(item)) = StreamItem::from_sse::<Value>(&sse) else { panic!("{sse:?}") };
        let ImageStreamEvent::Error(error) = *item else { panic!("{sse:?}") };
        let error = error.into_api_error();
        assert_eq!((error.message(), error.error.code.as_deref()), ("quota exceeded", Some("insufficient_quota")));
        assert_eq!(error.error.kind, None, "the event's `type` is its tag, not the error's type");
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
            let StreamItem::Event(item) = StreamItem::from_sse::<Value>(&event).unwrap() else { panic!("{event:?}") };
            let ImageStreamEvent::Error(error) = *item else { panic!("{event:?}") };
            let error = error.into_api_error();
            assert_eq!(error.message(), "boom");
            assert_eq!(error.error.code.as_deref(), Some("server_error"));
        }
    }

    #[test]
    fn skips_unknown_events_and_recognises_done() {
        let unknown = SseEvent { data: r#"{"type":"image_generation.progress","pct":5}"#.into(), ..Default::default() };
        assert_eq!(
            StreamItem::from_sse::<Value>(&unknown).unwrap(),
            StreamItem::Unknown("image_generation.progress".into())
        );
        let done = SseEvent { data: "[DONE]".into(), ..Default::default() };
        assert_eq!(StreamItem::from_sse::<Value>(&done).unwrap(), StreamItem::Done);
        let broken = SseEvent { data: "{".into(), ..Default::default() };
        assert!(StreamItem::from_sse::<Value>(&broken).is_err());
    }
}
