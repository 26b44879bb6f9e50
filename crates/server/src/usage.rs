//! The `usage` of a request: how many tokens it would have cost.
//!
//! The formula, and where its numbers come from:
//!
//! - **Output image tokens** per image: a per-quality base for a 1024x1024
//!   image, scaled by pixel area: `round(base * width * height / 1024²)`.
//!   The bases are OpenAI's published counts for `gpt-image-1` at 1024x1024:
//!   low 272, medium 1056, high 4160 (image generation guide, "Cost and
//!   latency"). Scaling by area reproduces the published 1024x1536 / 1536x1024
//!   counts exactly (408, 1584, 6240). `dall-e` qualities map to `standard` →
//!   medium and `hd` → high. Times `n`.
//! - **Text input tokens**: `ceil(chars / 4)` of the prompt, OpenAI's rule of
//!   thumb of about four characters per token.
//! - **Image input tokens** (edits), per input image: the image is scaled to
//!   fit 2048x2048, then its shorter side to 768 (never upscaled), and cut
//!   into 512-pixel tiles: `65 + 129 * tiles`, the base and tile costs OpenAI
//!   lists for GPT Image 1 in its vision guide ("Calculating costs").
//! - `output_tokens_details.text_tokens` is 0; `total = input + output`.

use gpt_image_core::{Quality, TokenDetails, Usage};

/// Base image input tokens per input image.
pub const IMAGE_BASE_TOKENS: u64 = 65;
/// Image input tokens per 512-pixel tile.
pub const IMAGE_TILE_TOKENS: u64 = 129;

/// Output tokens of one image of this size and (resolved) quality.
pub fn output_tokens(width: u32, height: u32, quality: &Quality) -> u64 {
    let base = match quality {
        Quality::Low => 272,
        Quality::High | Quality::Hd => 4160,
        _ => 1056,
    };
    let area = u64::from(width) * u64::from(height);
    (base * area + 512 * 1024) / (1024 * 1024)
}

/// Text tokens of a prompt: about four characters each.
pub fn text_tokens(prompt: &str) -> u64 {
    (prompt.chars().count() as u64).div_ceil(4)
}

/// Input tokens of one input image of this size.
pub fn image_input_tokens(width: u32, height: u32) -> u64 {
    let (mut w, mut h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let fit = (2048.0 / w.max(h)).min(1.0);
    (w, h) = (w * fit, h * fit);
    let shorter = (768.0 / w.min(h)).min(1.0);
    (w, h) = (w * shorter, h * shorter);
    let tiles = (w / 512.0).ceil() as u64 * (h / 512.0).ceil() as u64;
    IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * tiles
}

/// The usage of a request making `n` images of this size and quality from a
/// prompt and input images of the given sizes.
pub fn usage(prompt: &str, inputs: &[(u32, u32)], n: u32, width: u32, height: u32, quality: &Quality) -> Usage {
    let text = text_tokens(prompt);
    let images: u64 = inputs.iter().map(|&(w, h)| image_input_tokens(w, h)).sum();
    let output = output_tokens(width, height, quality) * u64::from(n);
    Usage {
        input_tokens: text + images,
        output_tokens: output,
        total_tokens: text + images + output,
        input_tokens_details: Some(TokenDetails { text_tokens: text, image_tokens: images }),
        output_tokens_details: Some(TokenDetails { text_tokens: 0, image_tokens: output }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_tokens_match_the_published_counts() {
        for (quality, tokens) in [(Quality::Low, 272), (Quality::Medium, 1056), (Quality::High, 4160)] {
            assert_eq!(output_tokens(1024, 1024, &quality), tokens);
        }
        assert_eq!(output_tokens(1024, 1536, &Quality::Low), 408);
        assert_eq!(output_tokens(1536, 1024, &Quality::Medium), 1584);
        assert_eq!(output_tokens(1024, 1536, &Quality::High), 6240);
    }

    #[test]
    fn input_tokens_count_text_and_tiles() {
        assert_eq!(text_tokens("a red fox"), 3);
        // 1024x1024 → 768x768 → 2x2 tiles.
        assert_eq!(image_input_tokens(1024, 1024), 65 + 129 * 4);
        // Small images are not upscaled: one tile.
        assert_eq!(image_input_tokens(256, 256), 65 + 129);
        let usage = usage("abcd", &[(256, 256)], 2, 1024, 1024, &Quality::Low);
        assert_eq!(usage.input_tokens, 1 + 194);
        assert_eq!(usage.output_tokens, 544);
        assert_eq!(usage.total_tokens, 1 + 194 + 544);
    }
}
