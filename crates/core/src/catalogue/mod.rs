//! The model catalogue: every fact about every model this crate knows, in
//! one table ([`MODELS`]), and how a model name resolves to an entry
//! ([`resolve`]).
//!
//! Validation, the local server's emulated models and usage, the
//! playground's pickers and cost estimate, the npm package's TypeScript
//! unions and the README's model table are all derived from this table:
//! adding a model is one entry in `models.rs` and its tests.

mod models;
mod resolve;

pub use models::{
    AS_OF, DEFAULT_EDIT_MODEL, DEFAULT_GENERATE_MODEL, DEFAULT_GPT_MODEL, FAMILIES, GPT_ONLY_PARAMETERS,
    IMAGE_INPUT_TOKENS, MODELS, SUGGESTED_MODEL,
};
pub use resolve::{Match, Resolved, resolve};

use crate::params::{Complexity, Quality};

/// The most input images one edit takes.
pub const MAX_EDIT_IMAGES: usize = 16;

/// Where the API lists its models, below the base URL.
pub const MODELS_PATH: &str = "/models";
use crate::size::Size;

/// One model, as OpenAI documents it.
#[derive(Debug)]
pub struct ModelSpec {
    /// The name to send, e.g. `gpt-image-2.5-flare`.
    pub id: &'static str,
    /// Dated snapshots that follow the same rules, e.g. `gpt-image-2.5-flare-2026-09-08`.
    pub snapshots: &'static [&'static str],
    /// The family whose rules an unknown relative of this model shares.
    pub family: Family,
    /// One line for people: what the model is for.
    pub summary: &'static str,
    /// When it was released, as the Unix time `GET /v1/models` reports.
    pub created: i64,
    /// The sizes it makes.
    pub sizes: SizeRule,
    /// The `quality` values it takes, `auto` included, from least to most effort.
    pub qualities: &'static [Quality],
    /// Image output tokens of one 1024x1024 image per quality, for usage
    /// estimates (scaled by pixel area for other sizes).
    pub output_tokens: &'static [(Quality, u32)],
    /// Whether `background: transparent` works.
    pub transparency: Support,
    /// The most images one request makes (`n` is 1 to this).
    pub max_n: u32,
    /// The longest prompt, in characters.
    pub prompt_limit: u32,
    /// The most partial images a stream sends before the final one
    /// (`partial_images` is 0 to this); 0 for a model that does not stream.
    pub max_partial_images: u32,
    /// Whether it takes the parameters only the GPT image models take
    /// ([`GPT_ONLY_PARAMETERS`]).
    pub gpt_parameters: bool,
    /// Whether it takes `complexity`.
    pub complexity: Support,
    /// What each `complexity` level costs in planning, for the models that
    /// plan (estimates for emulated usage and latency).
    pub planning: Option<&'static Planning>,
    /// Its animated GIF output (`output_format: gif`), if it has one.
    pub gif: Option<&'static GifRules>,
    /// Whether it writes SVG (`output_format: svg`, with `svg.model`).
    pub svg: Support,
    /// Whether its edits take `markup`.
    pub markup: Support,
    /// Whether it takes `style` (`dall-e-3`).
    pub style: bool,
    /// Whether edits take `input_fidelity`.
    pub input_fidelity: Support,
    /// What its edits take.
    pub edits: Edits,
    /// What it costs at OpenAI.
    pub prices: Pricing,
    /// When OpenAI retired it (or will), as `YYYY-MM-DD`; other providers may still serve it.
    pub retired: Option<&'static str>,
}

/// The rules of animated GIF output.
#[derive(Debug)]
pub struct GifRules {
    /// The fewest and the most frames.
    pub frames: (u32, u32),
    /// The frames of a GIF without `frame_count`.
    pub default_frames: u32,
    /// The shortest frame, in milliseconds.
    pub min_frame_ms: u32,
    /// A frame's duration without `frame_duration_ms`.
    pub default_frame_ms: u32,
    /// Durations are rounded to this many milliseconds.
    pub frame_ms_step: u32,
    /// All frames are drawn on one sheet, which must fit the model's sizes:
    /// up to so many frames, square frames up to so many pixels a side
    /// (measured by a gateway, not published).
    pub square_caps: &'static [(u32, u32)],
}

impl GifRules {
    /// The largest square frame side measured to work with `frames` frames.
    pub fn square_cap(&self, frames: u32) -> Option<u32> {
        self.square_caps.iter().find(|(most, _)| frames <= *most).map(|(_, side)| *side)
    }

    /// The frames a request gets: `frame_count` within the range, else the
    /// default (what a gateway saw for 1 or 17 frames).
    pub fn frames(&self, frame_count: Option<u32>) -> u32 {
        let (fewest, most) = self.frames;
        frame_count.filter(|frames| (fewest..=most).contains(frames)).unwrap_or(self.default_frames)
    }

    /// A frame's duration in milliseconds: `frame_duration_ms` (the default
    /// without one), at least the shortest, rounded to the step.
    pub fn frame_ms(&self, frame_duration_ms: Option<u32>) -> u32 {
        let asked = frame_duration_ms.unwrap_or(self.default_frame_ms).max(self.min_frame_ms);
        let step = self.frame_ms_step.max(1);
        (asked + step / 2) / step * step
    }
}

/// What `complexity` (how much the model plans before drawing) costs a
/// model. OpenAI states no charge and publishes no numbers: these are the
/// catalogue's estimates, for emulated usage and latency.
#[derive(Debug)]
pub struct Planning {
    /// The level without `complexity`.
    pub default: Complexity,
    /// Each level's planning, from least to most.
    pub levels: &'static [PlanningLevel],
}

/// One `complexity` level's planning of one image.
#[derive(Debug)]
pub struct PlanningLevel {
    /// The level.
    pub complexity: Complexity,
    /// Tokens spent planning one image (output text tokens in `usage`).
    pub tokens: u32,
    /// Time per image, in percent of the default level's.
    pub latency_percent: u32,
}

impl Planning {
    /// The planning of `complexity`; the default level's without one, or
    /// for a value this crate does not know.
    pub fn level(&self, complexity: Option<&Complexity>) -> &PlanningLevel {
        let asked = complexity.and_then(|asked| self.levels.iter().find(|level| level.complexity == *asked));
        asked
            .or_else(|| self.levels.iter().find(|level| level.complexity == self.default))
            .expect("a model's planning lists its default level")
    }
}

/// How an input image is counted in tokens: scaled to fit a square of
/// `fit` pixels, then its shorter side to `shorter_side` (never upscaled),
/// and cut into tiles of `tile` pixels: `base + per_tile * tiles`.
#[derive(Debug)]
pub struct ImageInputTokens {
    /// The square an image is first scaled to fit.
    pub fit: u32,
    /// The shorter side after the second scaling.
    pub shorter_side: u32,
    /// A tile's side.
    pub tile: u32,
    /// Tokens of every input image.
    pub base: u64,
    /// Tokens of each tile.
    pub per_tile: u64,
}

impl ImageInputTokens {
    /// The input tokens of one image of this size.
    pub fn tokens(&self, width: u32, height: u32) -> u64 {
        let (mut w, mut h) = (f64::from(width.max(1)), f64::from(height.max(1)));
        let fit = (f64::from(self.fit) / w.max(h)).min(1.0);
        (w, h) = (w * fit, h * fit);
        let shorter = (f64::from(self.shorter_side) / w.min(h)).min(1.0);
        (w, h) = (w * shorter, h * shorter);
        let tile = f64::from(self.tile);
        let tiles = (w / tile).ceil() as u64 * (h / tile).ceil() as u64;
        self.base + self.per_tile * tiles
    }

    /// The size of an input image that costs the most tokens (for an image
    /// whose size cannot be seen).
    pub fn costliest(&self) -> (u32, u32) {
        (self.fit, self.shorter_side)
    }
}

/// A group of models that share their rules; an unknown name that starts
/// like a family's members is checked with the rules all of them share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`.
    GptImage2_6,
    /// `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`.
    GptImage2_5,
    /// `gpt-image-2`.
    GptImage2,
    /// `gpt-image-1`, `gpt-image-1.5`, `gpt-image-1-mini`, `chatgpt-image-latest`.
    GptImage1,
    /// `dall-e-3`.
    DallE3,
    /// `dall-e-2`.
    DallE2,
}

/// A family's name for people and the name prefixes of its unknown members.
#[derive(Debug)]
pub struct FamilySpec {
    /// The family.
    pub family: Family,
    /// Its name for people, e.g. "GPT Image 2.5".
    pub name: &'static str,
    /// Names that start with one of these (after any `provider/` part) are
    /// unknown members of the family.
    pub prefixes: &'static [&'static str],
}

/// The sizes a model makes.
#[derive(Debug)]
pub enum SizeRule {
    /// Only these sizes (`auto` among them where the model takes it).
    Standard(&'static [Size]),
    /// `auto` or any `WIDTHxHEIGHT` within these limits.
    Custom(&'static CustomSizes),
}

/// The limits of custom sizes (`gpt-image-2` and later).
#[derive(Debug)]
pub struct CustomSizes {
    /// Both sides are multiples of this.
    pub step: u32,
    /// The longest edge.
    pub max_edge: u32,
    /// The widest aspect ratio, either way (`3` is 3:1).
    pub max_aspect_ratio: u32,
    /// The fewest pixels.
    pub min_pixels: u64,
    /// The most pixels.
    pub max_pixels: u64,
    /// With more pixels than this size OpenAI calls the result experimental.
    pub experimental_above: (u32, u32),
    /// Sizes to offer people first; any other within the limits works too.
    pub presets: &'static [Size],
}

/// Whether a model supports a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Supported.
    Yes,
    /// Supported as a preview: results may vary.
    Preview,
    /// Sources disagree: sent as asked, with a warning.
    Unclear,
    /// Refused by the API.
    No,
}

/// What a model's edits take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edits {
    /// It cannot edit.
    None,
    /// One square PNG under 4 MB (`dall-e-2`).
    OneSquarePng,
    /// Up to this many PNG, WebP or JPEG images under 50 MB each.
    Images(usize),
}

/// What a model costs at OpenAI, in US dollars.
#[derive(Debug)]
pub enum Pricing {
    /// Per million tokens.
    Tokens(TokenPrices),
    /// Per image, by quality and size; a quality of `auto` or none counts as `standard`.
    PerImage(&'static [(Quality, Size, f64)]),
}

/// Dollars per million tokens.
#[derive(Debug)]
pub struct TokenPrices {
    /// Text input.
    pub text_input: f64,
    /// Cached text input.
    pub text_input_cached: f64,
    /// Image input.
    pub image_input: f64,
    /// Cached image input.
    pub image_input_cached: f64,
    /// Image output.
    pub image_output: f64,
}

/// Where a model stands at OpenAI on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Served, with no retirement announced.
    Current,
    /// Served until this day (`YYYY-MM-DD`).
    Retiring(&'static str),
    /// Retired on this day (`YYYY-MM-DD`).
    Retired(&'static str),
}

/// Two entries are the same model when their ids are.
impl PartialEq for ModelSpec {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for ModelSpec {}

impl ModelSpec {
    /// Every name of the model: its id, then its snapshots.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.id).chain(self.snapshots.iter().copied())
    }

    /// Where the model stands at OpenAI on `today` (`YYYY-MM-DD`); without a
    /// day, or with one before the catalogue's, on [`AS_OF`].
    pub fn lifecycle(&self, today: Option<&str>) -> Lifecycle {
        let today = today.filter(|day| *day > AS_OF).unwrap_or(AS_OF);
        match self.retired {
            None => Lifecycle::Current,
            Some(day) if day <= today => Lifecycle::Retired(day),
            Some(day) => Lifecycle::Retiring(day),
        }
    }

    /// Whether the model takes this quality (known to this crate).
    pub fn takes_quality(&self, quality: &Quality) -> bool {
        self.qualities.contains(quality)
    }

    /// The sizes to offer people: the standard ones, or the custom presets.
    pub fn size_presets(&self) -> &'static [Size] {
        match self.sizes {
            SizeRule::Standard(sizes) => sizes,
            SizeRule::Custom(custom) => custom.presets,
        }
    }

    /// Whether any `WIDTHxHEIGHT` within limits works (not only presets).
    pub fn custom_sizes(&self) -> Option<&'static CustomSizes> {
        match self.sizes {
            SizeRule::Custom(custom) => Some(custom),
            SizeRule::Standard(_) => None,
        }
    }

    /// Estimated image output tokens of `n` images of this size and quality
    /// (`auto` and unknown qualities count as the middle one listed); for a
    /// GIF, `n` counts every frame of every image.
    pub fn output_tokens(&self, quality: Option<&Quality>, width: u32, height: u32, n: u32) -> u64 {
        let listed = quality.and_then(|quality| self.output_tokens.iter().find(|(q, _)| q == quality));
        let middle = self.output_tokens.get(self.output_tokens.len() / 2);
        let base = listed.or(middle).map_or(0, |(_, tokens)| u64::from(*tokens));
        let area = u64::from(width) * u64::from(height);
        (base * area + 512 * 1024) / (1024 * 1024) * u64::from(n)
    }

    /// The family's entry.
    pub fn family_spec(&self) -> &'static FamilySpec {
        self.family.spec()
    }
}

impl Family {
    /// The family's entry in [`FAMILIES`].
    pub fn spec(self) -> &'static FamilySpec {
        FAMILIES.iter().find(|spec| spec.family == self).expect("every family is listed in FAMILIES")
    }

    /// The known models of the family.
    pub fn members(self) -> impl Iterator<Item = &'static ModelSpec> {
        MODELS.iter().filter(move |model| model.family == self)
    }
}

impl Pricing {
    /// The estimated cost in dollars of a request: from its `usage` (text
    /// and image input tokens, image output tokens) for token-priced models,
    /// else per image from the quality and size.
    pub fn estimate(
        &self,
        tokens: Option<(u64, u64, u64)>,
        quality: Option<&Quality>,
        size: Option<&Size>,
        n: u32,
    ) -> Option<f64> {
        match self {
            Pricing::Tokens(prices) => {
                let (text_in, image_in, image_out) = tokens?;
                let per_million = text_in as f64 * prices.text_input
                    + image_in as f64 * prices.image_input
                    + image_out as f64 * prices.image_output;
                Some(per_million / 1_000_000.0)
            }
            Pricing::PerImage(prices) => {
                let quality = match quality {
                    None | Some(Quality::Auto) => &Quality::Standard,
                    Some(quality) => quality,
                };
                let size = size.filter(|size| **size != Size::Auto).cloned().unwrap_or(Size::SQUARE);
                let each = prices.iter().find(|(q, s, _)| q == quality && *s == size).map(|(_, _, price)| *price)?;
                Some(each * f64::from(n))
            }
        }
    }
}

/// The entry of a model by exact name (an id or a snapshot).
pub fn find(name: &str) -> Option<&'static ModelSpec> {
    MODELS.iter().find(|model| model.names().any(|known| known == name))
}

/// The most of `field` any known model allows: the limit checked, as a
/// warning, for a model the catalogue cannot place.
pub fn most_of(field: fn(&ModelSpec) -> u32) -> u32 {
    MODELS.iter().map(field).max().unwrap_or_default()
}

/// Every known model name: ids and snapshots, in catalogue order.
pub fn known_names() -> impl Iterator<Item = &'static str> {
    MODELS.iter().flat_map(ModelSpec::names)
}

/// Every quality any known model takes, in order of effort, each once.
pub fn known_qualities() -> Vec<&'static Quality> {
    let mut all: Vec<&'static Quality> = Vec::new();
    for model in MODELS {
        for quality in model.qualities {
            if !all.contains(&quality) {
                all.push(quality);
            }
        }
    }
    all
}
