//! `response_format: url`: images served from the same server until the link expires.

mod common;

use std::time::Duration;

use common::{client, post, start};
use gpt_image_server::Config;
use image::GenericImageView;
use serde_json::{Value, json};

#[tokio::test]
async fn links_serve_the_image_then_expire() {
    let base = start(Config { url_ttl: Duration::from_millis(800), ..Config::default() }).await;
    let body = json!({"model": "gpt-image-1", "prompt": "a boat", "response_format": "url", "output_format": "webp", "quality": "low"});
    let answer: Value = post(&base, "/v1/images/generations", body).await.json().await.unwrap();
    let url = answer["data"][0]["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{base}/v1/images/files/")) && url.ends_with(".webp"), "{url}");
    assert!(answer["data"][0]["b64_json"].is_null());
    let response = client().get(&url).header("origin", "https://example.com").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/webp");
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let (image, _) = common::decode(&response.bytes().await.unwrap());
    assert_eq!(image.dimensions(), (1024, 1024));
    tokio::time::sleep(Duration::from_millis(1000)).await;
    common::expect_error(client().get(&url).send().await.unwrap(), 404, Some("not_found")).await;
}

#[tokio::test]
async fn dall_e_answers_links_by_default() {
    let base = start(Config::default()).await;
    let answer: Value = post(&base, "/v1/images/generations", json!({"prompt": "a boat", "size": "256x256"}))
        .await
        .json()
        .await
        .unwrap();
    let url = answer["data"][0]["url"].as_str().unwrap();
    let bytes = client().get(url).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(common::decode(&bytes).0.dimensions(), (256, 256));
}
