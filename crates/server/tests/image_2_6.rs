//! GPT Image 2.6 over real HTTP: `complexity` in usage and latency,
//! animated GIFs that decode to the frames asked, SVG documents that parse,
//! markup edits, and what the API refuses.

mod common;

use std::io::Cursor;
use std::time::{Duration, Instant};

use base64::Engine;
use common::{client, expect_error, png, post, start};
use gpt_image_server::{Config, Latency};
use image::AnimationDecoder;
use image::codecs::gif::GifDecoder;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const GENERATIONS: &str = "/v1/images/generations";

/// A 2.6 generation with these fields besides model and prompt.
fn flare(extra: Value) -> Value {
    let mut body = json!({"model": "gpt-image-2.6-flare", "prompt": "a red kite over the dunes"});
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body
}

/// The bytes of an answer's first image.
fn first_file(answer: &Value) -> Vec<u8> {
    let b64 = answer["data"][0]["b64_json"].as_str().expect("b64_json");
    base64::engine::general_purpose::STANDARD.decode(b64).expect("base64")
}

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn complexity_shapes_usage_and_latency() {
    let base = start(Config { latency: Latency::parse("1500").unwrap(), ..Config::default() }).await;
    let mut seen = Vec::new();
    for complexity in ["low", "high"] {
        let started = Instant::now();
        let body = flare(json!({"quality": "low", "size": "1024x640", "complexity": complexity}));
        let answer = ok(post(&base, GENERATIONS, body).await).await;
        seen.push((started.elapsed(), answer["usage"].clone()));
    }
    let ((low_time, low), (high_time, high)) = (seen[0].clone(), seen[1].clone());
    // The catalogue's planning: low takes 40% of the quality's time, high all of it.
    assert!(high_time >= Duration::from_millis(1500), "{high_time:?}");
    assert!(
        low_time >= Duration::from_millis(600) && low_time + Duration::from_millis(600) < high_time,
        "{low_time:?}"
    );
    // Planning is output text; the picture's tokens are the same.
    assert_eq!(low["output_tokens_details"]["image_tokens"], high["output_tokens_details"]["image_tokens"]);
    let planning = |usage: &Value| usage["output_tokens_details"]["text_tokens"].as_u64().unwrap();
    assert!(planning(&low) > 0 && planning(&low) < planning(&high), "{low} {high}");
    assert_eq!(
        high["output_tokens"].as_u64().unwrap(),
        high["output_tokens_details"]["image_tokens"].as_u64().unwrap() + planning(&high)
    );
    // Without complexity a 2.6 model plans as `high`.
    let base = start(Config::default()).await;
    let default = ok(post(&base, GENERATIONS, flare(json!({"quality": "low", "size": "1024x640"}))).await).await;
    assert_eq!(default["usage"], high);
    // What the API refuses: a value 2.6 does not take, a value of the wrong kind.
    let error = expect_error(
        post(&base, GENERATIONS, flare(json!({"complexity": "extreme"}))).await,
        400,
        Some("invalid_value"),
    )
    .await;
    assert_eq!(error["param"], "complexity", "{error}");
    let error =
        expect_error(post(&base, GENERATIONS, flare(json!({"complexity": 3}))).await, 400, Some("invalid_type")).await;
    assert_eq!(error["param"], "complexity", "{error}");
    assert!(error["message"].as_str().unwrap().contains("complexity must be a string"), "{error}");
}

#[tokio::test]
async fn gifs_decode_to_the_frames_and_durations_asked() {
    let base = start(Config::default()).await;
    let body = flare(
        json!({"output_format": "gif", "size": "512x512", "frame_count": 4, "frame_duration_ms": 120, "quality": "low"}),
    );
    let answer = ok(post(&base, GENERATIONS, body).await).await;
    assert_eq!(answer["output_format"], "gif");
    let bytes = first_file(&answer);
    assert!(bytes.starts_with(b"GIF89a"));
    let frames = GifDecoder::new(Cursor::new(bytes)).unwrap().into_frames().collect_frames().unwrap();
    assert_eq!(frames.len(), 4);
    for frame in &frames {
        assert_eq!(frame.delay().numer_denom_ms(), (120, 1));
        assert_eq!(frame.buffer().dimensions(), (512, 512));
    }
    assert_ne!(frames[0].buffer(), frames[1].buffer(), "the frames move");
    // Every frame is billed as an image.
    let body = flare(json!({"output_format": "gif", "size": "512x512", "frame_count": 2, "quality": "low"}));
    let two = ok(post(&base, GENERATIONS, body).await).await;
    let image_tokens = |answer: &Value| answer["usage"]["output_tokens_details"]["image_tokens"].as_u64().unwrap();
    assert!(image_tokens(&two) > 0);
    assert_eq!(image_tokens(&answer), 2 * image_tokens(&two));
    // The catalogue's defaults: 9 frames of 200 ms; a transparent background has 1-bit alpha.
    let body = flare(json!({"output_format": "gif", "size": "256x256", "background": "transparent"}));
    let answer = ok(post(&base, GENERATIONS, body).await).await;
    let frames = GifDecoder::new(Cursor::new(first_file(&answer))).unwrap().into_frames().collect_frames().unwrap();
    assert_eq!(frames.len(), 9);
    assert!(frames.iter().all(|frame| frame.delay().numer_denom_ms() == (200, 1)));
    let alphas: Vec<u8> = frames[0].buffer().pixels().map(|pixel| pixel[3]).collect();
    assert!(alphas.contains(&0) && alphas.contains(&255));
    assert!(alphas.iter().all(|alpha| *alpha == 0 || *alpha == 255));
    // What the API refuses with a GIF.
    for (extra, param) in [
        (json!({"stream": true}), "stream"),
        (json!({"output_compression": 50}), "output_compression"),
        (json!({"frame_duration_ms": 10}), "frame_duration_ms"),
    ] {
        let mut body = flare(json!({"output_format": "gif", "size": "256x256"}));
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let error = expect_error(post(&base, GENERATIONS, body).await, 400, Some("invalid_value")).await;
        assert_eq!(error["param"], param, "{error}");
    }
    let older = json!({"model": "gpt-image-2.5-flare", "prompt": "x", "output_format": "gif"});
    let error = expect_error(post(&base, GENERATIONS, older).await, 400, Some("invalid_value")).await;
    assert_eq!(error["param"], "output_format", "{error}");
}

#[tokio::test]
async fn svgs_are_documents_that_parse() {
    let base = start(Config::default()).await;
    let body = flare(
        json!({"output_format": "svg", "size": "1024x640", "svg": {"model": "gpt-5-mini", "reasoning": {"effort": "low"}}}),
    );
    let answer = ok(post(&base, GENERATIONS, body).await).await;
    assert_eq!(answer["output_format"], "svg");
    let text = String::from_utf8(first_file(&answer)).expect("SVG text");
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert_eq!((root.attribute("width"), root.attribute("height")), (Some("1024"), Some("640")));
    assert!(root.descendants().any(|node| node.has_tag_name("circle") || node.has_tag_name("rect")));
    assert!(root.descendants().any(|node| node.text() == Some("A RED KITE")), "{text}");
    let svg_usage = &answer["svg_usage"];
    assert_eq!(svg_usage["model"], "gpt-5-mini");
    assert!(svg_usage["output_tokens"].as_u64().unwrap() >= text.len() as u64 / 4 - 1, "{svg_usage}");
    let error = expect_error(
        post(&base, GENERATIONS, flare(json!({"output_format": "svg", "stream": true}))).await,
        400,
        Some("invalid_value"),
    )
    .await;
    assert_eq!(error["param"], "stream");
}

/// A transparent PNG with one red stroke across `x` (90 to 190) at `y`.
fn markup(width: u32, height: u32, y: u32) -> Vec<u8> {
    let mut marks = image::RgbaImage::new(width, height);
    for x in 90..190 {
        marks.put_pixel(x, y, image::Rgba([230, 20, 20, 255]));
    }
    let mut out = Cursor::new(Vec::new());
    marks.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn edit(base: &str, form: Form) -> reqwest::Response {
    client().post(format!("{base}/v1/images/edits")).multipart(form).send().await.unwrap()
}

fn markup_form(image: Vec<u8>, markup: Vec<u8>) -> Form {
    Form::new()
        .text("model", "gpt-image-2.6-sunburst")
        .text("prompt", "make the circled kite blue")
        .text("size", "1024x1024")
        .text("quality", "low")
        .part("image", Part::bytes(image).file_name("photo.png"))
        .part("markup", Part::bytes(markup).file_name("markup.png"))
}

#[tokio::test]
async fn markup_edits_change_what_is_marked_and_refuse_a_mask() {
    let base = start(Config::default()).await;
    let input = png(1024, 1024);
    let answer = ok(edit(&base, markup_form(input.clone(), markup(1024, 1024, 120))).await).await;
    let (edited, _) = common::decode(&first_file(&answer));
    let (original, _) = common::decode(&input);
    let (edited, original) = (edited.to_rgba8(), original.to_rgba8());
    // Far from the marks the input stays; around them it changes.
    for (x, y) in [(900, 900), (20, 1000), (1000, 20)] {
        assert_eq!(edited.get_pixel(x, y), original.get_pixel(x, y), "({x}, {y})");
    }
    let changed = (90..190).filter(|&x| edited.get_pixel(x, 120) != original.get_pixel(x, 120)).count();
    assert!(changed > 50, "{changed}");
    // The same markup as a data URL in the JSON form.
    let data =
        |bytes: &[u8]| format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes));
    let body = json!({
        "model": "gpt-image-2.6-sunburst",
        "prompt": "make the circled kite blue",
        "images": [{"image_url": data(&png(512, 512))}],
        "markup": {"image_url": data(&markup(256, 256, 20))},
    });
    let response = client().post(format!("{base}/v1/images/edits")).json(&body).send().await.unwrap();
    let error = expect_error(response, 400, Some("invalid_image_dimensions")).await;
    assert_eq!(error["param"], "markup", "{error}");
    assert!(error["message"].as_str().unwrap().contains("256x256 but the first image is 512x512"), "{error}");
    // Not the first image's size, and not with a mask.
    let error =
        expect_error(edit(&base, markup_form(png(512, 512), markup(256, 256, 20))).await, 400, Some("invalid_value"))
            .await;
    assert_eq!(error["param"], "markup", "{error}");
    let both =
        markup_form(png(256, 256), markup(256, 256, 20)).part("mask", Part::bytes(png(256, 256)).file_name("mask.png"));
    let error = expect_error(edit(&base, both).await, 400, Some("invalid_value")).await;
    assert_eq!(error["param"], "markup", "{error}");
    assert!(error["message"].as_str().unwrap().contains("markup and mask do not go together"), "{error}");
}
