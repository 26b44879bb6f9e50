//! What `POST /v1/responses` answers: the assistant's text and the images
//! the `image_generation` tool made.

use serde::Serialize;

use crate::api_error::ErrorBody;
use crate::json::{Fields, FromJson, JsonValue};
use crate::params::{Background, ImageFormat, Quality};
use crate::response::Usage;
use crate::size::Size;

/// A response: one turn's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Response {
    /// Its id: the next turn's `previous_response_id`.
    pub id: String,
    /// Always `response`.
    pub object: String,
    /// When it was made, in Unix seconds.
    pub created_at: i64,
    /// `completed`, `in_progress`, `failed`, `incomplete`.
    pub status: String,
    /// The model that answered.
    pub model: String,
    /// The turn it follows.
    pub previous_response_id: Option<String>,
    /// What the model made, in order.
    pub output: Vec<OutputItem>,
    /// Tokens the answering model used (its text, and the thread it read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<ResponseUsage>,
    /// Tokens the hosted tools used, apart from `usage`: the images'.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_usage: Option<ToolUsage>,
    /// Why it failed, for a failed response.
    pub error: Option<ErrorBody>,
}

/// One item of a response's output.
#[derive(Debug, Clone, PartialEq)]
pub enum OutputItem {
    /// `{type: "image_generation_call", …}`: an image the tool made.
    ImageGeneration(ImageGenerationCall),
    /// `{type: "message", role: "assistant", content: [{type: "output_text", text}]}`.
    Message {
        /// The item's id.
        id: String,
        /// The text of its `output_text` parts, joined.
        text: String,
    },
    /// Any other item, as sent.
    Other(serde_json::Value),
}

/// One call of the `image_generation` tool.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImageGenerationCall {
    /// Its id (the `item_id` of its stream events).
    pub id: String,
    /// `in_progress`, `generating`, `completed` or `failed`.
    pub status: String,
    /// The image file, base64-encoded, once completed.
    pub result: Option<String>,
    /// The prompt the model wrote for the image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
    /// Whether it drew a new image or edited one (`generate`, `edit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The size made.
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
}

/// A response's tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ResponseUsage {
    /// Tokens in (the thread so far, text and images).
    pub input_tokens: u64,
    /// Tokens out (text, reasoning and images).
    pub output_tokens: u64,
    /// Input plus output.
    pub total_tokens: u64,
}

/// `tool_usage`: what the hosted tools used, apart from the model's `usage`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ToolUsage {
    /// `image_gen`: every `image_generation` call's tokens, summed, as the
    /// Images API reports an image's (so the catalogue prices them alike).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_gen: Option<Usage>,
}

impl Response {
    /// The images the tool made, in order.
    pub fn images(&self) -> impl Iterator<Item = &ImageGenerationCall> {
        self.output.iter().filter_map(|item| match item {
            OutputItem::ImageGeneration(call) => Some(call),
            _ => None,
        })
    }

    /// The assistant's text, every message joined by a blank line.
    pub fn output_text(&self) -> String {
        let texts: Vec<&str> = self
            .output
            .iter()
            .filter_map(|item| match item {
                OutputItem::Message { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        texts.join("\n\n")
    }
}

impl Serialize for OutputItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let value = match self {
            OutputItem::ImageGeneration(call) => {
                let mut value = serde_json::to_value(call).map_err(S::Error::custom)?;
                value["type"] = super::tool::CALL_TYPE.into();
                value
            }
            OutputItem::Message { id, text } => serde_json::json!({
                "type": "message",
                "id": id,
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": text, "annotations": []}],
            }),
            OutputItem::Other(value) => value.clone(),
        };
        value.serialize(serializer)
    }
}

impl FromJson for Response {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the response")?;
        Ok(Response {
            id: fields.text("id")?.unwrap_or_default(),
            object: fields.text("object")?.unwrap_or_else(|| "response".into()),
            created_at: fields.whole("created_at")?.unwrap_or_default(),
            status: fields.text("status")?.unwrap_or_default(),
            model: fields.text("model")?.unwrap_or_default(),
            previous_response_id: fields.text("previous_response_id")?,
            output: fields.list("output")?.unwrap_or_default(),
            usage: fields.read("usage")?,
            tool_usage: fields.read("tool_usage")?,
            error: json.member("error").filter(JsonValue::is_object).map(|error| ErrorBody::read(&error)),
        })
    }
}

impl FromJson for OutputItem {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an output item")?;
        Ok(match fields.text("type")?.as_deref() {
            Some(super::tool::CALL_TYPE) => OutputItem::ImageGeneration(ImageGenerationCall::from_json(json)?),
            Some("message") => OutputItem::Message {
                id: fields.text("id")?.unwrap_or_default(),
                text: json
                    .member("content")
                    .map(|content| content.items())
                    .unwrap_or_default()
                    .iter()
                    .filter(|part| part.member("type").and_then(|kind| kind.text()).as_deref() == Some("output_text"))
                    .filter_map(|part| part.member("text").and_then(|text| text.text()))
                    .collect::<Vec<_>>()
                    .join(""),
            },
            _ => OutputItem::Other(json.to_value()),
        })
    }
}

impl FromJson for ImageGenerationCall {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an image generation call")?;
        Ok(ImageGenerationCall {
            id: fields.text("id")?.unwrap_or_default(),
            status: fields.text("status")?.unwrap_or_default(),
            result: fields.text("result")?,
            revised_prompt: fields.text("revised_prompt")?,
            action: fields.text("action")?,
            size: fields.named("size")?,
            quality: fields.named("quality")?,
            background: fields.named("background")?,
            output_format: fields.named("output_format")?,
        })
    }
}

impl FromJson for ToolUsage {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        Ok(ToolUsage { image_gen: Fields::of(json, "the tool usage")?.read("image_gen")? })
    }
}

impl FromJson for ResponseUsage {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the usage")?;
        Ok(ResponseUsage {
            input_tokens: fields.whole("input_tokens")?.unwrap_or_default(),
            output_tokens: fields.whole("output_tokens")?.unwrap_or_default(),
            total_tokens: fields.whole("total_tokens")?.unwrap_or_default(),
        })
    }
}
