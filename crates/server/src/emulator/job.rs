//! A request with every default resolved: what to draw, how big, in which
//! format, and how to answer.

use std::sync::Arc;

use gpt_image_core::catalogue::{self, Match, ModelSpec};
use gpt_image_core::parameters::Shared;
use gpt_image_core::{
    Background, Complexity, EditRequest, Endpoint, GenerateRequest, ImageFormat, Model, Quality, ResponseFormat, Size,
    Usage,
};
use image::RgbaImage;

use super::encode::Encoding;
use super::retouch::Source;
use crate::error::ApiFailure;

/// One generation or edit, every `auto` and absent field resolved.
#[derive(Debug, Clone)]
pub struct Job {
    /// Which endpoint it answers; it names the stream events.
    pub endpoint: Endpoint,
    /// The model's catalogue entry (the API's default model when none was
    /// given): its qualities, parameters and tokens.
    pub spec: &'static ModelSpec,
    /// The prompt.
    pub prompt: String,
    /// How many images.
    pub n: u32,
    /// Output width in pixels (a GIF's frame width).
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// A quality the model takes, never `auto`.
    pub quality: Quality,
    /// How much the model plans, for the models whose catalogue entry has
    /// planning: as asked, else their default.
    pub complexity: Option<Complexity>,
    /// `opaque` or `transparent`.
    pub background: Background,
    /// How each image is written.
    pub encoding: Encoding,
    /// The frames of an animated GIF.
    pub animation: Option<Animation>,
    /// The text model that writes an SVG (`svg.model`), if named.
    pub svg_model: Option<String>,
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

/// An animated GIF's frames, as the model's GIF rules resolve them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Animation {
    /// How many frames.
    pub frames: u32,
    /// How long each shows, in milliseconds.
    pub frame_ms: u32,
}

/// The catalogue entry of a model this server emulates: every name the
/// catalogue lists (ids and snapshots, with or without a `provider/` part).
/// Any other name is refused with `model_not_found`.
pub fn check_model(model: &Model) -> Result<&'static ModelSpec, ApiFailure> {
    if let Match::Known(spec) = model.resolve().matched {
        return Ok(spec);
    }
    let ids: Vec<&str> = catalogue::MODELS.iter().map(|spec| spec.id).collect();
    Err(ApiFailure::invalid(
        format!("The model `{model}` does not exist. This server emulates: {}", ids.join(", ")),
        Some("model"),
        "model_not_found",
    ))
}

impl Job {
    /// Resolves a validated generation request for its model's entry (see [`check_model`]).
    pub fn generate(request: &GenerateRequest, spec: &'static ModelSpec) -> Job {
        let shared = request.shared();
        let size = resolve_size(shared.size, None);
        Job::resolve(Endpoint::Generate, spec, shared, &request.prompt, size)
    }

    /// Resolves a validated edit request for its model's entry; `first` is
    /// the size of the first input image.
    pub fn edit(request: &EditRequest, spec: &'static ModelSpec, first: (u32, u32)) -> Job {
        let shared = request.shared();
        let size = resolve_size(shared.size, Some(first));
        Job::resolve(Endpoint::Edit, spec, shared, &request.prompt, size)
    }

    /// Resolves the image parameters of a turn's `image_generation` tool
    /// (validated with the turn) for its model's entry: one image, as
    /// base64, streamed only with the response itself; `source` is the size
    /// of the image it edits, when it edits one.
    pub fn tool(image: &EditRequest, prompt: &str, spec: &'static ModelSpec, source: Option<(u32, u32)>) -> Job {
        let shared = image.shared();
        let size = resolve_size(shared.size, source);
        let endpoint = if source.is_some() { Endpoint::Edit } else { Endpoint::Generate };
        Job {
            n: 1,
            stream: false,
            response_format: ResponseFormat::B64Json,
            ..Job::resolve(endpoint, spec, shared, prompt, size)
        }
    }

    fn resolve(
        endpoint: Endpoint,
        spec: &'static ModelSpec,
        asked: Shared,
        prompt: &str,
        (width, height): (u32, u32),
    ) -> Job {
        let gpt = spec.gpt_parameters;
        let quality = match asked.quality {
            Some(Quality::Auto) | None if spec.takes_quality(&Quality::Medium) => Quality::Medium,
            Some(Quality::Auto) | None => Quality::Standard,
            Some(quality) => quality.clone(),
        };
        let background = match asked.background {
            Some(Background::Transparent) => Background::Transparent,
            _ => Background::Opaque,
        };
        let format = if gpt { asked.output_format.cloned().unwrap_or(ImageFormat::Png) } else { ImageFormat::Png };
        let animation = spec.gif.filter(|_| format == ImageFormat::Gif).map(|rules| Animation {
            frames: rules.frames(asked.frame_count.copied()),
            frame_ms: rules.frame_ms(asked.frame_duration_ms.copied()),
        });
        let svg_model = asked.svg.and_then(|options| options.model()).map(str::to_owned);
        let complexity = spec.planning.map(|planning| planning.level(asked.complexity).complexity.clone());
        let default_response = if gpt { ResponseFormat::B64Json } else { ResponseFormat::Url };
        Job {
            endpoint,
            prompt: prompt.to_owned(),
            n: asked.n.copied().unwrap_or(1).max(1),
            width,
            height,
            quality,
            complexity,
            encoding: Encoding {
                alpha: background == Background::Transparent && format != ImageFormat::Jpeg,
                format,
                compression: asked.output_compression.copied().unwrap_or(100).min(100) as u8,
            },
            animation,
            svg_model,
            background,
            response_format: asked.response_format.cloned().unwrap_or(default_response),
            stream: asked.stream.copied().unwrap_or(false),
            partial_images: asked.partial_images.copied().unwrap_or(0).min(spec.max_partial_images),
            input_sizes: Vec::new(),
            source: None,
            spec,
        }
    }

    /// Whether the model takes the GPT image models' parameters; only those
    /// report size, quality and background.
    pub fn is_gpt_image(&self) -> bool {
        self.spec.gpt_parameters
    }

    /// The size as the API spells it.
    pub fn size(&self) -> Size {
        Size::pixels(self.width, self.height)
    }

    /// The pictures one image holds: a GIF's frames, else one.
    pub fn frames(&self) -> u32 {
        self.animation.map_or(1, |animation| animation.frames)
    }

    /// The model's planning of this job's complexity, for the models that plan.
    fn planning(&self) -> Option<&'static catalogue::PlanningLevel> {
        self.spec.planning.map(|planning| planning.level(self.complexity.as_ref()))
    }

    /// How long the job takes, in percent of its quality's time: its
    /// complexity's share for the models that plan, else all of it.
    pub fn latency_percent(&self) -> u32 {
        self.planning().map_or(100, |level| level.latency_percent)
    }

    /// The tokens this job costs: the catalogue's output tokens for the
    /// model, quality and size (every frame of a GIF), its planning as output
    /// text tokens, and the server's estimate of the input (see [`crate::usage`]).
    pub fn usage(&self) -> Usage {
        let pictures = self.n * self.frames();
        let output = self.spec.output_tokens(Some(&self.quality), self.width, self.height, pictures);
        let planning = self.planning().map_or(0, |level| u64::from(level.tokens) * u64::from(self.n));
        crate::usage::usage(&self.prompt, &self.input_sizes, output, planning)
    }

    /// Draws image `index` (a GIF's first frame): a new picture, or the edited input.
    pub fn render(&self, index: u32) -> RgbaImage {
        self.draw(index, 0)
    }

    /// Draws image `index` with its shapes `shift` pixels to the right.
    pub fn draw(&self, index: u32, shift: u32) -> RgbaImage {
        let transparent = self.encoding.alpha;
        match &self.source {
            None => super::draw::generate(&self.prompt, index, self.width, self.height, transparent, shift),
            Some(source) => super::retouch::retouch(source, &self.prompt, index, transparent, shift),
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

    fn generate(request: GenerateRequest) -> Job {
        let spec = check_model(&request.effective_model()).unwrap();
        Job::generate(&request, spec)
    }

    #[test]
    fn defaults_follow_the_api() {
        let dalle = generate(GenerateRequest::new("x"));
        assert_eq!(dalle.spec.id, catalogue::DEFAULT_GENERATE_MODEL);
        assert_eq!(dalle.response_format, ResponseFormat::Url);
        assert_eq!(dalle.quality, Quality::Standard);
        assert_eq!((dalle.width, dalle.height), (1024, 1024));
        let gpt = generate(GenerateRequest { output_format: Some(ImageFormat::Webp), ..GenerateRequest::new("x") });
        assert_eq!(gpt.spec.id, catalogue::DEFAULT_GPT_MODEL);
        assert_eq!(gpt.response_format, ResponseFormat::B64Json);
        assert_eq!(gpt.quality, Quality::Medium);
        assert_eq!(gpt.background, Background::Opaque);
        assert_eq!(gpt.encoding.compression, 100);
    }

    #[test]
    fn every_catalogue_name_is_emulated_and_nothing_else() {
        for name in catalogue::known_names() {
            assert!(check_model(&Model::from(name)).is_ok(), "{name}");
        }
        assert_eq!(check_model(&Model::from("openai/gpt-image-2.5-flare")).unwrap().id, "gpt-image-2.5-flare");
        for name in ["flux", "gpt-image-2.5-blaze", "gpt-image-2-2027-01-15", ""] {
            let failure = check_model(&Model::from(name)).unwrap_err();
            assert_eq!(failure.error.code.as_deref(), Some("model_not_found"), "{name}");
            assert!(failure.error.message.contains("gpt-image-2.5-sunburst"));
        }
    }

    #[test]
    fn usage_follows_the_catalogue() {
        let flare = |quality| {
            generate(GenerateRequest {
                model: Some(Model::from("gpt-image-2.5-flare")),
                quality: Some(quality),
                ..GenerateRequest::new("x")
            })
        };
        let spec = check_model(&Model::from("gpt-image-2.5-flare")).unwrap();
        for quality in [Quality::Low, Quality::Medium, Quality::High, Quality::Xhigh, Quality::Max] {
            let job = flare(quality.clone());
            let expected = spec.output_tokens(Some(&quality), 1024, 1024, 1);
            assert_eq!(job.usage().output_tokens, expected, "{quality}");
        }
        assert_eq!(flare(Quality::Auto).quality, Quality::Medium);
        // Area scaling reproduces OpenAI's published gpt-image-1 counts for 1024x1536.
        let tall = generate(GenerateRequest {
            model: Some(Model::from("gpt-image-1")),
            quality: Some(Quality::Low),
            size: Some(Size::PORTRAIT),
            ..GenerateRequest::new("x")
        });
        assert_eq!(tall.usage().output_tokens, 408);
    }

    #[test]
    fn edits_pick_the_size_closest_to_the_input() {
        assert_eq!(resolve_size(None, Some((2000, 1000))), (1536, 1024));
        assert_eq!(resolve_size(Some(&Size::Auto), Some((600, 1000))), (1024, 1536));
        assert_eq!(resolve_size(None, Some((512, 500))), (1024, 1024));
        assert_eq!(resolve_size(Some(&Size::pixels(2048, 1152)), None), (2048, 1152));
    }
}
