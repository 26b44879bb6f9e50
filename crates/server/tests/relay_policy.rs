//! A relay on the internet, over real HTTP in front of another server:
//! origins, tokens, caps, rate limits, daily limits, spending ceilings, the
//! request log (a client that leaves mid-stream included) and the spend summary.

mod common;
mod relay_support;

use std::time::Duration;

use common::{client, expect_error};
use gpt_image_server::{Caps, Config, Latency, Limits, OriginPattern, Policy};
use relay_support::{
    ALICE, BOB, PROVIDER_KEY, SHARED_KEY, generate, log_lines, log_path, relay, row, small, spend, tokens,
};
use serde_json::{Value, json};

fn origins(list: &[&str]) -> Vec<OriginPattern> {
    list.iter().map(|origin| OriginPattern::parse(origin).unwrap()).collect()
}

#[tokio::test]
async fn only_allowed_origins_may_call_on_every_request() {
    let upstream = relay_support::upstream().await;
    let policy = Policy { origins: origins(&["https://app.example.com", "http://localhost:*"]), ..Policy::default() };
    let relay = relay(&upstream, policy, None).await;
    let ok = generate(&relay, None, Some("https://app.example.com"), &small(1)).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://app.example.com");
    assert_eq!(generate(&relay, None, Some("http://localhost:5173"), &small(1)).await.status(), 200);
    // Not only the preflight: the request itself is refused, for images and models alike.
    let other = generate(&relay, None, Some("https://evil.example"), &small(1)).await;
    assert!(!other.headers().contains_key("access-control-allow-origin"));
    let error = expect_error(other, 403, Some("origin_not_allowed")).await;
    assert!(error["message"].as_str().unwrap().contains("--allow-origin https://evil.example"), "{error}");
    let models =
        client().get(format!("{relay}/v1/models")).header("origin", "https://evil.example").send().await.unwrap();
    expect_error(models, 403, Some("origin_not_allowed")).await;
    let preflight = client()
        .request(reqwest::Method::OPTIONS, format!("{relay}/v1/images/generations"))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(!preflight.headers().contains_key("access-control-allow-origin"));
    // Without tokens, a request that names no origin is not a page on an allowed one.
    let error = expect_error(generate(&relay, None, None, &small(1)).await, 403, Some("origin_required")).await;
    assert!(error["message"].as_str().unwrap().contains("token"), "{error}");
    // A browser's same-origin GET names no origin, but says it is same-origin (a playground served by the relay).
    let same = client().get(format!("{relay}/v1/models")).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(same.status(), 200);
}

#[tokio::test]
async fn named_tokens_and_the_shared_key_are_the_only_way_in_and_never_go_upstream() {
    let upstream = relay_support::upstream().await;
    let log = log_path("tokens");
    let policy = Policy {
        tokens: tokens("", ""),
        origins: origins(&["https://app.example.com"]),
        log_prompts: false,
        ..Policy::default()
    };
    let config_relay = {
        let policy = Policy { log: Some(gpt_image_server::LogTarget::File(log.clone())), ..policy };
        let upstream = gpt_image_server::Upstream::new(upstream.clone(), Some(PROVIDER_KEY.into()));
        common::start(gpt_image_server::Config {
            upstreams: vec![upstream],
            api_key: Some(SHARED_KEY.into()),
            policy,
            ..gpt_image_server::Config::default()
        })
        .await
    };
    let relay = config_relay;
    let missing = expect_error(generate(&relay, None, None, &small(1)).await, 401, Some("invalid_api_key")).await;
    assert!(missing["message"].as_str().unwrap().contains("didn't provide an API key"));
    expect_error(
        generate(&relay, Some("sk-relay-nobody-000000000"), None, &small(1)).await,
        401,
        Some("invalid_api_key"),
    )
    .await;
    expect_error(generate(&relay, Some(PROVIDER_KEY), None, &small(1)).await, 401, Some("invalid_api_key")).await;
    // A token works without an origin (a program), and with an allowed one; a bad origin still fails.
    assert_eq!(generate(&relay, Some(ALICE), None, &small(1)).await.status(), 200);
    assert_eq!(generate(&relay, Some(BOB), Some("https://app.example.com"), &small(1)).await.status(), 200);
    assert_eq!(generate(&relay, Some(SHARED_KEY), None, &small(1)).await.status(), 200);
    let evil = generate(&relay, Some(ALICE), Some("https://evil.example"), &small(1)).await;
    expect_error(evil, 403, Some("origin_not_allowed")).await;
    let lines = log_lines(&log, 7).await;
    let names: Vec<&str> = lines.iter().filter_map(|line| line["token"].as_str()).collect();
    assert_eq!(names, ["alice", "bob", "shared"], "an origin refused comes before the token");
    let statuses: Vec<u64> = lines.iter().map(|line| line["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [401, 401, 401, 200, 200, 200, 403]);
    let text = std::fs::read_to_string(&log).unwrap();
    for secret in [ALICE, BOB, SHARED_KEY, PROVIDER_KEY, "sk-relay-nobody", "a small fox"] {
        assert!(!text.contains(secret), "the log shows {secret}: {text}");
    }
    for field in ["time", "request_id", "model", "size", "n", "quality", "status", "duration_ms", "usd_estimated"] {
        assert!(lines[3].get(field).is_some_and(|value| !value.is_null()), "{field}: {}", lines[3]);
    }
    assert_eq!(
        (lines[3]["model"].as_str(), lines[3]["size"].as_str(), lines[3]["n"].as_u64()),
        (Some("dall-e-2"), Some("256x256"), Some(1))
    );
    assert!(lines[3]["request_id"].as_str().unwrap().starts_with("req_"));
}

#[tokio::test]
async fn caps_refuse_with_a_400_naming_the_field_and_the_cap() {
    let upstream = relay_support::upstream().await;
    let caps = Caps {
        models: vec![Caps::parse_model("dall-e-2").unwrap(), Caps::parse_model("gpt-image-2").unwrap()],
        max_n: Some(2),
        max_pixels: Some(Caps::parse_pixels("1024x1024").unwrap()),
        max_quality: Some(Caps::parse_quality("medium").unwrap()),
        no_stream: true,
    };
    let relay = relay(&upstream, Policy { caps, ..Policy::default() }, None).await;
    let gpt = |extra: Value| {
        let mut body = json!({"model": "gpt-image-2", "prompt": "a fox", "quality": "low", "size": "1024x640"});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body
    };
    assert_eq!(generate(&relay, None, None, &gpt(json!({}))).await.status(), 200);
    assert_eq!(generate(&relay, None, None, &gpt(json!({"model": "gpt-image-2-2026-04-21"}))).await.status(), 200);
    for (extra, param, code, words) in [
        (json!({"model": "gpt-image-1.5"}), "model", "model_not_allowed", "dall-e-2, gpt-image-2"),
        (json!({"n": 3}), "n", "cap_exceeded", "at most 2"),
        (json!({"size": "1536x1024"}), "size", "cap_exceeded", "at most 1048576 pixels"),
        (json!({"quality": "high"}), "quality", "cap_exceeded", "cap of `medium`"),
        (json!({"quality": "auto"}), "quality", "cap_exceeded", "up to `high`"),
        (json!({"stream": true}), "stream", "cap_exceeded", "does not stream"),
    ] {
        let response = generate(&relay, None, None, &gpt(extra.clone())).await;
        let error = expect_error(response, 400, Some(code)).await;
        assert_eq!(error["param"], param, "{extra}");
        assert!(error["message"].as_str().unwrap().contains(words), "{extra}: {error}");
    }
    // The API's default model, when none is named, is capped too.
    let unnamed = generate(&relay, None, None, &json!({"prompt": "x", "size": "256x256"})).await;
    assert_eq!(unnamed.status(), 200);
    // Edits are read from their multipart form.
    let form = reqwest::multipart::Form::new()
        .text("model", "gpt-image-2")
        .text("prompt", "add a hat")
        .text("quality", "low")
        .text("n", "3")
        .part("image", reqwest::multipart::Part::bytes(common::png(64, 64)).file_name("a.png"));
    let edit = client().post(format!("{relay}/v1/images/edits")).multipart(form).send().await.unwrap();
    assert_eq!(expect_error(edit, 400, Some("cap_exceeded")).await["param"], "n");
}

#[tokio::test]
async fn gif_frames_count_as_images_and_an_svg_is_refused_under_a_dollar_ceiling() {
    let upstream = relay_support::upstream().await;
    let log = log_path("gif-svg");
    let admin = "sk-admin-0123456789abcdef";
    let policy = Policy {
        caps: Caps { max_n: Some(4), ..Caps::default() },
        tokens: tokens("images=6/day", ""),
        total: Limits::parse("usd=5/day").unwrap(),
        admin_key: Some(admin.into()),
        ..Policy::default()
    };
    let relay = relay(&upstream, policy, Some(&log)).await;
    let gif = |frames: Option<u32>| {
        let mut body = json!({"model": "gpt-image-2.6-flare", "prompt": "a kite", "size": "256x256", "quality": "low", "output_format": "gif"});
        if let Some(frames) = frames {
            body["frame_count"] = frames.into();
        }
        body
    };
    // Without frame_count a GIF has the catalogue's 9 frames, each an image: over the cap of 4.
    let error = expect_error(generate(&relay, Some(ALICE), None, &gif(None)).await, 400, Some("cap_exceeded")).await;
    assert_eq!(error["param"], "frame_count", "{error}");
    assert!(error["message"].as_str().unwrap().contains("n is 1 with 9 GIF frames each"), "{error}");
    assert_eq!(generate(&relay, Some(ALICE), None, &gif(Some(4))).await.status(), 200);
    // Alice may make 6 images a day: 4 frames made, 4 more would pass it.
    let error =
        expect_error(generate(&relay, Some(ALICE), None, &gif(Some(4))).await, 429, Some("rate_limit_exceeded")).await;
    assert!(error["message"].as_str().unwrap().contains("6 images a day, 4 made today"), "{error}");
    // An SVG's author model is billed at its own rates, which the catalogue cannot estimate.
    let svg = json!({"model": "gpt-image-2.6-flare", "prompt": "a kite", "output_format": "svg", "svg": {"model": "gpt-5-mini"}});
    let error = expect_error(generate(&relay, Some(BOB), None, &svg).await, 400, Some("model_not_priced")).await;
    assert_eq!(error["param"], "output_format", "{error}");
    assert!(error["message"].as_str().unwrap().contains("svg.model `gpt-5-mini`"), "{error}");
    let rows = spend(&relay, admin).await;
    assert_eq!(row(&rows, Some("alice"))["images"], 4);
    // The estimate prices every frame: 9 frames cost more than twice 4.
    let lines = log_lines(&log, 4).await;
    assert_eq!((lines[0]["frames"].as_u64(), lines[1]["frames"].as_u64()), (Some(9), Some(4)));
    let (nine, four) = (lines[0]["usd_estimated"].as_f64().unwrap(), lines[1]["usd_estimated"].as_f64().unwrap());
    assert!(nine > 2.0 * four && four > 0.0, "{nine} {four}");
    assert_eq!(lines[3]["usd_estimated"], Value::Null);
}

#[tokio::test]
async fn request_rates_answer_429_with_retry_after_per_token_and_per_address() {
    let upstream = relay_support::upstream().await;
    let policy = Policy {
        tokens: tokens("requests=2/min", "requests=1/s"),
        per_address: Limits::parse("requests=5/min").unwrap(),
        ..Policy::default()
    };
    let relay = relay(&upstream, policy, None).await;
    for _ in 0..2 {
        assert_eq!(generate(&relay, Some(ALICE), None, &small(1)).await.status(), 200);
    }
    let limited = generate(&relay, Some(ALICE), None, &small(1)).await;
    let headers = limited.headers().clone();
    let error = expect_error(limited, 429, Some("rate_limit_exceeded")).await;
    assert_eq!(error["type"], "requests");
    assert!(error["message"].as_str().unwrap().contains("token alice on requests: 2 per minute"), "{error}");
    let retry_ms: u64 = headers["retry-after-ms"].to_str().unwrap().parse().unwrap();
    assert!((25_000..=30_000).contains(&retry_ms), "{retry_ms}");
    assert_eq!(headers["retry-after"].to_str().unwrap(), retry_ms.div_ceil(1000).to_string());
    assert_eq!(headers["x-ratelimit-remaining-requests"], "0");
    // Bob has his own rate: one a second, so waiting as told lets him in again.
    assert_eq!(generate(&relay, Some(BOB), None, &small(1)).await.status(), 200);
    let bob = generate(&relay, Some(BOB), None, &small(1)).await;
    let wait: u64 = bob.headers()["retry-after-ms"].to_str().unwrap().parse().unwrap();
    assert_eq!(bob.status(), 429);
    tokio::time::sleep(Duration::from_millis(wait)).await;
    assert_eq!(generate(&relay, Some(BOB), None, &small(1)).await.status(), 200);
    // Five from this address in all (refusals do not count): the sixth is refused for the address.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(generate(&relay, Some(BOB), None, &small(1)).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let address = generate(&relay, Some(BOB), None, &small(1)).await;
    let error = expect_error(address, 429, Some("rate_limit_exceeded")).await;
    assert!(error["message"].as_str().unwrap().contains("address 127.0.0.1"), "{error}");
}

#[tokio::test]
async fn daily_images_and_dollars_stop_clients_from_retrying() {
    let upstream = relay_support::upstream().await;
    let log = log_path("daily");
    let admin = "sk-admin-0123456789abcdef";
    let policy = Policy {
        // dall-e-2 at 256x256 costs $0.016 an image.
        tokens: tokens("images=3/day", "usd=0.04/day"),
        total: Limits::parse("usd=0.07/day").unwrap(),
        admin_key: Some(admin.into()),
        ..Policy::default()
    };
    let relay = relay(&upstream, policy, Some(&log)).await;
    assert_eq!(generate(&relay, Some(ALICE), None, &small(2)).await.status(), 200);
    let images = generate(&relay, Some(ALICE), None, &small(2)).await;
    assert_eq!(images.headers()["x-should-retry"], "false");
    assert!(images.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() <= 86_400);
    let error = expect_error(images, 429, Some("rate_limit_exceeded")).await;
    assert_eq!(error["type"], "images");
    assert!(error["message"].as_str().unwrap().contains("3 images a day, 2 made today"), "{error}");
    // Bob's ceiling: $0.032 spent, $0.016 more would pass $0.04.
    assert_eq!(generate(&relay, Some(BOB), None, &small(2)).await.status(), 200);
    let ceiling = generate(&relay, Some(BOB), None, &small(1)).await;
    assert_eq!(ceiling.headers()["x-should-retry"], "false");
    let error = expect_error(ceiling, 429, Some("insufficient_quota")).await;
    assert_eq!(error["type"], "insufficient_quota");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("estimated $0.02") && message.contains("$0.04 for token bob"), "{message}");
    // Everyone together: $0.064 spent, and $0.016 more would pass $0.07.
    let total = generate(&relay, Some(ALICE), None, &small(1)).await;
    let error = expect_error(total, 429, Some("insufficient_quota")).await;
    assert!(error["message"].as_str().unwrap().contains("$0.07 for all callers together"), "{error}");
    let rows = spend(&relay, admin).await;
    let alice = row(&rows, Some("alice"));
    let counts = |row: &Value| (row["requests"].as_i64(), row["images"].as_i64(), row["refused"].as_i64());
    assert_eq!(counts(alice), (Some(1), Some(2), Some(2)));
    assert!((alice["usd"].as_f64().unwrap() - 0.032).abs() < 1e-9, "{alice}");
    assert_eq!(counts(row(&rows, Some("bob"))), (Some(1), Some(2), Some(1)));
    assert!((row(&rows, None)["usd"].as_f64().unwrap() - 0.064).abs() < 1e-9);
    let unauthorised = client().get(format!("{relay}/relay/spend")).bearer_auth(ALICE).send().await.unwrap();
    expect_error(unauthorised, 401, Some("invalid_api_key")).await;
    let lines = log_lines(&log, 5).await;
    let codes: Vec<&str> = lines.iter().map(|line| line["error"].as_str().unwrap_or("-")).collect();
    assert_eq!(codes, ["-", "rate_limit_exceeded", "-", "insufficient_quota", "insufficient_quota"]);
}

#[tokio::test]
async fn the_ceiling_is_estimated_before_and_settled_from_usage_after() {
    let upstream = relay_support::upstream().await;
    let log = log_path("settle");
    let admin = "sk-admin-0123456789abcdef";
    let policy = Policy { log_prompts: true, admin_key: Some(admin.into()), ..Policy::default() };
    let relay = relay(&upstream, policy, Some(&log)).await;
    // `auto` quality is estimated as `high` and settled at what the answer says it made (`medium`).
    let body = json!({"model": "gpt-image-2", "prompt": "a quiet harbour", "size": "1024x640"});
    let answer: Value = generate(&relay, Some("any"), None, &body).await.json().await.unwrap();
    let usage = &answer["usage"];
    let stream = json!({"model": "gpt-image-2", "prompt": "a quiet harbour", "size": "1024x640", "quality": "low", "stream": true, "n": 2});
    let text = generate(&relay, None, None, &stream).await.text().await.unwrap();
    assert!(text.contains("image_generation.completed"));
    let lines = log_lines(&log, 2).await;
    let (estimated, settled) = (lines[0]["usd_estimated"].as_f64().unwrap(), lines[0]["usd"].as_f64().unwrap());
    let expected =
        (usage["input_tokens"].as_f64().unwrap() * 5.0 + usage["output_tokens"].as_f64().unwrap() * 30.0) / 1e6;
    assert!((settled - expected).abs() < 1e-6, "settled {settled}, usage says {expected}");
    assert!(estimated > settled * 3.0, "estimated {estimated} as high quality, settled {settled}");
    assert_eq!(lines[0]["tokens"]["output"], usage["output_tokens"]);
    assert_eq!((lines[0]["prompt"].as_str(), lines[0]["complete"].as_bool()), (Some("a quiet harbour"), Some(true)));
    assert_eq!((lines[1]["stream"].as_bool(), lines[1]["images"].as_u64()), (Some(true), Some(2)));
    assert_eq!(lines[1]["complete"], true);
    assert!(lines[1]["tokens"]["output"].as_u64().unwrap() > 0, "{}", lines[1]);
    // The summary holds the settled amounts, not the estimates.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let rows = spend(&relay, admin).await;
        let usd = row(&rows, Some("anonymous"))["usd"].as_f64().unwrap();
        let want = settled + lines[1]["usd"].as_f64().unwrap();
        if (usd - want).abs() < 1e-5 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "summary {usd}, settled {want}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_client_that_leaves_mid_stream_is_logged_with_what_it_was_sent() {
    // Two images, one second apart: a partial, then the first completed image, then the second.
    let latency = Latency { low: Duration::from_millis(2000), ..Latency::default() };
    let provider = common::start(Config { api_key: Some(PROVIDER_KEY.into()), latency, ..Config::default() }).await;
    let log = log_path("leave");
    let relay = relay(&format!("{provider}/v1"), Policy::default(), Some(&log)).await;
    let body = json!({"model": "gpt-image-2", "prompt": "a harbour at night", "size": "1024x1024", "quality": "low",
        "stream": true, "partial_images": 1, "n": 2});
    let mut response = generate(&relay, None, None, &body).await;
    assert_eq!(response.status(), 200);
    let mut received = String::new();
    while !received.contains("image_generation.completed") {
        let chunk = response.chunk().await.unwrap().expect("the stream ended before its first image");
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    drop(response);
    let line = &log_lines(&log, 1).await[0];
    assert_eq!((line["stream"].as_bool(), line["complete"].as_bool()), (Some(true), Some(false)), "{line}");
    assert_eq!(line["images"].as_u64(), Some(1), "the first image went out, the second never did: {line}");
    assert!(line["tokens"]["output"].as_u64().unwrap() > 0, "the first image's usage settles the cost: {line}");
}
