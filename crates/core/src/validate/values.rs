//! Checks of single values: quality, style, input fidelity, sizes; and
//! the nearest size a model takes.

use crate::catalogue::{SizeRule, Support};
use crate::issue::{Issue, Rule};
use crate::params::{InputFidelity, Quality, Style};
use crate::size::Size;
use crate::with_values;

use super::Rules;

/// A value this crate does not know: sent as it is, with a warning that names it.
pub(super) fn unknown_value(field: &str, value: &str, known: &[&str]) -> Issue {
    let known = known.join(", ");
    with_values!(
        Issue::warning(
            field,
            Rule::UnknownValue,
            format!("{field} \"{value}\" is not one this package knows ({known}): sent as it is"),
        ),
        given = value,
        allowed = known
    )
}

pub(super) fn check_quality(rules: &Rules, quality: &Quality, issues: &mut Vec<Issue>) {
    if !quality.is_known() {
        issues.push(unknown_value("quality", quality.as_str(), Quality::KNOWN));
        return;
    }
    let Some(spec) = rules.spec else { return };
    if !spec.takes_quality(quality) {
        let accepted = spec.qualities.iter().map(Quality::as_str).collect::<Vec<_>>().join(", ");
        issues.push(with_values!(
            rules.issue(
                "quality",
                Rule::UnsupportedByModel,
                format!("{} takes quality {accepted}, not {quality}", rules.label),
            ),
            given = quality,
            allowed = accepted
        ));
    }
}

pub(super) fn check_style(rules: &Rules, style: &Style, issues: &mut Vec<Issue>) {
    if rules.spec.is_some_and(|spec| !spec.style) {
        issues.push(with_values!(
            rules.issue("style", Rule::UnsupportedByModel, format!("{} takes no style", rules.label)),
            given = style
        ));
    } else if !style.is_known() {
        issues.push(unknown_value("style", style.as_str(), Style::KNOWN));
    }
}

pub(super) fn check_fidelity(rules: &Rules, fidelity: &InputFidelity, issues: &mut Vec<Issue>) {
    match rules.spec.map(|spec| spec.input_fidelity) {
        Some(Support::No) => issues.push(with_values!(
            rules.issue(
                "input_fidelity",
                Rule::UnsupportedByModel,
                format!("input_fidelity is not supported by {}", rules.label),
            ),
            given = fidelity
        )),
        Some(Support::Unclear) => issues.push(with_values!(
            Issue::warning(
                "input_fidelity",
                Rule::ProviderSpecific,
                format!("sources disagree whether {} uses input_fidelity: it is sent as asked", rules.label),
            ),
            given = fidelity,
            model = rules.label
        )),
        Some(Support::Yes | Support::Preview) | None => {}
    }
    if !fidelity.is_known() {
        issues.push(unknown_value("input_fidelity", fidelity.as_str(), InputFidelity::KNOWN));
    }
}

pub(super) fn check_size(rules: &Rules, size: &Size, gif_frame: bool, issues: &mut Vec<Issue>) {
    match size {
        Size::Other(text) => issues.push(with_values!(
            Issue::warning(
                "size",
                Rule::SizeFormat,
                format!("size \"{text}\" is not auto or WIDTHxHEIGHT (for example 1024x1024): sent as it is"),
            ),
            given = text
        )),
        Size::Pixels { width, height } if *width == 0 || *height == 0 => {
            issues.push(with_values!(
                Issue::error("size", Rule::Range, format!("size {size} has no pixels")),
                given = size
            ));
        }
        _ => match rules.spec.map(|spec| &spec.sizes) {
            None => {}
            Some(SizeRule::Standard(standard)) if standard.contains(size) => {}
            Some(SizeRule::Standard(standard)) => {
                let listed = standard.iter().map(Size::to_string).collect::<Vec<_>>().join(", ");
                issues.push(with_values!(
                    rules.issue(
                        "size",
                        Rule::UnsupportedByModel,
                        format!("{} makes {listed}, not {size}", rules.label)
                    ),
                    given = size,
                    allowed = listed
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
    let mut error = |issue: Issue| issues.push(with_values!(issue, given = &size));
    let step = limits.step;
    if !width.is_multiple_of(step) || !height.is_multiple_of(step) {
        let message = format!("size {size}: width and height must both be multiples of {step}");
        error(with_values!(rules.issue("size", Rule::SizeMultipleOf16, message), allowed = step));
    }
    let (long, short) = (width.max(height), width.min(height));
    let ratio = limits.max_aspect_ratio;
    if u64::from(long) > u64::from(short) * u64::from(ratio) {
        let message = format!("size {size}: the aspect ratio must be between 1:{ratio} and {ratio}:1");
        error(with_values!(rules.issue("size", Rule::AspectRatio, message), allowed = format_args!("{ratio}:1")));
    }
    if long > limits.max_edge {
        let message = format!("size {size}: the longest edge must be at most {} pixels", limits.max_edge);
        error(with_values!(rules.issue("size", Rule::MaxEdge, message), allowed = limits.max_edge));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels < limits.min_pixels || pixels > limits.max_pixels {
        let (few, many) = (group_digits(limits.min_pixels), group_digits(limits.max_pixels));
        let (counted, label) = (group_digits(pixels), rules.label);
        let message = if pixels < limits.min_pixels {
            format!("size {size} has {counted} pixels; {label} needs at least {few}")
        } else {
            format!("size {size} has {counted} pixels; {label} makes at most {many}")
        };
        error(with_values!(rules.issue("size", Rule::PixelCount, message), allowed = format_args!("{few}–{many}")));
    }
    if let (Some(first), Some(nearest)) = (issues.get_mut(issues_before), nearest_valid_size(limits, width, height)) {
        first.message.push_str(&format!(" (the nearest valid size is {nearest})"));
        #[cfg(feature = "values")]
        {
            first.values.suggested = Some(nearest.to_string());
        }
    }
    let (wide, high) = limits.experimental_above;
    if issues.len() == issues_before && pixels > u64::from(wide) * u64::from(high) {
        issues.push(with_values!(
            Issue::warning(
                "size",
                Rule::Experimental,
                format!("size {size} is above {wide}x{high}, which OpenAI calls experimental: results may vary"),
            ),
            given = size,
            allowed = format_args!("{wide}x{high}")
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
        issues.push(with_values!(
            rules.issue(
                "size",
                Rule::SizeMultipleOf16,
                format!("size {width}x{height}: a frame's width and height must both be multiples of {step}"),
            ),
            given = format_args!("{width}x{height}"),
            allowed = step
        ));
    }
    let ratio = limits.max_aspect_ratio;
    if u64::from(width.max(height)) > u64::from(width.min(height)) * u64::from(ratio) {
        issues.push(with_values!(
            rules.issue(
                "size",
                Rule::AspectRatio,
                format!("size {width}x{height}: the aspect ratio must be between 1:{ratio} and {ratio}:1"),
            ),
            given = format_args!("{width}x{height}"),
            allowed = format_args!("{ratio}:1")
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

/// A size class people pick instead of pixels: the long edge's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// About 1,024 pixels along the long edge.
    K1,
    /// About 2,048.
    K2,
    /// The model's longest edge (3,840 for GPT Image 2), or as near as its pixel limit allows.
    K4,
}

impl Resolution {
    /// All three, smallest first.
    pub const ALL: [Resolution; 3] = [Resolution::K1, Resolution::K2, Resolution::K4];

    /// `1K`, `2K`, `4K`.
    pub fn label(self) -> &'static str {
        match self {
            Resolution::K1 => "1K",
            Resolution::K2 => "2K",
            Resolution::K4 => "4K",
        }
    }

    fn long_edge(self, max_edge: u32) -> u32 {
        match self {
            Resolution::K1 => 1024,
            Resolution::K2 => 2048,
            Resolution::K4 => max_edge,
        }
        .min(max_edge)
    }
}

/// The aspect ratios sizes are offered in, as width:height.
pub const ASPECT_RATIOS: [(u32, u32); 7] = [(1, 1), (3, 2), (2, 3), (4, 3), (3, 4), (16, 9), (9, 16)];

/// The size of `resolution` in the aspect ratio `width:height` that the
/// limits take: the long edge at its target, shrunk or grown as a whole
/// (the ratio kept) into the pixel limits, each side a multiple of the step; `None` when
/// no such size keeps the rules (a ratio wider than the model allows).
pub fn resolution_size(
    limits: &crate::catalogue::CustomSizes,
    (width, height): (u32, u32),
    resolution: Resolution,
) -> Option<Size> {
    if width == 0 || height == 0 {
        return None;
    }
    let long = f64::from(resolution.long_edge(limits.max_edge));
    let (mut w, mut h) = if width >= height {
        (long, long * f64::from(height) / f64::from(width))
    } else {
        (long * f64::from(width) / f64::from(height), long)
    };
    let pixels = w * h;
    let scale = if pixels > limits.max_pixels as f64 {
        (limits.max_pixels as f64 / pixels).sqrt()
    } else if pixels < limits.min_pixels as f64 {
        (limits.min_pixels as f64 / pixels).sqrt()
    } else {
        1.0
    };
    (w, h) = (w * scale, h * scale);
    // Down to the step when shrinking (or kept), up when growing, so the pixel limit still holds.
    let step = f64::from(limits.step.max(1));
    let snap = |side: f64| (if scale > 1.0 { (side / step).ceil() } else { (side / step).floor() } * step) as u32;
    let size = nearest_valid_size(limits, snap(w), snap(h))?;
    let ratio_kept = match size {
        Size::Pixels { width: w, height: h } => {
            (f64::from(w) / f64::from(h) - f64::from(width) / f64::from(height)).abs()
                < 0.02 * f64::from(width) / f64::from(height)
        }
        _ => false,
    };
    ratio_kept.then_some(size)
}

/// `32000` as `32,000`.
pub(super) fn group_digits(value: u64) -> String {
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
