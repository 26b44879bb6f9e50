//! GPT Image 2.6's animated GIF and SVG output, and their parameters.

use crate::catalogue::Support;
use crate::endpoint::Endpoint;
use crate::issue::{Issue, Rule};
use crate::params::ImageFormat;
use crate::size::Size;
use crate::with_values;

use super::{Common, Rules};

impl Common<'_> {
    /// Animated GIF output, and the GIF parameters without it.
    pub(super) fn check_gif(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let gif = self.params.output_format == Some(&ImageFormat::Gif);
        if !gif {
            for field in ["frame_count", "frame_duration_ms"].into_iter().filter(|name| self.set.contains(name)) {
                issues.push(with_values!(
                    Issue::warning(
                        field,
                        Rule::Requires,
                        format!("{field} only shapes animated GIFs: it has no effect without output_format: gif"),
                    ),
                    other = "output_format: gif"
                ));
            }
            return;
        }
        let rules_of_gif = match rules.spec {
            Some(spec) => match spec.gif {
                Some(gif) => Some(gif),
                None => {
                    issues.push(with_values!(
                        rules.issue(
                            "output_format",
                            Rule::UnsupportedByModel,
                            format!("{} makes no animated GIFs: GPT Image 2.6 does", rules.label),
                        ),
                        given = "gif"
                    ));
                    return;
                }
            },
            None => None,
        };
        issues.push(with_values!(
            Issue::warning(
                "output_format",
                Rule::Experimental,
                "animated GIFs are a preview: the account needs preview access",
            ),
            given = "gif"
        ));
        if self.endpoint == Endpoint::Edit {
            issues.push(with_values!(
                Issue::warning(
                    "output_format",
                    Rule::ProviderSpecific,
                    "the API reference offers GIF on edits, but some providers make GIFs only from text",
                ),
                given = "gif"
            ));
        }
        self.refuse_streaming(rules, "animated GIFs do not stream", issues);
        if self.params.output_compression.is_some() {
            issues.push(with_values!(
                rules.issue("output_compression", Rule::Conflict, "animated GIFs take no output_compression"),
                other = "output_format: gif"
            ));
        }
        let Some(gif) = rules_of_gif else { return };
        let (fewest, most) = gif.frames;
        if let Some(&frames) = self.params.frame_count.filter(|frames| !(fewest..=most).contains(*frames)) {
            // One gateway saw out-of-range counts fall back to the default instead of an error.
            issues.push(with_values!(Issue::warning(
                "frame_count",
                Rule::Range,
                format!("frame_count is {fewest} to {most}, not {frames}: some providers fall back to {} frames, others refuse", gif.default_frames),
            ), given = frames, allowed = format_args!("{fewest}–{most}")));
        }
        if let Some(&duration) = self.params.frame_duration_ms.filter(|duration| **duration < gif.min_frame_ms) {
            issues.push(with_values!(
                rules.issue(
                    "frame_duration_ms",
                    Rule::Range,
                    format!("frame_duration_ms must be at least {}, not {duration}", gif.min_frame_ms),
                ),
                given = duration,
                allowed = format_args!("≥ {}", gif.min_frame_ms)
            ));
        }
        let frames = self.params.frame_count.copied().unwrap_or(gif.default_frames).clamp(fewest, most);
        if let (Some(cap), Some((width, height))) =
            (gif.square_cap(frames), self.params.size.and_then(Size::dimensions))
            && u64::from(width) * u64::from(height) > u64::from(cap) * u64::from(cap)
        {
            issues.push(with_values!(Issue::warning(
                "size",
                Rule::PixelCount,
                format!(
                    "{frames} frames of {width}x{height} may not fit on one sheet: a gateway measured square frames up to {cap}x{cap} for {frames} frames"
                ),
            ), given = format_args!("{width}x{height}"), allowed = format_args!("{cap}x{cap}"), other = format_args!("frame_count: {frames}")));
        }
    }

    /// `stream` and `partial_images`, for an output that cannot stream (`why`).
    fn refuse_streaming(&self, rules: &Rules, why: &str, issues: &mut Vec<Issue>) {
        let set =
            [("stream", self.params.stream == Some(&true)), ("partial_images", self.params.partial_images.is_some())];
        for (field, _) in set.into_iter().filter(|(_, set)| *set) {
            issues.push(with_values!(
                rules.issue(field, Rule::Conflict, format!("{why}: leave out {field}")),
                other = format_args!("output_format: {}", self.params.output_format.map_or("", ImageFormat::as_str))
            ));
        }
    }

    /// SVG output, and `svg` without it.
    pub(super) fn check_svg(&self, rules: &Rules, issues: &mut Vec<Issue>) {
        let svg = self.params.output_format == Some(&ImageFormat::Svg);
        if !svg {
            if self.params.svg.is_some() {
                issues.push(with_values!(
                    Issue::warning(
                        "svg",
                        Rule::Requires,
                        "svg only shapes SVG output: it has no effect without output_format: svg",
                    ),
                    other = "output_format: svg"
                ));
            }
            return;
        }
        if let Some(Support::No) = rules.spec.map(|spec| spec.svg) {
            issues.push(with_values!(
                rules.issue(
                    "output_format",
                    Rule::UnsupportedByModel,
                    format!("{} writes no SVG: GPT Image 2.6 does", rules.label),
                ),
                given = "svg"
            ));
            return;
        }
        if self.params.svg.and_then(|options| options.model()).is_none_or(|model| model.trim().is_empty()) {
            issues.push(with_values!(Issue::warning(
                "svg",
                Rule::Requires,
                "SVG output names the text model that writes it in svg.model: some providers refuse an SVG without one",
            ), other = "svg.model"));
        }
        if self.endpoint == Endpoint::Edit {
            issues.push(with_values!(
                Issue::warning(
                    "output_format",
                    Rule::ProviderSpecific,
                    "SVG output is documented for generations; edits may refuse it",
                ),
                given = "svg"
            ));
        }
        self.refuse_streaming(rules, "SVG output does not stream", issues);
        if let Some(&n) = self.params.n.filter(|n| **n > 1) {
            issues.push(with_values!(
                Issue::warning("n", Rule::Range, format!("SVG output makes one image per request, not {n}")),
                given = n,
                allowed = 1,
                other = "output_format: svg"
            ));
        }
        if self.params.output_compression.is_some() {
            issues.push(with_values!(
                Issue::warning("output_compression", Rule::Conflict, "SVG output takes no output_compression"),
                other = "output_format: svg"
            ));
        }
    }
}
