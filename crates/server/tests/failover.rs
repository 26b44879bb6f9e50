//! Several upstreams: a request moves on from one that fails (a 5xx, a rate
//! limit, an exhausted quota, a closed port) to the next, even behind a
//! kept-alive answer; a failing upstream rests, then is tried again; each
//! serves only its models; the log and `/relay/spend` name them.

mod common;
mod relay_support;

use std::path::Path;
use std::time::Duration;

use common::{client, expect_error, start};
use gpt_image_server::{Caps, Config, Fault, KeepAlive, LogTarget, Policy, Upstream};
use relay_support::{generate, log_lines, log_path, small};
use serde_json::{Value, json};

const ADMIN: &str = "sk-admin-failover-0123456789";

/// An emulator failing every image request with `fault` (none: healthy); its `/v1` URL.
async fn emulator(fault: Option<Fault>) -> String {
    let faults = fault.map(|fault| vec![(fault, None)]).unwrap_or_default();
    format!("{}/v1", start(Config { faults, ..Config::default() }).await)
}

/// A `/v1` URL on a loopback port nobody listens on.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}/v1")
}

/// A relay over `upstreams`, logging to `log`, with the spend summary and `rest`.
async fn start_relay(upstreams: Vec<Upstream>, log: &Path, rest: Duration, keep_alive: KeepAlive) -> String {
    let policy =
        Policy { log: Some(LogTarget::File(log.to_path_buf())), admin_key: Some(ADMIN.into()), ..Policy::default() };
    start(Config { upstreams, upstream_rest: rest, keep_alive, policy, ..Config::default() }).await
}

/// `tried` and `upstream` of a log line.
fn route(line: &Value) -> (Vec<String>, Option<String>) {
    let tried = line["tried"].as_array().expect("tried").iter().map(|url| url.as_str().unwrap().to_owned()).collect();
    (tried, line["upstream"].as_str().map(str::to_owned))
}

#[tokio::test]
async fn each_kind_of_failure_moves_the_request_to_the_next_upstream() {
    let healthy = emulator(None).await;
    let failing = [
        ("server_error", emulator(Some(Fault::ServerError)).await),
        ("rate_limit", emulator(Some(Fault::RateLimit)).await),
        ("insufficient_quota", emulator(Some(Fault::InsufficientQuota)).await),
        ("closed port", closed_port().await),
    ];
    for (kind, first) in failing {
        let log = log_path(&format!("failover-{}", kind.replace(' ', "-")));
        let upstreams = vec![Upstream::new(first.clone(), None), Upstream::new(healthy.clone(), None)];
        let relay = start_relay(upstreams, &log, Duration::from_secs(30), KeepAlive::default()).await;
        let response = generate(&relay, None, None, &small(1)).await;
        assert_eq!(response.status(), 200, "{kind}");
        let body: Value = response.json().await.expect("JSON");
        assert!(body["data"][0]["b64_json"].is_string(), "{kind}: {body}");
        let lines = log_lines(&log, 1).await;
        assert_eq!(route(&lines[0]), (vec![first.clone(), healthy.clone()], Some(healthy.clone())), "{kind}");
    }
}

#[tokio::test]
async fn a_failing_upstream_rests_then_is_tried_again_and_spend_counts_each() {
    // Fails its first request only.
    let first =
        format!("{}/v1", start(Config { faults: vec![(Fault::ServerError, Some(1))], ..Config::default() }).await);
    let second = emulator(None).await;
    let log = log_path("failover-rest");
    let rest = Duration::from_millis(800);
    let upstreams = vec![Upstream::new(first.clone(), None), Upstream::new(second.clone(), None)];
    let relay = start_relay(upstreams, &log, rest, KeepAlive::default()).await;

    assert_eq!(generate(&relay, None, None, &small(1)).await.status(), 200);
    assert_eq!(generate(&relay, None, None, &small(2)).await.status(), 200);
    let lines = log_lines(&log, 2).await;
    assert_eq!(route(&lines[0]), (vec![first.clone(), second.clone()], Some(second.clone())));
    assert_eq!(route(&lines[1]), (vec![second.clone()], Some(second.clone())), "the resting upstream was tried");

    // The rest is a span of time, not an event: wait it out.
    tokio::time::sleep(rest + Duration::from_millis(200)).await;
    assert_eq!(generate(&relay, None, None, &small(1)).await.status(), 200);
    let lines = log_lines(&log, 3).await;
    assert_eq!(route(&lines[2]), (vec![first.clone()], Some(first.clone())), "not tried again after its rest");

    let response = client().get(format!("{relay}/relay/spend")).bearer_auth(ADMIN).send().await.expect("spend");
    let body: Value = response.json().await.expect("JSON");
    let row = |url: &str| {
        let rows = body["upstreams"].as_array().expect("upstream rows");
        rows.iter().find(|row| row["upstream"] == url).unwrap_or_else(|| panic!("no row for {url}: {body}")).clone()
    };
    let (first_row, second_row) = (row(&first), row(&second));
    assert_eq!((first_row["requests"].as_i64(), first_row["failures"].as_i64()), (Some(1), Some(1)), "{first_row}");
    assert_eq!((second_row["requests"].as_i64(), second_row["images"].as_i64()), (Some(2), Some(3)), "{second_row}");
    assert!(second_row["usd"].as_f64().unwrap() > 0.0, "{second_row}");
}

#[tokio::test]
async fn an_upstream_serves_only_its_models() {
    let (only_2, any) = (emulator(None).await, emulator(None).await);
    let log = log_path("failover-models");
    let gpt_image_2 = Caps::parse_model("gpt-image-2").unwrap();
    let upstreams = vec![
        Upstream { models: vec![gpt_image_2], ..Upstream::new(only_2.clone(), None) },
        Upstream::new(any.clone(), None),
    ];
    let relay = start_relay(upstreams, &log, Duration::from_secs(30), KeepAlive::default()).await;
    assert_eq!(generate(&relay, None, None, &small(1)).await.status(), 200);
    let snapshot = json!({"model": "gpt-image-2-2026-04-21", "prompt": "a fox", "quality": "low"});
    assert_eq!(generate(&relay, None, None, &snapshot).await.status(), 200);
    let lines = log_lines(&log, 2).await;
    assert_eq!(route(&lines[0]), (vec![any.clone()], Some(any.clone())), "dall-e-2 went to the gpt-image-2 upstream");
    assert_eq!(route(&lines[1]), (vec![only_2.clone()], Some(only_2.clone())));

    let upstreams = vec![Upstream { models: vec![gpt_image_2], ..Upstream::new(only_2.clone(), None) }];
    let narrow =
        start_relay(upstreams, &log_path("failover-narrow"), Duration::from_secs(30), KeepAlive::default()).await;
    let error = expect_error(generate(&narrow, None, None, &small(1)).await, 400, Some("model_not_found")).await;
    assert_eq!(error["param"], "model");
    assert!(error["message"].as_str().unwrap().contains("gpt-image-2"), "{error}");
    // Requests that are not for images go to any upstream.
    let models = client().get(format!("{narrow}/v1/models")).send().await.expect("models");
    assert_eq!(models.status(), 200);
}

#[tokio::test]
async fn a_kept_alive_stream_fails_over_and_the_last_failure_is_passed_on() {
    let (failing, healthy) = (emulator(Some(Fault::ServerError)).await, emulator(None).await);
    let log = log_path("failover-kept-alive");
    let keep_alive = KeepAlive { interval: Some(Duration::from_millis(300)), json: false };
    let upstreams = vec![Upstream::new(failing.clone(), None), Upstream::new(healthy.clone(), None)];
    let relay = start_relay(upstreams, &log, Duration::from_secs(30), keep_alive).await;
    // The first upstream fails after 1 s: the relay has sent its headers and keep-alives by then.
    let body = json!({"model": "gpt-image-1", "prompt": "a kite", "quality": "low", "stream": true});
    let response = client()
        .post(format!("{relay}/v1/images/generations"))
        .header("x-fault-delay-ms", "1000")
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("the stream");
    assert!(text.starts_with(": keep-alive\n\n"), "{text}");
    assert!(text.contains("event: image_generation.completed"), "{text}");
    assert!(!text.contains("event: error"), "{text}");
    let lines = log_lines(&log, 1).await;
    assert_eq!(route(&lines[0]), (vec![failing.clone(), healthy.clone()], Some(healthy.clone())));
    assert_eq!(lines[0]["status"], 200);

    // Every upstream fails: the last one's answer is the client's.
    let quota = emulator(Some(Fault::InsufficientQuota)).await;
    let upstreams = vec![Upstream::new(failing.clone(), None), Upstream::new(quota.clone(), None)];
    let log = log_path("failover-all-fail");
    let relay = start_relay(upstreams, &log, Duration::from_secs(30), KeepAlive::default()).await;
    let error = expect_error(generate(&relay, None, None, &small(1)).await, 429, Some("insufficient_quota")).await;
    assert!(error["message"].as_str().unwrap().starts_with("You exceeded your current quota"), "{error}");
    let lines = log_lines(&log, 1).await;
    assert_eq!(route(&lines[0]), (vec![failing, quota.clone()], Some(quota)));
}
