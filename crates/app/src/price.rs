//! The estimated cost of a request, in US dollars, from the catalogue's
//! prices of the model it resolves to: by the response's token usage (GPT
//! image models) or per image (DALL·E). A name the catalogue cannot place
//! has no estimate; providers behind another base URL charge their own prices.

use gpt_image_wasm::core::{Model, Quality, Size, Usage};

/// The estimated cost of a request with this usage, or of `n` per-image-priced images.
pub fn estimate(
    model: &Model,
    usage: Option<&Usage>,
    quality: Option<&Quality>,
    size: Option<&Size>,
    n: u32,
) -> Option<f64> {
    let spec = model.resolve().nearest()?;
    let tokens = usage.map(|usage| {
        let (text_in, image_in) = usage
            .input_tokens_details
            .as_ref()
            .map_or((usage.input_tokens, 0), |details| (details.text_tokens, details.image_tokens));
        (text_in, image_in, usage.output_tokens)
    });
    spec.prices.estimate(tokens, quality, size, n)
}

#[cfg(test)]
mod tests {
    use gpt_image_wasm::core::TokenDetails;

    use super::*;

    fn usage(text: u64, image: u64, output: u64) -> Usage {
        Usage {
            input_tokens: text + image,
            output_tokens: output,
            total_tokens: text + image + output,
            input_tokens_details: Some(TokenDetails { text_tokens: text, image_tokens: image }),
            output_tokens_details: None,
        }
    }

    #[test]
    fn token_priced_models_cost_their_usage() {
        // GPT Image 2.5: $5 text in, $8 image in, $30 image out per million.
        let cost =
            estimate(&Model::from("openai/gpt-image-2.5-sunburst"), Some(&usage(1000, 2000, 10_000)), None, None, 1);
        assert_eq!(cost, Some((1000.0 * 5.0 + 2000.0 * 8.0 + 10_000.0 * 30.0) / 1_000_000.0));
        assert_eq!(estimate(&Model::from("gpt-image-2"), None, None, None, 1), None, "no usage, no estimate");
    }

    #[test]
    fn per_image_models_cost_their_images_and_unknown_ones_nothing() {
        let wide = Size::pixels(1792, 1024);
        assert_eq!(estimate(&Model::from("dall-e-3"), None, Some(&Quality::Hd), Some(&wide), 2), Some(0.24));
        assert_eq!(estimate(&Model::from("flux-pro"), Some(&usage(1, 1, 1)), None, None, 1), None);
    }
}
