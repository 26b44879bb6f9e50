//! The `usage` of a request: how many tokens it would have cost.
//!
//! The formula, and where its numbers come from:
//!
//! - **Output image tokens**: the model's catalogue entry
//!   ([`gpt_image_core::ModelSpec::output_tokens`]): its tokens for one
//!   1024x1024 image at the resolved quality, scaled by pixel area, times `n`
//!   (and times the frames of an animated GIF).
//! - **Output text tokens**: the planning of the models that take
//!   `complexity`, per image, from their catalogue entry
//!   ([`gpt_image_core::catalogue::Planning`]).
//! - **Text input tokens**: `ceil(chars / 4)` of the prompt, OpenAI's rule of
//!   thumb of about four characters per token.
//! - **Image input tokens** (edits), per input image: the catalogue's
//!   [`IMAGE_INPUT_TOKENS`] (scaled to fit, cut into tiles).
//! - `total = input + output`.

use gpt_image_core::catalogue::IMAGE_INPUT_TOKENS;
use gpt_image_core::{TokenDetails, Usage};

/// Text tokens of a prompt (or any text): about four characters each.
pub fn text_tokens(prompt: &str) -> u64 {
    (prompt.chars().count() as u64).div_ceil(4)
}

/// Input tokens of one input image of this size.
pub fn image_input_tokens(width: u32, height: u32) -> u64 {
    IMAGE_INPUT_TOKENS.tokens(width, height)
}

/// The usage of a request whose images cost `image_output` tokens and its
/// planning `text_output`, from a prompt and input images of the given sizes.
pub fn usage(prompt: &str, inputs: &[(u32, u32)], image_output: u64, text_output: u64) -> Usage {
    let text = text_tokens(prompt);
    let images: u64 = inputs.iter().map(|&(w, h)| image_input_tokens(w, h)).sum();
    let output = image_output + text_output;
    Usage {
        input_tokens: text + images,
        output_tokens: output,
        total_tokens: text + images + output,
        input_tokens_details: Some(TokenDetails { text_tokens: text, image_tokens: images }),
        output_tokens_details: Some(TokenDetails { text_tokens: text_output, image_tokens: image_output }),
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
        let usage = usage("abcd", &[(256, 256)], 544, 64);
        assert_eq!(usage.input_tokens, 1 + 194);
        assert_eq!(usage.output_tokens, 544 + 64);
        assert_eq!(usage.output_tokens_details.unwrap().text_tokens, 64);
        assert_eq!(usage.total_tokens, 1 + 194 + 544 + 64);
    }
}
