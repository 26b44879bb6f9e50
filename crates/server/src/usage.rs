//! The `usage` of a request: how many tokens it would have cost.
//!
//! The formula, and where its numbers come from:
//!
//! - **Output image tokens**: the model's catalogue entry
//!   ([`gpt_image_core::ModelSpec::output_tokens`]): its tokens for one
//!   1024x1024 image at the resolved quality, scaled by pixel area, times `n`.
//! - **Text input tokens**: `ceil(chars / 4)` of the prompt, OpenAI's rule of
//!   thumb of about four characters per token.
//! - **Image input tokens** (edits), per input image: the image is scaled to
//!   fit 2048x2048, then its shorter side to 768 (never upscaled), and cut
//!   into 512-pixel tiles: `65 + 129 * tiles`, the base and tile costs OpenAI
//!   lists for GPT Image 1 in its vision guide ("Calculating costs").
//! - `output_tokens_details.text_tokens` is 0; `total = input + output`.

use gpt_image_core::{TokenDetails, Usage};

/// Base image input tokens per input image.
const IMAGE_BASE_TOKENS: u64 = 65;
/// Image input tokens per 512-pixel tile.
const IMAGE_TILE_TOKENS: u64 = 129;

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

/// The usage of a request whose images cost `output` tokens, from a prompt
/// and input images of the given sizes.
pub fn usage(prompt: &str, inputs: &[(u32, u32)], output: u64) -> Usage {
    let text = text_tokens(prompt);
    let images: u64 = inputs.iter().map(|&(w, h)| image_input_tokens(w, h)).sum();
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
    fn input_tokens_count_text_and_tiles() {
        assert_eq!(text_tokens("a red fox"), 3);
        // 1024x1024 → 768x768 → 2x2 tiles.
        assert_eq!(image_input_tokens(1024, 1024), 65 + 129 * 4);
        // Small images are not upscaled: one tile.
        assert_eq!(image_input_tokens(256, 256), 65 + 129);
        let usage = usage("abcd", &[(256, 256)], 544);
        assert_eq!(usage.input_tokens, 1 + 194);
        assert_eq!(usage.output_tokens, 544);
        assert_eq!(usage.total_tokens, 1 + 194 + 544);
    }
}
