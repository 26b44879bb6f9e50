//! A request with every default resolved: what to draw, how big, in which
//! format, and how to answer.

use std::sync::Arc;

use gpt_image_core::{
    Background, EditRequest, GenerateRequest, ImageFormat, Model, ModelFamily, Quality, ResponseFormat, Size, Usage,
};
use image::{GrayImage, RgbaImage};

use crate::encode::Encoding;
use crate::error::ApiFailure;

/// Which endpoint a job answers; it names the stream events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /v1/images/generations`.
    Generate,
    /// `POST /v1/images/edits`.
    Edit,
}

/// The input of an edit, already at the output size.
#[derive(Debug)]
pub struct Source {
    /// The first input image, scaled and cropped to the output size.
    pub image: RgbaImage,
    /// The mask's alpha channel at the output size: 255 keeps a pixel, 0 edits it.
    pub mask: Option<GrayImage>,
}

/// One generation or edit, every `auto` and absent field resolved.
#[derive(Debug, Clone)]
pub struct Job {
    /// Which endpoint.
    pub endpoint: Endpoint,
    /// The model (the API's default when none was given).
    pub model: Model,
    /// The prompt.
    pub prompt: String,
    /// How many images.
    pub n: u32,
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// `low`, `medium`, `high` (GPT image models), `standard` or `hd` (`dall-e`).
    pub quality: Quality,
    /// `opaque` or `transparent`.
    pub background: Background,
    /// How each image is written.
    pub encoding: Encoding,
    /// `b64_json` or `url`.
    pub response_format: ResponseFormat,
    /// Whether to answer with server-sent events.
    pub stream: bool,
    /// How many partial images precede each final image in a stream.
    pub partial_images: u32,
    /// Widths and heights of the input images (edits), for `usage`.
    pub input_sizes: Vec<(u32, u32)>,
    /// The image to edit, for edits.
    pub source: Option<Arc<Source>>,
}

/// The fields generations and edits share.
struct Common<'a> {
    model: Model,
    size: Option<&'a Size>,
    quality: Option<&'a Quality>,
    background: Option<&'a Background>,
    output_format: Option<&'a ImageFormat>,
    output_compression: Option<u32>,
    response_format: Option<&'a ResponseFormat>,
}

/// Models this server emulates: any other name is refused.
pub fn check_model(model: &Model) -> Result<(), ApiFailure> {
    if model.is_known() {
        return Ok(());
    }
    Err(ApiFailure::invalid(
        format!("The model `{model}` does not exist. This server emulates: {}", Model::KNOWN.join(", ")),
        Some("model"),
        "model_not_found",
    ))
}

impl Job {
    /// Resolves a validated generation request.
    pub fn generate(request: &GenerateRequest) -> Job {
        let common = Common {
            model: request.effective_model(),
            size: request.size.as_ref(),
            quality: request.quality.as_ref(),
            background: request.background.as_ref(),
            output_format: request.output_format.as_ref(),
            output_compression: request.output_compression,
            response_format: request.response_format.as_ref(),
        };
        let (width, height) = resolve_size(common.size, None);
        Job::resolve(
            Endpoint::Generate,
            common,
            &request.prompt,
            request.n,
            (width, height),
            request.stream,
            request.partial_images,
        )
    }

    /// Resolves a validated edit request; `first` is the size of the first input image.
    pub fn edit(request: &EditRequest, first: (u32, u32)) -> Job {
        let common = Common {
            model: request.effective_model(),
            size: request.size.as_ref(),
            quality: request.quality.as_ref(),
            background: request.background.as_ref(),
            output_format: request.output_format.as_ref(),
            output_compression: request.output_compression,
            response_format: request.response_format.as_ref(),
        };
        let size = resolve_size(common.size, Some(first));
        Job::resolve(Endpoint::Edit, common, &request.prompt, request.n, size, request.stream, request.partial_images)
    }

    fn resolve(
        endpoint: Endpoint,
        common: Common,
        prompt: &str,
        n: Option<u32>,
        (width, height): (u32, u32),
        stream: Option<bool>,
        partial_images: Option<u32>,
    ) -> Job {
        let gpt = common.model.is_gpt_image();
        let quality = match (common.quality, common.model.family()) {
            (Some(Quality::Auto) | None, ModelFamily::DallE2 | ModelFamily::DallE3) => Quality::Standard,
            (Some(Quality::Auto) | None, _) => Quality::Medium,
            (Some(quality), _) => quality.clone(),
        };
        let background = match common.background {
            Some(Background::Transparent) => Background::Transparent,
            _ => Background::Opaque,
        };
        let format = if gpt { common.output_format.cloned().unwrap_or(ImageFormat::Png) } else { ImageFormat::Png };
        let default_response = if gpt { ResponseFormat::B64Json } else { ResponseFormat::Url };
        Job {
            endpoint,
            prompt: prompt.to_owned(),
            n: n.unwrap_or(1).max(1),
            width,
            height,
            quality,
            encoding: Encoding {
                alpha: background == Background::Transparent && format != ImageFormat::Jpeg,
                format,
                compression: common.output_compression.unwrap_or(100).min(100) as u8,
            },
            background,
            response_format: common.response_format.cloned().unwrap_or(default_response),
            stream: stream.unwrap_or(false),
            partial_images: partial_images.unwrap_or(0).min(3),
            input_sizes: Vec::new(),
            source: None,
            model: common.model,
        }
    }

    /// Whether this is a GPT image model, which reports quality and background.
    pub fn is_gpt_image(&self) -> bool {
        self.model.is_gpt_image()
    }

    /// The size as the API spells it.
    pub fn size(&self) -> Size {
        Size::pixels(self.width, self.height)
    }

    /// The tokens this job costs (see [`crate::usage`]).
    pub fn usage(&self) -> Usage {
        crate::usage::usage(&self.prompt, &self.input_sizes, self.n, self.width, self.height, &self.quality)
    }

    /// Draws image `index`: a new picture, or the edited input.
    pub fn render(&self, index: u32) -> RgbaImage {
        let transparent = self.encoding.alpha;
        match &self.source {
            None => crate::draw::generate(&self.prompt, index, self.width, self.height, transparent),
            Some(source) => crate::retouch::retouch(source, &self.prompt, index, transparent),
        }
    }
}

/// `auto` and absent sizes: 1024x1024, or for edits the standard size
/// closest to the first input's shape.
fn resolve_size(size: Option<&Size>, input: Option<(u32, u32)>) -> (u32, u32) {
    if let Some((width, height)) = size.and_then(Size::dimensions) {
        return (width, height);
    }
    match input {
        Some((w, h)) if u64::from(w) * 5 > u64::from(h) * 6 => (1536, 1024),
        Some((w, h)) if u64::from(h) * 5 > u64::from(w) * 6 => (1024, 1536),
        _ => (1024, 1024),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_api() {
        let dalle = Job::generate(&GenerateRequest::new("x"));
        assert_eq!(dalle.model, Model::DallE2);
        assert_eq!(dalle.response_format, ResponseFormat::Url);
        assert_eq!((dalle.width, dalle.height), (1024, 1024));
        let gpt =
            Job::generate(&GenerateRequest { output_format: Some(ImageFormat::Webp), ..GenerateRequest::new("x") });
        assert_eq!(gpt.model, Model::GptImage1_5);
        assert_eq!(gpt.response_format, ResponseFormat::B64Json);
        assert_eq!(gpt.quality, Quality::Medium);
        assert_eq!(gpt.background, Background::Opaque);
        assert_eq!(gpt.encoding.compression, 100);
    }

    #[test]
    fn edits_pick_the_size_closest_to_the_input() {
        assert_eq!(resolve_size(None, Some((2000, 1000))), (1536, 1024));
        assert_eq!(resolve_size(Some(&Size::Auto), Some((600, 1000))), (1024, 1536));
        assert_eq!(resolve_size(None, Some((512, 500))), (1024, 1024));
        assert_eq!(resolve_size(Some(&Size::pixels(2048, 1152)), None), (2048, 1152));
        assert!(check_model(&Model::from("flux")).is_err());
    }
}
