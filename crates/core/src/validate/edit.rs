//! An edit's checks: its input images, mask and markup.

use crate::catalogue::{Edits, Support};
use crate::edit::{EditRequest, ImageInput, MAX_EDIT_IMAGES, UploadedFile};
use crate::endpoint::Endpoint;
use crate::issue::{Issue, Report, Rule};
use crate::params::ImageFormat;
use crate::with_values;

use super::values::check_fidelity;
use super::{Common, MB, Rules, ValidationOptions};

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
            (count, Edits::OneSquarePng) if count > 1 => issues.push(with_values!(
                rules.issue(
                    field,
                    Rule::UnsupportedByModel,
                    format!("{} edits take one image, not {count}", rules.label),
                ),
                given = count,
                allowed = 1
            )),
            (count, Edits::Images(most)) if count > most => issues.push(with_values!(
                rules.issue(field, Rule::Range, format!("an edit takes at most {most} images, not {count}")),
                given = count,
                allowed = format_args!("1–{most}")
            )),
            _ => {}
        }
        let uploads = self.images.iter().filter(|input| matches!(input, ImageInput::Upload(_))).count();
        if uploads > 0 && uploads < self.images.len() {
            issues.push(with_values!(
                Issue::error(
                    field,
                    Rule::Conflict,
                    "mix of uploaded files and image URLs: send either files (multipart) or URLs (JSON), not both",
                ),
                other = "image_url"
            ));
        }
        if !multipart && edits == Edits::OneSquarePng && !self.images.is_empty() {
            issues.push(with_values!(
                rules.issue(
                    "images",
                    Rule::UnsupportedByModel,
                    format!(
                        "{} edits need uploaded files: image URLs and file ids are for GPT image models",
                        rules.label
                    ),
                ),
                given = "image_url"
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
                issues.push(with_values!(
                    rules.issue(
                        field,
                        Rule::Dimensions,
                        format!(
                            "the {field} is {}x{} but the first image is {}x{}: they must be the same size",
                            dimensions.0, dimensions.1, image.0, image.1
                        ),
                    ),
                    given = format_args!("{}x{}", dimensions.0, dimensions.1),
                    allowed = format_args!("{}x{}", image.0, image.1)
                ));
            }
        }
        if self.markup.is_some() {
            self.check_markup(rules, issues);
        }
        if self.mask.is_some() && self.output_format == Some(ImageFormat::Gif) {
            issues.push(with_values!(
                rules.issue("mask", Rule::Conflict, "animated GIFs take no mask: leave out the mask"),
                other = "output_format: gif"
            ));
        }
    }

    /// Markup-guided edits: a model that takes them, and never with a mask
    /// (a mask says where to edit; markup says what to change).
    fn check_markup(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if self.mask.is_some() {
            issues.push(with_values!(
                Issue::error(
                    "markup",
                    Rule::Conflict,
                    "markup and mask do not go together: a mask says where to edit, markup what to change; send one",
                ),
                other = "mask"
            ));
        }
        match rules.spec.map(|spec| spec.markup) {
            Some(Support::No) => issues.push(rules.issue(
                "markup",
                Rule::UnsupportedByModel,
                format!("{} takes no markup: GPT Image 2.6 does", rules.label),
            )),
            Some(Support::Unclear | Support::Preview) => issues.push(with_values!(
                Issue::warning(
                    "markup",
                    Rule::ProviderSpecific,
                    format!(
                        "markup edits are documented for GPT Image 2.6; what {} does with them is not",
                        rules.label
                    ),
                ),
                model = rules.label
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
                Some(format) => issues.push(with_values!(
                    rules.issue(
                        field,
                        Rule::FileType,
                        format!("{filename} is {}: {what} must be {accepted}", format.as_str().to_ascii_uppercase()),
                    ),
                    given = format.as_str(),
                    allowed = accepted
                )),
                None => issues.push(with_values!(
                    rules.issue(
                        field,
                        Rule::FileType,
                        format!("{filename} is not an image this API reads: {what} must be {accepted}"),
                    ),
                    given = filename,
                    allowed = accepted
                )),
            }
            if *len >= max_bytes {
                issues.push(with_values!(
                    rules.issue(
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
                    ),
                    given = format_args!("{}.{} MB", len / MB, len % MB * 10 / MB),
                    allowed = format_args!("{} MB", max_bytes / MB)
                ));
            }
            if edits == Edits::OneSquarePng
                && role == InputRole::Image
                && let Some((width, height)) = dimensions.filter(|(width, height)| width != height)
            {
                issues.push(with_values!(
                    rules.issue(
                        field,
                        Rule::Dimensions,
                        format!("{filename} is {width}x{height}: {} edits need a square image", rules.label),
                    ),
                    given = format_args!("{width}x{height}"),
                    allowed = "1:1"
                ));
            }
        }
        ImageInput::Url(url) => {
            let lower = url.get(..16).unwrap_or(url).to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("data:") {
                let mime = rest.split([';', ',']).next().unwrap_or_default();
                if !ImageFormat::from_mime_type(mime).is_some_and(|format| format_ok(&format)) {
                    issues.push(with_values!(
                        rules.issue(
                            field,
                            Rule::FileType,
                            format!("the data URL holds \"{mime}\": {what} must be {accepted}"),
                        ),
                        given = mime,
                        allowed = accepted
                    ));
                }
            } else if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                issues.push(with_values!(
                    rules.issue(field, Rule::UnknownValue, "image_url must be an http(s) URL or a data: URL"),
                    allowed = "http(s), data:"
                ));
            }
            if url.len() > 20 * MB as usize {
                issues.push(with_values!(
                    rules.issue(field, Rule::FileSize, "image_url is longer than 20 MB"),
                    allowed = "20 MB"
                ));
            }
        }
        ImageInput::FileId(id) if id.trim().is_empty() => {
            issues.push(rules.issue(field, Rule::Required, "file_id is empty"));
        }
        ImageInput::FileId(_) => {}
    }
}
