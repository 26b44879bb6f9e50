//! `/v1/responses` through the relay, in front of another server: the same
//! origins, tokens and limits as the Images API, the caps on the
//! `image_generation` tool's parameters, and what a turn costs (its image
//! from the catalogue, its text tokens at the operator's rate) settled from
//! the answer's `usage`, whether it is JSON or a stream.

mod common;
mod relay_support;

use std::time::Duration;

use common::{client, expect_error, turn};
use gpt_image_core::{Match, Model, ModelSpec, Size};
use gpt_image_server::{Caps, Limits, Policy};
use relay_support::{ALICE, BOB, log_lines, log_path, relay, row, spend, tokens};
use serde_json::{Value, json};

/// The operator's price of text tokens in these tests, dollars per million.
const TEXT_RATE: f64 = 2.0;

/// POSTs a turn to the relay with a token.
async fn send(relay: &str, token: &str, body: &Value) -> reqwest::Response {
    client().post(format!("{relay}/v1/responses")).bearer_auth(token).json(body).send().await.expect("request")
}

fn gpt_image_2() -> &'static ModelSpec {
    match Model::from("gpt-image-2").resolve().matched {
        Match::Known(spec) => spec,
        other => panic!("{other:?}"),
    }
}

/// What a response object costs: its image's `tool_usage` at the
/// catalogue's prices, its text tokens at [`TEXT_RATE`].
fn cost(response: &Value) -> f64 {
    let image = &response["tool_usage"]["image_gen"];
    let tokens = |value: &Value| value.as_u64().unwrap();
    let images = gpt_image_2().prices.estimate(
        Some((
            tokens(&image["input_tokens_details"]["text_tokens"]),
            tokens(&image["input_tokens_details"]["image_tokens"]),
            tokens(&image["output_tokens"]),
        )),
        None,
        Some(&Size::pixels(1024, 640)),
        1,
    );
    images.unwrap() + tokens(&response["usage"]["total_tokens"]) as f64 * TEXT_RATE / 1e6
}

#[tokio::test]
async fn a_turn_goes_through_with_its_thread_and_its_cost_is_settled_from_usage() {
    let upstream = relay_support::upstream().await;
    let log = log_path("responses");
    let admin = "sk-admin-0123456789abcdef";
    let policy = Policy {
        tokens: tokens("", ""),
        admin_key: Some(admin.into()),
        text_usd_per_million: Some(TEXT_RATE),
        total: Limits::parse("usd=5/day").unwrap(),
        ..Policy::default()
    };
    let relay = relay(&upstream, policy, Some(&log)).await;
    let first = send(&relay, ALICE, &turn("a red kite over a harbour", None)).await;
    assert_eq!(first.status(), 200);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["output"][0]["type"], "image_generation_call");
    // The thread lives at the provider: the next turn follows it through the relay.
    let second = send(&relay, ALICE, &turn("now make the kite blue", first["id"].as_str())).await;
    assert_eq!(second.status(), 200);
    let second: Value = second.json().await.unwrap();
    assert_eq!(second["output"][0]["action"], "edit");
    // A streamed turn is settled from its `response.completed`.
    let mut streamed = turn("add a yellow sun", second["id"].as_str());
    streamed["stream"] = true.into();
    streamed["tools"][0]["partial_images"] = 1.into();
    let text = send(&relay, BOB, &streamed).await.text().await.unwrap();
    let completed = text
        .split("\n\n")
        .find_map(|event| event.strip_prefix("event: response.completed\ndata: "))
        .expect("a completed event");
    let third: Value = serde_json::from_str::<Value>(completed).unwrap()["response"].clone();

    let lines = log_lines(&log, 3).await;
    for (line, response) in lines.iter().zip([&first, &second, &third]) {
        assert_eq!(line["path"], "/v1/responses");
        assert_eq!((line["model"].as_str(), line["text_model"].as_str()), (Some("gpt-image-2"), Some("gpt-5.1")));
        assert_eq!((line["images"].as_u64(), line["complete"].as_bool()), (Some(1), Some(true)), "{line}");
        assert_eq!(line["text_tokens"], response["usage"]["total_tokens"], "{line}");
        assert_eq!(line["tokens"]["output"], response["tool_usage"]["image_gen"]["output_tokens"], "{line}");
        let (settled, expected) = (line["usd"].as_f64().unwrap(), cost(response));
        assert!((settled - expected).abs() < 2e-6, "settled {settled}, the answer says {expected}: {line}");
        assert!(line["usd_estimated"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(lines[2]["stream"], true);
    // The follow-up read the whole thread: it cost the text model more.
    assert!(lines[1]["text_tokens"].as_u64() > lines[0]["text_tokens"].as_u64());
    let want = cost(&first) + cost(&second) + cost(&third);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let rows = spend(&relay, admin).await;
        let total = row(&rows, None);
        if (total["usd"].as_f64().unwrap() - want).abs() < 5e-6 {
            assert_eq!((total["requests"].as_u64(), total["images"].as_u64()), (Some(3), Some(3)));
            assert_eq!(row(&rows, Some("alice"))["requests"], 2);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "summary {total}, settled {want}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Without a token, as for the Images API.
    let anonymous = client().post(format!("{relay}/v1/responses")).json(&turn("a kite", None)).send().await.unwrap();
    expect_error(anonymous, 401, Some("invalid_api_key")).await;
}

#[tokio::test]
async fn caps_apply_to_the_tool_s_image_parameters_and_name_them() {
    let upstream = relay_support::upstream().await;
    let caps = Caps {
        models: vec![Caps::parse_model("gpt-image-2").unwrap(), Caps::parse_model("gpt-image-2.6-flare").unwrap()],
        max_n: Some(4),
        max_pixels: Some(Caps::parse_pixels("1024x1024").unwrap()),
        max_quality: Some(Caps::parse_quality("medium").unwrap()),
        no_stream: true,
    };
    let relay = relay(&upstream, Policy { caps, tokens: tokens("", ""), ..Policy::default() }, None).await;
    assert_eq!(send(&relay, ALICE, &turn("a kite", None)).await.status(), 200);
    let tool = |extra: Value| {
        let mut body = turn("a kite", None);
        body["tools"][0].as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body
    };
    for (body, param, code, words) in [
        (tool(json!({"quality": "high"})), "tools[0].quality", "cap_exceeded", "cap of `medium`"),
        (tool(json!({"quality": "auto"})), "tools[0].quality", "cap_exceeded", "up to `high`"),
        (tool(json!({"size": "1536x1024"})), "tools[0].size", "cap_exceeded", "at most 1048576 pixels"),
        // A turn may edit the thread's image: `auto` counts as the largest edit.
        (tool(json!({"size": "auto"})), "tools[0].size", "cap_exceeded", "auto (counted as 1536x1024)"),
        (tool(json!({"model": "gpt-image-1-mini"})), "tools[0].model", "model_not_allowed", "gpt-image-2"),
        // Without a model the tool draws with the API's default GPT image model, which is not allowed here.
        (
            json!({"model": "gpt-5.1", "input": "x", "tools": [{"type": "image_generation", "quality": "low", "size": "1024x1024"}]}),
            "tools[0].model",
            "model_not_allowed",
            "gpt-image-1.5",
        ),
        (
            tool(json!({"model": "gpt-image-2.6-flare", "size": "256x256", "output_format": "gif", "frame_count": 6})),
            "tools[0].frame_count",
            "cap_exceeded",
            "6 GIF frames each",
        ),
        (
            {
                let mut body = turn("a kite", None);
                body["stream"] = true.into();
                body
            },
            "stream",
            "cap_exceeded",
            "does not stream",
        ),
    ] {
        let error = expect_error(send(&relay, ALICE, &body).await, 400, Some(code)).await;
        assert_eq!(error["param"], param, "{body}");
        assert!(error["message"].as_str().unwrap().contains(words), "{body}: {error}");
    }
    // A turn that declines the tool draws nothing: the image caps do not apply (the stream cap does).
    let mut declined = tool(json!({"quality": "high"}));
    declined["tool_choice"] = "none".into();
    assert_eq!(send(&relay, ALICE, &declined).await.status(), 200);
}

#[tokio::test]
async fn a_dollar_ceiling_needs_a_price_for_text_tokens() {
    let upstream = relay_support::upstream().await;
    let policy = Policy { tokens: tokens("usd=1/day", ""), ..Policy::default() };
    let relay = relay(&upstream, policy, None).await;
    let error = expect_error(send(&relay, ALICE, &turn("a kite", None)).await, 400, Some("model_not_priced")).await;
    assert_eq!(error["param"], "model");
    assert!(error["message"].as_str().unwrap().contains("--text-usd-per-million-tokens"), "{error}");
    // The Images API is priced by the catalogue alone.
    let images = json!({"model": "gpt-image-2", "prompt": "a kite", "quality": "low", "size": "1024x640"});
    assert_eq!(relay_support::generate(&relay, Some(ALICE), None, &images).await.status(), 200);
    // Bob has no ceiling: his turns go through, their text tokens uncounted in dollars.
    assert_eq!(send(&relay, BOB, &turn("a kite", None)).await.status(), 200);
}
