//! Every example in the OpenAPI spec (`tests/spec/images.openapi.yaml`) reads
//! into our types and, where it is a complete object, writes back unchanged.
//! A type with both readers (serde for the server, [`FromJson`] for the
//! browser) reads the same through each.

use gpt_image_core::{
    EditRequest, FromJson, GenerateRequest, ImageStreamEvent, ImagesResponse, SseEvent, SseParser, StreamItem,
};
use serde_json::Value;

const SPEC: &str = include_str!("../../../tests/spec/images.openapi.yaml");

fn spec() -> Value {
    serde_norway::from_str(SPEC).expect("the spec is YAML")
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(example: &Value) {
    let parsed: T = serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{e}: {example}"));
    assert_eq!(&serde_json::to_value(&parsed).unwrap(), example);
}

fn read_round_trip<T: FromJson + serde::Serialize>(example: &Value) -> T {
    let parsed = T::from_json(example).unwrap_or_else(|e| panic!("{e}: {example}"));
    assert_eq!(&serde_json::to_value(&parsed).unwrap(), example);
    parsed
}

#[test]
fn json_edit_examples_round_trip() {
    let examples = &spec()["paths"]["/images/edits"]["post"]["requestBody"]["content"]["application/json"]["examples"];
    let examples = examples.as_object().unwrap();
    assert_eq!(examples.len(), 2);
    for example in examples.values() {
        round_trip::<EditRequest>(&example["value"]);
        let request: EditRequest = serde_json::from_value(example["value"].clone()).unwrap();
        assert!(!request.validate().has_errors(), "{:?}", request.validate());
    }
}

#[test]
fn generation_examples_from_the_curl_calls_round_trip() {
    let examples = spec()["paths"]["/images/generations"]["post"]["x-oaiMeta"]["examples"].clone();
    let mut seen = 0;
    for example in examples.as_array().unwrap() {
        let curl = example["request"]["curl"].as_str().unwrap();
        let body = curl.split("-d '").nth(1).unwrap().split('\'').next().unwrap();
        let body: Value = serde_json::from_str(body).unwrap();
        round_trip::<GenerateRequest>(&body);
        let request: GenerateRequest = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(read_round_trip::<GenerateRequest>(&body), request);
        assert!(!request.validate().has_errors(), "{:?}", request.validate());
        seen += 1;
    }
    assert_eq!(seen, 2);
}

#[test]
fn response_examples_round_trip() {
    let spec = spec();
    let example = spec["components"]["schemas"]["ImagesResponse"]["x-oaiMeta"]["example"].as_str().unwrap();
    read_round_trip::<ImagesResponse>(&serde_json::from_str(example).unwrap());
    for path in ["/images/generations", "/images/variations"] {
        let examples = &spec["paths"][path]["post"]["x-oaiMeta"]["examples"];
        let responses: Vec<&str> = match examples {
            Value::Array(list) => list.iter().filter_map(|e| e["response"].as_str()).collect(),
            single => vec![single["response"].as_str().unwrap()],
        };
        for response in responses.into_iter().filter(|r| r.trim_start().starts_with('{')) {
            read_round_trip::<ImagesResponse>(&serde_json::from_str(response).unwrap());
        }
    }
}

#[test]
fn stream_event_examples_round_trip() {
    let spec = spec();
    for name in
        ["ImageGenPartialImageEvent", "ImageGenCompletedEvent", "ImageEditPartialImageEvent", "ImageEditCompletedEvent"]
    {
        let example = spec["components"]["schemas"][name]["x-oaiMeta"]["example"].as_str().unwrap();
        let item = StreamItem::from_sse::<Value>(&SseEvent { data: example.to_owned(), ..SseEvent::default() });
        let Ok(StreamItem::Event(event)) = item else { panic!("{name}: {item:?}") };
        let event: ImageStreamEvent = *event;
        assert_eq!(serde_json::to_value(&event).unwrap(), serde_json::from_str::<Value>(example).unwrap());
    }
}

#[test]
fn streaming_response_examples_parse_as_events() {
    let spec = spec();
    for path in ["/images/generations", "/images/edits"] {
        let examples = spec["paths"][path]["post"]["x-oaiMeta"]["examples"].as_array().unwrap().clone();
        let stream = examples.iter().find(|e| e["title"] == "Streaming").unwrap()["response"].as_str().unwrap();
        let mut parser = SseParser::new();
        let mut events = parser.push(stream.as_bytes());
        events.extend(parser.finish());
        let items: Vec<StreamItem> = events.iter().map(|e| StreamItem::from_sse::<Value>(e).unwrap()).collect();
        assert_eq!(items.len(), 2, "{path}");
        assert!(matches!(&items[1], StreamItem::Event(event) if event.is_completed()));
    }
}
