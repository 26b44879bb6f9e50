//! `stream: true`: partial images, then `completed` with `usage`.

mod common;

use common::{client, decode_b64, start};
use gpt_image_core::{ImageStreamEvent, SseParser, StreamItem};
use gpt_image_server::Config;
use image::GenericImageView;
use serde_json::json;

/// Sends a streaming request and reads every event.
pub async fn events(
    base: &str,
    body: serde_json::Value,
    fault: Option<&str>,
) -> (Vec<(Option<String>, serde_json::Value)>, Vec<ImageStreamEvent>) {
    let mut request = client().post(format!("{base}/v1/images/generations")).json(&body);
    if let Some(fault) = fault {
        request = request.header("x-fault", fault);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let text = response.bytes().await.unwrap();
    let mut parser = SseParser::new();
    let raw = parser.push(&text);
    let pairs = raw.iter().map(|event| (event.event.clone(), serde_json::from_str(&event.data).unwrap())).collect();
    let parsed = raw
        .iter()
        .filter_map(|event| match StreamItem::from_sse::<serde_json::Value>(event).unwrap() {
            StreamItem::Event(event) => Some(*event),
            _ => None,
        })
        .collect();
    (pairs, parsed)
}

#[tokio::test]
async fn partials_then_completed() {
    let base = start(Config::default()).await;
    let body = json!({"model": "gpt-image-1", "prompt": "a kite", "stream": true, "partial_images": 2, "quality": "low", "output_format": "webp"});
    let (raw, events) = events(&base, body, None).await;
    assert_eq!(events.len(), 3);
    assert_eq!(raw[0].0.as_deref(), Some("image_generation.partial_image"));
    assert_eq!(raw[0].1["partial_image_index"], 0);
    assert_eq!(raw[1].1["partial_image_index"], 1);
    assert_eq!(raw[2].0.as_deref(), Some("image_generation.completed"));
    assert_eq!(raw[2].1["usage"]["output_tokens"], 272);
    for (name, data) in &raw {
        assert_eq!(name.as_deref(), data["type"].as_str());
        for field in ["created_at", "size", "quality", "background", "output_format"] {
            assert!(!data[field].is_null(), "{field}");
        }
    }
    let images: Vec<_> = events.iter().map(|event| decode_b64(event.b64_json().unwrap())).collect();
    assert!(
        images.iter().all(|(image, format)| image.dimensions() == (1024, 1024) && *format == image::ImageFormat::WebP)
    );
    assert!(events[2].is_completed());
    assert_ne!(events[0].b64_json(), events[2].b64_json());
}

#[tokio::test]
async fn several_images_stream_one_after_another_and_edits_have_their_own_events() {
    let base = start(Config::default()).await;
    let body = json!({"model": "gpt-image-1", "prompt": "a kite", "stream": true, "partial_images": 1, "n": 2, "quality": "low"});
    let (raw, _) = events(&base, body, None).await;
    let names: Vec<_> = raw.iter().map(|(name, _)| name.clone().unwrap()).collect();
    assert_eq!(
        names,
        [
            "image_generation.partial_image",
            "image_generation.completed",
            "image_generation.partial_image",
            "image_generation.completed"
        ]
    );
    let form = reqwest::multipart::Form::new()
        .text("model", "gpt-image-1")
        .text("prompt", "add a hat")
        .text("quality", "low")
        .text("stream", "true")
        .text("partial_images", "1")
        .part("image", reqwest::multipart::Part::bytes(common::png(256, 256)).file_name("a.png"));
    let text =
        client().post(format!("{base}/v1/images/edits")).multipart(form).send().await.unwrap().text().await.unwrap();
    assert!(text.starts_with("event: image_edit.partial_image\n"), "{}", &text[..80]);
    assert!(text.contains("event: image_edit.completed\n"));
}
