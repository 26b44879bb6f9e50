//! What `POST /v1/images/generations` and `/v1/images/edits` answer.
//!
//! Parsing is tolerant: unknown fields are ignored, every field but the
//! images themselves may be missing or `null`, and values outside the known
//! enums are kept (see [`crate::params`]).

use serde::{Deserialize, Deserializer, Serialize};

use crate::params::{Background, ImageFormat, Quality};
use crate::size::Size;

/// The response of a generation or an edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ImagesResponse {
    /// When the images were made, in Unix seconds.
    #[serde(default, deserialize_with = "null_as_default")]
    pub created: i64,
    /// The images, one per `n`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub data: Vec<Image>,
    /// The background used: `transparent` or `opaque`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The file format of the images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// The size of the images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// The quality used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Tokens used (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
}

/// One image: inline bytes (base64) or a link, and the prompt actually used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Image {
    /// The image file, base64-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b64_json: Option<String>,
    /// A link to the image, when the provider returns links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The prompt as the model rewrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised_prompt: Option<String>,
}

/// Tokens used by one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Tokens in (text and images).
    #[serde(default, deserialize_with = "null_as_default")]
    pub input_tokens: u64,
    /// Tokens out (the images).
    #[serde(default, deserialize_with = "null_as_default")]
    pub output_tokens: u64,
    /// Input plus output.
    #[serde(default, deserialize_with = "null_as_default")]
    pub total_tokens: u64,
    /// The input tokens by kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens_details: Option<TokenDetails>,
    /// The output tokens by kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens_details: Option<TokenDetails>,
}

/// Tokens by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenDetails {
    /// Text tokens.
    #[serde(default, deserialize_with = "null_as_default")]
    pub text_tokens: u64,
    /// Image tokens.
    #[serde(default, deserialize_with = "null_as_default")]
    pub image_tokens: u64,
}

/// Implements `Serialize` and `Deserialize` for a type whose derives are
/// `#[serde(remote = "Self")]`, reading it from a JSON object only.
///
/// A derived `Deserialize` also reads a struct from an array, field by
/// position. No API sends that, and the incremental decoder follows objects
/// only, so the types on the way to an image's bytes refuse it.
macro_rules! object_only {
    ($type:ty, $expecting:literal) => {
        impl Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$type>::serialize(self, serializer)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$type, A::Error> {
                        <$type>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    };
}

object_only!(ImagesResponse, "an images response object");
object_only!(Image, "an image object");

/// Reads `null` as the type's default, for fields a provider may send as `null`.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_spec_example() {
        let body = r#"{"created": 1713833628, "data": [{"b64_json": "..."}], "background": "transparent",
            "output_format": "png", "size": "1024x1024", "quality": "high",
            "usage": {"total_tokens": 100, "input_tokens": 50, "output_tokens": 50,
                      "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}}}"#;
        let response: ImagesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(response.size, Some(Size::SQUARE));
        assert_eq!(response.usage.unwrap().input_tokens_details.unwrap().image_tokens, 40);
    }

    #[test]
    fn tolerates_missing_null_and_unknown_fields() {
        let response: ImagesResponse = serde_json::from_value(
            json!({"data": null, "created": null, "provider": {"x": 1}, "usage": {"total_tokens": 7}}),
        )
        .unwrap();
        assert_eq!(response.created, 0);
        assert!(response.data.is_empty());
        assert_eq!(response.usage.unwrap().total_tokens, 7);
        let url_only: ImagesResponse =
            serde_json::from_value(json!({"created": 1, "data": [{"url": "https://x/y.png", "revised_prompt": "p"}]}))
                .unwrap();
        assert_eq!(url_only.data[0].url.as_deref(), Some("https://x/y.png"));
    }

    #[test]
    fn refuses_arrays_in_place_of_objects() {
        assert!(serde_json::from_value::<ImagesResponse>(json!([1, []])).is_err());
        assert!(serde_json::from_value::<ImagesResponse>(json!({"data": [["QUJD"]]})).is_err());
    }

    #[test]
    fn absent_fields_stay_absent_when_written() {
        let response = ImagesResponse { created: 5, data: vec![Image::default()], ..Default::default() };
        assert_eq!(serde_json::to_value(&response).unwrap(), json!({"created": 5, "data": [{}]}));
    }
}
