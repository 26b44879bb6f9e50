//! Streams of partial images, and how they end.

use gpt_image_wasm::core::{GenerateRequest, ImageFormat, ImageStreamEvent, sniff_format};
use gpt_image_wasm::{CallOptions, Error, EventStream};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{client, fault, small, unbase64};

fn streamed(prompt: &str) -> GenerateRequest {
    GenerateRequest { partial_images: Some(2), ..small(prompt) }
}

async fn events(stream: &mut EventStream) -> Result<Vec<ImageStreamEvent>, Error> {
    let mut events = Vec::new();
    while let Some(event) = stream.next().await? {
        events.push(event);
    }
    Ok(events)
}

#[wasm_bindgen_test]
async fn partial_images_come_first_then_the_completed_one() {
    let mut stream = client().generate_stream(&streamed("streamed"), &CallOptions::default()).await.unwrap();
    let events = events(&mut stream).await.unwrap();
    assert_eq!(events.len(), 3);
    for (i, event) in events.iter().enumerate() {
        match event {
            ImageStreamEvent::GenerationPartialImage(partial) => assert_eq!(partial.partial_image_index, i as u32),
            ImageStreamEvent::GenerationCompleted(completed) => assert!(completed.usage.is_some()),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(sniff_format(&unbase64(event.b64_json().unwrap())), Some(ImageFormat::Png));
    }
    assert!(events[2].is_completed());
}

#[wasm_bindgen_test]
async fn an_error_event_is_an_api_error_and_a_missing_completed_just_ends() {
    let mut stream = client().generate_stream(&streamed("fails"), &fault("stream_error", 0)).await.unwrap();
    let mut partials = 0;
    let error = loop {
        match stream.next().await {
            Ok(Some(_)) => partials += 1,
            Ok(None) => panic!("the stream ended without its error"),
            Err(error) => break error,
        }
    };
    assert_eq!(partials, 2);
    assert!(matches!(error, Error::Api(failure) if failure.error.status == 0 && !failure.error.message().is_empty()));

    let mut stream = client().generate_stream(&streamed("cut"), &fault("stream_no_completed", 0)).await.unwrap();
    let events = events(&mut stream).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|event| !event.is_completed()));
}

#[wasm_bindgen_test]
async fn a_cancelled_stream_ends() {
    let options = CallOptions {
        headers: vec![
            ("x-fault".into(), Some("trickle".into())),
            ("x-fault-trickle-bytes".into(), Some("512".into())),
            ("x-fault-trickle-ms".into(), Some("20".into())),
        ],
        ..CallOptions::default()
    };
    let mut stream = client().generate_stream(&streamed("cancelled"), &options).await.unwrap();
    stream.cancel();
    assert!(matches!(stream.next().await, Ok(None)));
}
