//! The SSE parser gives the same events however the stream is cut into chunks.

use gpt_image_core::{SseEvent, SseParser};
use proptest::prelude::*;

fn parse_in(stream: &[u8], sizes: &[usize]) -> Vec<SseEvent> {
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    let mut rest = stream;
    let mut sizes = sizes.iter().cycle();
    while !rest.is_empty() {
        let size = (*sizes.next().unwrap_or(&1)).clamp(1, rest.len());
        events.extend(parser.push(&rest[..size]));
        rest = &rest[size..];
    }
    events
}

/// One line of an event stream, with any of the three line endings.
fn line() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        Just(String::new()),
        "data: [a-z{}\":é]{0,20}",
        "data:[a-z ]{0,5}",
        "event: [a-z._]{1,20}",
        ": [a-z ]{0,10}",
        "id: [0-9]{1,3}",
        "retry: [0-9]{1,4}",
        "[a-z]{1,6}: x",
        Just("data".to_owned()),
    ];
    (body, prop::sample::select(vec!["\n", "\r\n", "\r"])).prop_map(|(body, end)| body + end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn chunking_never_changes_the_events(
        lines in proptest::collection::vec(line(), 0..30),
        sizes in proptest::collection::vec(1usize..12, 1..6),
    ) {
        let stream = lines.concat();
        let whole = SseParser::new().push(stream.as_bytes());
        prop_assert_eq!(parse_in(stream.as_bytes(), &sizes), whole);
    }
}

#[test]
fn a_large_image_event_survives_tiny_chunks() {
    let b64 = "QUJD".repeat(50_000);
    let stream = format!("event: image_generation.completed\ndata: {{\"b64_json\":\"{b64}\"}}\n\n");
    let events = parse_in(stream.as_bytes(), &[1, 3, 1000]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].data.len(), r#"{"b64_json":""}"#.len() + b64.len());
}
