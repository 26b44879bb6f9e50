//! The table itself: every model this crate knows, as data.
//!
//! Sources: OpenAI's OpenAPI specification of the Images API (2026-08-21,
//! `tests/spec/images.openapi.yaml`), its model and pricing pages, for
//! GPT Image 2.5 (released 2026-09-08) the summary in
//! `shared/reference/images-api-2026-11.md`, and for GPT Image 2.6
//! (released 2026-11-04) and the retirements of 2026-12-01 the one in
//! `shared/reference/images-api-2026-12.md` (OpenAI's pages as quoted by
//! public projects, September–December 2026). Where a number is an
//! estimate rather than a published figure, or sources disagree, its line
//! says so.

use super::{
    CustomSizes, Edits, Family, FamilySpec, GifRules, ImageInputTokens, MAX_EDIT_IMAGES, ModelSpec, Planning,
    PlanningLevel, Pricing, SizeRule, Support, TokenPrices,
};
use crate::params::Complexity;
use crate::params::Quality::{self, Auto, Hd, High, Low, Max, Medium, Standard, Xhigh};
use crate::size::Size;

/// The day the catalogue was last checked against OpenAI's pages.
pub const AS_OF: &str = "2026-12-07";

/// The parameters only the GPT image models take: a request without a
/// model that sets one goes to [`DEFAULT_GPT_MODEL`], and models without
/// `gpt_parameters` refuse them.
pub const GPT_ONLY_PARAMETERS: &[&str] = &[
    "background",
    "moderation",
    "output_format",
    "output_compression",
    "stream",
    "partial_images",
    "complexity",
    "frame_count",
    "frame_duration_ms",
    "svg",
];

/// The model tools offer first (the playground starts with it): current,
/// with custom sizes, and the cheapest of those per image at low quality.
pub const SUGGESTED_MODEL: &str = "gpt-image-2";

/// The API's model for generations when none is given.
pub const DEFAULT_GENERATE_MODEL: &str = "dall-e-2";
/// The API's model for generations without a model that set a parameter
/// only the GPT image models take, and for edits without a model.
pub const DEFAULT_GPT_MODEL: &str = "gpt-image-1.5";
/// The API's model for edits when none is given.
pub const DEFAULT_EDIT_MODEL: &str = DEFAULT_GPT_MODEL;

/// `gpt-image-2`, GPT Image 2.5 and 2.6: any `WIDTHxHEIGHT` with both sides
/// multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655,360 to
/// 8,294,400 pixels; above 2560x1440 is experimental.
static CUSTOM: CustomSizes = CustomSizes {
    step: 16,
    max_edge: 3840,
    max_aspect_ratio: 3,
    min_pixels: 655_360,
    max_pixels: 8_294_400,
    experimental_above: (2560, 1440),
    presets: &[
        Size::Auto,
        Size::SQUARE,
        Size::LANDSCAPE,
        Size::PORTRAIT,
        Size::pixels(2048, 1152),
        Size::pixels(1152, 2048),
        Size::pixels(3840, 2160),
    ],
};

/// The first GPT image models' sizes.
static GPT_IMAGE_1_SIZES: &[Size] = &[Size::Auto, Size::SQUARE, Size::LANDSCAPE, Size::PORTRAIT];

static GPT_QUALITIES: &[Quality] = &[Low, Medium, High, Auto];
static GPT_IMAGE_2_5_QUALITIES: &[Quality] = &[Low, Medium, High, Xhigh, Max, Auto];

/// Published output tokens of a 1024x1024 `gpt-image-1` image (image
/// generation guide, "Cost and latency"); used for every model of the first
/// two generations, whose own counts are not published.
static GPT_IMAGE_1_TOKENS: &[(Quality, u32)] = &[(Low, 272), (Medium, 1056), (High, 4160)];
/// Output tokens of a 1024x1024 `gpt-image-2.5-flare` image by quality, as
/// measured and published by users; assumed for Sunburst too.
static GPT_IMAGE_2_5_TOKENS: &[(Quality, u32)] = &[(Low, 196), (Medium, 439), (High, 1756), (Xhigh, 3122), (Max, 7024)];
/// GPT Image 2.6: a gateway measured 3 to 4 times 2.5's output tokens at
/// low and medium quality (3.5 times here, an estimate), the same at high
/// and above.
static GPT_IMAGE_2_6_TOKENS: &[(Quality, u32)] =
    &[(Low, 686), (Medium, 1537), (High, 1756), (Xhigh, 3122), (Max, 7024)];

/// GPT Image 2.6's animated GIFs: 2 to 16 frames (9 by default), each at
/// least 20 ms (200 by default), rounded to 10 ms. The sheet caps are a
/// gateway's measurements.
static GPT_IMAGE_2_6_GIF: GifRules = GifRules {
    frames: (2, 16),
    default_frames: 9,
    min_frame_ms: 20,
    default_frame_ms: 200,
    frame_ms_step: 10,
    square_caps: &[(9, 960), (12, 816), (16, 720)],
};

/// GPT Image 2.6's `complexity`, `high` by default. Neither the planning
/// tokens nor the time are published (no charge is stated, more latency
/// when higher): estimates, so that emulated usage and latency follow the level.
static GPT_IMAGE_2_6_PLANNING: Planning = Planning {
    default: Complexity::High,
    levels: &[
        PlanningLevel { complexity: Complexity::Low, tokens: 64, latency_percent: 40 },
        PlanningLevel { complexity: Complexity::Medium, tokens: 256, latency_percent: 70 },
        PlanningLevel { complexity: Complexity::High, tokens: 1024, latency_percent: 100 },
    ],
};

/// Input image tokens, for every model: the base and tile costs OpenAI
/// lists for GPT Image 1 in its vision guide ("Calculating costs").
pub static IMAGE_INPUT_TOKENS: ImageInputTokens =
    ImageInputTokens { fit: 2048, shorter_side: 768, tile: 512, base: 65, per_tile: 129 };

/// DALL·E bills per image; these token counts only shape emulated usage.
static DALL_E_3_TOKENS: &[(Quality, u32)] = &[(Standard, 1056), (Hd, 4160)];
static DALL_E_2_TOKENS: &[(Quality, u32)] = &[(Standard, 1056)];

/// GPT Image 2, 2.5 and 2.6: $5 text in (1.25 cached), $8 image in (2 cached), $30 image out.
const GPT_IMAGE_2_PRICES: TokenPrices = TokenPrices {
    text_input: 5.0,
    text_input_cached: 1.25,
    image_input: 8.0,
    image_input_cached: 2.0,
    image_output: 30.0,
};
/// `gpt-image-1.5` and `chatgpt-image-latest`.
const GPT_IMAGE_1_5_PRICES: TokenPrices = TokenPrices {
    text_input: 5.0,
    text_input_cached: 1.25,
    image_input: 8.0,
    image_input_cached: 2.0,
    image_output: 32.0,
};

/// The families, with the name prefixes of their unknown members.
pub static FAMILIES: &[FamilySpec] = &[
    FamilySpec { family: Family::GptImage2_6, name: "GPT Image 2.6", prefixes: &["gpt-image-2.6-"] },
    FamilySpec { family: Family::GptImage2_5, name: "GPT Image 2.5", prefixes: &["gpt-image-2.5-"] },
    FamilySpec { family: Family::GptImage2, name: "GPT Image 2", prefixes: &["gpt-image-2-"] },
    FamilySpec {
        family: Family::GptImage1,
        name: "GPT Image 1",
        prefixes: &["gpt-image-1-", "gpt-image-1.", "chatgpt-image-"],
    },
    FamilySpec { family: Family::DallE3, name: "DALL·E 3", prefixes: &["dall-e-3-"] },
    FamilySpec { family: Family::DallE2, name: "DALL·E 2", prefixes: &["dall-e-2-"] },
];

/// What every GPT Image 2.5 model shares; each entry below adds its names.
const GPT_IMAGE_2_5: ModelSpec = ModelSpec {
    id: "",
    snapshots: &[],
    family: Family::GptImage2_5,
    summary: "",
    created: 1_788_825_600, // 2026-09-08
    sizes: SizeRule::Custom(&CUSTOM),
    qualities: GPT_IMAGE_2_5_QUALITIES,
    output_tokens: GPT_IMAGE_2_5_TOKENS,
    transparency: Support::Yes,
    max_n: 10,
    prompt_limit: 32_000,
    max_partial_images: 3,
    gpt_parameters: true,
    // One source says only 2.6 takes it; what earlier models do with it is undocumented.
    complexity: Support::Unclear,
    planning: None,
    gif: None,
    svg: Support::No,
    markup: Support::Unclear,
    style: false,
    input_fidelity: Support::Unclear, // the API reference says "and later"; an integration sends none
    edits: Edits::Images(MAX_EDIT_IMAGES),
    prices: Pricing::Tokens(GPT_IMAGE_2_PRICES),
    retired: None,
};

/// What both GPT Image 2.6 models share: 2.5's sizes, qualities and
/// prices, with `complexity`, GIF and SVG output and markup edits.
const GPT_IMAGE_2_6: ModelSpec = ModelSpec {
    family: Family::GptImage2_6,
    created: 1_793_750_400, // 2026-11-04
    output_tokens: GPT_IMAGE_2_6_TOKENS,
    complexity: Support::Yes,
    planning: Some(&GPT_IMAGE_2_6_PLANNING),
    // Needs preview access on the account.
    gif: Some(&GPT_IMAGE_2_6_GIF),
    svg: Support::Yes,
    markup: Support::Yes,
    ..GPT_IMAGE_2_5
};

/// What the first GPT image models share; each entry below adds its names,
/// and its prices and retirement where they differ.
const GPT_IMAGE_1: ModelSpec = ModelSpec {
    id: "",
    snapshots: &[],
    family: Family::GptImage1,
    summary: "",
    created: 1_763_424_000,
    sizes: SizeRule::Standard(GPT_IMAGE_1_SIZES),
    qualities: GPT_QUALITIES,
    output_tokens: GPT_IMAGE_1_TOKENS,
    transparency: Support::Yes,
    max_n: 10,
    prompt_limit: 32_000,
    max_partial_images: 3,
    gpt_parameters: true,
    complexity: Support::Unclear,
    planning: None,
    gif: None,
    svg: Support::No,
    markup: Support::Unclear,
    style: false,
    input_fidelity: Support::Yes,
    edits: Edits::Images(MAX_EDIT_IMAGES),
    prices: Pricing::Tokens(GPT_IMAGE_1_5_PRICES),
    retired: Some("2026-12-01"), // Azure: 2026-12-16 for gpt-image-1.5
};

/// Every model, newest family first.
pub static MODELS: &[ModelSpec] = &[
    ModelSpec {
        id: "gpt-image-2.6-flare",
        summary: "GPT Image 2.6, fast: drafts, posters, batches; GIF and SVG output",
        ..GPT_IMAGE_2_6
    },
    ModelSpec {
        id: "gpt-image-2.6-sunburst",
        summary: "GPT Image 2.6, for detail, small type and subjects that stay steady across edits",
        ..GPT_IMAGE_2_6
    },
    ModelSpec {
        id: "gpt-image-2.5-flare",
        snapshots: &["gpt-image-2.5-flare-2026-09-08"],
        summary: "GPT Image 2.5, the fast everyday model",
        ..GPT_IMAGE_2_5
    },
    ModelSpec {
        id: "gpt-image-2.5-sunburst",
        snapshots: &["gpt-image-2.5-sunburst-2026-09-08"],
        summary: "GPT Image 2.5, the premium model for detail and precise edits",
        ..GPT_IMAGE_2_5
    },
    ModelSpec {
        id: "gpt-image-2",
        snapshots: &["gpt-image-2-2026-04-21"],
        family: Family::GptImage2,
        summary: "GPT Image 2: custom sizes up to 3840x2160",
        created: 1_776_729_600, // 2026-04-21
        qualities: GPT_QUALITIES,
        output_tokens: GPT_IMAGE_1_TOKENS,
        transparency: Support::Preview,
        input_fidelity: Support::Yes,
        ..GPT_IMAGE_2_5
    },
    ModelSpec { id: "gpt-image-1.5", summary: "GPT Image 1.5, the API's default for edits", ..GPT_IMAGE_1 },
    ModelSpec { id: "chatgpt-image-latest", summary: "The image model ChatGPT uses now", ..GPT_IMAGE_1 },
    ModelSpec {
        id: "gpt-image-1-mini",
        summary: "GPT Image 1 mini: the cheapest, no input_fidelity",
        created: 1_759_881_600,
        input_fidelity: Support::No,
        prices: Pricing::Tokens(TokenPrices {
            text_input: 2.0,
            text_input_cached: 0.2,
            image_input: 2.5,
            image_input_cached: 0.25,
            image_output: 8.0,
        }),
        ..GPT_IMAGE_1
    },
    ModelSpec {
        id: "gpt-image-1",
        summary: "The first GPT image model",
        created: 1_745_366_400,
        prices: Pricing::Tokens(TokenPrices {
            text_input: 5.0,
            text_input_cached: 1.25,
            image_input: 10.0,
            image_input_cached: 2.5,
            image_output: 40.0,
        }),
        retired: Some("2026-10-23"),
        ..GPT_IMAGE_1
    },
    ModelSpec {
        id: "dall-e-3",
        snapshots: &[],
        family: Family::DallE3,
        summary: "DALL·E 3: one image per request, vivid or natural",
        created: 1_698_785_189,
        sizes: SizeRule::Standard(&[Size::SQUARE, Size::WIDE, Size::TALL]),
        qualities: &[Standard, Hd, Auto],
        output_tokens: DALL_E_3_TOKENS,
        transparency: Support::No,
        max_n: 1,
        prompt_limit: 4_000,
        max_partial_images: 0,
        gpt_parameters: false,
        complexity: Support::No,
        planning: None,
        gif: None,
        svg: Support::No,
        markup: Support::No,
        style: true,
        input_fidelity: Support::No,
        edits: Edits::None,
        prices: Pricing::PerImage(&[
            (Standard, Size::SQUARE, 0.04),
            (Standard, Size::WIDE, 0.08),
            (Standard, Size::TALL, 0.08),
            (Hd, Size::SQUARE, 0.08),
            (Hd, Size::WIDE, 0.12),
            (Hd, Size::TALL, 0.12),
        ]),
        retired: Some("2026-05-12"),
    },
    ModelSpec {
        id: "dall-e-2",
        snapshots: &[],
        family: Family::DallE2,
        summary: "DALL·E 2: small square images, one-image edits",
        created: 1_698_798_177,
        sizes: SizeRule::Standard(&[Size::S256, Size::S512, Size::SQUARE]),
        qualities: &[Standard, Auto],
        output_tokens: DALL_E_2_TOKENS,
        transparency: Support::No,
        max_n: 10,
        prompt_limit: 1_000,
        max_partial_images: 0,
        gpt_parameters: false,
        complexity: Support::No,
        planning: None,
        gif: None,
        svg: Support::No,
        markup: Support::No,
        style: false,
        input_fidelity: Support::No,
        edits: Edits::OneSquarePng,
        prices: Pricing::PerImage(&[
            (Standard, Size::S256, 0.016),
            (Standard, Size::S512, 0.018),
            (Standard, Size::SQUARE, 0.02),
        ]),
        retired: Some("2026-05-12"),
    },
];
