//! `POST /v1/images/generations`.

use serde::{Deserialize, Serialize};

use crate::json::{Fields, FromJson, JsonValue};
use crate::params::{Background, ImageFormat, Model, Moderation, Quality, ResponseFormat, Style};
use crate::size::Size;

/// The body of `POST /v1/images/generations`.
///
/// Every field but `prompt` is optional and absent fields stay absent on the
/// wire, so the server's defaults apply. [`GenerateRequest::validate`] checks
/// the constraints documented on each field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GenerateRequest {
    /// What to draw. Required; each model's limit in characters is in the
    /// catalogue ([`crate::catalogue::ModelSpec::prompt_limit`]).
    pub prompt: String,
    /// The model: any name; the catalogue says what it knows of it. Without
    /// one the API picks ([`GenerateRequest::effective_model`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Model>,
    /// How many images: 1 to the model's `max_n`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Image size: `auto`, the model's standard sizes, or for models with
    /// custom sizes any `WIDTHxHEIGHT` within their limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Quality: each model's values are in the catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Background (GPT image models); `transparent` needs `png` or `webp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// Content moderation level (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<Moderation>,
    /// File format of the images (GPT image models); the default is `png`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Compression, 0 to 100, for `jpeg` or `webp` output (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_compression: Option<u32>,
    /// `url` or `b64_json`. OpenAI's GPT image models always return
    /// `b64_json`; some providers return links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat>,
    /// Answer with server-sent events (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Partial images to stream before the final one: 0 to 3, with `stream`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_images: Option<u32>,
    /// `vivid` or `natural`, for the models whose catalogue entry has `style`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// An identifier of the end user, for abuse monitoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

/// The browser's reader (the playground keeps each image's settings); the
/// server reads requests with serde, which names a bad field's path. Tests
/// hold the two to the same answers.
impl FromJson for GenerateRequest {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "a generation request")?;
        Ok(GenerateRequest {
            prompt: fields.required_text("prompt")?,
            model: fields.named("model")?,
            n: fields.whole("n")?,
            size: fields.named("size")?,
            quality: fields.named("quality")?,
            background: fields.named("background")?,
            moderation: fields.named("moderation")?,
            output_format: fields.named("output_format")?,
            output_compression: fields.whole("output_compression")?,
            response_format: fields.named("response_format")?,
            stream: fields.flag("stream")?,
            partial_images: fields.whole("partial_images")?,
            style: fields.named("style")?,
            user: fields.text("user")?,
        })
    }
}

impl GenerateRequest {
    /// A request for `prompt` with every other field left to the server.
    pub fn new(prompt: impl Into<String>) -> Self {
        GenerateRequest { prompt: prompt.into(), ..Default::default() }
    }

    /// The model the API will use: `model`, or without one the catalogue's
    /// default for generations, or its default GPT image model when a
    /// parameter only the GPT image models take is set.
    pub fn effective_model(&self) -> Model {
        let default = if self.uses_gpt_only_parameters() {
            crate::catalogue::DEFAULT_GPT_MODEL
        } else {
            crate::catalogue::DEFAULT_GENERATE_MODEL
        };
        self.model.clone().unwrap_or_else(|| Model::from(default))
    }

    /// Whether a parameter only the GPT image models accept is set.
    fn uses_gpt_only_parameters(&self) -> bool {
        self.background.is_some()
            || self.moderation.is_some()
            || self.output_format.is_some()
            || self.output_compression.is_some()
            || self.stream.is_some()
            || self.partial_images.is_some()
    }
}
