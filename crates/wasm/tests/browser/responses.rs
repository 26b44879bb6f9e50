//! Image conversations through `Client::create_response`: a turn, a turn
//! that follows it, a streamed turn, and what is refused before the network.

use gpt_image_wasm::core::responses::{ImageGenerationTool, OutputItem, ResponseEvent, ResponseRequest, Tool};
use gpt_image_wasm::core::{ImageFormat, Quality, sniff_format};
use gpt_image_wasm::{CallOptions, Error, response_image};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{client, fault, unbase64};

/// A turn of `text` whose tool draws small, quick images.
fn turn(text: &str) -> ResponseRequest {
    let mut request = ResponseRequest::new("gpt-5.1", text);
    if let Some(Tool::ImageGeneration(tool)) = request.tools.first_mut() {
        tool.image.quality = Some(Quality::Low);
        tool.image.size = Some("1024x1024".into());
    }
    request
}

#[wasm_bindgen_test]
async fn a_turn_answers_with_text_and_a_png() {
    let response = client().create_response(&turn("a red kite"), &CallOptions::default()).await.unwrap();
    assert!(response.id.starts_with("resp_"), "{}", response.id);
    assert!(!response.output_text().is_empty());
    let call = response.images().next().expect("an image_generation_call");
    let bytes = unbase64(call.result.as_deref().expect("its result"));
    assert_eq!(sniff_format(&bytes), Some(ImageFormat::Png));
    let image = response_image(0, call.result.as_deref().unwrap(), "the result").unwrap();
    assert_eq!(image.mime_type, "image/png");
}

#[wasm_bindgen_test]
async fn a_follow_up_turn_names_the_one_before_and_an_unknown_one_is_refused() {
    let first = client().create_response(&turn("a red kite"), &CallOptions::default()).await.unwrap();
    let follow = ResponseRequest { previous_response_id: Some(first.id.clone()), ..turn("now make it blue") };
    let second = client().create_response(&follow, &CallOptions::default()).await.unwrap();
    assert_eq!(second.previous_response_id.as_deref(), Some(first.id.as_str()));
    assert_ne!(second.images().next().unwrap().result, first.images().next().unwrap().result);

    let unknown = ResponseRequest { previous_response_id: Some("resp_nothing_here".into()), ..turn("again") };
    match client().create_response(&unknown, &CallOptions::default()).await {
        Err(Error::Api(failure)) => {
            assert_eq!(failure.error.status, 400);
            assert_eq!(failure.error.error.param.as_deref(), Some("previous_response_id"));
        }
        other => panic!("expected a 400 naming previous_response_id, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_streamed_turn_sends_partial_images_then_the_whole_response() {
    let mut request = turn("a streamed kite");
    if let Some(Tool::ImageGeneration(tool)) = request.tools.first_mut() {
        tool.image.partial_images = Some(2);
    }
    let mut stream = client().create_response_stream(&request, &CallOptions::default()).await.unwrap();
    let (mut partials, mut finished, mut done_image) = (0, None, false);
    while let Some(event) = stream.next().await.unwrap() {
        match event {
            ResponseEvent::PartialImage { partial_image_index, partial_image_b64, .. } => {
                assert_eq!(partial_image_index, partials);
                assert_eq!(sniff_format(&unbase64(&partial_image_b64)), Some(ImageFormat::Png));
                partials += 1;
            }
            ResponseEvent::Item { done: true, item: OutputItem::ImageGeneration(call), .. } => {
                done_image = call.result.is_some();
            }
            ResponseEvent::Finished(response) => finished = Some(response),
            _ => {}
        }
    }
    assert_eq!(partials, 2);
    assert!(done_image, "the image_generation_call item arrived whole");
    let finished = finished.expect("response.completed");
    assert_eq!(finished.status, "completed");
    assert!(finished.usage.is_some());
}

#[wasm_bindgen_test]
async fn a_stream_cut_before_its_end_says_so() {
    let mut stream = client()
        .create_response_stream(&turn("cut short"), &fault("stream_empty", 0))
        .await
        .expect("the answer starts");
    let error = loop {
        match stream.next().await {
            Ok(Some(_)) => {}
            Ok(None) => panic!("a cut stream ended as if complete"),
            Err(error) => break error,
        }
    };
    assert!(
        matches!(&error, Error::BadResponse { message, .. } if message.contains("response.completed")),
        "{error:?}"
    );
}

#[wasm_bindgen_test]
async fn the_tools_image_parameters_are_checked_before_sending() {
    let mut request = turn("a kite");
    request.tools = vec![Tool::ImageGeneration(Box::new(ImageGenerationTool {
        image: gpt_image_wasm::core::EditRequest {
            model: Some("gpt-image-1".into()),
            size: Some("1000x1000".into()),
            ..Default::default()
        },
        ..Default::default()
    }))];
    match client().create_response(&request, &CallOptions::default()).await {
        Err(Error::Validation(report)) => {
            let issue = report.errors().next().expect("an error");
            assert_eq!(issue.field, "tools[0].size", "{issue:?}");
        }
        other => panic!("expected a validation error naming tools[0].size, got {other:?}"),
    }
}
