//! The rules of the Images API, as code: [`GenerateRequest::validate`] and
//! [`EditRequest::validate`] return every problem of a request at once.
//!
//! Errors mark requests that cannot succeed; warnings mark requests that only
//! some providers accept. The rules come from the OpenAPI spec's field
//! descriptions (`images.openapi.yaml`), model by model.

use crate::edit::{EditRequest, ImageInput, MAX_EDIT_IMAGES, UploadedFile};
use crate::generate::GenerateRequest;
use crate::issue::{Issue, Report, Rule};
use crate::params::{
    Background, ImageFormat, InputFidelity, Model, ModelFamily, Moderation, Quality, ResponseFormat, Style,
};
use crate::size::Size;

/// `gpt-image-2` custom sizes: the fewest pixels.
pub const MIN_PIXELS: u64 = 655_360;
/// `gpt-image-2` custom sizes: the most pixels (3840x2160).
pub const MAX_PIXELS: u64 = 8_294_400;
/// `gpt-image-2` custom sizes: above this many pixels (2560x1440) they are experimental.
pub const EXPERIMENTAL_PIXELS: u64 = 2560 * 1440;
/// `gpt-image-2` custom sizes: the longest edge.
pub const MAX_EDGE: u32 = 3840;
/// `gpt-image-2` custom sizes: both sides are multiples of this.
pub const SIZE_STEP: u32 = 16;
/// `gpt-image-2` custom sizes: the widest aspect ratio, either way.
pub const MAX_ASPECT_RATIO: u32 = 3;

const MB: u64 = 1024 * 1024;

/// Which endpoint a request goes to; some rules differ.
#[derive(Clone, Copy, PartialEq)]
enum Endpoint {
    Generate,
    Edit,
}

/// The fields generations and edits share, with the model the API will use.
struct Common<'a> {
    endpoint: Endpoint,
    model: Model,
    model_given: bool,
    prompt: &'a str,
    n: Option<u32>,
    size: Option<&'a Size>,
    quality: Option<&'a Quality>,
    background: Option<&'a Background>,
    moderation: Option<&'a Moderation>,
    output_format: Option<&'a ImageFormat>,
    output_compression: Option<u32>,
    response_format: Option<&'a ResponseFormat>,
    stream: Option<bool>,
    partial_images: Option<u32>,
}

impl GenerateRequest {
    /// Checks the request against the API's rules for its model; returns every
    /// problem found. Without a model, the API's default applies: `dall-e-2`,
    /// or `gpt-image-1.5` when a parameter only GPT image models take is set.
    pub fn validate(&self) -> Report {
        let common = Common {
            endpoint: Endpoint::Generate,
            model: self.effective_model(),
            model_given: self.model.is_some(),
            prompt: &self.prompt,
            n: self.n,
            size: self.size.as_ref(),
            quality: self.quality.as_ref(),
            background: self.background.as_ref(),
            moderation: self.moderation.as_ref(),
            output_format: self.output_format.as_ref(),
            output_compression: self.output_compression,
            response_format: self.response_format.as_ref(),
            stream: self.stream,
            partial_images: self.partial_images,
        };
        let mut issues = Vec::new();
        common.check(&mut issues);
        if let Some(style) = &self.style {
            let family = common.model.family();
            if family != ModelFamily::DallE3 && family != ModelFamily::Unknown {
                issues.push(Issue::error(
                    "style",
                    Rule::UnsupportedByModel,
                    format!("style is only for dall-e-3, not {}", common.model_label()),
                ));
            } else {
                check_known(&mut issues, family, "style", style.as_str(), style.is_known(), Style::KNOWN);
            }
        }
        Report { issues }
    }
}

impl EditRequest {
    /// Checks the request against the API's rules for its model; returns every
    /// problem found. Without a model, the API's default (`gpt-image-1.5`) applies.
    pub fn validate(&self) -> Report {
        let common = Common {
            endpoint: Endpoint::Edit,
            model: self.effective_model(),
            model_given: self.model.is_some(),
            prompt: &self.prompt,
            n: self.n,
            size: self.size.as_ref(),
            quality: self.quality.as_ref(),
            background: self.background.as_ref(),
            moderation: self.moderation.as_ref(),
            output_format: self.output_format.as_ref(),
            output_compression: self.output_compression,
            response_format: self.response_format.as_ref(),
            stream: self.stream,
            partial_images: self.partial_images,
        };
        let mut issues = Vec::new();
        common.check(&mut issues);
        self.check_inputs(&common, &mut issues);
        if let Some(fidelity) = &self.input_fidelity {
            let family = common.model.family();
            if common.model == Model::GptImage1Mini || family == ModelFamily::DallE2 {
                issues.push(Issue::error(
                    "input_fidelity",
                    Rule::UnsupportedByModel,
                    format!("input_fidelity is not supported by {}", common.model_label()),
                ));
            } else {
                let known = fidelity.is_known();
                check_known(&mut issues, family, "input_fidelity", fidelity.as_str(), known, InputFidelity::KNOWN);
            }
        }
        Report { issues }
    }

    fn check_inputs(&self, common: &Common, issues: &mut Vec<Issue>) {
        let multipart = self.is_multipart();
        let field = if multipart { "image" } else { "images" };
        let family = common.model.family();
        match self.images.len() {
            0 => issues.push(Issue::error(field, Rule::Required, "add at least one image to edit")),
            count if count > MAX_EDIT_IMAGES => issues.push(Issue::error(
                field,
                Rule::Range,
                format!("an edit takes at most {MAX_EDIT_IMAGES} images, not {count}"),
            )),
            count if count > 1 && family == ModelFamily::DallE2 => issues.push(Issue::error(
                field,
                Rule::UnsupportedByModel,
                format!("dall-e-2 edits take one image, not {count}"),
            )),
            _ => {}
        }
        let uploads = self.images.iter().filter(|input| matches!(input, ImageInput::Upload(_))).count();
        if uploads > 0 && uploads < self.images.len() {
            issues.push(Issue::error(
                field,
                Rule::Conflict,
                "mix of uploaded files and image URLs: send either files (multipart) or URLs (JSON), not both",
            ));
        }
        if !multipart && family == ModelFamily::DallE2 && !self.images.is_empty() {
            issues.push(Issue::error(
                "images",
                Rule::UnsupportedByModel,
                "dall-e-2 edits need uploaded files: image URLs and file ids are for GPT image models",
            ));
        }
        for (index, input) in self.images.iter().enumerate() {
            let field = if multipart { format!("image[{index}]") } else { format!("images[{index}]") };
            check_input(issues, &field, input, family, InputRole::Image);
        }
        if let Some(mask) = &self.mask {
            check_input(issues, "mask", mask, family, InputRole::Mask);
            let first = match self.images.first() {
                Some(ImageInput::Upload(file)) => file.dimensions,
                _ => None,
            };
            if let (ImageInput::Upload(mask), Some(image)) = (mask, first)
                && let Some(dimensions) = mask.dimensions.filter(|&dimensions| dimensions != image)
            {
                issues.push(Issue::error(
                    "mask",
                    Rule::Dimensions,
                    format!(
                        "the mask is {}x{} but the first image is {}x{}: they must be the same size",
                        dimensions.0, dimensions.1, image.0, image.1
                    ),
                ));
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum InputRole {
    Image,
    Mask,
}

fn check_input(issues: &mut Vec<Issue>, field: &str, input: &ImageInput, family: ModelFamily, role: InputRole) {
    let png_only = role == InputRole::Mask || family == ModelFamily::DallE2;
    let max_bytes = if png_only { 4 * MB } else { 50 * MB };
    let accepted = if png_only { "PNG" } else { "PNG, WebP or JPEG" };
    let what = if role == InputRole::Mask { "the mask" } else { "each image" };
    let format_ok = |format: &ImageFormat| match format {
        ImageFormat::Png => true,
        ImageFormat::Jpeg | ImageFormat::Webp => !png_only,
        ImageFormat::Other(_) => false,
    };
    match input {
        ImageInput::Upload(UploadedFile { filename, len, format, dimensions, .. }) => {
            match format {
                Some(format) if format_ok(format) => {}
                Some(format) => issues.push(Issue::error(
                    field,
                    Rule::FileType,
                    format!("{filename} is {}: {what} must be {accepted}", format.as_str().to_ascii_uppercase()),
                )),
                None => issues.push(Issue::error(
                    field,
                    Rule::FileType,
                    format!("{filename} is not an image this API reads: {what} must be {accepted}"),
                )),
            }
            if *len >= max_bytes {
                issues.push(Issue::error(
                    field,
                    Rule::FileSize,
                    // Tenths of a megabyte in integers: float formatting would
                    // add kilobytes to the browser bundle.
                    format!(
                        "{filename} is {}.{} MB: {what} must be under {} MB",
                        len / MB,
                        len % MB * 10 / MB,
                        max_bytes / MB
                    ),
                ));
            }
            if family == ModelFamily::DallE2
                && role == InputRole::Image
                && let Some((width, height)) = dimensions.filter(|(width, height)| width != height)
            {
                issues.push(Issue::error(
                    field,
                    Rule::Dimensions,
                    format!("{filename} is {width}x{height}: dall-e-2 edits need a square image"),
                ));
            }
        }
        ImageInput::Url(url) => {
            let lower = url.get(..16).unwrap_or(url).to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("data:") {
                let mime = rest.split([';', ',']).next().unwrap_or_default();
                if !ImageFormat::from_mime_type(mime).is_some_and(|format| format_ok(&format)) {
                    issues.push(Issue::error(
                        field,
                        Rule::FileType,
                        format!("the data URL holds \"{mime}\": {what} must be {accepted}"),
                    ));
                }
            } else if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                issues.push(Issue::error(field, Rule::UnknownValue, "image_url must be an http(s) URL or a data: URL"));
            }
            if url.len() > 20 * MB as usize {
                issues.push(Issue::error(field, Rule::FileSize, "image_url is longer than 20 MB"));
            }
        }
        ImageInput::FileId(id) if id.trim().is_empty() => {
            issues.push(Issue::error(field, Rule::Required, "file_id is empty"));
        }
        ImageInput::FileId(_) => {}
    }
}

impl Common<'_> {
    /// "gpt-image-2", or "dall-e-2 (the API's default when no model is given)".
    fn model_label(&self) -> String {
        if self.model_given {
            self.model.to_string()
        } else {
            format!("{} (the API's default when no model is given)", self.model)
        }
    }

    fn check(&self, issues: &mut Vec<Issue>) {
        let family = self.model.family();
        self.check_model(issues);
        self.check_prompt(issues, family);
        self.check_n(issues, family);
        if let Some(size) = self.size {
            check_size(issues, size, family, &self.model_label());
        }
        self.check_quality(issues, family);
        self.check_gpt_only(issues, family);
        self.check_output(issues, family);
        self.check_stream(issues, family);
        if let Some(format) = self.response_format {
            check_known(issues, family, "response_format", format.as_str(), format.is_known(), ResponseFormat::KNOWN);
            if *format == ResponseFormat::Url && self.model.is_gpt_image() {
                issues.push(Issue::warning(
                    "response_format",
                    Rule::ProviderSpecific,
                    format!(
                        "OpenAI returns {} images as b64_json and rejects response_format: url; some other providers accept it",
                        self.model
                    ),
                ));
            }
        }
    }

    fn check_model(&self, issues: &mut Vec<Issue>) {
        if self.endpoint == Endpoint::Edit && self.model.family() == ModelFamily::DallE3 {
            issues.push(Issue::error(
                "model",
                Rule::UnsupportedByModel,
                "dall-e-3 cannot edit images: use a GPT image model or dall-e-2",
            ));
        }
        if let Model::Other(name) = &self.model
            && name.trim().is_empty()
        {
            issues.push(Issue::error("model", Rule::Required, "model is empty: name a model or leave it out"));
        }
    }

    fn check_prompt(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        if self.prompt.trim().is_empty() {
            issues.push(Issue::error("prompt", Rule::Required, "describe the image: the prompt is empty"));
            return;
        }
        let limit = match family {
            ModelFamily::GptImage | ModelFamily::GptImage2 => 32_000,
            ModelFamily::DallE3 => 4_000,
            ModelFamily::DallE2 => 1_000,
            ModelFamily::Unknown => return,
        };
        let length = self.prompt.chars().count();
        if length > limit {
            issues.push(Issue::error(
                "prompt",
                Rule::MaxLength,
                format!(
                    "the prompt is {} characters; {} takes at most {}",
                    group_digits(length as u64),
                    self.model_label(),
                    group_digits(limit as u64)
                ),
            ));
        }
    }

    fn check_n(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        let Some(n) = self.n else { return };
        if !(1..=10).contains(&n) {
            issues.push(Issue::error("n", Rule::Range, format!("n must be between 1 and 10, not {n}")));
        } else if n != 1 && family == ModelFamily::DallE3 {
            issues.push(Issue::error(
                "n",
                Rule::UnsupportedByModel,
                format!("dall-e-3 makes one image per request, not {n}"),
            ));
        }
    }

    fn check_quality(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        let Some(quality) = self.quality else { return };
        let accepted: &[&str] = match family {
            ModelFamily::GptImage | ModelFamily::GptImage2 => &["low", "medium", "high", "auto"],
            ModelFamily::DallE3 => &["standard", "hd", "auto"],
            ModelFamily::DallE2 => &["standard", "auto"],
            ModelFamily::Unknown => Quality::KNOWN,
        };
        if accepted.contains(&quality.as_str()) {
            return;
        }
        if quality.is_known() {
            issues.push(Issue::error(
                "quality",
                Rule::UnsupportedByModel,
                format!("{} takes quality {}, not {quality}", self.model_label(), accepted.join(", ")),
            ));
        } else {
            check_known(issues, family, "quality", quality.as_str(), false, accepted);
        }
    }

    /// Parameters that only the GPT image models accept.
    fn check_gpt_only(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        if !matches!(family, ModelFamily::DallE2 | ModelFamily::DallE3) {
            return;
        }
        let given = [
            ("background", self.background.is_some()),
            ("moderation", self.moderation.is_some()),
            ("output_format", self.output_format.is_some()),
            ("output_compression", self.output_compression.is_some()),
            ("stream", self.stream.is_some()),
            ("partial_images", self.partial_images.is_some()),
        ];
        for (field, _) in given.into_iter().filter(|(_, given)| *given) {
            issues.push(Issue::error(
                field,
                Rule::UnsupportedByModel,
                format!("{field} is only for the GPT image models, not {}", self.model_label()),
            ));
        }
    }

    fn check_output(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        if let Some(background) = self.background {
            check_known(issues, family, "background", background.as_str(), background.is_known(), Background::KNOWN);
        }
        if let Some(moderation) = self.moderation {
            check_known(issues, family, "moderation", moderation.as_str(), moderation.is_known(), Moderation::KNOWN);
        }
        if let Some(format) = self.output_format {
            check_known(issues, family, "output_format", format.as_str(), format.is_known(), ImageFormat::KNOWN);
        }
        if self.background == Some(&Background::Transparent) && self.output_format == Some(&ImageFormat::Jpeg) {
            issues.push(Issue::error(
                "background",
                Rule::Conflict,
                "a transparent background needs png or webp output: JPEG has no transparency",
            ));
        }
        if let Some(compression) = self.output_compression {
            if compression > 100 {
                issues.push(Issue::error(
                    "output_compression",
                    Rule::Range,
                    format!("output_compression must be between 0 and 100, not {compression}"),
                ));
            }
            // Accepted but ignored for png: the spec's own example sends
            // `output_format: png` with `output_compression: 100`.
            match self.output_format {
                Some(ImageFormat::Png) => issues.push(Issue::warning(
                    "output_compression",
                    Rule::Conflict,
                    "output_compression only changes jpeg and webp output: it has no effect on png",
                )),
                None => issues.push(Issue::warning(
                    "output_compression",
                    Rule::Conflict,
                    "output_compression only changes jpeg and webp output; without output_format the image is png",
                )),
                Some(_) => {}
            }
        }
    }

    fn check_stream(&self, issues: &mut Vec<Issue>, family: ModelFamily) {
        let Some(partial) = self.partial_images else { return };
        if partial > 3 {
            issues.push(Issue::error(
                "partial_images",
                Rule::Range,
                format!("partial_images must be between 0 and 3, not {partial}"),
            ));
        }
        if self.stream != Some(true) && family != ModelFamily::DallE2 && family != ModelFamily::DallE3 {
            issues.push(Issue::error("partial_images", Rule::Requires, "partial_images only works with stream: true"));
        }
    }
}

/// A value outside a closed enum: an error for a known model, a warning for
/// a model this crate does not know (its provider may define more values).
fn check_known(issues: &mut Vec<Issue>, family: ModelFamily, field: &str, value: &str, known: bool, accepted: &[&str]) {
    if known {
        return;
    }
    let message = format!("{field} \"{value}\" is not one of {}", accepted.join(", "));
    issues.push(if family == ModelFamily::Unknown {
        Issue::warning(field, Rule::UnknownValue, message)
    } else {
        Issue::error(field, Rule::UnknownValue, message)
    });
}

fn check_size(issues: &mut Vec<Issue>, size: &Size, family: ModelFamily, model: &str) {
    let standard: &[Size] = match family {
        ModelFamily::DallE2 => &[Size::S256, Size::S512, Size::SQUARE],
        ModelFamily::DallE3 => &[Size::SQUARE, Size::WIDE, Size::TALL],
        ModelFamily::GptImage => &[Size::Auto, Size::SQUARE, Size::LANDSCAPE, Size::PORTRAIT],
        ModelFamily::GptImage2 | ModelFamily::Unknown => &[],
    };
    let listed = || standard.iter().map(Size::to_string).collect::<Vec<_>>().join(", ");
    match (size, family) {
        (Size::Other(text), ModelFamily::Unknown) => issues.push(Issue::warning(
            "size",
            Rule::SizeFormat,
            format!("size \"{text}\" is not auto or WIDTHxHEIGHT"),
        )),
        (Size::Other(text), _) => issues.push(Issue::error(
            "size",
            Rule::SizeFormat,
            format!("size \"{text}\" is not auto or WIDTHxHEIGHT (for example 1024x1024)"),
        )),
        (Size::Pixels { width, height }, _) if *width == 0 || *height == 0 => {
            issues.push(Issue::error("size", Rule::Range, format!("size {size} has no pixels")));
        }
        (Size::Auto | Size::Pixels { .. }, ModelFamily::Unknown) => {}
        (Size::Auto, ModelFamily::GptImage2) => {}
        (Size::Pixels { width, height }, ModelFamily::GptImage2) => check_custom_size(issues, *width, *height),
        (_, _) if standard.contains(size) => {}
        (_, _) => issues.push(Issue::error(
            "size",
            Rule::UnsupportedByModel,
            format!("{model} makes {}, not {size}", listed()),
        )),
    }
}

/// `gpt-image-2`'s rules for `WIDTHxHEIGHT`, each reported on its own.
fn check_custom_size(issues: &mut Vec<Issue>, width: u32, height: u32) {
    let size = format!("{width}x{height}");
    let issues_before = issues.len();
    let mut error = |rule, message: String| issues.push(Issue::error("size", rule, message));
    if !width.is_multiple_of(SIZE_STEP) || !height.is_multiple_of(SIZE_STEP) {
        let round = |side: u32| (side.div_ceil(SIZE_STEP) * SIZE_STEP).max(SIZE_STEP);
        error(
            Rule::SizeMultipleOf16,
            format!(
                "size {size}: width and height must both be multiples of 16 (the nearest larger size is {}x{})",
                round(width),
                round(height)
            ),
        );
    }
    let (long, short) = (width.max(height), width.min(height));
    if u64::from(long) > u64::from(short) * u64::from(MAX_ASPECT_RATIO) {
        error(Rule::AspectRatio, format!("size {size}: the aspect ratio must be between 1:3 and 3:1"));
    }
    if long > MAX_EDGE {
        error(Rule::MaxEdge, format!("size {size}: the longest edge must be at most {MAX_EDGE} pixels"));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels < MIN_PIXELS {
        error(
            Rule::PixelCount,
            format!(
                "size {size} has {} pixels; gpt-image-2 needs at least {} (for example 1024x640)",
                group_digits(pixels),
                group_digits(MIN_PIXELS)
            ),
        );
    } else if pixels > MAX_PIXELS {
        error(
            Rule::PixelCount,
            format!(
                "size {size} has {} pixels; gpt-image-2 makes at most {} (3840x2160)",
                group_digits(pixels),
                group_digits(MAX_PIXELS)
            ),
        );
    }
    if issues.len() == issues_before && pixels > EXPERIMENTAL_PIXELS {
        issues.push(Issue::warning(
            "size",
            Rule::Experimental,
            format!("size {size} is above 2560x1440, which OpenAI calls experimental: results may vary"),
        ));
    }
}

/// `32000` as `32,000`.
fn group_digits(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}
