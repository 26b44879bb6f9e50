//! The Responses API's image conversations: a turn reads back whole, the
//! `image_generation` tool's image parameters are judged by the catalogue
//! as the Images API's are, and answers and stream events read as sent.

use gpt_image_core::responses::{ContentPart, Input, OutputItem, Response, ResponseEvent, ResponseRequest, Tool};
use gpt_image_core::{FromJson, ImageInput, Rule, Severity, SseEvent, ValidationMode, ValidationOptions};
use serde_json::{Value, json};

/// A second turn as openai-node users write it.
fn second_turn() -> Value {
    json!({
        "model": "gpt-5.1",
        "previous_response_id": "resp_1",
        "input": [{"role": "user", "content": [
            {"type": "input_text", "text": "now make the kite blue"},
            {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="},
            {"type": "input_image", "file_id": "file-logo"},
        ]}],
        "tools": [{"type": "image_generation", "model": "gpt-image-2.6-sunburst", "quality": "high", "size": "1536x1024",
                   "partial_images": 2, "action": "edit", "x_router_hint": "eu"},
                  {"type": "web_search"}],
        "tool_choice": {"type": "image_generation"},
        "stream": true,
        "store": true,
    })
}

#[test]
fn a_turn_reads_back_whole() {
    let body = second_turn();
    let (request, issues) = ResponseRequest::read_json(&body);
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(request.text(), "now make the kite blue");
    assert_eq!(
        request.input_images(),
        [ImageInput::Url("data:image/png;base64,iVBORw0KGgo=".into()), ImageInput::FileId("file-logo".into())]
    );
    let (index, tool) = request.image_tools().next().unwrap();
    assert_eq!((index, tool.action.as_deref()), (0, Some("edit")));
    assert_eq!(tool.image.extra["x_router_hint"], json!("eu"), "a field the list does not name is kept");
    assert!(matches!(&request.tools[1], Tool::Other(other) if other == &json!({"type": "web_search"})));
    assert_eq!(request.extra["store"], json!(true));
    let written = serde_json::to_value(&request).unwrap();
    assert_eq!(written, body, "written as it was read, every field");
}

#[test]
fn the_tools_image_parameters_are_judged_by_the_catalogue() {
    let full = ValidationOptions::default();
    let mut body = second_turn();
    body["tools"][0]["size"] = json!("1000x1000");
    body["tools"][0]["n"] = json!(2);
    body["tools"][0]["output_format"] = json!("gif");
    let (request, _) = ResponseRequest::read_json(&body);
    let report = request.validate_with(&full);
    let size = report.for_field("tools[0].size").next().expect("the size rule");
    assert_eq!((size.rule, size.severity), (Rule::SizeMultipleOf16, Severity::Error), "{report}");
    assert!(report.for_field("stream").any(|issue| issue.is_error()), "a GIF does not stream: {report}");
    assert!(
        report.for_field("tools[0].n").any(|issue| issue.rule == Rule::UnknownParameter && !issue.is_error()),
        "{report}"
    );
    assert!(report.issues.iter().all(|issue| !issue.field.starts_with("prompt")), "{report}");
    let warn = ValidationOptions { mode: ValidationMode::WarningsOnly, ..Default::default() };
    assert!(!request.validate_with(&warn).has_errors());

    let empty = ResponseRequest { model: String::new(), input: Input::Text(" ".into()), ..Default::default() };
    let fields: Vec<String> = empty.validate_with(&full).errors().map(|issue| issue.field.clone()).collect();
    assert_eq!(fields, ["model", "input"]);
    assert!(ResponseRequest::new("gpt-5.1", "a kite over a harbour").validate_with(&full).issues.is_empty());

    // Without a model the tool draws with a GPT image model, not the Images API's dall-e-2.
    let bare = |tool: Value| {
        let body = json!({"model": "gpt-5.1", "input": "a kite", "tools": [tool]});
        ResponseRequest::read_json(&body).0.validate_with(&full)
    };
    let low = bare(json!({"type": "image_generation", "quality": "low", "size": "1024x1024"}));
    assert!(low.issues.is_empty(), "{low}");
    let small = bare(json!({"type": "image_generation", "size": "256x256"}));
    assert!(small.for_field("tools[0].size").any(|issue| issue.is_error()), "{small}");
    assert_eq!(gpt_image_core::responses::TOOL_DEFAULT_MODEL, gpt_image_core::catalogue::DEFAULT_GPT_MODEL);
}

#[test]
fn an_edit_parameter_on_a_turn_that_draws_anew_is_named() {
    let body = json!({"model": "gpt-5.1", "input": "a kite",
        "tools": [{"type": "image_generation", "model": "gpt-image-2", "input_fidelity": "high", "type_hint": 1}]});
    let (request, _) = ResponseRequest::read_json(&body);
    let tool = &request.image_tools().next().unwrap().1;
    assert!(!tool.image.extra.contains_key("type"), "the tool's own fields are not image parameters");
    let report = request.validate_with(&ValidationOptions::default());
    let issue = report.issues.iter().find(|issue| issue.field == "tools[0].input_fidelity").expect("named");
    assert_eq!((issue.rule, issue.severity), (Rule::UnknownParameter, Severity::Warning));
    assert!(issue.message.contains("edits only"), "{}", issue.message);
}

#[test]
fn the_drawing_tool_is_the_first_image_tool_unless_declined() {
    let mut body = second_turn();
    let (request, _) = ResponseRequest::read_json(&body);
    assert_eq!(request.drawing_tool().map(|(index, _)| index), Some(0));
    body["tool_choice"] = json!("none");
    let (request, _) = ResponseRequest::read_json(&body);
    assert!(request.drawing_tool().is_none(), "tool_choice none: nothing is drawn");
}

#[test]
fn a_value_of_the_wrong_kind_names_its_place() {
    let body = json!({"model": 5, "input": [{"role": "user", "content": [{"type": "input_image"}]}],
                      "tools": [{"type": "image_generation", "partial_images": "two"}]});
    let (_, issues) = ResponseRequest::read_json(&body);
    let fields: Vec<&str> = issues.iter().map(|issue| issue.field.as_str()).collect();
    assert_eq!(fields, ["model", "input[0].content[0]", "tools[0].partial_images"]);
    assert!(ResponseRequest::from_json(&json!([])).is_err());
}

#[test]
fn an_answer_reads_its_text_and_images() {
    let body = json!({
        "id": "resp_2", "object": "response", "created_at": 1_765_000_000, "status": "completed", "model": "gpt-5.1",
        "previous_response_id": "resp_1",
        "output": [
            {"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "iVBORw0KGgo=",
             "revised_prompt": "a blue kite", "action": "edit", "size": "1536x1024", "quality": "high", "output_format": "png"},
            {"type": "reasoning", "id": "rs_1", "summary": []},
            {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
             "content": [{"type": "output_text", "text": "Here is the kite, ", "annotations": []}, {"type": "output_text", "text": "now blue."}]},
        ],
        "usage": {"input_tokens": 120, "output_tokens": 1800, "total_tokens": 1920},
        "tool_usage": {"image_gen": {"input_tokens": 40, "output_tokens": 4160, "total_tokens": 4200,
                                     "input_tokens_details": {"text_tokens": 40, "image_tokens": 0}},
                       "web_search": {"num_requests": 0}},
        "error": null,
    });
    let response = Response::from_json(&body).unwrap();
    assert_eq!(response.output_text(), "Here is the kite, now blue.");
    let image = response.images().next().unwrap();
    assert_eq!(
        (image.id.as_str(), image.result.as_deref(), image.action.as_deref()),
        ("ig_1", Some("iVBORw0KGgo="), Some("edit"))
    );
    assert!(matches!(&response.output[1], OutputItem::Other(item) if item["type"] == "reasoning"));
    assert_eq!(response.usage.unwrap().total_tokens, 1920);
    let image_gen = response.tool_usage.as_ref().and_then(|tools| tools.image_gen.as_ref()).unwrap();
    assert_eq!((image_gen.output_tokens, image_gen.input_tokens_details.unwrap().text_tokens), (4160, 40));
    let written = serde_json::to_value(&response).unwrap();
    assert_eq!(Response::from_json(&written).unwrap(), response, "what the server writes reads back the same");
}

#[test]
fn stream_events_read_as_sent() {
    let event = |data: Value| SseEvent { data: data.to_string(), ..SseEvent::default() };
    let partial = json!({"type": "response.image_generation_call.partial_image", "item_id": "ig_1", "output_index": 0,
                         "partial_image_index": 1, "partial_image_b64": "iVBORw0KGgo=", "sequence_number": 4});
    assert_eq!(
        ResponseEvent::from_sse::<Value>(&event(partial)).unwrap(),
        Some(ResponseEvent::PartialImage {
            item_id: "ig_1".into(),
            output_index: 0,
            partial_image_index: 1,
            partial_image_b64: "iVBORw0KGgo=".into()
        })
    );
    let done = json!({"type": "response.completed", "response": {"id": "resp_2", "status": "completed", "output": []}});
    assert!(
        matches!(ResponseEvent::from_sse::<Value>(&event(done)).unwrap(), Some(ResponseEvent::Finished(response)) if response.id == "resp_2")
    );
    let generating = json!({"type": "response.image_generation_call.generating", "item_id": "ig_1"});
    assert_eq!(
        ResponseEvent::from_sse::<Value>(&event(generating)).unwrap(),
        Some(ResponseEvent::Other("response.image_generation_call.generating".into()))
    );
    let error =
        json!({"type": "error", "error": {"message": "no such response", "code": "previous_response_not_found"}});
    assert!(matches!(ResponseEvent::from_sse::<Value>(&event(error)).unwrap(), Some(ResponseEvent::Error(_))));
    let text = ContentPart::Text("hi".into());
    assert_eq!(serde_json::to_value(text).unwrap(), json!({"type": "input_text", "text": "hi"}));
}
