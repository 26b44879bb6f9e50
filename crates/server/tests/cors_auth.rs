//! CORS for pages on any origin, request ids, rate-limit headers and the API key.

mod common;

use common::{client, expect_error, start};
use gpt_image_server::Config;
use serde_json::json;

#[tokio::test]
async fn preflights_allow_any_origin_and_expose_the_headers() {
    let base = start(Config { api_key: Some("sk-test".into()), ..Config::default() }).await;
    let response = client()
        .request(reqwest::Method::OPTIONS, format!("{base}/v1/images/generations"))
        .header("origin", "https://playground.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization, content-type, x-stainless-os")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let allowed = headers["access-control-allow-headers"].to_str().unwrap().to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("x-stainless-os"), "{allowed}");
    assert!(headers["access-control-allow-methods"].to_str().unwrap().contains("POST"));
}

#[tokio::test]
async fn every_answer_has_request_id_rate_limits_and_cors() {
    let base = start(Config::default()).await;
    let response = client()
        .post(format!("{base}/v1/images/generations"))
        .header("origin", "https://a.example")
        .json(&json!({"prompt": ""}))
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    expect_error(response, 400, Some("invalid_value")).await;
    let id = headers["x-request-id"].to_str().unwrap();
    assert!(id.len() == 36 && id.starts_with("req_"));
    for name in [
        "x-ratelimit-limit-requests",
        "x-ratelimit-remaining-requests",
        "x-ratelimit-reset-requests",
        "x-ratelimit-limit-tokens",
        "x-ratelimit-remaining-tokens",
        "x-ratelimit-reset-tokens",
    ] {
        assert!(headers.contains_key(name), "{name}");
    }
    assert_eq!(headers["access-control-allow-origin"], "*");
    let exposed = headers["access-control-expose-headers"].to_str().unwrap();
    assert!(exposed.contains("x-request-id") && exposed.contains("retry-after-ms"), "{exposed}");
}

#[tokio::test]
async fn a_configured_key_is_required() {
    let base = start(Config { api_key: Some("sk-test".into()), ..Config::default() }).await;
    let body = json!({"model": "dall-e-2", "prompt": "x", "size": "256x256"});
    let url = format!("{base}/v1/images/generations");
    let missing = client().post(&url).json(&body).send().await.unwrap();
    assert_eq!(expect_error(missing, 401, Some("invalid_api_key")).await["param"], serde_json::Value::Null);
    let wrong = client().post(&url).bearer_auth("sk-nope").json(&body).send().await.unwrap();
    expect_error(wrong, 401, Some("invalid_api_key")).await;
    let right = client().post(&url).bearer_auth("sk-test").json(&body).send().await.unwrap();
    assert_eq!(right.status(), 200);
    let open = start(Config::default()).await;
    let anything = client()
        .post(format!("{open}/v1/images/generations"))
        .bearer_auth("whatever")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(anything.status(), 200);
}
