//! `POST /v1/images/generations` over real HTTP: every parameter's effect on the image.

mod common;

use common::{decode_b64, expect_error, post, start};
use gpt_image_server::Config;
use image::{GenericImageView, ImageFormat};
use serde_json::{Value, json};

async fn generate(base: &str, body: Value) -> Value {
    let response = post(base, "/v1/images/generations", body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn sizes_formats_and_metadata() {
    let base = start(Config::default()).await;
    let cases = [
        (json!({"model": "gpt-image-1", "prompt": "a lighthouse", "quality": "low"}), (1024, 1024), ImageFormat::Png),
        (
            json!({"model": "gpt-image-1.5", "prompt": "a lighthouse", "size": "1536x1024", "output_format": "jpeg", "quality": "low"}),
            (1536, 1024),
            ImageFormat::Jpeg,
        ),
        (
            json!({"model": "gpt-image-1", "prompt": "a lighthouse", "size": "1024x1536", "output_format": "webp", "quality": "low"}),
            (1024, 1536),
            ImageFormat::WebP,
        ),
        (
            json!({"model": "gpt-image-2", "prompt": "a lighthouse", "size": "1280x720", "quality": "low"}),
            (1280, 720),
            ImageFormat::Png,
        ),
        (
            json!({"model": "gpt-image-1", "prompt": "a lighthouse", "size": "auto", "quality": "low"}),
            (1024, 1024),
            ImageFormat::Png,
        ),
        (
            json!({"model": "dall-e-2", "prompt": "a lighthouse", "size": "256x256", "response_format": "b64_json"}),
            (256, 256),
            ImageFormat::Png,
        ),
    ];
    for (body, size, format) in cases {
        let answer = generate(&base, body.clone()).await;
        let (image, found) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
        assert_eq!(image.dimensions(), size, "{body}");
        assert_eq!(found, format, "{body}");
        assert_eq!(answer["data"][0]["revised_prompt"], "a lighthouse");
        assert!(answer["usage"]["total_tokens"].as_u64().unwrap() > 0);
        assert!(answer["usage"]["input_tokens_details"]["text_tokens"].is_u64());
        assert!(answer["usage"]["output_tokens_details"]["image_tokens"].is_u64());
        if body["model"] != "dall-e-2" {
            assert_eq!(answer["size"], format!("{}x{}", size.0, size.1));
            assert_eq!(answer["quality"], "low");
            assert_eq!(answer["background"], "opaque");
        }
    }
}

#[tokio::test]
async fn images_are_deterministic_distinct_and_follow_the_prompt() {
    let base = start(Config::default()).await;
    let body = json!({"model": "gpt-image-1", "prompt": "a red apple", "n": 2, "quality": "low"});
    let first = generate(&base, body.clone()).await;
    let again = generate(&base, body).await;
    assert_eq!(first["data"].as_array().unwrap().len(), 2);
    assert_eq!(first["data"][0]["b64_json"], again["data"][0]["b64_json"]);
    assert_ne!(first["data"][0]["b64_json"], first["data"][1]["b64_json"]);
    let other = generate(&base, json!({"model": "gpt-image-1", "prompt": "a green pear", "quality": "low"})).await;
    let (a, _) = decode_b64(first["data"][0]["b64_json"].as_str().unwrap());
    let (b, _) = decode_b64(other["data"][0]["b64_json"].as_str().unwrap());
    let differing = a.to_rgb8().pixels().zip(b.to_rgb8().pixels()).filter(|(p, q)| p != q).count();
    assert!(differing > 1024 * 1024 / 4, "only {differing} pixels differ");
    assert_eq!(first["usage"]["output_tokens"], 2 * 272);
}

#[tokio::test]
async fn transparent_backgrounds_have_real_alpha() {
    let base = start(Config::default()).await;
    for format in ["png", "webp"] {
        let body = json!({"model": "gpt-image-1", "prompt": "a logo", "background": "transparent", "output_format": format, "quality": "low"});
        let answer = generate(&base, body).await;
        assert_eq!(answer["background"], "transparent");
        let (image, _) = decode_b64(answer["data"][0]["b64_json"].as_str().unwrap());
        let rgba = image.to_rgba8();
        assert!(rgba.pixels().any(|p| p[3] == 0), "{format}");
        assert!(rgba.pixels().any(|p| p[3] == 255), "{format}");
    }
    let opaque = generate(&base, json!({"model": "gpt-image-1", "prompt": "a logo", "quality": "low"})).await;
    let (image, _) = decode_b64(opaque["data"][0]["b64_json"].as_str().unwrap());
    assert!(image.to_rgba8().pixels().all(|p| p[3] == 255));
}

#[tokio::test]
async fn output_compression_changes_lossy_encodings() {
    let base = start(Config::default()).await;
    for format in ["jpeg", "webp"] {
        let mut lengths = Vec::new();
        for compression in [10, 95] {
            let body = json!({"model": "gpt-image-1", "prompt": "a harbour", "output_format": format, "output_compression": compression, "quality": "low"});
            lengths.push(generate(&base, body).await["data"][0]["b64_json"].as_str().unwrap().len());
        }
        assert!(lengths[0] < lengths[1], "{format}: {lengths:?}");
    }
}

#[tokio::test]
async fn invalid_requests_are_rejected_naming_the_field() {
    let base = start(Config::default()).await;
    let cases = [
        (json!({"model": "gpt-image-1", "prompt": "x", "size": "1000x1000"}), "size"),
        (json!({"model": "gpt-image-1", "prompt": ""}), "prompt"),
        (json!({"model": "gpt-image-1", "prompt": "x", "n": 11}), "n"),
        (json!({"model": "dall-e-3", "prompt": "x", "n": 2}), "n"),
        (
            json!({"model": "gpt-image-1", "prompt": "x", "background": "transparent", "output_format": "jpeg"}),
            "background",
        ),
        (json!({"model": "flux-pro", "prompt": "x"}), "model"),
        (json!({"model": "gpt-image-1", "prompt": "x", "n": "two"}), "n"),
    ];
    for (body, field) in cases {
        let response = post(&base, "/v1/images/generations", body.clone()).await;
        let code = if field == "model" {
            "model_not_found"
        } else if body["n"] == "two" {
            "invalid_type"
        } else {
            "invalid_value"
        };
        let error = expect_error(response, 400, Some(code)).await;
        assert_eq!(error["param"], field, "{body}");
        assert_eq!(error["type"], "invalid_request_error");
    }
    let response = common::client()
        .post(format!("{base}/v1/images/generations"))
        .header("content-type", "application/json")
        .body("{\"prompt\": ")
        .send()
        .await
        .unwrap();
    expect_error(response, 400, Some("invalid_json")).await;
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let base = start(Config { body_limit: 1024, ..Config::default() }).await;
    let body = json!({"model": "gpt-image-1", "prompt": "x".repeat(4096)});
    expect_error(post(&base, "/v1/images/generations", body).await, 413, Some("request_too_large")).await;
}

#[tokio::test]
async fn models_are_listed() {
    let base = start(Config::default()).await;
    let list: Value = common::client().get(format!("{base}/v1/models")).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["object"], "list");
    let ids: Vec<&str> = list["data"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"gpt-image-2") && ids.contains(&"dall-e-3"));
    assert!(list["data"].as_array().unwrap().iter().all(|m| m["object"] == "model" && m["created"].is_i64()));
    let unknown = common::client().get(format!("{base}/v1/nothing")).send().await.unwrap();
    expect_error(unknown, 404, None).await;
}

#[tokio::test]
async fn latency_is_simulated_per_request() {
    let base = start(Config::default()).await;
    let started = std::time::Instant::now();
    let response = common::client()
        .post(format!("{base}/v1/images/generations"))
        .header("x-latency-ms", "300")
        .json(&json!({"model": "dall-e-2", "prompt": "x", "size": "256x256"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}
