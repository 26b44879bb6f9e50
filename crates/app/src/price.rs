//! The price table, kept in one place: an estimated cost in US dollars for
//! a request's token usage (GPT image models) or its images (DALL·E).
//!
//! Prices are OpenAI's published list prices per million tokens as of
//! 2026-11; `gpt-image-2` is assumed to cost what `gpt-image-1.5` does until
//! it is listed. Providers behind another base URL charge their own prices.

use gpt_image_wasm::core::{Model, ModelFamily, Quality, Size, Usage};

/// Dollars per million tokens: text in, image in, image out.
struct TokenPrices {
    text_input: f64,
    image_input: f64,
    image_output: f64,
}

fn token_prices(model: &Model) -> Option<TokenPrices> {
    let name = model.as_str();
    let (text_input, image_input, image_output) = if name.contains("mini") {
        (2.0, 2.5, 8.0)
    } else if name.starts_with("gpt-image-1.5") || model.family() == ModelFamily::GptImage2 {
        (5.0, 8.0, 32.0)
    } else if model.family() == ModelFamily::GptImage {
        (5.0, 10.0, 40.0)
    } else {
        return None;
    };
    Some(TokenPrices { text_input, image_input, image_output })
}

/// The estimated cost of a request with this usage, or of `n` DALL·E images.
pub fn estimate(
    model: &Model,
    usage: Option<&Usage>,
    quality: Option<&Quality>,
    size: Option<&Size>,
    n: u32,
) -> Option<f64> {
    if let (Some(prices), Some(usage)) = (token_prices(model), usage) {
        let (text_in, image_in) = usage
            .input_tokens_details
            .as_ref()
            .map_or((usage.input_tokens, 0), |details| (details.text_tokens, details.image_tokens));
        let per_million = text_in as f64 * prices.text_input
            + image_in as f64 * prices.image_input
            + usage.output_tokens as f64 * prices.image_output;
        return Some(per_million / 1_000_000.0);
    }
    let pixels = size.and_then(Size::dimensions).map_or(1024 * 1024, |(w, h)| w * h);
    let each = match model.family() {
        ModelFamily::DallE3 => match (quality.map(Quality::as_str), pixels > 1024 * 1024) {
            (Some("hd"), true) => 0.12,
            (Some("hd"), false) | (_, true) => 0.08,
            _ => 0.04,
        },
        ModelFamily::DallE2 => match pixels {
            p if p <= 256 * 256 => 0.016,
            p if p <= 512 * 512 => 0.018,
            _ => 0.02,
        },
        _ => return None,
    };
    Some(each * f64::from(n))
}
