//! `POST /v1/responses` with the `image_generation` tool: a turn answers a
//! response object with a real image, a follow-up turn changes the thread's
//! image, kept responses expire, streams send the API's events (read by
//! core's `ResponseEvent`), and refusals, faults and latency are the Images
//! API's.

mod common;

use std::time::{Duration, Instant};

use base64::Engine;
use common::{client, decode_b64, expect_error, png, start, turn};
use gpt_image_core::responses::{Response, ResponseEvent};
use gpt_image_core::{FromJson, Model, Quality, SseParser};
use gpt_image_server::{Config, Fault};
use image::{GenericImageView, ImageFormat, RgbaImage};
use serde_json::{Value, json};

/// POSTs a turn, with `headers`.
async fn send(base: &str, body: &Value, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = client().post(format!("{base}/v1/responses")).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request")
}

/// POSTs a turn that must succeed; returns the response object.
async fn create(base: &str, body: &Value) -> Value {
    let response = send(base, body, &[]).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["x-request-id"].to_str().unwrap().starts_with("req_"));
    response.json().await.expect("a response object")
}

/// The image of a response object (its `image_generation_call`'s `result`).
fn image_of(response: &Value) -> RgbaImage {
    let call = response["output"].as_array().unwrap().iter().find(|item| item["type"] == "image_generation_call");
    decode_b64(call.expect("an image call")["result"].as_str().expect("a result")).0.to_rgba8()
}

/// The mean difference of two images of one size, per channel, from 0 (the same) to 1.
fn difference(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    total as f64 / (a.as_raw().len() as f64 * 255.0)
}

#[tokio::test]
async fn a_turn_answers_a_response_object_with_a_real_image_and_its_usage() {
    let base = start(Config::default()).await;
    let body = create(&base, &turn("a red kite over a harbour", None)).await;
    assert!(body["id"].as_str().unwrap().starts_with("resp_"), "{body}");
    assert_eq!((body["object"].as_str(), body["status"].as_str()), (Some("response"), Some("completed")));
    assert_eq!(body["model"], "gpt-5.1");
    assert!(body["previous_response_id"].is_null());
    let call = &body["output"][0];
    assert_eq!(call["type"], "image_generation_call");
    assert!(call["id"].as_str().unwrap().starts_with("ig_"));
    assert_eq!((call["status"].as_str(), call["action"].as_str()), (Some("completed"), Some("generate")));
    assert_eq!((call["size"].as_str(), call["quality"].as_str()), (Some("1024x640"), Some("low")));
    assert_eq!((call["output_format"].as_str(), call["background"].as_str()), (Some("png"), Some("opaque")));
    assert_eq!(call["revised_prompt"], "a red kite over a harbour");
    let (image, format) = decode_b64(call["result"].as_str().unwrap());
    assert_eq!((format, image.dimensions()), (ImageFormat::Png, (1024, 640)));
    let message = &body["output"][1];
    assert_eq!((message["type"].as_str(), message["role"].as_str()), (Some("message"), Some("assistant")));
    assert_eq!(message["content"][0]["type"], "output_text");
    let usage = &body["usage"];
    let (input, output) = (usage["input_tokens"].as_u64().unwrap(), usage["output_tokens"].as_u64().unwrap());
    assert!(input > 0 && output > 0);
    assert_eq!(usage["total_tokens"].as_u64(), Some(input + output));
    // The image's tokens are the catalogue's, as for the Images API.
    let spec = match Model::from("gpt-image-2").resolve().matched {
        gpt_image_core::Match::Known(spec) => spec,
        other => panic!("{other:?}"),
    };
    let image_gen = &body["tool_usage"]["image_gen"];
    assert_eq!(image_gen["output_tokens"].as_u64(), Some(spec.output_tokens(Some(&Quality::Low), 1024, 640, 1)));
    // Core reads it back as sent.
    let read = Response::from_json(&body).unwrap();
    assert_eq!(read.images().count(), 1);
    assert!(read.output_text().starts_with("Here is a new image"), "{}", read.output_text());
    assert_eq!(read.tool_usage.unwrap().image_gen.unwrap().output_tokens, image_gen["output_tokens"].as_u64().unwrap());

    // The tool's output format, and a turn without a model for the tool (a GPT image model draws).
    let mut jpeg = turn("a kite", None);
    jpeg["tools"][0]["output_format"] = "jpeg".into();
    let jpeg = create(&base, &jpeg).await;
    assert_eq!(decode_b64(jpeg["output"][0]["result"].as_str().unwrap()).1, ImageFormat::Jpeg);
    let bare =
        json!({"model": "gpt-5.1", "input": "a kite", "tools": [{"type": "image_generation", "quality": "low"}]});
    let bare = create(&base, &bare).await;
    assert_eq!(bare["output"][0]["size"], "1024x1024");
    // Without the tool (or with tool_choice none): a message, no image.
    let declined =
        json!({"model": "gpt-5.1", "input": "a kite", "tools": [{"type": "image_generation"}], "tool_choice": "none"});
    let declined = create(&base, &declined).await;
    assert_eq!(declined["output"].as_array().unwrap().len(), 1);
    assert_eq!(declined["output"][0]["type"], "message");
    assert!(declined["tool_usage"].is_null());
}

#[tokio::test]
async fn a_follow_up_turn_changes_the_thread_s_image_rather_than_drawing_another() {
    let base = start(Config::default()).await;
    let first = create(&base, &turn("a red kite over a harbour", None)).await;
    let id = first["id"].as_str().unwrap();
    let second = create(&base, &turn("now make the kite blue", Some(id))).await;
    assert_eq!(second["previous_response_id"].as_str(), Some(id));
    assert_eq!(second["output"][0]["action"], "edit");
    let unrelated = create(&base, &turn("now make the kite blue", None)).await;
    let (before, after, other) = (image_of(&first), image_of(&second), image_of(&unrelated));
    let (changed, apart) = (difference(&before, &after), difference(&before, &other));
    assert!(changed > 0.02, "the follow-up should change the image: {changed}");
    assert!(changed < apart * 0.7, "the follow-up should stay close to the first image: {changed} vs {apart}");
    // The answering model reads the whole thread: more input than the first turn's whole usage.
    let thread = first["usage"]["total_tokens"].as_u64().unwrap();
    assert!(second["usage"]["input_tokens"].as_u64().unwrap() > thread);

    // A third turn on the second changes the second image, not the first.
    let third = create(&base, &turn("add a yellow sun", second["id"].as_str())).await;
    let third_image = image_of(&third);
    assert!(difference(&after, &third_image) < difference(&before, &third_image));
    // `action: generate` draws anew, from the whole thread's words.
    let mut anew = turn("start over at night", third["id"].as_str());
    anew["tools"][0]["action"] = "generate".into();
    let anew = create(&base, &anew).await;
    assert_eq!(anew["output"][0]["action"], "generate");
    let revised = anew["output"][0]["revised_prompt"].as_str().unwrap();
    assert!(revised.contains("red kite") && revised.contains("start over at night"), "{revised}");

    // An input image is the edit's source: the answer stays close to it.
    let photo = png(640, 400);
    let url = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&photo));
    let with_image = json!({
        "model": "gpt-5.1",
        "input": [{"role": "user", "content": [
            {"type": "input_text", "text": "put a hat on it"},
            {"type": "input_image", "image_url": url},
        ]}],
        "tools": [{"type": "image_generation", "model": "gpt-image-2", "quality": "low", "size": "1024x640"}],
    });
    let edited = create(&base, &with_image).await;
    assert_eq!(edited["output"][0]["action"], "edit");
    assert!(edited["tool_usage"]["image_gen"]["input_tokens_details"]["image_tokens"].as_u64().unwrap() > 0);
    let source = image::imageops::resize(
        &image::load_from_memory(&photo).unwrap().to_rgba8(),
        1024,
        640,
        image::imageops::FilterType::Triangle,
    );
    let edited = image_of(&edited);
    assert!(difference(&source, &edited) < difference(&source, &before), "the edit should keep the input's look");
}

#[tokio::test]
async fn unknown_expired_and_unstored_responses_are_refused_as_the_api_does() {
    let base = start(Config { response_ttl: Duration::from_millis(400), ..Config::default() }).await;
    let error =
        expect_error(send(&base, &turn("more", Some("resp_x")), &[]).await, 400, Some("previous_response_not_found"))
            .await;
    assert_eq!(error["param"], "previous_response_id");
    assert_eq!(error["type"], "invalid_request_error");
    assert_eq!(error["message"], "Previous response with id 'resp_x' not found.");
    let first = create(&base, &turn("a kite", None)).await;
    let id = first["id"].as_str().unwrap();
    create(&base, &turn("bluer", Some(id))).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let expired =
        expect_error(send(&base, &turn("greener", Some(id)), &[]).await, 400, Some("previous_response_not_found"));
    assert_eq!(expired.await["param"], "previous_response_id");
    // `store: false` keeps nothing to follow.
    let mut unstored = turn("a kite", None);
    unstored["store"] = false.into();
    let unstored = create(&base, &unstored).await;
    assert_eq!(unstored["store"], false);
    let follow = send(&base, &turn("bluer", unstored["id"].as_str()), &[]).await;
    expect_error(follow, 400, Some("previous_response_not_found")).await;

    // Past the most responses kept, the oldest go first.
    let small = start(Config { response_max: 2, ..Config::default() }).await;
    let mut ids = Vec::new();
    for text in ["one", "two", "three"] {
        ids.push(create(&small, &turn(text, None)).await["id"].as_str().unwrap().to_owned());
    }
    expect_error(send(&small, &turn("again", Some(&ids[0])), &[]).await, 400, Some("previous_response_not_found"))
        .await;
    create(&small, &turn("again", Some(&ids[2]))).await;
}

/// The events of a streamed turn, as sent (name and data) and as core reads them.
async fn stream(base: &str, body: &Value, headers: &[(&str, &str)]) -> (Vec<(String, Value)>, Vec<ResponseEvent>) {
    let response = send(base, body, headers).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let text = response.bytes().await.unwrap();
    let mut parser = SseParser::new();
    let mut sent = Vec::new();
    let mut read = Vec::new();
    // In small pieces, as a network delivers them.
    for chunk in text.chunks(997) {
        for event in parser.push(chunk) {
            sent.push((event.event.clone().unwrap_or_default(), serde_json::from_str(&event.data).unwrap()));
            read.push(ResponseEvent::from_sse::<Value>(&event).unwrap().expect("an event, not [DONE]"));
        }
    }
    (sent, read)
}

#[tokio::test]
async fn a_streamed_turn_sends_the_api_s_events_in_order_with_its_partial_images() {
    let base = start(Config::default()).await;
    let mut body = turn("a kite in the wind", None);
    body["stream"] = true.into();
    body["tools"][0]["partial_images"] = 3.into();
    let (sent, read) = stream(&base, &body, &[]).await;
    let mut names: Vec<&str> = sent.iter().map(|(name, _)| name.as_str()).collect();
    names.dedup_by(|a, b| a == b && *a == "response.output_text.delta");
    let partial = "response.image_generation_call.partial_image";
    assert_eq!(
        names,
        [
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.image_generation_call.in_progress",
            "response.image_generation_call.generating",
            partial,
            partial,
            partial,
            "response.image_generation_call.completed",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed",
        ]
    );
    for (index, (name, data)) in sent.iter().enumerate() {
        assert_eq!(data["type"].as_str(), Some(name.as_str()));
        assert_eq!(data["sequence_number"].as_u64(), Some(index as u64), "{name}");
    }
    let ResponseEvent::Started(created) = &read[0] else { panic!("{:?}", read[0]) };
    assert_eq!((created.status.as_str(), created.output.len()), ("in_progress", 0));
    let ResponseEvent::Item { done: false, output_index: 0, item } = &read[2] else { panic!("{:?}", read[2]) };
    let gpt_image_core::responses::OutputItem::ImageGeneration(call) = item else { panic!("{item:?}") };
    let partials: Vec<(u32, String)> = read
        .iter()
        .filter_map(|event| match event {
            ResponseEvent::PartialImage { item_id, output_index: 0, partial_image_index, partial_image_b64 } => {
                assert_eq!(item_id, &call.id);
                Some((*partial_image_index, partial_image_b64.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(partials.iter().map(|(index, _)| *index).collect::<Vec<_>>(), [0, 1, 2]);
    for (_, b64) in &partials {
        let (image, format) = decode_b64(b64);
        assert_eq!((format, image.dimensions()), (ImageFormat::Png, (1024, 640)));
    }
    let deltas: String = read
        .iter()
        .filter_map(|event| match event {
            ResponseEvent::TextDelta { delta, .. } => Some(delta.as_str()),
            _ => None,
        })
        .collect();
    let Some(ResponseEvent::Finished(response)) = read.last() else { panic!("{:?}", read.last()) };
    assert_eq!(response.status, "completed");
    assert_eq!(response.output_text(), deltas);
    let image = response.images().next().unwrap();
    assert_eq!((image.id.as_str(), image.status.as_str()), (call.id.as_str(), "completed"));
    let finished = decode_b64(image.result.as_deref().unwrap()).0;
    assert_ne!(partials[0].1, partials[2].1, "partial images get finer");
    assert!(response.usage.unwrap().total_tokens > 0);
    assert!(response.tool_usage.as_ref().unwrap().image_gen.is_some());

    // A streamed response is kept like any other: the next turn follows it.
    let next = create(&base, &turn("make it green", Some(&response.id))).await;
    let next = image_of(&next);
    assert!(difference(&finished.to_rgba8(), &next) > 0.0);
}

#[tokio::test]
async fn refusals_take_the_api_s_error_shape() {
    let base = start(Config::default()).await;
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = turn("a kite", None);
        change(&mut body);
        body
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (with(&|body| body["tools"][0]["size"] = "1000x1000".into()), "tools[0].size", "invalid_value"),
        (with(&|body| body["model"] = "".into()), "model", "invalid_value"),
        (with(&|body| body["input"] = " ".into()), "input", "invalid_value"),
        (with(&|body| body["tools"][0]["model"] = "flux-pro".into()), "tools[0].model", "model_not_found"),
        (with(&|body| body["tools"][0]["action"] = "edit".into()), "tools[0].action", "invalid_value"),
        (with(&|body| body["tools"][0]["partial_images"] = "two".into()), "tools[0].partial_images", "invalid_type"),
        (
            with(&|body| {
                body["stream"] = true.into();
                body["tools"][0] =
                    json!({"type": "image_generation", "model": "gpt-image-2.6-flare", "output_format": "gif"});
            }),
            "stream",
            "invalid_value",
        ),
        (
            with(&|body| {
                body["input"] = json!([{"role": "user", "content": [
                    {"type": "input_text", "text": "use the logo"}, {"type": "input_image", "file_id": "file-logo"}]}]);
            }),
            "input[0].content[1]",
            "invalid_value",
        ),
        (
            with(&|body| {
                body["input"] = json!([{"role": "user", "content": [
                    {"type": "input_image", "image_url": "https://example.com/logo.png"}]}]);
            }),
            "input[0].content[0]",
            "invalid_image_url",
        ),
    ];
    for (body, param, code) in cases {
        let error = expect_error(send(&base, &body, &[]).await, 400, Some(code)).await;
        assert_eq!(error["param"].as_str(), Some(param), "{error}");
        assert_eq!(error["type"], "invalid_request_error");
    }
    let not_json = client().post(format!("{base}/v1/responses")).body("{").send().await.unwrap();
    expect_error(not_json, 400, Some("invalid_json")).await;
}

#[tokio::test]
async fn faults_and_latency_apply_as_on_the_images_endpoints() {
    let base = start(Config::default()).await;
    let limited = send(&base, &turn("a kite", None), &[("x-fault", "rate_limit")]).await;
    assert_eq!(limited.headers()["retry-after-ms"], "250");
    expect_error(limited, 429, Some("rate_limit_exceeded")).await;
    // A client that retries with the same key sees fail, then success.
    let key = [("x-fault", "server_error; times=1; key=responses")];
    assert_eq!(send(&base, &turn("a kite", None), &key).await.status(), 500);
    assert_eq!(send(&base, &turn("a kite", None), &key).await.status(), 200);
    let cut = send(&base, &turn("a kite", None), &[("x-fault", "truncated")]).await;
    assert_eq!(cut.status(), 200);
    assert!(serde_json::from_slice::<Value>(&cut.bytes().await.unwrap()).is_err());

    let mut streamed = turn("a kite", None);
    streamed["stream"] = true.into();
    streamed["tools"][0]["partial_images"] = 2.into();
    let (sent, read) = stream(&base, &streamed, &[("x-fault", "stream_error")]).await;
    let names: Vec<&str> = sent.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names.iter().filter(|name| name.ends_with(".partial_image")).count(), 2);
    assert_eq!(names.last(), Some(&"error"));
    assert!(matches!(read.last(), Some(ResponseEvent::Error(_))));
    assert!(!names.contains(&"response.completed"));
    let (sent, _) = stream(&base, &streamed, &[("x-fault", "stream_no_completed")]).await;
    let last = sent.last().unwrap().0.as_str();
    assert_eq!(last, "response.image_generation_call.partial_image");

    // Latency: the header's, spread over a stream's partial images too.
    let started = Instant::now();
    create_with(&base, &turn("a kite", None), &[("x-latency-ms", "400")]).await;
    assert!(started.elapsed() >= Duration::from_millis(400));
    let started = Instant::now();
    stream(&base, &streamed, &[("x-latency-ms", "300")]).await;
    assert!(started.elapsed() >= Duration::from_millis(300));

    // The server's own script (`--fault`) applies to turns too.
    let scripted = start(Config { faults: vec![(Fault::Unavailable, Some(1))], ..Config::default() }).await;
    assert_eq!(send(&scripted, &turn("a kite", None), &[]).await.status(), 503);
    assert_eq!(send(&scripted, &turn("a kite", None), &[]).await.status(), 200);
}

/// POSTs a turn with headers that must succeed.
async fn create_with(base: &str, body: &Value, headers: &[(&str, &str)]) -> Value {
    let response = send(base, body, headers).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}
