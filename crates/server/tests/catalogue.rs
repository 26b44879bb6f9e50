//! Every model of core's catalogue, over real HTTP: listed, emulated with its
//! own qualities and tokens; GPT Image 2.5 in particular.

mod common;

use common::{client, decode_b64, expect_error, png, post, start};
use gpt_image_core::catalogue;
use gpt_image_server::Config;
use image::GenericImageView;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

const GENERATIONS: &str = "/v1/images/generations";

async fn generate(base: &str, body: Value) -> Value {
    let response = post(base, GENERATIONS, body.clone()).await;
    assert_eq!(response.status(), 200, "{body}");
    response.json().await.unwrap()
}

fn edit_form(model: &str, quality: &str) -> Form {
    Form::new()
        .text("model", model.to_owned())
        .text("prompt", "add a lantern")
        .text("quality", quality.to_owned())
        .text("size", "1024x1024")
        .part("image", Part::bytes(png(512, 512)).file_name("a.png").mime_str("image/png").unwrap())
}

async fn edit(base: &str, form: Form) -> reqwest::Response {
    client().post(format!("{base}/v1/images/edits")).multipart(form).send().await.unwrap()
}

#[tokio::test]
async fn the_models_list_is_the_catalogue() {
    let base = start(Config::default()).await;
    let list: Value = client().get(format!("{base}/v1/models")).send().await.unwrap().json().await.unwrap();
    let listed: Vec<(&str, i64)> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|model| {
            assert_eq!((&model["object"], &model["owned_by"]), (&json!("model"), &json!("system")));
            (model["id"].as_str().unwrap(), model["created"].as_i64().unwrap())
        })
        .collect();
    let expected: Vec<(&str, i64)> =
        catalogue::MODELS.iter().flat_map(|spec| spec.names().map(|name| (name, spec.created))).collect();
    assert_eq!(listed, expected);
    assert!(listed.iter().any(|(id, _)| *id == "gpt-image-2.5-sunburst-2026-09-08"));
    for name in catalogue::known_names() {
        let one: Value = client().get(format!("{base}/v1/models/{name}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(one["id"], name);
    }
    let missing = client().get(format!("{base}/v1/models/gpt-image-9")).send().await.unwrap();
    expect_error(missing, 404, Some("model_not_found")).await;
}

#[tokio::test]
async fn unknown_models_are_refused_naming_the_catalogue() {
    let base = start(Config::default()).await;
    for model in ["flux-pro", "gpt-image-2.5-blaze", "gpt-image-2.5-flare-2027-01-15"] {
        let response = post(&base, GENERATIONS, json!({"model": model, "prompt": "x"})).await;
        let error = expect_error(response, 400, Some("model_not_found")).await;
        assert_eq!(error["param"], "model");
        let message = error["message"].as_str().unwrap();
        assert!(catalogue::MODELS.iter().all(|spec| message.contains(spec.id)), "{message}");
        let response = edit(&base, edit_form(model, "low")).await;
        expect_error(response, 400, Some("model_not_found")).await;
    }
    let routed = generate(&base, json!({"model": "openai/gpt-image-2.5-flare", "prompt": "x", "quality": "low"})).await;
    assert_eq!(routed["quality"], "low");
}

#[tokio::test]
async fn gpt_image_2_5_makes_images_of_the_requested_size() {
    let base = start(Config::default()).await;
    for model in ["gpt-image-2.5-flare", "gpt-image-2.5-sunburst", "gpt-image-2.5-sunburst-2026-09-08"] {
        let body = json!({"model": model, "prompt": "a wide valley", "size": "2048x1152", "quality": "low"});
        let answer = generate(&base, body).await;
        let (image, format) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
        assert_eq!((image.dimensions(), format), ((2048, 1152), image::ImageFormat::Png), "{model}");
        assert_eq!(answer["size"], "2048x1152");
        assert_eq!(answer["quality"], "low");
    }
}

#[tokio::test]
async fn output_tokens_grow_with_the_quality() {
    let base = start(Config::default()).await;
    let mut tokens = Vec::new();
    for quality in ["low", "medium", "high", "xhigh", "max"] {
        let body =
            json!({"model": "gpt-image-2.5-flare", "prompt": "a kite", "quality": quality, "output_format": "jpeg"});
        let answer = generate(&base, body).await;
        assert_eq!(answer["quality"], quality);
        let usage = &answer["usage"];
        assert_eq!(usage["output_tokens"], usage["output_tokens_details"]["image_tokens"]);
        tokens.push(usage["output_tokens"].as_u64().unwrap());
    }
    assert!(tokens.windows(2).all(|pair| pair[0] < pair[1]), "{tokens:?}");
    let spec = catalogue::find("gpt-image-2.5-flare").unwrap();
    assert_eq!(tokens[4], spec.output_tokens(Some(&gpt_image_core::Quality::Max), 1024, 1024, 1));
    let auto = generate(&base, json!({"model": "gpt-image-2.5-flare", "prompt": "a kite", "quality": "auto"})).await;
    assert_eq!((&auto["quality"], &auto["usage"]["output_tokens"]), (&json!("medium"), &json!(tokens[1])));
}

#[tokio::test]
async fn max_and_xhigh_are_only_for_gpt_image_2_5() {
    let base = start(Config::default()).await;
    for quality in ["max", "xhigh"] {
        for stream in [false, true] {
            let body = json!({"model": "gpt-image-2", "prompt": "x", "quality": quality, "stream": stream});
            let error = expect_error(post(&base, GENERATIONS, body).await, 400, Some("invalid_value")).await;
            assert_eq!(error["param"], "quality", "{quality}, stream {stream}");
        }
        let error =
            expect_error(edit(&base, edit_form("gpt-image-2", quality)).await, 400, Some("invalid_value")).await;
        assert_eq!(error["param"], "quality");
    }
    for model in ["gpt-image-2.5-flare", "gpt-image-2.5-sunburst-2026-09-08"] {
        let response = edit(&base, edit_form(model, "max")).await;
        assert_eq!(response.status(), 200, "{model}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["quality"], "max");
        assert_eq!(decode_b64(answer["data"][0]["b64_json"].as_str().unwrap()).0.dimensions(), (1024, 1024));
    }
}

#[tokio::test]
async fn transparent_gpt_image_2_5_images_have_real_alpha() {
    let base = start(Config::default()).await;
    for format in ["png", "webp"] {
        let body = json!({"model": "gpt-image-2.5-sunburst", "prompt": "a logo", "background": "transparent",
            "output_format": format, "quality": "xhigh", "size": "1536x1024"});
        let answer = generate(&base, body).await;
        assert_eq!(answer["background"], "transparent");
        let (image, _) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
        assert_eq!(image.dimensions(), (1536, 1024));
        let rgba = image.to_rgba8();
        assert!(rgba.pixels().any(|p| p[3] == 0), "{format}");
        assert!(rgba.pixels().any(|p| p[3] == 255), "{format}");
    }
}

#[tokio::test]
async fn gpt_image_2_5_streams() {
    let base = start(Config::default()).await;
    let body = json!({"model": "gpt-image-2.5-flare", "prompt": "a kite", "quality": "max", "size": "1280x720",
        "stream": true, "partial_images": 1});
    let response = post(&base, GENERATIONS, body).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let events = gpt_image_core::SseParser::new().push(text.as_bytes());
    let names: Vec<_> = events.iter().map(|event| event.event.clone().unwrap_or_default()).collect();
    assert_eq!(names, ["image_generation.partial_image", "image_generation.completed"]);
    let completed: Value = serde_json::from_str(&events[1].data).unwrap();
    assert_eq!((&completed["quality"], &completed["size"]), (&json!("max"), &json!("1280x720")));
    assert!(completed["usage"]["output_tokens"].as_u64().unwrap() > 0);
    let (image, _) = decode_b64(completed["b64_json"].as_str().unwrap());
    assert_eq!(image.dimensions(), (1280, 720));
    let form = edit_form("gpt-image-2.5-sunburst", "xhigh").text("stream", "true").text("partial_images", "1");
    let text = edit(&base, form).await.text().await.unwrap();
    assert!(text.starts_with("event: image_edit.partial_image\n"), "{}", &text[..80.min(text.len())]);
    assert!(text.contains("event: image_edit.completed\n"));
}
