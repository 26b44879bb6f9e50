//! What an image request asks for, read from its body before it is relayed
//! with core's readers: the model and every parameter (through the `Shared`
//! view), the prompt and the input images' sizes. The caps are checked on
//! it, and its cost estimated from the catalogue: an animated GIF's frames
//! each count as an image; an SVG, written by a text model the catalogue
//! cannot price, has no estimate.
//!
//! Where the request leaves a choice to the provider (`auto` or no size or
//! quality), the relay counts the most that choice can cost: `auto` quality
//! as `high` for GPT image models, `auto` size as 1024x1024 for generations
//! and 1536x1024 for edits.
//!
//! A turn of `/v1/responses` is read the same way through its
//! `image_generation` tool: the tool's image parameters with the turn's
//! text, input images and `stream`, counted as an edit (a turn may edit the
//! thread's image), one image per turn that draws. The answering model's
//! text tokens are priced at the operator's rate (`--text-usd-per-million-tokens`).

use axum::body::Bytes;
use axum::http::Method;
use base64::Engine;
use gpt_image_core::catalogue::{IMAGE_INPUT_TOKENS, Match, ModelSpec, Pricing};
use gpt_image_core::parameters::Shared;
use gpt_image_core::responses::{RESPONSES_PATH, ResponseRequest};
use gpt_image_core::{EditRequest, Endpoint, GenerateRequest, HEAD_LEN, ImageFormat, ImageInput, Quality, Size, Usage};
use serde_json::Value;

use super::policy::{Caps, effort};
use crate::error::{ApiFailure, read_json_body};

/// Which requests the relay reads before it relays them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `POST /v1/images/generations` or `/v1/images/edits`.
    Images(Endpoint),
    /// `POST /v1/responses`: a turn of a conversation.
    Responses,
}

/// One image request, as far as limits, caps and the log care.
#[derive(Debug, Clone)]
pub struct Ask {
    /// Which request it is.
    pub route: Route,
    /// Which endpoint it is counted as (a turn: an edit, the most it can cost).
    pub endpoint: Endpoint,
    /// The model asked for, or the API's default.
    pub model: String,
    /// Its catalogue entry, if it has one.
    pub spec: Option<&'static ModelSpec>,
    /// Widths and heights of the input images (edits).
    pub input_sizes: Vec<(u32, u32)>,
    /// The request as read (an edit's files described, not kept).
    request: Asked,
}

/// The request behind an [`Ask`] (boxed: an edit is larger).
#[derive(Debug, Clone)]
enum Asked {
    Generate(Box<GenerateRequest>),
    Edit(Box<EditRequest>),
    Turn(Box<Turn>),
}

/// A turn of `/v1/responses`, as far as the relay counts it.
#[derive(Debug, Clone)]
struct Turn {
    /// The answering (text) model.
    text_model: String,
    /// The index in `tools` of the `image_generation` tool that draws, if one does.
    tool: Option<usize>,
    /// The tool's image parameters (its model resolved), with the turn's
    /// text as the prompt, its input images and the response's `stream`.
    image: EditRequest,
}

impl Ask {
    /// Reads a generation (JSON), an edit (multipart or JSON) or a turn
    /// (JSON) with core's readers.
    pub async fn read(route: Route, content_type: &str, body: &Bytes) -> Result<Ask, ApiFailure> {
        let request = match route {
            Route::Images(Endpoint::Generate) => {
                Asked::Generate(Box::new(read_json_body(body, GenerateRequest::read_json::<Value>)?))
            }
            Route::Images(Endpoint::Edit) if content_type.starts_with("multipart/form-data") => {
                Asked::Edit(Box::new(crate::form::read(content_type, body.clone()).await?.request))
            }
            Route::Images(Endpoint::Edit) => {
                Asked::Edit(Box::new(read_json_body(body, EditRequest::read_json::<Value>)?))
            }
            Route::Responses => {
                Asked::Turn(Box::new(Turn::read(&read_json_body(body, ResponseRequest::read_json::<Value>)?)))
            }
        };
        let (model, input_sizes) = match &request {
            Asked::Generate(generation) => (generation.effective_model(), Vec::new()),
            Asked::Edit(edit) => (edit.effective_model(), edit.images.iter().map(input_size).collect()),
            Asked::Turn(turn) => (
                turn.image.model.clone().unwrap_or_else(|| turn.text_model.as_str().into()),
                turn.image.images.iter().map(input_size).collect(),
            ),
        };
        let spec = match &request {
            Asked::Turn(turn) if turn.tool.is_none() => None,
            _ => spec_of(&model),
        };
        let endpoint = match route {
            Route::Images(endpoint) => endpoint,
            Route::Responses => Endpoint::Edit,
        };
        Ok(Ask { route, endpoint, model: model.to_string(), spec, input_sizes, request })
    }

    /// The parameters both endpoints take, as sent (a turn's: its image tool's).
    pub fn shared(&self) -> Shared<'_> {
        match &self.request {
            Asked::Generate(generation) => generation.shared(),
            Asked::Edit(edit) => edit.shared(),
            Asked::Turn(turn) => turn.image.shared(),
        }
    }

    /// The prompt (a turn's text).
    pub fn prompt(&self) -> &str {
        match &self.request {
            Asked::Generate(generation) => &generation.prompt,
            Asked::Edit(edit) => &edit.prompt,
            Asked::Turn(turn) => &turn.image.prompt,
        }
    }

    /// A turn's answering model; `None` for the Images API.
    pub fn text_model(&self) -> Option<&str> {
        match &self.request {
            Asked::Turn(turn) => Some(&turn.text_model),
            _ => None,
        }
    }

    /// Whether the request makes images: every Images API request, and a
    /// turn with an image tool it does not decline (`tool_choice: none`).
    pub fn draws(&self) -> bool {
        match &self.request {
            Asked::Turn(turn) => turn.tool.is_some(),
            _ => true,
        }
    }

    /// How many images (`n`, 1 when absent; a turn makes one image, or none).
    pub fn n(&self) -> u32 {
        match &self.request {
            Asked::Turn(turn) => u32::from(turn.tool.is_some()),
            _ => self.shared().n.copied().unwrap_or(1),
        }
    }

    /// The pictures each image holds: an animated GIF's frames (as the
    /// model's GIF rules resolve them; as asked for a model the catalogue
    /// does not know), else one.
    pub fn frames(&self) -> u32 {
        let shared = self.shared();
        if shared.output_format != Some(&ImageFormat::Gif) {
            return 1;
        }
        let asked = shared.frame_count.copied();
        match self.spec.and_then(|spec| spec.gif) {
            Some(rules) => rules.frames(asked),
            None => asked.unwrap_or(1).max(1),
        }
    }

    /// The pictures the request makes, each priced and counted as an image:
    /// `n` times a GIF's frames.
    pub fn images(&self) -> u32 {
        self.n().saturating_mul(self.frames())
    }

    /// Whether it asks for an SVG, which a text model writes (`svg.model`).
    fn svg(&self) -> bool {
        self.shared().output_format == Some(&ImageFormat::Svg)
    }

    /// Why the cost cannot be estimated, as a refusal for a relay with a
    /// dollar ceiling: an SVG's author model, a model the catalogue cannot
    /// price, or a turn's text tokens without a rate (`text_rate`).
    pub fn unpriced(&self, text_rate: Option<f64>) -> ApiFailure {
        if let (Some(model), None) = (self.text_model(), text_rate) {
            let message = format!(
                "This relay keeps a spending ceiling, and has no price for the text tokens of `{model}` on /v1/responses: its operator sets one with --text-usd-per-million-tokens."
            );
            return ApiFailure::invalid(message, Some("model"), "model_not_priced");
        }
        if self.svg() {
            let author = self.shared().svg.and_then(|options| options.model()).unwrap_or("(none named)");
            let message = format!(
                "This relay keeps a spending ceiling, and an SVG is written by a text model (svg.model `{author}`) billed at its own rates, which the model catalogue cannot estimate: ask for png, jpeg, webp or gif."
            );
            return ApiFailure::invalid(message, Some("output_format"), "model_not_priced");
        }
        let message = format!(
            "This relay keeps a spending ceiling, and the model catalogue has no price for `{}`: ask for a model it knows.",
            self.model
        );
        ApiFailure::invalid(message, Some("model"), "model_not_priced")
    }

    /// Whether the model takes the GPT image parameters (unknown models are assumed to).
    fn gpt(&self) -> bool {
        self.spec.is_none_or(|spec| spec.gpt_parameters)
    }

    /// The quality the relay counts: as sent, or `high` where the provider
    /// picks (`standard` for `dall-e` models); unknown names count as `max`.
    pub fn counted_quality(&self) -> Quality {
        match self.shared().quality {
            Some(quality) if effort(quality).is_some() => quality.clone(),
            Some(Quality::Auto) | None if self.gpt() => Quality::High,
            Some(Quality::Auto) | None => Quality::Standard,
            Some(_) => Quality::Max,
        }
    }

    /// The width and height the relay counts; `None` for a size that is not `WIDTHxHEIGHT`.
    pub fn counted_size(&self) -> Option<(u32, u32)> {
        match self.shared().size {
            Some(Size::Pixels { width, height }) => Some((*width, *height)),
            Some(Size::Auto) | None if self.endpoint == Endpoint::Edit && self.gpt() => Some((1536, 1024)),
            Some(Size::Auto) | None => Some((1024, 1024)),
            Some(Size::Other(_)) => None,
        }
    }

    /// Checks the caps; the refusal names the field and the cap (a turn's
    /// image parameters as `tools[i].field`).
    pub fn check(&self, caps: &Caps) -> Result<(), ApiFailure> {
        let Asked::Turn(turn) = &self.request else { return self.check_images(caps) };
        match turn.tool {
            Some(index) => self.check_images(caps).map_err(|mut failure| {
                if let Some(param) = failure.error.param.as_mut().filter(|param| *param != "stream") {
                    *param = format!("tools[{index}].{param}");
                }
                failure
            }),
            None if caps.no_stream && self.shared().stream == Some(&true) => Err(no_stream()),
            None => Ok(()),
        }
    }

    /// Checks the caps on the image parameters.
    fn check_images(&self, caps: &Caps) -> Result<(), ApiFailure> {
        let refuse = |field: &str, message: String| Err(ApiFailure::invalid(message, Some(field), "cap_exceeded"));
        if !caps.models.is_empty() && !self.spec.is_some_and(|spec| caps.models.contains(&spec)) {
            let ids: Vec<&str> = caps.models.iter().map(|spec| spec.id).collect();
            let message = format!(
                "This relay does not take the model `{}`: it takes {} (and their snapshots).",
                self.model,
                ids.join(", ")
            );
            return Err(ApiFailure::invalid(message, Some("model"), "model_not_allowed"));
        }
        if let Some(max) = caps.max_n
            && self.images() > max
        {
            let (n, frames) = (self.n(), self.frames());
            return match frames {
                1 => refuse("n", format!("n is {n}, but this relay makes at most {max} images per request.")),
                _ => refuse(
                    if n > max { "n" } else { "frame_count" },
                    format!(
                        "n is {n} with {frames} GIF frames each: {} pictures, each billed as an image, but this relay makes at most {max} per request.",
                        self.images()
                    ),
                ),
            };
        }
        if let Some(max) = caps.max_pixels {
            match self.counted_size() {
                Some((width, height)) if u64::from(width) * u64::from(height) > max => {
                    let shown = match self.shared().size {
                        Some(Size::Pixels { .. }) => format!("{width}x{height}"),
                        _ => format!("auto (counted as {width}x{height})"),
                    };
                    return refuse(
                        "size",
                        format!(
                            "size {shown} has {} pixels, but this relay takes at most {max} pixels per image: ask for a smaller size.",
                            u64::from(width) * u64::from(height)
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    return refuse("size", "size must be WIDTHxHEIGHT for this relay to check its pixel cap.".into());
                }
            }
        }
        if let Some(max) = &caps.max_quality {
            let counted = self.counted_quality();
            if effort(&counted) > effort(max) {
                let asked = match self.shared().quality {
                    Some(quality) if effort(quality).is_some() => format!("quality `{quality}`"),
                    Some(Quality::Auto) | None => {
                        format!("quality `auto` (or none) lets the provider pick up to `{counted}`, so it")
                    }
                    Some(quality) => format!("quality `{quality}` is unknown to this relay and"),
                };
                return refuse(
                    "quality",
                    format!("{asked} is above this relay's cap of `{max}`: ask for `{max}` or less."),
                );
            }
        }
        if caps.no_stream && self.shared().stream == Some(&true) {
            return Err(no_stream());
        }
        Ok(())
    }

    /// The cost before the request, in dollars: the images' from the
    /// catalogue (a GIF's every frame at the image's output tokens), and a
    /// turn's text tokens (its text and input images) at `text_rate`
    /// dollars per million, if set; `None` for a model the catalogue cannot
    /// price, and for an SVG (see [`Ask::unpriced`]).
    pub fn estimate_usd(&self, text_rate: Option<f64>) -> Option<f64> {
        let text = match self.text_model() {
            Some(_) => {
                let images: u64 = self.input_sizes.iter().map(|&(w, h)| crate::usage::image_input_tokens(w, h)).sum();
                text_usd(crate::usage::text_tokens(self.prompt()) + images, text_rate)
            }
            None => 0.0,
        };
        Some(self.images_estimate_usd()? + text)
    }

    /// The images' part of [`Ask::estimate_usd`].
    fn images_estimate_usd(&self) -> Option<f64> {
        if !self.draws() {
            return Some(0.0);
        }
        let spec = self.spec.filter(|_| !self.svg())?;
        let quality = self.counted_quality();
        let (width, height) = self.counted_size().unwrap_or((1024, 1024));
        let text = crate::usage::text_tokens(self.prompt());
        let images: u64 = self.input_sizes.iter().map(|&(w, h)| crate::usage::image_input_tokens(w, h)).sum();
        let output = spec.output_tokens(Some(&quality), width, height, self.images());
        self.price(spec, Some((text, images, output)))
    }

    /// The cost of an answer's images: from their `usage` (a turn's
    /// `tool_usage.image_gen`) where the model is priced by the token, else
    /// as estimated; `None` for an SVG.
    pub fn settled_usd(&self, usage: Option<&Usage>) -> Option<f64> {
        let spec = self.spec.filter(|_| !self.svg())?;
        let Some(usage) = usage else { return self.images_estimate_usd() };
        let details = usage.input_tokens_details.unwrap_or_default();
        let text = if usage.input_tokens_details.is_some() { details.text_tokens } else { usage.input_tokens };
        self.price(spec, Some((text, details.image_tokens, usage.output_tokens)))
    }

    fn price(&self, spec: &ModelSpec, tokens: Option<(u64, u64, u64)>) -> Option<f64> {
        let quality = self.counted_quality();
        let size = self.counted_size().map(|(width, height)| Size::pixels(width, height));
        match spec.prices {
            Pricing::Tokens(_) => spec.prices.estimate(tokens, Some(&quality), size.as_ref(), self.images()),
            Pricing::PerImage(_) => spec.prices.estimate(None, Some(&quality), size.as_ref(), self.images()),
        }
    }
}

impl Turn {
    /// What the relay counts of a turn: the image tool that draws it.
    fn read(request: &ResponseRequest) -> Turn {
        let tool = request.drawing_tool();
        let image = match tool {
            // The tool makes one image, whatever `n` it names.
            Some((_, tool)) => EditRequest { model: Some(tool.effective_model()), n: None, ..tool.image.clone() },
            None => EditRequest::default(),
        };
        let image =
            EditRequest { prompt: request.text(), images: request.input_images(), stream: request.stream, ..image };
        Turn { text_model: request.model.clone(), tool: tool.map(|(index, _)| index), image }
    }
}

/// Text tokens in dollars at `rate` dollars per million (none without a rate).
pub fn text_usd(tokens: u64, rate: Option<f64>) -> f64 {
    rate.map_or(0.0, |rate| tokens as f64 * rate / 1e6)
}

/// The refusal of `stream: true` by `--no-stream`.
fn no_stream() -> ApiFailure {
    ApiFailure::invalid(
        "This relay does not stream: send `stream: false` (or leave it out).",
        Some("stream"),
        "cap_exceeded",
    )
}

fn spec_of(model: &gpt_image_core::Model) -> Option<&'static ModelSpec> {
    match model.resolve().matched {
        Match::Known(spec) => Some(spec),
        _ => None,
    }
}

/// The size of an input image: read from an upload's or a data URL's first bytes.
fn input_size(input: &ImageInput) -> (u32, u32) {
    let seen = match input {
        ImageInput::Upload(file) => file.dimensions,
        ImageInput::Url(url) => data_url_head(url).and_then(|head| gpt_image_core::dimensions(&head)),
        ImageInput::FileId(_) => None,
    };
    seen.unwrap_or_else(|| IMAGE_INPUT_TOKENS.costliest())
}

/// The first decoded bytes of a base64 `data:` URL, enough to read the image's size.
fn data_url_head(url: &str) -> Option<Vec<u8>> {
    let (meta, payload) = url.strip_prefix("data:")?.split_once(',')?;
    if !meta.ends_with(";base64") {
        return None;
    }
    let clean: String = payload.chars().filter(|c| !c.is_ascii_whitespace()).take(HEAD_LEN / 3 * 4).collect();
    base64::engine::general_purpose::STANDARD.decode(clean).ok()
}

/// The route of a request the relay reads: `POST /v1/images/generations`,
/// `/v1/images/edits` or `/v1/responses`.
pub fn route_of(method: &Method, path: &str) -> Option<Route> {
    let below = path.strip_prefix("/v1").filter(|_| *method == Method::POST)?;
    if below == RESPONSES_PATH {
        return Some(Route::Responses);
    }
    Endpoint::ALL.into_iter().find(|endpoint| below == endpoint.path()).map(Route::Images)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn generation(body: serde_json::Value) -> Ask {
        Ask::read(Route::Images(Endpoint::Generate), "application/json", &Bytes::from(body.to_string())).await.unwrap()
    }

    #[tokio::test]
    async fn choices_left_to_the_provider_count_as_the_most_they_cost() {
        let auto = generation(serde_json::json!({"model": "gpt-image-2", "prompt": "abcd"})).await;
        assert_eq!((auto.counted_quality(), auto.counted_size()), (Quality::High, Some((1024, 1024))));
        // 4160 output tokens at $30 and one text token at $5 per million.
        assert!((auto.estimate_usd(None).unwrap() - (4160.0 * 30.0 + 5.0) / 1e6).abs() < 1e-12);
        let dalle = generation(serde_json::json!({"prompt": "x", "size": "256x256", "n": 2})).await;
        assert_eq!((dalle.model.as_str(), dalle.counted_quality()), ("dall-e-2", Quality::Standard));
        assert!((dalle.estimate_usd(None).unwrap() - 0.032).abs() < 1e-12);
        let unknown = generation(serde_json::json!({"model": "flux-pro", "prompt": "x"})).await;
        assert_eq!((unknown.spec, unknown.estimate_usd(None)), (None, None));
    }

    #[tokio::test]
    async fn edits_count_their_input_images_from_data_urls() {
        let png = {
            let mut out = std::io::Cursor::new(Vec::new());
            image::RgbaImage::new(600, 300).write_to(&mut out, image::ImageFormat::Png).unwrap();
            base64::engine::general_purpose::STANDARD.encode(out.into_inner())
        };
        let body = serde_json::json!({
            "model": "gpt-image-1.5",
            "prompt": "x",
            "images": [{"image_url": format!("data:image/png;base64,{png}")}, {"file_id": "file-1"}],
        });
        let edit =
            Ask::read(Route::Images(Endpoint::Edit), "application/json", &Bytes::from(body.to_string())).await.unwrap();
        assert_eq!(edit.input_sizes, [(600, 300), IMAGE_INPUT_TOKENS.costliest()]);
        assert_eq!(edit.counted_size(), Some((1536, 1024)));
    }
}
