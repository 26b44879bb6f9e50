//! Every fault, asked for per request with `x-fault` and as scripts.

mod common;

use std::time::{Duration, Instant};

use common::{client, expect_error, start};
use gpt_image_server::{Config, Fault};
use serde_json::{Value, json};

fn small() -> Value {
    json!({"model": "dall-e-2", "prompt": "a cat", "size": "256x256", "response_format": "b64_json"})
}

async fn with_fault(
    base: &str,
    fault: &str,
    extra: &[(&str, &str)],
    body: Value,
) -> reqwest::Result<reqwest::Response> {
    let mut request = client().post(format!("{base}/v1/images/generations")).header("x-fault", fault).json(&body);
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    request.send().await
}

#[tokio::test]
async fn error_answers_look_like_openai_and_its_proxies() {
    let base = start(Config::default()).await;
    let limited = with_fault(&base, "rate_limit", &[], small()).await.unwrap();
    assert_eq!(limited.headers()["retry-after"], "1");
    assert_eq!(limited.headers()["retry-after-ms"], "250");
    expect_error(limited, 429, Some("rate_limit_exceeded")).await;
    let tuned = with_fault(&base, "rate_limit", &[("x-fault-retry-after-ms", "1500")], small()).await.unwrap();
    assert_eq!(
        (tuned.headers()["retry-after"].to_str().unwrap(), tuned.headers()["retry-after-ms"].to_str().unwrap()),
        ("2", "1500")
    );
    let server = with_fault(&base, "server_error", &[], small()).await.unwrap();
    assert_eq!(expect_error(server, 500, None).await["type"], "server_error");
    let gateway = with_fault(&base, "bad_gateway", &[], small()).await.unwrap();
    assert_eq!(gateway.status(), 502);
    assert!(gateway.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(gateway.headers().contains_key("x-request-id"));
    assert!(gateway.text().await.unwrap().contains("<title>502 Bad Gateway</title>"));
    expect_error(with_fault(&base, "unavailable", &[], small()).await.unwrap(), 503, None).await;
    expect_error(with_fault(&base, "unauthorized", &[], small()).await.unwrap(), 401, Some("invalid_api_key")).await;
    let quota = with_fault(&base, "insufficient_quota", &[], small()).await.unwrap();
    assert!(!quota.headers().contains_key("retry-after"));
    assert_eq!(expect_error(quota, 429, Some("insufficient_quota")).await["type"], "insufficient_quota");
    let moderation =
        expect_error(with_fault(&base, "moderation", &[], small()).await.unwrap(), 400, Some("moderation_blocked"))
            .await;
    assert_eq!(moderation["type"], "image_generation_user_error");
    assert!(moderation["moderation_details"].is_object());
    let unknown = with_fault(&base, "gremlins", &[], small()).await.unwrap();
    assert!(
        expect_error(unknown, 400, Some("invalid_fault")).await["message"].as_str().unwrap().contains("rate_limit")
    );
}

#[tokio::test]
async fn broken_bodies() {
    let base = start(Config::default()).await;
    let truncated = with_fault(&base, "truncated", &[], small()).await.unwrap();
    assert_eq!(truncated.status(), 200);
    let text = truncated.text().await.unwrap();
    assert!(text.starts_with("{\"created\""), "{}", &text[..20]);
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let malformed = with_fault(&base, "malformed", &[], small()).await.unwrap();
    assert_eq!(malformed.status(), 200);
    assert!(serde_json::from_str::<Value>(&malformed.text().await.unwrap()).is_err());
    let trickle =
        with_fault(&base, "trickle", &[("x-fault-trickle-bytes", "2048"), ("x-fault-trickle-ms", "20")], small())
            .await
            .unwrap();
    let started = Instant::now();
    let mut body = trickle.bytes_stream();
    let (mut pieces, mut bytes) = (0, Vec::new());
    while let Some(piece) = futures_util::StreamExt::next(&mut body).await {
        bytes.extend_from_slice(&piece.unwrap());
        pieces += 1;
    }
    assert!(pieces > 2, "{pieces}");
    assert!(started.elapsed() >= Duration::from_millis(20 * (pieces - 2)));
    let answer: Value = serde_json::from_slice(&bytes).unwrap();
    assert!(answer["data"][0]["b64_json"].is_string());
}

#[tokio::test]
async fn connections_that_drop_or_stall() {
    let base = start(Config::default()).await;
    let reset = with_fault(&base, "reset", &[], small()).await;
    assert!(reset.is_err(), "{reset:?}");
    let started = Instant::now();
    let stalled = with_fault(&base, "stall_headers", &[("x-fault-stall-ms", "400")], small()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(stalled.status(), 200);
    let timed_out = client()
        .post(format!("{base}/v1/images/generations"))
        .header("x-fault", "stall_headers")
        .timeout(Duration::from_millis(300))
        .json(&small())
        .send()
        .await;
    assert!(timed_out.unwrap_err().is_timeout());
    let mid_body = with_fault(&base, "stall_body", &[("x-fault-stall-ms", "300")], small()).await.unwrap();
    assert_eq!(mid_body.status(), 200);
    let started = Instant::now();
    assert!(mid_body.bytes().await.is_err());
    assert!(started.elapsed() >= Duration::from_millis(250));
}

#[tokio::test]
async fn streams_that_end_badly() {
    let base = start(Config::default()).await;
    let body =
        json!({"model": "gpt-image-1", "prompt": "a kite", "stream": true, "partial_images": 2, "quality": "low"});
    let text = with_fault(&base, "stream_no_completed", &[], body.clone()).await.unwrap().text().await.unwrap();
    assert_eq!(text.matches("event: image_generation.partial_image").count(), 2);
    assert!(!text.contains("completed"));
    let text = with_fault(&base, "stream_error", &[], body).await.unwrap().text().await.unwrap();
    assert_eq!(text.matches("event: image_generation.partial_image").count(), 2);
    let error = text.split("event: error\ndata: ").nth(1).expect("an error event");
    let error: Value = serde_json::from_str(error.trim()).unwrap();
    assert_eq!(error["type"], "error");
    assert_eq!(error["error"]["type"], "server_error");
    assert!(error["error"].as_object().unwrap().contains_key("param"));
}

#[tokio::test]
async fn scripts_fail_then_succeed() {
    let base = start(Config::default()).await;
    let statuses = [429, 429, 200, 200];
    for expected in statuses {
        let response = with_fault(&base, "rate_limit; times=2; key=retry-test", &[], small()).await.unwrap();
        assert_eq!(response.status().as_u16(), expected);
    }
    let other_key = with_fault(&base, "rate_limit; times=2; key=other", &[], small()).await.unwrap();
    assert_eq!(other_key.status(), 429);
    let scripted = start(Config {
        faults: vec![(Fault::ServerError, Some(2)), (Fault::Unavailable, Some(1))],
        ..Config::default()
    })
    .await;
    let mut seen = Vec::new();
    for _ in 0..4 {
        let response = client().post(format!("{scripted}/v1/images/generations")).json(&small()).send().await.unwrap();
        seen.push(response.status().as_u16());
    }
    assert_eq!(seen, [500, 500, 503, 200]);
    let models = client().get(format!("{scripted}/v1/models")).header("x-fault", "server_error").send().await.unwrap();
    assert_eq!(models.status(), 200, "faults apply to the images endpoints only");
}

#[tokio::test]
async fn a_client_that_goes_away_cancels_the_request() {
    let base = start(Config::default()).await;
    let slow = client()
        .post(format!("{base}/v1/images/generations"))
        .header("x-latency-ms", "5000")
        .timeout(Duration::from_millis(100))
        .json(&small())
        .send()
        .await;
    assert!(slow.unwrap_err().is_timeout());
    let quick = client().post(format!("{base}/v1/images/generations")).json(&small()).send().await.unwrap();
    assert_eq!(quick.status(), 200);
}

#[tokio::test]
async fn answers_other_providers_send() {
    let base = start(Config::default()).await;
    let ok = with_fault(&base, "ok_with_error", &[], small()).await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.headers()["x-request-id"].to_str().unwrap().starts_with("req_"));
    let body: Value = ok.json().await.unwrap();
    assert_eq!(body["error"]["code"], "insufficient_quota");
    assert!(body.get("data").is_none(), "{body}");
    for (fault, status, expected) in [
        (
            "error_string",
            400,
            json!({"error": "The prompt is too long for this provider (an error given as a plain string)."}),
        ),
        ("message_only", 401, json!({"message": "Invalid authentication credentials"})),
        ("detail_string", 403, json!({"detail": "Not authenticated"})),
    ] {
        let response = with_fault(&base, fault, &[], small()).await.unwrap();
        assert_eq!(response.status(), status, "{fault}");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"), "{fault}");
        assert_eq!(response.json::<Value>().await.unwrap(), expected, "{fault}");
    }
    let list = with_fault(&base, "detail_list", &[], small()).await.unwrap();
    assert_eq!(list.status(), 422);
    let body: Value = list.json().await.unwrap();
    assert_eq!(body["detail"][0]["loc"], json!(["body", "prompt"]));
    assert!(body["detail"][1]["msg"].is_string());
}

#[tokio::test]
async fn a_byte_order_mark_before_json_and_events() {
    let base = start(Config::default()).await;
    let bytes = with_fault(&base, "bom", &[], small()).await.unwrap().bytes().await.unwrap();
    assert!(bytes.starts_with("\u{feff}{".as_bytes()), "{:?}", &bytes[..8]);
    let answer: Value = serde_json::from_slice(&bytes[3..]).unwrap();
    assert!(answer["data"][0]["b64_json"].is_string());
    let streamed =
        json!({"model": "gpt-image-1", "prompt": "a kite", "stream": true, "partial_images": 1, "quality": "low"});
    let text = with_fault(&base, "bom", &[], streamed).await.unwrap().text().await.unwrap();
    // reqwest's text() keeps the mark: it is part of the body.
    assert!(text.starts_with("\u{feff}event: image_generation.partial_image\n"), "{}", &text[..40]);
    assert!(text.contains("event: image_generation.completed"));
}

#[tokio::test]
async fn links_without_cors_serve_the_images_with_no_cors_headers() {
    let base = start(Config::default()).await;
    for body in [
        json!({"model": "gpt-image-1", "prompt": "a boat", "quality": "low", "n": 2}),
        json!({"model": "dall-e-2", "prompt": "a boat", "size": "256x256"}),
    ] {
        let answer: Value =
            with_fault(&base, "links_without_cors", &[], body.clone()).await.unwrap().json().await.unwrap();
        let data = answer["data"].as_array().unwrap();
        assert_eq!(data.len(), body["n"].as_u64().unwrap_or(1) as usize);
        for item in data {
            assert!(item.get("b64_json").is_none(), "{item}");
            let url = item["url"].as_str().unwrap();
            assert!(url.starts_with("http://127.0.0.1:") && !url.starts_with(&base), "another host: {url}");
            let response = client().get(url).header("origin", "https://example.com").send().await.unwrap();
            assert_eq!(response.status(), 200);
            assert!(!response.headers().contains_key("access-control-allow-origin"), "{:?}", response.headers());
            assert_eq!(response.headers()["content-type"], "image/png");
            common::decode(&response.bytes().await.unwrap());
            let preflight = client()
                .request(reqwest::Method::OPTIONS, url)
                .header("origin", "https://example.com")
                .header("access-control-request-method", "GET")
                .send()
                .await
                .unwrap();
            assert!(!preflight.headers().contains_key("access-control-allow-origin"));
        }
    }
}

#[tokio::test]
async fn an_empty_event_stream() {
    let base = start(Config::default()).await;
    let streamed = json!({"model": "gpt-image-1", "prompt": "a kite", "stream": true, "quality": "low"});
    let response = with_fault(&base, "stream_empty", &[], streamed).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    assert_eq!(response.bytes().await.unwrap().len(), 0);
    let plain: Value = with_fault(&base, "stream_empty", &[], small()).await.unwrap().json().await.unwrap();
    assert!(plain["data"][0]["b64_json"].is_string(), "non-streaming requests are answered normally");
}

#[tokio::test]
async fn an_edit_fault_is_answered_after_the_whole_upload_has_arrived() {
    let base = start(Config::default()).await;
    // Noise does not compress: a multi-megabyte upload, as a photo would be.
    let noise: Vec<u8> = (0..6_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let form = reqwest::multipart::Form::new()
        .text("model", "gpt-image-2")
        .text("prompt", "add a moon")
        .part("image", reqwest::multipart::Part::bytes(noise).file_name("big.png").mime_str("image/png").unwrap());
    let started = Instant::now();
    let response = client()
        .post(format!("{base}/v1/images/edits"))
        .header("x-fault", "rate_limit")
        .multipart(form)
        .send()
        .await
        .expect("an answer, not a connection closed under the upload");
    expect_error(response, 429, Some("rate_limit_exceeded")).await;
    assert!(started.elapsed() < Duration::from_secs(10));
}
