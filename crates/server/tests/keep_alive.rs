//! Long generations behind a proxy that cuts idle connections (as nginx's
//! `proxy_read_timeout` and CDNs do): without keep-alives the client loses
//! the answer; with them, streams and JSON answers arrive whole, and a
//! provider's error that comes after the headers keeps its words.

mod common;
mod relay_support;

use std::time::Duration;

use common::{decode_b64, start};
use gpt_image_core::SseParser;
use gpt_image_server::{Config, KeepAlive, Latency, LogTarget, Policy, Upstream};
use relay_support::{cutting_proxy, log_lines, log_path};
use serde_json::{Value, json};

/// The proxy cuts a connection after this long without a byte from the relay.
const PROXY_IDLE: Duration = Duration::from_millis(1500);
/// The relay's keep-alive interval in these tests.
const INTERVAL: Duration = Duration::from_millis(400);

/// An emulator that takes `latency_ms` for every image.
async fn slow_upstream(latency_ms: &str) -> String {
    let latency = Latency::parse(latency_ms).expect("latency");
    format!("{}/v1", start(Config { latency, ..Config::default() }).await)
}

/// A relay in front of `upstream`, keeping answers alive as `keep_alive` says, behind a cutting proxy.
async fn relay_behind_proxy(upstream: &str, keep_alive: KeepAlive, log: Option<&std::path::PathBuf>) -> String {
    let policy = Policy { log: log.map(|path| LogTarget::File(path.clone())), ..Policy::default() };
    let relay =
        start(Config { upstreams: vec![Upstream::new(upstream, None)], keep_alive, policy, ..Config::default() }).await;
    cutting_proxy::start(&relay, PROXY_IDLE).await
}

/// A generation of one small image, streamed or not.
fn generation(stream: bool) -> Value {
    json!({"model": "gpt-image-1", "prompt": "a slow lighthouse", "size": "1024x1024", "quality": "low", "stream": stream})
}

/// POSTs a generation and reads the whole answer: its status and text, or the error that cut it.
async fn fetch(base: &str, body: &Value, headers: &[(&str, &str)]) -> Result<(u16, String), reqwest::Error> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("client");
    let mut request = client.post(format!("{base}/v1/images/generations")).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    Ok((status, response.text().await?))
}

/// The events of a stream: `(name, data)`.
fn events(text: &str) -> Vec<(String, Value)> {
    let mut parser = SseParser::new();
    let mut events = parser.push(text.as_bytes());
    events.extend(parser.finish());
    events
        .into_iter()
        .map(|event| (event.event.unwrap_or_default(), serde_json::from_str(&event.data).expect("JSON data")))
        .collect()
}

#[tokio::test]
async fn without_keep_alives_the_proxy_cuts_slow_answers() {
    let upstream = slow_upstream("3000").await;
    let off = KeepAlive { interval: None, json: false };
    let proxy = relay_behind_proxy(&upstream, off, None).await;
    for stream in [false, true] {
        let outcome = fetch(&proxy, &generation(stream), &[]).await;
        assert!(outcome.is_err(), "stream {stream}: the proxy let {outcome:?} through");
    }
}

#[tokio::test]
async fn kept_alive_streams_and_json_answers_arrive_whole() {
    let upstream = slow_upstream("3000").await;
    let proxy = relay_behind_proxy(&upstream, KeepAlive { interval: Some(INTERVAL), json: true }, None).await;

    let (status, text) = fetch(&proxy, &generation(true), &[]).await.expect("the whole stream");
    assert_eq!(status, 200);
    assert!(text.contains(": keep-alive\n\n"), "{text}");
    let events = events(&text);
    let (name, data) = events.last().expect("an event");
    assert_eq!(name, "image_generation.completed");
    assert_eq!(decode_b64(data["b64_json"].as_str().unwrap()).0.width(), 1024);

    let (status, text) = fetch(&proxy, &generation(false), &[]).await.expect("the whole answer");
    assert_eq!(status, 200);
    assert!(text.starts_with('\n'), "no whitespace came first: {}", &text[..text.len().min(80)]);
    let body: Value = serde_json::from_str(&text).expect("JSON after the whitespace");
    assert_eq!(decode_b64(body["data"][0]["b64_json"].as_str().unwrap()).0.width(), 1024);
    assert!(body["usage"]["total_tokens"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_provider_error_behind_a_kept_alive_answer_keeps_its_words() {
    let upstream = slow_upstream("0").await;
    let log = log_path("keep-alive-error");
    let proxy = relay_behind_proxy(&upstream, KeepAlive { interval: Some(INTERVAL), json: true }, Some(&log)).await;
    // The provider works for 2 s, then finds the quota exhausted.
    let late_quota = [("x-fault", "insufficient_quota"), ("x-fault-delay-ms", "2000")];

    let (status, text) = fetch(&proxy, &generation(true), &late_quota).await.expect("the stream");
    assert_eq!(status, 200, "the headers went out before the provider answered");
    assert!(text.starts_with(": keep-alive\n\n"), "{text}");
    let events = events(&text);
    assert_eq!(events.len(), 1, "{text}");
    let (name, data) = &events[0];
    assert_eq!((name.as_str(), data["type"].as_str()), ("error", Some("error")));
    assert_eq!(data["error"]["code"], "insufficient_quota");
    assert!(data["error"]["message"].as_str().unwrap().starts_with("You exceeded your current quota"), "{data}");

    let (status, text) = fetch(&proxy, &generation(false), &late_quota).await.expect("the answer");
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&text).expect("a JSON error after the whitespace");
    assert_eq!(body["error"]["type"], "insufficient_quota");
    assert!(body["error"]["message"].as_str().unwrap().starts_with("You exceeded your current quota"), "{body}");

    // The log says what the provider answered, not the 200.
    let lines = log_lines(&log, 2).await;
    assert!(lines.iter().all(|line| line["status"] == 429 && line["upstream"] == upstream.as_str()), "{lines:?}");

    // An answer within the interval goes out as the provider sent it.
    let quick = [("x-fault", "insufficient_quota")];
    let (status, text) = fetch(&proxy, &generation(true), &quick).await.expect("the answer");
    assert_eq!(status, 429, "{text}");
}
