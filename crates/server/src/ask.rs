//! What an image request asks for, read from its body before it is relayed:
//! the model, `n`, size, quality, streaming, prompt and input images. The
//! caps are checked on it, and its cost estimated from the catalogue.
//!
//! Where the request leaves a choice to the provider (`auto` or no size or
//! quality), the relay counts the most that choice can cost: `auto` quality
//! as `high` for GPT image models, `auto` size as 1024x1024 for generations
//! and 1536x1024 for edits.

use axum::body::Bytes;
use base64::Engine;
use futures_util::stream;
use gpt_image_core::catalogue::{Match, ModelSpec, Pricing};
use gpt_image_core::{
    EditRequest, Endpoint, GenerateRequest, HEAD_LEN, ImageInput, Quality, Size, UploadedFile, Usage,
};

use crate::error::{ApiFailure, parse_json};
use crate::policy::{Caps, effort};

/// The size of an input image the relay cannot see (a URL or a file id):
/// the most tiles one input image costs.
const UNSEEN_INPUT: (u32, u32) = (2048, 768);

/// One image request, as far as limits, caps and the log care.
#[derive(Debug, Clone)]
pub struct Ask {
    /// Which endpoint.
    pub endpoint: Endpoint,
    /// The model asked for, or the API's default.
    pub model: String,
    /// Its catalogue entry, if it has one.
    pub spec: Option<&'static ModelSpec>,
    /// How many images.
    pub n: u32,
    /// The size as sent.
    pub size: Option<Size>,
    /// The quality as sent.
    pub quality: Option<Quality>,
    /// Whether it asks for a stream.
    pub stream: bool,
    /// The prompt.
    pub prompt: String,
    /// Widths and heights of the input images (edits).
    pub input_sizes: Vec<(u32, u32)>,
}

impl Ask {
    /// Reads a generation (JSON) or an edit (multipart or JSON).
    pub async fn read(endpoint: Endpoint, content_type: &str, body: &Bytes) -> Result<Ask, ApiFailure> {
        match endpoint {
            Endpoint::Generate => {
                let request: GenerateRequest = parse_json(body)?;
                Ok(Ask {
                    endpoint,
                    model: request.effective_model().to_string(),
                    spec: spec_of(&request.effective_model()),
                    n: request.n.unwrap_or(1),
                    size: request.size,
                    quality: request.quality,
                    stream: request.stream.unwrap_or(false),
                    prompt: request.prompt,
                    input_sizes: Vec::new(),
                })
            }
            Endpoint::Edit => {
                let request = if content_type.starts_with("multipart/form-data") {
                    read_form(content_type, body.clone()).await?
                } else {
                    parse_json::<EditRequest>(body)?
                };
                Ok(Ask {
                    endpoint,
                    model: request.effective_model().to_string(),
                    spec: spec_of(&request.effective_model()),
                    n: request.n.unwrap_or(1),
                    input_sizes: request.images.iter().map(input_size).collect(),
                    size: request.size,
                    quality: request.quality,
                    stream: request.stream.unwrap_or(false),
                    prompt: request.prompt,
                })
            }
        }
    }

    /// Whether the model takes the GPT image parameters (unknown models are assumed to).
    fn gpt(&self) -> bool {
        self.spec.is_none_or(|spec| spec.gpt_parameters)
    }

    /// The quality the relay counts: as sent, or `high` where the provider
    /// picks (`standard` for `dall-e` models); unknown names count as `max`.
    pub fn counted_quality(&self) -> Quality {
        match &self.quality {
            Some(quality) if effort(quality).is_some() => quality.clone(),
            Some(Quality::Auto) | None if self.gpt() => Quality::High,
            Some(Quality::Auto) | None => Quality::Standard,
            Some(_) => Quality::Max,
        }
    }

    /// The width and height the relay counts; `None` for a size that is not `WIDTHxHEIGHT`.
    pub fn counted_size(&self) -> Option<(u32, u32)> {
        match &self.size {
            Some(Size::Pixels { width, height }) => Some((*width, *height)),
            Some(Size::Auto) | None if self.endpoint == Endpoint::Edit && self.gpt() => Some((1536, 1024)),
            Some(Size::Auto) | None => Some((1024, 1024)),
            Some(Size::Other(_)) => None,
        }
    }

    /// Checks the caps; the refusal names the field and the cap.
    pub fn check(&self, caps: &Caps) -> Result<(), ApiFailure> {
        let refuse = |field: &str, message: String| Err(ApiFailure::invalid(message, Some(field), "cap_exceeded"));
        if !caps.models.is_empty() && !self.spec.is_some_and(|spec| caps.models.contains(&spec)) {
            let ids: Vec<&str> = caps.models.iter().map(|spec| spec.id).collect();
            let message = format!(
                "This relay does not take the model `{}`: it takes {} (and their snapshots).",
                self.model,
                ids.join(", ")
            );
            return Err(ApiFailure::invalid(message, Some("model"), "model_not_allowed"));
        }
        if let Some(max) = caps.max_n
            && self.n > max
        {
            return refuse("n", format!("n is {}, but this relay makes at most {max} images per request.", self.n));
        }
        if let Some(max) = caps.max_pixels {
            match self.counted_size() {
                Some((width, height)) if u64::from(width) * u64::from(height) > max => {
                    let shown = match &self.size {
                        Some(Size::Pixels { .. }) => format!("{width}x{height}"),
                        _ => format!("auto (counted as {width}x{height})"),
                    };
                    return refuse(
                        "size",
                        format!(
                            "size {shown} has {} pixels, but this relay takes at most {max} pixels per image: ask for a smaller size.",
                            u64::from(width) * u64::from(height)
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    return refuse("size", "size must be WIDTHxHEIGHT for this relay to check its pixel cap.".into());
                }
            }
        }
        if let Some(max) = &caps.max_quality {
            let counted = self.counted_quality();
            if effort(&counted) > effort(max) {
                let asked = match &self.quality {
                    Some(quality) if effort(quality).is_some() => format!("quality `{quality}`"),
                    Some(Quality::Auto) | None => {
                        format!("quality `auto` (or none) lets the provider pick up to `{counted}`, so it")
                    }
                    Some(quality) => format!("quality `{quality}` is unknown to this relay and"),
                };
                return refuse(
                    "quality",
                    format!("{asked} is above this relay's cap of `{max}`: ask for `{max}` or less."),
                );
            }
        }
        if caps.no_stream && self.stream {
            return refuse("stream", "This relay does not stream: send `stream: false` (or leave it out).".into());
        }
        Ok(())
    }

    /// The cost the catalogue gives before the request, in dollars; `None`
    /// for a model it cannot price.
    pub fn estimate_usd(&self) -> Option<f64> {
        let spec = self.spec?;
        let quality = self.counted_quality();
        let (width, height) = self.counted_size().unwrap_or((1024, 1024));
        let text = crate::usage::text_tokens(&self.prompt);
        let images: u64 = self.input_sizes.iter().map(|&(w, h)| crate::usage::image_input_tokens(w, h)).sum();
        let output = spec.output_tokens(Some(&quality), width, height, self.n);
        self.price(spec, Some((text, images, output)))
    }

    /// The cost of an answer: from its `usage` where the model is priced by
    /// the token, else as estimated.
    pub fn settled_usd(&self, usage: Option<&Usage>) -> Option<f64> {
        let spec = self.spec?;
        let Some(usage) = usage else { return self.estimate_usd() };
        let details = usage.input_tokens_details.unwrap_or_default();
        let text = if usage.input_tokens_details.is_some() { details.text_tokens } else { usage.input_tokens };
        self.price(spec, Some((text, details.image_tokens, usage.output_tokens)))
    }

    fn price(&self, spec: &ModelSpec, tokens: Option<(u64, u64, u64)>) -> Option<f64> {
        let quality = self.counted_quality();
        let size = self.counted_size().map(|(width, height)| Size::pixels(width, height));
        match spec.prices {
            Pricing::Tokens(_) => spec.prices.estimate(tokens, Some(&quality), size.as_ref(), self.n),
            Pricing::PerImage(_) => spec.prices.estimate(None, Some(&quality), size.as_ref(), self.n),
        }
    }
}

fn spec_of(model: &gpt_image_core::Model) -> Option<&'static ModelSpec> {
    match model.resolve().matched {
        Match::Known(spec) => Some(spec),
        _ => None,
    }
}

/// The size of an input image: read from an upload's or a data URL's first bytes.
fn input_size(input: &ImageInput) -> (u32, u32) {
    let seen = match input {
        ImageInput::Upload(file) => file.dimensions,
        ImageInput::Url(url) => data_url_head(url).and_then(|head| gpt_image_core::dimensions(&head)),
        ImageInput::FileId(_) => None,
    };
    seen.unwrap_or(UNSEEN_INPUT)
}

/// The first decoded bytes of a base64 `data:` URL, enough to read the image's size.
fn data_url_head(url: &str) -> Option<Vec<u8>> {
    let (meta, payload) = url.strip_prefix("data:")?.split_once(',')?;
    if !meta.ends_with(";base64") {
        return None;
    }
    let clean: String = payload.chars().filter(|c| !c.is_ascii_whitespace()).take(HEAD_LEN / 3 * 4).collect();
    base64::engine::general_purpose::STANDARD.decode(clean).ok()
}

/// A multipart edit: its text fields, and each file's name and first bytes.
async fn read_form(content_type: &str, body: Bytes) -> Result<EditRequest, ApiFailure> {
    let unreadable = |error: multer::Error| {
        ApiFailure::invalid(format!("The multipart form could not be read: {error}"), None, "invalid_body")
    };
    let boundary = multer::parse_boundary(content_type).map_err(unreadable)?;
    let mut form = multer::Multipart::new(stream::once(async move { Ok::<_, std::io::Error>(body) }), boundary);
    let (mut fields, mut images, mut mask) = (Vec::new(), Vec::new(), None);
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().unwrap_or(&name).to_owned();
        let is_image = name == "image" || name.starts_with("image[");
        if is_image || name == "mask" {
            let bytes = field.bytes().await.map_err(unreadable)?;
            let file = UploadedFile::describe(filename, bytes.len() as u64, &bytes[..bytes.len().min(HEAD_LEN)]);
            if is_image {
                images.push(file);
            } else {
                mask = Some(file);
            }
        } else {
            fields.push((name, field.text().await.map_err(unreadable)?));
        }
    }
    EditRequest::from_form(fields, images, mask).map_err(|issue| ApiFailure::from_issue(&issue))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn generation(body: serde_json::Value) -> Ask {
        Ask::read(Endpoint::Generate, "application/json", &Bytes::from(body.to_string())).await.unwrap()
    }

    #[tokio::test]
    async fn choices_left_to_the_provider_count_as_the_most_they_cost() {
        let auto = generation(serde_json::json!({"model": "gpt-image-2", "prompt": "abcd"})).await;
        assert_eq!((auto.counted_quality(), auto.counted_size()), (Quality::High, Some((1024, 1024))));
        // 4160 output tokens at $30 and one text token at $5 per million.
        assert!((auto.estimate_usd().unwrap() - (4160.0 * 30.0 + 5.0) / 1e6).abs() < 1e-12);
        let dalle = generation(serde_json::json!({"prompt": "x", "size": "256x256", "n": 2})).await;
        assert_eq!((dalle.model.as_str(), dalle.counted_quality()), ("dall-e-2", Quality::Standard));
        assert!((dalle.estimate_usd().unwrap() - 0.032).abs() < 1e-12);
        let unknown = generation(serde_json::json!({"model": "flux-pro", "prompt": "x"})).await;
        assert_eq!((unknown.spec, unknown.estimate_usd()), (None, None));
    }

    #[tokio::test]
    async fn edits_count_their_input_images_from_data_urls() {
        let png = {
            let mut out = std::io::Cursor::new(Vec::new());
            image::RgbaImage::new(600, 300).write_to(&mut out, image::ImageFormat::Png).unwrap();
            base64::engine::general_purpose::STANDARD.encode(out.into_inner())
        };
        let body = serde_json::json!({
            "model": "gpt-image-1.5",
            "prompt": "x",
            "images": [{"image_url": format!("data:image/png;base64,{png}")}, {"file_id": "file-1"}],
        });
        let edit = Ask::read(Endpoint::Edit, "application/json", &Bytes::from(body.to_string())).await.unwrap();
        assert_eq!(edit.input_sizes, [(600, 300), UNSEEN_INPUT]);
        assert_eq!(edit.counted_size(), Some((1536, 1024)));
    }
}
