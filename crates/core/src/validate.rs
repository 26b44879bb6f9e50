//! The rules of the Images API, as code: [`GenerateRequest::validate`] and
//! [`EditRequest::validate`] return every problem of a request at once.
//!
//! The rules of each model come from the catalogue ([`crate::catalogue`]).
//! A problem is an error only where the API certainly refuses the request:
//! a rule of a known model (or of a dated snapshot of one), a rule every
//! known member of an unknown name's family shares, or a rule of the API
//! itself. Unknown models, unknown values and what is only inferred are
//! warnings that say what is unknown; the request is sent as asked.

use crate::catalogue::{
    self, AS_OF, Edits, GPT_ONLY_PARAMETERS, Lifecycle, Match, ModelSpec, Resolved, SizeRule, Support,
};
use crate::edit::{EditRequest, ImageInput, MAX_EDIT_IMAGES, UploadedFile};
use crate::endpoint::Endpoint;
use crate::generate::GenerateRequest;
use crate::issue::{Issue, Report, Rule, Severity};
use crate::model::Model;
use crate::parameters::{Extra, Shared};
use crate::params::{Background, Complexity, ImageFormat, InputFidelity, Moderation, Quality, ResponseFormat, Style};
use crate::size::Size;

const MB: u64 = 1024 * 1024;

/// How much validation may stop: every certain error, nothing, or no check at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ValidationMode {
    /// Errors stop the request; warnings ride along (the default).
    #[default]
    Full,
    /// Every problem is reported as a warning; nothing is stopped (for
    /// providers with rules of their own).
    WarningsOnly,
    /// No checks at all.
    Off,
}

impl ValidationMode {
    /// The wire names: `full`, `warn`, `off`.
    pub const NAMES: [&'static str; 3] = ["full", "warn", "off"];

    /// Reads a wire name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "full" => Some(ValidationMode::Full),
            "warn" => Some(ValidationMode::WarningsOnly),
            "off" => Some(ValidationMode::Off),
            _ => None,
        }
    }
}

/// How to validate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// What may stop the request.
    pub mode: ValidationMode,
    /// Today, `YYYY-MM-DD`, to tell a retired model from a retiring one;
    /// without it the catalogue's own date ([`AS_OF`]) is used.
    pub today: Option<String>,
}

/// The fields generations and edits share, with the model the API will use.
struct Common<'a> {
    endpoint: Endpoint,
    model: Model,
    model_given: bool,
    prompt: &'a str,
    params: Shared<'a>,
    /// The names of the parameters that are set.
    set: Vec<&'static str>,
    extra: &'a Extra,
}

/// The rules of one model for one request: the model's catalogue entry, or
/// none for a model the catalogue cannot place, and how to name it.
struct Rules<'a> {
    spec: Option<&'static ModelSpec>,
    label: &'a str,
}

impl Rules<'_> {
    /// An error where the model is known, else a warning.
    fn severity(&self) -> Severity {
        if self.spec.is_some() { Severity::Error } else { Severity::Warning }
    }

    fn issue(&self, field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Issue {
        Issue { field: field.into(), rule, severity: self.severity(), message: message.into() }
    }
}

impl GenerateRequest {
    /// Checks the request against the API's rules for its model; returns every
    /// problem found. Without a model, the API's default applies
    /// ([`GenerateRequest::effective_model`]).
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// [`GenerateRequest::validate`] with a mode and today's date.
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        let common = Common {
            endpoint: Endpoint::Generate,
            model: self.effective_model(),
            model_given: self.model.is_some(),
            prompt: &self.prompt,
            params: self.shared(),
            set: self.set_parameters(),
            extra: &self.extra,
        };
        common.report(options, |rules, issues| {
            common.check(rules, issues);
            if let Some(style) = &self.style {
                check_style(rules, style, issues);
            }
        })
    }
}

impl EditRequest {
    /// Checks the request against the API's rules for its model; returns every
    /// problem found. Without a model, the API's default applies
    /// ([`EditRequest::effective_model`]).
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// [`EditRequest::validate`] with a mode and today's date.
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        let common = Common {
            endpoint: Endpoint::Edit,
            model: self.effective_model(),
            model_given: self.model.is_some(),
            prompt: &self.prompt,
            params: self.shared(),
            set: self.set_parameters(),
            extra: &self.extra,
        };
        common.report(options, |rules, issues| {
            common.check(rules, issues);
            self.check_inputs(rules, issues);
            if let Some(fidelity) = &self.input_fidelity {
                check_fidelity(rules, fidelity, issues);
            }
        })
    }

    fn check_inputs(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let multipart = self.is_multipart();
        let field = if multipart { "image" } else { "images" };
        let edits = rules.spec.map_or(Edits::Images(MAX_EDIT_IMAGES), |spec| spec.edits);
        match (self.images.len(), edits) {
            (0, _) => issues.push(Issue::error(field, Rule::Required, "add at least one image to edit")),
            (count, Edits::OneSquarePng) if count > 1 => issues.push(rules.issue(
                field,
                Rule::UnsupportedByModel,
                format!("{} edits take one image, not {count}", rules.label),
            )),
            (count, Edits::Images(most)) if count > most => issues.push(rules.issue(
                field,
                Rule::Range,
                format!("an edit takes at most {most} images, not {count}"),
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
        if !multipart && edits == Edits::OneSquarePng && !self.images.is_empty() {
            issues.push(rules.issue(
                "images",
                Rule::UnsupportedByModel,
                format!("{} edits need uploaded files: image URLs and file ids are for GPT image models", rules.label),
            ));
        }
        for (index, input) in self.images.iter().enumerate() {
            let field = if multipart { format!("image[{index}]") } else { format!("images[{index}]") };
            check_input(rules, issues, &field, input, edits, InputRole::Image);
        }
        let first = match self.images.first() {
            Some(ImageInput::Upload(file)) => file.dimensions,
            _ => None,
        };
        for (field, input, role) in [("mask", &self.mask, InputRole::Mask), ("markup", &self.markup, InputRole::Markup)]
        {
            let Some(input) = input else { continue };
            check_input(rules, issues, field, input, edits, role);
            if let (ImageInput::Upload(drawn), Some(image)) = (input, first)
                && let Some(dimensions) = drawn.dimensions.filter(|&dimensions| dimensions != image)
            {
                issues.push(rules.issue(
                    field,
                    Rule::Dimensions,
                    format!(
                        "the {field} is {}x{} but the first image is {}x{}: they must be the same size",
                        dimensions.0, dimensions.1, image.0, image.1
                    ),
                ));
            }
        }
        if self.markup.is_some() {
            self.check_markup(rules, issues);
        }
        if self.mask.is_some() && self.output_format == Some(ImageFormat::Gif) {
            issues.push(rules.issue("mask", Rule::Conflict, "animated GIFs take no mask: leave out the mask"));
        }
    }

    /// Markup-guided edits: a model that takes them, and never with a mask
    /// (a mask says where to edit; markup says what to change).
    fn check_markup(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if self.mask.is_some() {
            issues.push(Issue::error(
                "markup",
                Rule::Conflict,
                "markup and mask do not go together: a mask says where to edit, markup what to change; send one",
            ));
        }
        match rules.spec.map(|spec| spec.markup) {
            Some(Support::No) => issues.push(rules.issue(
                "markup",
                Rule::UnsupportedByModel,
                format!("{} takes no markup: GPT Image 2.6 does", rules.label),
            )),
            Some(Support::Unclear | Support::Preview) => issues.push(Issue::warning(
                "markup",
                Rule::ProviderSpecific,
                format!("markup edits are documented for GPT Image 2.6; what {} does with them is not", rules.label),
            )),
            Some(Support::Yes) | None => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum InputRole {
    Image,
    Mask,
    Markup,
}

fn check_input(rules: &Rules, issues: &mut Vec<Issue>, field: &str, input: &ImageInput, edits: Edits, role: InputRole) {
    let png_only = role != InputRole::Image || edits == Edits::OneSquarePng;
    // Markup's limit is not documented: an input image's applies.
    let max_bytes = if png_only && role != InputRole::Markup { 4 * MB } else { 50 * MB };
    let accepted = if png_only { "PNG" } else { "PNG, WebP or JPEG" };
    let what = match role {
        InputRole::Image => "each image",
        InputRole::Mask => "the mask",
        InputRole::Markup => "the markup",
    };
    let format_ok = |format: &ImageFormat| match format {
        ImageFormat::Png => true,
        ImageFormat::Jpeg | ImageFormat::Webp => !png_only,
        ImageFormat::Gif | ImageFormat::Svg | ImageFormat::Other(_) => false,
    };
    match input {
        ImageInput::Upload(UploadedFile { filename, len, format, dimensions, .. }) => {
            match format {
                Some(format) if format_ok(format) => {}
                Some(format) => issues.push(rules.issue(
                    field,
                    Rule::FileType,
                    format!("{filename} is {}: {what} must be {accepted}", format.as_str().to_ascii_uppercase()),
                )),
                None => issues.push(rules.issue(
                    field,
                    Rule::FileType,
                    format!("{filename} is not an image this API reads: {what} must be {accepted}"),
                )),
            }
            if *len >= max_bytes {
                issues.push(rules.issue(
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
            if edits == Edits::OneSquarePng
                && role == InputRole::Image
                && let Some((width, height)) = dimensions.filter(|(width, height)| width != height)
            {
                issues.push(rules.issue(
                    field,
                    Rule::Dimensions,
                    format!("{filename} is {width}x{height}: {} edits need a square image", rules.label),
                ));
            }
        }
        ImageInput::Url(url) => {
            let lower = url.get(..16).unwrap_or(url).to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("data:") {
                let mime = rest.split([';', ',']).next().unwrap_or_default();
                if !ImageFormat::from_mime_type(mime).is_some_and(|format| format_ok(&format)) {
                    issues.push(rules.issue(
                        field,
                        Rule::FileType,
                        format!("the data URL holds \"{mime}\": {what} must be {accepted}"),
                    ));
                }
            } else if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                issues.push(rules.issue(field, Rule::UnknownValue, "image_url must be an http(s) URL or a data: URL"));
            }
            if url.len() > 20 * MB as usize {
                issues.push(rules.issue(field, Rule::FileSize, "image_url is longer than 20 MB"));
            }
        }
        ImageInput::FileId(id) if id.trim().is_empty() => {
            issues.push(rules.issue(field, Rule::Required, "file_id is empty"));
        }
        ImageInput::FileId(_) => {}
    }
}

impl Common<'_> {
    /// "gpt-image-2", or "dall-e-2 (the API's default when no model is given)".
    fn label(&self) -> String {
        if self.model_given {
            self.model.to_string()
        } else {
            format!("{} (the API's default when no model is given)", self.model)
        }
    }

    /// Runs `check` with the rules the model's name resolves to, adds what
    /// the catalogue says of the model itself, and applies the mode.
    fn report(&self, options: &ValidationOptions, check: impl Fn(&Rules, &mut Vec<Issue>)) -> Report {
        if options.mode == ValidationMode::Off {
            return Report::default();
        }
        let label = self.label();
        let resolved = self.model.resolve();
        let mut issues = Vec::new();
        if self.model_given {
            check_model_name(&resolved, options.today.as_deref(), &mut issues);
        }
        issues.extend(match resolved.matched {
            Match::Family(_) => shared_by_members(&resolved, &label, &check),
            Match::Known(spec) | Match::Snapshot(spec) => run(Some(spec), &label, &check),
            Match::Unknown => run(None, &label, &check),
        });
        if options.mode == ValidationMode::WarningsOnly {
            for issue in &mut issues {
                issue.severity = Severity::Warning;
            }
        }
        Report { issues }
    }

    fn check(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        self.check_model(rules, issues);
        self.check_prompt(rules, issues);
        self.check_n(rules, issues);
        if let Some(size) = self.params.size {
            // A GIF's size is one frame's: the sheet of every frame must fit
            // the model's limits, which `check_gif` estimates.
            let frame = self.params.output_format == Some(&ImageFormat::Gif);
            check_size(rules, size, frame, issues);
        }
        if let Some(quality) = self.params.quality {
            check_quality(rules, quality, issues);
        }
        let gpt = rules.spec.is_none_or(|spec| spec.gpt_parameters);
        if gpt {
            self.check_output(rules, issues);
            self.check_stream(rules, issues);
            self.check_complexity(rules, issues);
            self.check_gif(rules, issues);
            self.check_svg(rules, issues);
        } else {
            self.check_gpt_only(rules, issues);
        }
        self.check_extra(issues);
        if let Some(format) = self.params.response_format {
            if !format.is_known() {
                issues.push(unknown_value("response_format", format.as_str(), ResponseFormat::KNOWN));
            } else if *format == ResponseFormat::Url && rules.spec.is_some_and(|spec| spec.gpt_parameters) {
                issues.push(Issue::warning(
                    "response_format",
                    Rule::ProviderSpecific,
                    format!(
                        "OpenAI returns {} images as b64_json and rejects response_format: url; some other providers accept it",
                        rules.label
                    ),
                ));
            }
        }
    }

    fn check_model(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if self.endpoint == Endpoint::Edit && rules.spec.is_some_and(|spec| spec.edits == Edits::None) {
            issues.push(rules.issue(
                "model",
                Rule::UnsupportedByModel,
                format!("{} cannot edit images: use a GPT image model", rules.label),
            ));
        }
        if self.model.as_str().trim().is_empty() {
            issues.push(Issue::error("model", Rule::Required, "model is empty: name a model or leave it out"));
        }
    }

    fn check_prompt(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if self.prompt.trim().is_empty() {
            issues.push(Issue::error("prompt", Rule::Required, "describe the image: the prompt is empty"));
            return;
        }
        let Some(limit) = rules.spec.map(|spec| spec.prompt_limit) else { return };
        let length = self.prompt.chars().count();
        if length > limit as usize {
            issues.push(rules.issue(
                "prompt",
                Rule::MaxLength,
                format!(
                    "the prompt is {} characters; {} takes at most {}",
                    group_digits(length as u64),
                    rules.label,
                    group_digits(u64::from(limit))
                ),
            ));
        }
    }

    fn check_n(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let Some(n) = self.params.n.copied() else { return };
        let most = rules.spec.map_or_else(|| catalogue::most_of(|spec| spec.max_n), |spec| spec.max_n);
        if n == 0 {
            issues.push(Issue::error("n", Rule::Range, format!("n must be between 1 and {most}, not 0")));
        } else if n > most && most == 1 {
            issues.push(rules.issue(
                "n",
                Rule::UnsupportedByModel,
                format!("{} makes one image per request, not {n}", rules.label),
            ));
        } else if n > most {
            issues.push(rules.issue("n", Rule::Range, format!("n must be between 1 and {most}, not {n}")));
        }
    }

    /// Parameters that only the GPT image models accept, for a model that does not.
    fn check_gpt_only(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        for &field in self.set.iter().filter(|name| GPT_ONLY_PARAMETERS.contains(name)) {
            issues.push(rules.issue(
                field,
                Rule::UnsupportedByModel,
                format!("{field} is only for the GPT image models, not {}", rules.label),
            ));
        }
    }

    fn check_output(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if let Some(background) = self.params.background {
            if !background.is_known() {
                issues.push(unknown_value("background", background.as_str(), Background::KNOWN));
            }
            let transparency = rules.spec.map(|spec| spec.transparency);
            if *background == Background::Transparent {
                match transparency {
                    Some(Support::No) => issues.push(rules.issue(
                        "background",
                        Rule::UnsupportedByModel,
                        format!("{} makes no transparent backgrounds", rules.label),
                    )),
                    Some(Support::Preview | Support::Unclear) => issues.push(Issue::warning(
                        "background",
                        Rule::Experimental,
                        format!("transparent backgrounds are a preview for {}: results may vary", rules.label),
                    )),
                    Some(Support::Yes) | None => {}
                }
            }
        }
        if let Some(moderation) = self.params.moderation.filter(|moderation| !moderation.is_known()) {
            issues.push(unknown_value("moderation", moderation.as_str(), Moderation::KNOWN));
        }
        if let Some(format) = self.params.output_format.filter(|format| !format.is_known()) {
            issues.push(unknown_value("output_format", format.as_str(), ImageFormat::KNOWN));
        }
        if self.params.background == Some(&Background::Transparent)
            && self.params.output_format == Some(&ImageFormat::Jpeg)
        {
            issues.push(Issue::error(
                "background",
                Rule::Conflict,
                "a transparent background needs png or webp output: JPEG has no transparency",
            ));
        }
        if let Some(compression) = self.params.output_compression.copied() {
            if compression > 100 {
                issues.push(Issue::error(
                    "output_compression",
                    Rule::Range,
                    format!("output_compression must be between 0 and 100, not {compression}"),
                ));
            }
            // Accepted but ignored for png: the spec's own example sends
            // `output_format: png` with `output_compression: 100`.
            match self.params.output_format {
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

    fn check_complexity(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let Some(complexity) = self.params.complexity else { return };
        let support = rules.spec.map(|spec| spec.complexity);
        if !complexity.is_known() {
            // A model that documents complexity takes only its three values.
            issues.push(if support == Some(Support::Yes) {
                rules.issue(
                    "complexity",
                    Rule::UnknownValue,
                    format!("{} takes complexity {}, not \"{complexity}\"", rules.label, Complexity::KNOWN.join(", ")),
                )
            } else {
                unknown_value("complexity", complexity.as_str(), Complexity::KNOWN)
            });
        }
        match support {
            Some(Support::No) => issues.push(rules.issue(
                "complexity",
                Rule::UnsupportedByModel,
                format!("{} takes no complexity", rules.label),
            )),
            Some(Support::Unclear | Support::Preview) => issues.push(Issue::warning(
                "complexity",
                Rule::ProviderSpecific,
                format!(
                    "complexity is documented for GPT Image 2.6; what {} does with it is not: sent as asked",
                    rules.label
                ),
            )),
            Some(Support::Yes) | None => {}
        }
    }

    /// Animated GIF output, and the GIF parameters without it.
    fn check_gif(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let gif = self.params.output_format == Some(&ImageFormat::Gif);
        if !gif {
            for field in ["frame_count", "frame_duration_ms"].into_iter().filter(|name| self.set.contains(name)) {
                issues.push(Issue::warning(
                    field,
                    Rule::Requires,
                    format!("{field} only shapes animated GIFs: it has no effect without output_format: gif"),
                ));
            }
            return;
        }
        let rules_of_gif = match rules.spec {
            Some(spec) => match spec.gif {
                Some(gif) => Some(gif),
                None => {
                    issues.push(rules.issue(
                        "output_format",
                        Rule::UnsupportedByModel,
                        format!("{} makes no animated GIFs: GPT Image 2.6 does", rules.label),
                    ));
                    return;
                }
            },
            None => None,
        };
        issues.push(Issue::warning(
            "output_format",
            Rule::Experimental,
            "animated GIFs are a preview: the account needs preview access",
        ));
        if self.endpoint == Endpoint::Edit {
            issues.push(Issue::warning(
                "output_format",
                Rule::ProviderSpecific,
                "the API reference offers GIF on edits, but some providers make GIFs only from text",
            ));
        }
        self.refuse_streaming(rules, "animated GIFs do not stream", issues);
        if self.params.output_compression.is_some() {
            issues.push(rules.issue("output_compression", Rule::Conflict, "animated GIFs take no output_compression"));
        }
        let Some(gif) = rules_of_gif else { return };
        let (fewest, most) = gif.frames;
        if let Some(&frames) = self.params.frame_count.filter(|frames| !(fewest..=most).contains(*frames)) {
            // One gateway saw out-of-range counts fall back to the default instead of an error.
            issues.push(Issue::warning(
                "frame_count",
                Rule::Range,
                format!("frame_count is {fewest} to {most}, not {frames}: some providers fall back to {} frames, others refuse", gif.default_frames),
            ));
        }
        if let Some(&duration) = self.params.frame_duration_ms.filter(|duration| **duration < gif.min_frame_ms) {
            issues.push(rules.issue(
                "frame_duration_ms",
                Rule::Range,
                format!("frame_duration_ms must be at least {}, not {duration}", gif.min_frame_ms),
            ));
        }
        let frames = self.params.frame_count.copied().unwrap_or(gif.default_frames).clamp(fewest, most);
        if let (Some(cap), Some((width, height))) =
            (gif.square_cap(frames), self.params.size.and_then(Size::dimensions))
            && u64::from(width) * u64::from(height) > u64::from(cap) * u64::from(cap)
        {
            issues.push(Issue::warning(
                "size",
                Rule::PixelCount,
                format!(
                    "{frames} frames of {width}x{height} may not fit on one sheet: a gateway measured square frames up to {cap}x{cap} for {frames} frames"
                ),
            ));
        }
    }

    /// `stream` and `partial_images`, for an output that cannot stream (`why`).
    fn refuse_streaming(&self, rules: &Rules, why: &str, issues: &mut Vec<Issue>) {
        let set =
            [("stream", self.params.stream == Some(&true)), ("partial_images", self.params.partial_images.is_some())];
        for (field, _) in set.into_iter().filter(|(_, set)| *set) {
            issues.push(rules.issue(field, Rule::Conflict, format!("{why}: leave out {field}")));
        }
    }

    /// SVG output, and `svg` without it.
    fn check_svg(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let svg = self.params.output_format == Some(&ImageFormat::Svg);
        if !svg {
            if self.params.svg.is_some() {
                issues.push(Issue::warning(
                    "svg",
                    Rule::Requires,
                    "svg only shapes SVG output: it has no effect without output_format: svg",
                ));
            }
            return;
        }
        if let Some(Support::No) = rules.spec.map(|spec| spec.svg) {
            issues.push(rules.issue(
                "output_format",
                Rule::UnsupportedByModel,
                format!("{} writes no SVG: GPT Image 2.6 does", rules.label),
            ));
            return;
        }
        if self.params.svg.and_then(|options| options.model()).is_none_or(|model| model.trim().is_empty()) {
            issues.push(Issue::warning(
                "svg",
                Rule::Requires,
                "SVG output names the text model that writes it in svg.model: some providers refuse an SVG without one",
            ));
        }
        if self.endpoint == Endpoint::Edit {
            issues.push(Issue::warning(
                "output_format",
                Rule::ProviderSpecific,
                "SVG output is documented for generations; edits may refuse it",
            ));
        }
        self.refuse_streaming(rules, "SVG output does not stream", issues);
        if let Some(&n) = self.params.n.filter(|n| **n > 1) {
            issues.push(Issue::warning("n", Rule::Range, format!("SVG output makes one image per request, not {n}")));
        }
        if self.params.output_compression.is_some() {
            issues.push(Issue::warning("output_compression", Rule::Conflict, "SVG output takes no output_compression"));
        }
    }

    /// Fields the parameter list does not name: sent as written, with a
    /// warning that names each.
    fn check_extra(&self, issues: &mut Vec<Issue>) {
        let other = match self.endpoint {
            Endpoint::Generate => Endpoint::Edit,
            Endpoint::Edit => Endpoint::Generate,
        };
        for name in self.extra.keys() {
            let message = if crate::parameters::takes(other, name) {
                format!(
                    "{name} is a parameter of {}, not of {}: sent as written",
                    other.plural(),
                    self.endpoint.plural()
                )
            } else {
                format!("{name} is not a parameter this package knows (as of {AS_OF}): sent as written")
            };
            issues.push(Issue::warning(name.as_str(), Rule::UnknownParameter, message));
        }
    }

    fn check_stream(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let Some(partial) = self.params.partial_images.copied() else { return };
        let most = rules
            .spec
            .map_or_else(|| catalogue::most_of(|spec| spec.max_partial_images), |spec| spec.max_partial_images);
        if partial > most {
            issues.push(rules.issue(
                "partial_images",
                Rule::Range,
                format!("partial_images must be between 0 and {most}, not {partial}"),
            ));
        }
        if self.params.stream.copied() != Some(true) {
            issues.push(rules.issue("partial_images", Rule::Requires, "partial_images only works with stream: true"));
        }
    }
}

/// Runs the checks with one model's rules (or none).
fn run(spec: Option<&'static ModelSpec>, label: &str, check: &impl Fn(&Rules, &mut Vec<Issue>)) -> Vec<Issue> {
    let mut issues = Vec::new();
    check(&Rules { spec, label }, &mut issues);
    issues
}

/// For an unknown member of a family: the checks of every known member, an
/// error only where every member gives that error, a warning where some do.
fn shared_by_members(resolved: &Resolved, label: &str, check: &impl Fn(&Rules, &mut Vec<Issue>)) -> Vec<Issue> {
    let per_member: Vec<Vec<Issue>> =
        resolved.candidates().into_iter().map(|spec| run(Some(spec), label, check)).collect();
    let same = |a: &Issue, b: &Issue| a.field == b.field && a.rule == b.rule;
    let mut merged: Vec<Issue> = Vec::new();
    for issue in per_member.iter().flatten() {
        if merged.iter().any(|seen| same(seen, issue)) {
            continue;
        }
        let certain = per_member.iter().all(|issues| issues.iter().any(|other| same(other, issue) && other.is_error()));
        let severity = if certain { Severity::Error } else { Severity::Warning };
        merged.push(Issue { severity, ..issue.clone() });
    }
    merged
}

/// What the catalogue says of the name itself: unknown, an unlisted
/// snapshot, an unknown member of a family, retired or retiring at OpenAI.
fn check_model_name(resolved: &Resolved, today: Option<&str>, issues: &mut Vec<Issue>) {
    let name = resolved.name;
    let message = match resolved.matched {
        Match::Known(spec) => match spec.lifecycle(today) {
            Lifecycle::Current => None,
            Lifecycle::Retiring(day) => Some((
                Rule::Retired,
                format!("OpenAI retires {} on {day}; other providers may still serve it", spec.id),
            )),
            Lifecycle::Retired(day) => Some((
                Rule::Retired,
                format!("{} was retired at OpenAI on {day}; other providers may still serve it", spec.id),
            )),
        },
        Match::Snapshot(spec) => Some((
            Rule::UnknownModel,
            format!(
                "{name} is a snapshot this package does not list (as of {AS_OF}): checked with {}'s rules",
                spec.id
            ),
        )),
        Match::Family(family) => Some((
            Rule::UnknownModel,
            format!(
                "{name} is not a model this package knows (as of {AS_OF}); it looks like {}: only what every {} model refuses stops it",
                family.spec().name,
                family.spec().name
            ),
        )),
        Match::Unknown if name.trim().is_empty() => None,
        Match::Unknown => Some((
            Rule::UnknownModel,
            format!(
                "{name} is not a model this package knows (as of {AS_OF}): only the rules every model shares are checked"
            ),
        )),
    };
    if let Some((rule, message)) = message {
        issues.push(Issue::warning("model", rule, message));
    }
}

/// A value this crate does not know: sent as it is, with a warning that names it.
fn unknown_value(field: &str, value: &str, known: &[&str]) -> Issue {
    Issue::warning(
        field,
        Rule::UnknownValue,
        format!("{field} \"{value}\" is not one this package knows ({}): sent as it is", known.join(", ")),
    )
}

fn check_quality(rules: &Rules, quality: &Quality, issues: &mut Vec<Issue>) {
    if !quality.is_known() {
        issues.push(unknown_value("quality", quality.as_str(), Quality::KNOWN));
        return;
    }
    let Some(spec) = rules.spec else { return };
    if !spec.takes_quality(quality) {
        let accepted: Vec<&str> = spec.qualities.iter().map(Quality::as_str).collect();
        issues.push(rules.issue(
            "quality",
            Rule::UnsupportedByModel,
            format!("{} takes quality {}, not {quality}", rules.label, accepted.join(", ")),
        ));
    }
}

fn check_style(rules: &Rules, style: &Style, issues: &mut Vec<Issue>) {
    if rules.spec.is_some_and(|spec| !spec.style) {
        issues.push(rules.issue("style", Rule::UnsupportedByModel, format!("{} takes no style", rules.label)));
    } else if !style.is_known() {
        issues.push(unknown_value("style", style.as_str(), Style::KNOWN));
    }
}

fn check_fidelity(rules: &Rules, fidelity: &InputFidelity, issues: &mut Vec<Issue>) {
    match rules.spec.map(|spec| spec.input_fidelity) {
        Some(Support::No) => issues.push(rules.issue(
            "input_fidelity",
            Rule::UnsupportedByModel,
            format!("input_fidelity is not supported by {}", rules.label),
        )),
        Some(Support::Unclear) => issues.push(Issue::warning(
            "input_fidelity",
            Rule::ProviderSpecific,
            format!("sources disagree whether {} uses input_fidelity: it is sent as asked", rules.label),
        )),
        Some(Support::Yes | Support::Preview) | None => {}
    }
    if !fidelity.is_known() {
        issues.push(unknown_value("input_fidelity", fidelity.as_str(), InputFidelity::KNOWN));
    }
}

fn check_size(rules: &Rules, size: &Size, gif_frame: bool, issues: &mut Vec<Issue>) {
    match size {
        Size::Other(text) => issues.push(Issue::warning(
            "size",
            Rule::SizeFormat,
            format!("size \"{text}\" is not auto or WIDTHxHEIGHT (for example 1024x1024): sent as it is"),
        )),
        Size::Pixels { width, height } if *width == 0 || *height == 0 => {
            issues.push(Issue::error("size", Rule::Range, format!("size {size} has no pixels")));
        }
        _ => match rules.spec.map(|spec| &spec.sizes) {
            None => {}
            Some(SizeRule::Standard(standard)) if standard.contains(size) => {}
            Some(SizeRule::Standard(standard)) => {
                let listed = standard.iter().map(Size::to_string).collect::<Vec<_>>().join(", ");
                issues.push(rules.issue(
                    "size",
                    Rule::UnsupportedByModel,
                    format!("{} makes {listed}, not {size}", rules.label),
                ));
            }
            Some(SizeRule::Custom(_)) if *size == Size::Auto => {}
            Some(SizeRule::Custom(limits)) => {
                let (width, height) = size.dimensions().unwrap_or_default();
                if gif_frame {
                    check_frame_size(rules, limits, width, height, issues);
                } else {
                    check_custom_size(rules, limits, width, height, issues);
                }
            }
        },
    }
}

/// The rules of custom `WIDTHxHEIGHT` sizes, each reported on its own; the
/// first problem also names the nearest size that keeps every rule
/// ([`nearest_valid_size`]).
fn check_custom_size(
    rules: &Rules,
    limits: &crate::catalogue::CustomSizes,
    width: u32,
    height: u32,
    issues: &mut Vec<Issue>,
) {
    let size = format!("{width}x{height}");
    let issues_before = issues.len();
    let mut error = |rule, message: String| issues.push(rules.issue("size", rule, message));
    let step = limits.step;
    if !width.is_multiple_of(step) || !height.is_multiple_of(step) {
        error(Rule::SizeMultipleOf16, format!("size {size}: width and height must both be multiples of {step}"));
    }
    let (long, short) = (width.max(height), width.min(height));
    let ratio = limits.max_aspect_ratio;
    if u64::from(long) > u64::from(short) * u64::from(ratio) {
        error(Rule::AspectRatio, format!("size {size}: the aspect ratio must be between 1:{ratio} and {ratio}:1"));
    }
    if long > limits.max_edge {
        error(Rule::MaxEdge, format!("size {size}: the longest edge must be at most {} pixels", limits.max_edge));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels < limits.min_pixels {
        error(
            Rule::PixelCount,
            format!(
                "size {size} has {} pixels; {} needs at least {}",
                group_digits(pixels),
                rules.label,
                group_digits(limits.min_pixels)
            ),
        );
    } else if pixels > limits.max_pixels {
        error(
            Rule::PixelCount,
            format!(
                "size {size} has {} pixels; {} makes at most {}",
                group_digits(pixels),
                rules.label,
                group_digits(limits.max_pixels)
            ),
        );
    }
    if let (Some(first), Some(nearest)) = (issues.get_mut(issues_before), nearest_valid_size(limits, width, height)) {
        first.message.push_str(&format!(" (the nearest valid size is {nearest})"));
    }
    let (wide, high) = limits.experimental_above;
    if issues.len() == issues_before && pixels > u64::from(wide) * u64::from(high) {
        issues.push(Issue::warning(
            "size",
            Rule::Experimental,
            format!("size {size} is above {wide}x{high}, which OpenAI calls experimental: results may vary"),
        ));
    }
}

/// The size of one GIF frame: sides multiples of the step and the aspect
/// ratio; the pixel limits are the sheet's, not the frame's.
fn check_frame_size(
    rules: &Rules,
    limits: &crate::catalogue::CustomSizes,
    width: u32,
    height: u32,
    issues: &mut Vec<Issue>,
) {
    let step = limits.step;
    if !width.is_multiple_of(step) || !height.is_multiple_of(step) {
        issues.push(rules.issue(
            "size",
            Rule::SizeMultipleOf16,
            format!("size {width}x{height}: a frame's width and height must both be multiples of {step}"),
        ));
    }
    let ratio = limits.max_aspect_ratio;
    if u64::from(width.max(height)) > u64::from(width.min(height)) * u64::from(ratio) {
        issues.push(rules.issue(
            "size",
            Rule::AspectRatio,
            format!("size {width}x{height}: the aspect ratio must be between 1:{ratio} and {ratio}:1"),
        ));
    }
}

/// The custom size nearest to `width`x`height` that keeps every rule of
/// `limits`: both sides multiples of the step, the longest edge, the aspect
/// ratio and the pixel counts. Nearest means the least change of width plus
/// change of height; of sizes equally near, the one closest to the asked
/// aspect ratio, then the larger. A size that keeps the rules is its own
/// nearest; `None` only when no size can (limits that contradict each other).
pub fn nearest_valid_size(limits: &crate::catalogue::CustomSizes, width: u32, height: u32) -> Option<Size> {
    let step = u64::from(limits.step.max(1));
    let (want_w, want_h) = (u64::from(width), u64::from(height));
    let ratio = u64::from(limits.max_aspect_ratio.max(1));
    let max_edge = u64::from(limits.max_edge);
    let asked = if want_h == 0 { f64::INFINITY } else { want_w as f64 / want_h as f64 };
    // (distance, aspect error, the negated pixel count, width, height): the least wins.
    let mut best: Option<(u64, f64, i64, u64, u64)> = None;
    let mut w = step;
    while w <= max_edge {
        // The heights this width allows, as multiples of the step.
        let low = w.div_ceil(ratio).max(limits.min_pixels.div_ceil(w)).max(step).div_ceil(step) * step;
        let high = (w * ratio).min(limits.max_pixels / w).min(max_edge) / step * step;
        if low <= high {
            let below = (want_h / step * step).clamp(low, high);
            let above = (want_h.div_ceil(step) * step).clamp(low, high);
            for h in [below, above] {
                let distance = w.abs_diff(want_w) + h.abs_diff(want_h);
                let aspect = (w as f64 / h as f64 - asked).abs();
                let candidate = (distance, aspect, -((w * h) as i64), w, h);
                let better = best.is_none_or(|best| {
                    (candidate.0, candidate.1, candidate.2)
                        .partial_cmp(&(best.0, best.1, best.2))
                        .is_some_and(|order| order.is_lt())
                });
                if better {
                    best = Some(candidate);
                }
            }
        }
        w += step;
    }
    best.map(|(_, _, _, w, h)| Size::pixels(w as u32, h as u32))
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
