//! The checks every request gets: model, prompt, n, output, complexity,
//! streaming, and the fields the parameter list does not name.

use crate::catalogue::{self, AS_OF, Edits, GPT_ONLY_PARAMETERS, Support};
use crate::endpoint::Endpoint;
use crate::issue::{Issue, Rule};
use crate::params::{Background, Complexity, ImageFormat, Moderation, ResponseFormat};
use crate::with_values;

use super::values::{check_quality, check_size, group_digits, unknown_value};
use super::{Common, Rules};

impl Common<'_> {
    pub(super) fn check(&self, rules: &Rules, issues: &mut Vec<Issue>) {
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
                issues.push(with_values!(Issue::warning(
                    "response_format",
                    Rule::ProviderSpecific,
                    format!(
                        "OpenAI returns {} images as b64_json and rejects response_format: url; some other providers accept it",
                        rules.label
                    ),
                ), given = format, model = rules.label));
            }
        }
    }

    fn check_model(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        if self.endpoint == Endpoint::Edit && rules.spec.is_some_and(|spec| spec.edits == Edits::None) {
            issues.push(with_values!(
                rules.issue(
                    "model",
                    Rule::UnsupportedByModel,
                    format!("{} cannot edit images: use a GPT image model", rules.label),
                ),
                other = Endpoint::Edit.plural()
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
            issues.push(with_values!(
                rules.issue(
                    "prompt",
                    Rule::MaxLength,
                    format!(
                        "the prompt is {} characters; {} takes at most {}",
                        group_digits(length as u64),
                        rules.label,
                        group_digits(u64::from(limit))
                    ),
                ),
                given = length,
                allowed = limit
            ));
        }
    }

    fn check_n(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let Some(n) = self.params.n.copied() else { return };
        let most = rules.spec.map_or_else(|| catalogue::most_of(|spec| spec.max_n), |spec| spec.max_n);
        if n == 0 {
            issues.push(with_values!(
                Issue::error("n", Rule::Range, format!("n must be between 1 and {most}, not 0")),
                given = 0,
                allowed = format_args!("1–{most}")
            ));
        } else if n > most && most == 1 {
            issues.push(with_values!(
                rules.issue(
                    "n",
                    Rule::UnsupportedByModel,
                    format!("{} makes one image per request, not {n}", rules.label),
                ),
                given = n,
                allowed = 1
            ));
        } else if n > most {
            issues.push(with_values!(
                rules.issue("n", Rule::Range, format!("n must be between 1 and {most}, not {n}")),
                given = n,
                allowed = format_args!("1–{most}")
            ));
        }
    }

    /// Parameters that only the GPT image models accept, for a model that does not.
    fn check_gpt_only(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        for &field in self.set.iter().filter(|name| GPT_ONLY_PARAMETERS.contains(name)) {
            issues.push(with_values!(
                rules.issue(
                    field,
                    Rule::UnsupportedByModel,
                    format!("{field} is only for the GPT image models, not {}", rules.label),
                ),
                given = field
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
                    Some(Support::No) => issues.push(with_values!(
                        rules.issue(
                            "background",
                            Rule::UnsupportedByModel,
                            format!("{} makes no transparent backgrounds", rules.label),
                        ),
                        given = background
                    )),
                    Some(Support::Preview | Support::Unclear) => issues.push(with_values!(
                        Issue::warning(
                            "background",
                            Rule::Experimental,
                            format!("transparent backgrounds are a preview for {}: results may vary", rules.label),
                        ),
                        given = background,
                        model = rules.label
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
            issues.push(with_values!(
                Issue::error(
                    "background",
                    Rule::Conflict,
                    "a transparent background needs png or webp output: JPEG has no transparency",
                ),
                given = "transparent",
                other = "output_format: jpeg",
                allowed = "png, webp"
            ));
        }
        if let Some(compression) = self.params.output_compression.copied() {
            if compression > 100 {
                issues.push(with_values!(
                    Issue::error(
                        "output_compression",
                        Rule::Range,
                        format!("output_compression must be between 0 and 100, not {compression}"),
                    ),
                    given = compression,
                    allowed = "0–100"
                ));
            }
            // Accepted but ignored for png: the spec's own example sends
            // `output_format: png` with `output_compression: 100`.
            match self.params.output_format {
                Some(ImageFormat::Png) => issues.push(with_values!(
                    Issue::warning(
                        "output_compression",
                        Rule::Conflict,
                        "output_compression only changes jpeg and webp output: it has no effect on png",
                    ),
                    other = "output_format: png",
                    allowed = "jpeg, webp"
                )),
                None => issues.push(with_values!(
                    Issue::warning(
                        "output_compression",
                        Rule::Conflict,
                        "output_compression only changes jpeg and webp output; without output_format the image is png",
                    ),
                    other = "output_format: png",
                    allowed = "jpeg, webp"
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
                with_values!(
                    rules.issue(
                        "complexity",
                        Rule::UnknownValue,
                        format!(
                            "{} takes complexity {}, not \"{complexity}\"",
                            rules.label,
                            Complexity::KNOWN.join(", ")
                        ),
                    ),
                    given = complexity,
                    allowed = Complexity::KNOWN.join(", ")
                )
            } else {
                unknown_value("complexity", complexity.as_str(), Complexity::KNOWN)
            });
        }
        match support {
            Some(Support::No) => issues.push(with_values!(
                rules.issue("complexity", Rule::UnsupportedByModel, format!("{} takes no complexity", rules.label)),
                given = complexity
            )),
            Some(Support::Unclear | Support::Preview) => issues.push(with_values!(
                Issue::warning(
                    "complexity",
                    Rule::ProviderSpecific,
                    format!(
                        "complexity is documented for GPT Image 2.6; what {} does with it is not: sent as asked",
                        rules.label
                    ),
                ),
                given = complexity,
                model = rules.label
            )),
            Some(Support::Yes) | None => {}
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
            issues.push(with_values!(Issue::warning(name.as_str(), Rule::UnknownParameter, message), given = name));
        }
    }

    fn check_stream(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let Some(partial) = self.params.partial_images.copied() else { return };
        let most = rules
            .spec
            .map_or_else(|| catalogue::most_of(|spec| spec.max_partial_images), |spec| spec.max_partial_images);
        if partial > most {
            issues.push(with_values!(
                rules.issue(
                    "partial_images",
                    Rule::Range,
                    format!("partial_images must be between 0 and {most}, not {partial}"),
                ),
                given = partial,
                allowed = format_args!("0–{most}")
            ));
        }
        if self.params.stream.copied() != Some(true) {
            issues.push(with_values!(
                rules.issue("partial_images", Rule::Requires, "partial_images only works with stream: true"),
                other = "stream: true"
            ));
        }
    }
}
