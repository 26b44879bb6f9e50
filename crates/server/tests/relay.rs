//! `--upstream`: one server relaying to another that requires a key.

mod common;

use common::{client, decode_b64, start};
use gpt_image_server::{Config, Upstream};
use image::GenericImageView;
use serde_json::{Value, json};

#[tokio::test]
async fn the_relay_adds_the_key_and_streams_both_ways() {
    let provider = start(Config { api_key: Some("sk-provider".into()), ..Config::default() }).await;
    let upstream = Upstream::new(format!("{provider}/v1"), Some("sk-provider".into()));
    let relay = start(Config { upstreams: vec![upstream], ..Config::default() }).await;
    let body = json!({"model": "gpt-image-1", "prompt": "a bridge", "quality": "low", "size": "1536x1024"});
    let response = client().post(format!("{relay}/v1/images/generations")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(decode_b64(answer["data"][0]["b64_json"].as_str().unwrap()).0.dimensions(), (1536, 1024));
    let stream =
        json!({"model": "gpt-image-1", "prompt": "a bridge", "quality": "low", "stream": true, "partial_images": 1});
    let text = client()
        .post(format!("{relay}/v1/images/generations"))
        .json(&stream)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("event: image_generation.completed"));
    let models: Value = client().get(format!("{relay}/v1/models")).send().await.unwrap().json().await.unwrap();
    assert_eq!(models["object"], "list");
    let form = reqwest::multipart::Form::new()
        .text("model", "gpt-image-1")
        .text("prompt", "add a hat")
        .text("quality", "low")
        .part("image", reqwest::multipart::Part::bytes(common::png(1024, 1024)).file_name("a.png"));
    let edited = client().post(format!("{relay}/v1/images/edits")).multipart(form).send().await.unwrap();
    assert_eq!(edited.status(), 200);
    let failing = client()
        .post(format!("{relay}/v1/images/generations"))
        .header("x-fault", "bad_gateway")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(failing.status(), 502);
    assert!(failing.text().await.unwrap().contains("<html>"));
}

#[tokio::test]
async fn without_the_key_the_provider_refuses() {
    let provider = start(Config { api_key: Some("sk-provider".into()), ..Config::default() }).await;
    let relay =
        start(Config { upstreams: vec![Upstream::new(format!("{provider}/v1"), None)], ..Config::default() }).await;
    let response = client().get(format!("{relay}/v1/models")).send().await.unwrap();
    common::expect_error(response, 401, Some("invalid_api_key")).await;
    let nowhere =
        start(Config { upstreams: vec![Upstream::new("http://127.0.0.1:9/v1", None)], ..Config::default() }).await;
    common::expect_error(
        client().get(format!("{nowhere}/v1/models")).send().await.unwrap(),
        502,
        Some("upstream_unreachable"),
    )
    .await;
}
