//! Streams of partial images, and how they end.

use gpt_image_wasm::core::{GenerateRequest, ImageFormat, ImageStreamEvent, sniff_format};
use gpt_image_wasm::{CallOptions, Error, EventStream, StreamImage};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{client, fault, small, unbase64};

// Edit streams that end early are in `reliability.rs`.

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
async fn an_error_event_is_an_api_error() {
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
    assert!(matches!(&error, Error::Api(failure) if failure.error.status == 0 && !failure.error.message().is_empty()));
    let Error::Api(failure) = &error else { unreachable!() };
    assert_eq!(failure.http_status, 200);
    assert!(failure.body.contains("\"type\":\"error\""), "the event's data is kept: {}", failure.body);
    assert!(error.is_retryable() && !error.was_retried(), "a server_error event: worth a new request, not retried");
}

/// The events of a stream until its end or its error.
async fn until_the_end(stream: &mut EventStream) -> (Vec<ImageStreamEvent>, Result<(), Error>) {
    let mut events = Vec::new();
    loop {
        match stream.next().await {
            Ok(Some(event)) => events.push(event),
            Ok(None) => return (events, Ok(())),
            Err(error) => return (events, Err(error)),
        }
    }
}

#[wasm_bindgen_test]
async fn a_stream_without_its_completed_event_ends_with_an_error_after_its_partial_images() {
    let mut stream = client().generate_stream(&streamed("cut"), &fault("stream_no_completed", 0)).await.unwrap();
    let (events, end) = until_the_end(&mut stream).await;
    assert_eq!(events.len(), 2, "the partial images were handed over");
    assert!(events.iter().all(|event| !event.is_completed()));
    let error = end.expect_err("a stream cut before completed is not a success");
    let Error::BadResponse { status: 200, message } = &error else { panic!("{error:?}") };
    assert!(message.contains("image_generation.completed"), "{message}");
    assert!(message.contains("2 partial images") && message.contains("already handed over"), "{message}");
    assert_eq!(error.class_name(), "APIError");
    assert!(error.is_retryable() && !error.was_retried());
    assert!(matches!(stream.next().await, Ok(None)), "the end is reported once");
}

#[wasm_bindgen_test]
async fn a_stream_with_no_event_at_all_ends_with_an_error() {
    let mut stream = client().generate_stream(&streamed("empty"), &fault("stream_empty", 0)).await.unwrap();
    let (events, end) = until_the_end(&mut stream).await;
    assert!(events.is_empty());
    let error = end.expect_err("an empty stream is not a success");
    assert!(error.to_string().contains("without any event"), "{error}");
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

#[wasm_bindgen_test]
async fn images_of_a_stream_arrive_as_blobs_partials_first() {
    let request = GenerateRequest { n: Some(2), ..streamed("as blobs") };
    let mut stream = client().generate_stream(&request, &CallOptions::default()).await.unwrap();
    let (mut partials, mut completed) = (Vec::new(), Vec::new());
    while let Some(StreamImage { image, partial, usage }) = stream.next_image().await.unwrap() {
        assert_eq!(image.mime_type, "image/png");
        assert_eq!((image.width, image.height), (Some(1024), Some(640)), "measured from the decoded file");
        assert!(image.blob.size() > 100.0);
        assert_eq!(image.index, completed.len(), "counts the completed images");
        match partial {
            Some(k) => {
                assert!(usage.is_none());
                partials.push(k);
            }
            None => completed.push(usage.expect("a completed image's usage")),
        }
    }
    assert_eq!(completed.len(), 2);
    assert!(partials.starts_with(&[0, 1]), "{partials:?}");
}
