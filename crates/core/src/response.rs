//! What `POST /v1/images/generations` and `/v1/images/edits` answer.
//!
//! Reading is tolerant: unknown fields are ignored, every field but the
//! images themselves may be missing or `null`, and values outside the known
//! enums are kept (see [`crate::params`]). It is [`FromJson`], over serde or
//! the browser's `JSON.parse`; serde only writes these types (the server).

use serde::Serialize;

use crate::json::{Fields, FromJson, JsonValue};
use crate::params::{Background, ImageFormat, Quality};
use crate::size::Size;

/// The response of a generation or an edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImagesResponse {
    /// When the images were made, in Unix seconds.
    pub created: i64,
    /// The images, one per `n`.
    pub data: Vec<Image>,
    /// The background used: `transparent` or `opaque`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format of the images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// The size of the images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The quality used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Tokens used (GPT image models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// One image: inline bytes (base64) or a link, and the prompt actually used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// The image file, base64-encoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b64_json: Option<String>,
    /// A link to the image, when the provider returns links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The prompt as the model rewrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
}

/// Tokens used by one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Tokens in (text and images).
    pub input_tokens: u64,
    /// Tokens out (the images).
    pub output_tokens: u64,
    /// Input plus output.
    pub total_tokens: u64,
    /// The input tokens by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tokens_details: Option<TokenDetails>,
    /// The output tokens by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tokens_details: Option<TokenDetails>,
}

/// Tokens by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TokenDetails {
    /// Text tokens.
    pub text_tokens: u64,
    /// Image tokens.
    pub image_tokens: u64,
}

impl FromJson for ImagesResponse {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the images response")?;
        Ok(ImagesResponse {
            created: fields.whole("created")?.unwrap_or_default(),
            data: fields.list("data")?.unwrap_or_default(),
            background: fields.named("background")?,
            output_format: fields.named("output_format")?,
            size: fields.named("size")?,
            quality: fields.named("quality")?,
            usage: fields.read("usage")?,
        })
    }
}

impl FromJson for Image {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "an image")?;
        Ok(Image {
            b64_json: fields.text("b64_json")?,
            url: fields.text("url")?,
            revised_prompt: fields.text("revised_prompt")?,
        })
    }
}

impl FromJson for Usage {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the usage")?;
        Ok(Usage {
            input_tokens: fields.whole("input_tokens")?.unwrap_or_default(),
            output_tokens: fields.whole("output_tokens")?.unwrap_or_default(),
            total_tokens: fields.whole("total_tokens")?.unwrap_or_default(),
            input_tokens_details: fields.read("input_tokens_details")?,
            output_tokens_details: fields.read("output_tokens_details")?,
        })
    }
}

impl FromJson for TokenDetails {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the token details")?;
        Ok(TokenDetails {
            text_tokens: fields.whole("text_tokens")?.unwrap_or_default(),
            image_tokens: fields.whole("image_tokens")?.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn read(value: Value) -> Result<ImagesResponse, String> {
        ImagesResponse::from_json(&value)
    }

    #[test]
    fn reads_the_spec_example() {
        let body = r#"{"created": 1713833628, "data": [{"b64_json": "..."}], "background": "transparent",
            "output_format": "png", "size": "1024x1024", "quality": "high",
            "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50,
                      "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}}}"#;
        let response = ImagesResponse::from_json_text::<Value>(body).unwrap();
        assert_eq!(response.size, Some(Size::SQUARE));
        assert_eq!(response.usage.unwrap().input_tokens_details.unwrap().image_tokens, 40);
    }

    #[test]
    fn tolerates_missing_null_and_unknown_fields() {
        let response =
            read(json!({"data": null, "created": null, "provider": {"x": 1}, "usage": {"total_tokens": 7}})).unwrap();
        assert_eq!(response.created, 0);
        assert!(response.data.is_empty());
        assert_eq!(response.usage.unwrap().total_tokens, 7);
        let url_only =
            read(json!({"created": 1, "data": [{"url": "https://x/y.png", "revised_prompt": "p"}]})).unwrap();
        assert_eq!(url_only.data[0].url.as_deref(), Some("https://x/y.png"));
    }

    #[test]
    fn refuses_arrays_in_place_of_objects() {
        assert_eq!(read(json!([1, []])), Err("the images response is not an object".into()));
        assert_eq!(
            read(json!({"data": [["QUJD"]]})),
            Err("`data[0]` of the images response: an image is not an object".into())
        );
        assert_eq!(
            read(json!({"data": [{"b64_json": 5}]})),
            Err("`data[0]` of the images response: `b64_json` of an image is not a string".into())
        );
        assert!(read(json!({"created": "yesterday"})).is_err_and(|error| error.contains("`created`")));
    }

    #[test]
    fn absent_fields_stay_absent_when_written() {
        let response = ImagesResponse { created: 5, data: vec![Image::default()], ..Default::default() };
        assert_eq!(serde_json::to_value(&response).unwrap(), json!({"created": 5, "data": [{}]}));
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let response = ImagesResponse {
            created: 1_713_833_628,
            data: vec![
                Image { b64_json: Some("QUJD".into()), revised_prompt: Some("p".into()), url: None },
                Image { url: Some("https://x/y.png".into()), ..Image::default() },
            ],
            background: Some(Background::Other("checkered".into())),
            output_format: Some(ImageFormat::Webp),
            size: Some(Size::pixels(2048, 1152)),
            quality: Some(Quality::High),
            usage: Some(Usage {
                input_tokens: 50,
                output_tokens: 4160,
                total_tokens: 4210,
                input_tokens_details: Some(TokenDetails { text_tokens: 10, image_tokens: 40 }),
                output_tokens_details: Some(TokenDetails { text_tokens: 0, image_tokens: 4160 }),
            }),
        };
        assert_eq!(read(serde_json::to_value(&response).unwrap()), Ok(response));
    }
}
