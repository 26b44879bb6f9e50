//! Starts servers in-process on free ports and reads what they answer.
#![allow(dead_code)]

use base64::Engine;
use gpt_image_server::{Config, serve};
use image::{DynamicImage, ImageFormat};
use serde_json::Value;

/// Starts a server with `config`; returns its base URL.
pub async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(serve(config, listener));
    format!("http://{address}")
}

/// A client that never reuses connections (faults drop some of them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client")
}

/// POSTs JSON to `path`.
pub async fn post(base: &str, path: &str, body: Value) -> reqwest::Response {
    client().post(format!("{base}{path}")).json(&body).send().await.expect("request")
}

/// Decodes base64 image bytes; returns the image and its format.
pub fn decode_b64(b64: &str) -> (DynamicImage, ImageFormat) {
    decode(&base64::engine::general_purpose::STANDARD.decode(b64).expect("base64"))
}

/// Decodes image bytes; returns the image and its format.
pub fn decode(bytes: &[u8]) -> (DynamicImage, ImageFormat) {
    let format = image::guess_format(bytes).expect("a known format");
    (image::load_from_memory(bytes).expect("decodable"), format)
}

/// A PNG of `width` x `height`, filled with a pattern.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::RgbaImage::from_fn(width, height, |x, y| image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).expect("png");
    out.into_inner()
}

/// Asserts an OpenAI error body with this status, type and code; returns the `error` object.
pub async fn expect_error(response: reqwest::Response, status: u16, code: Option<&str>) -> Value {
    assert_eq!(response.status().as_u16(), status);
    assert!(response.headers()["x-request-id"].to_str().unwrap().starts_with("req_"));
    let body: Value = response.json().await.expect("JSON error body");
    let error = body["error"].clone();
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(error["type"].is_string(), "{body}");
    assert!(error.as_object().unwrap().contains_key("param"), "{body}");
    assert_eq!(error["code"].as_str(), code, "{body}");
    error
}

/// A turn of `/v1/responses` saying `text` (after `previous`, if any), with
/// a small, quick image tool: `gpt-image-2`, low quality, 1024x640.
pub fn turn(text: &str, previous: Option<&str>) -> Value {
    let mut body = serde_json::json!({
        "model": "gpt-5.1",
        "input": text,
        "tools": [{"type": "image_generation", "model": "gpt-image-2", "quality": "low", "size": "1024x640"}],
    });
    if let Some(previous) = previous {
        body["previous_response_id"] = previous.into();
    }
    body
}
