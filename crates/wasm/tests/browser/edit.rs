//! Edits: uploaded files (named and typed from their bytes), masks, several
//! inputs, image URLs, and streamed edits.

use base64::Engine as _;
use gpt_image_wasm::core::{
    Background, EditRequest, GenerateRequest, ImageInput, ImageStreamEvent, Rule, dimensions, sniff_format,
};
use gpt_image_wasm::{CallOptions, Edit, Error, Upload};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{blob_bytes, blob_of, client, small, unbase64};

/// A PNG made by the server (deterministic for a prompt).
async fn png(prompt: &str, background: Option<Background>) -> Vec<u8> {
    let request = GenerateRequest { background, ..small(prompt) };
    let response = client().generate_blobs(&request, &CallOptions::default(), |_| {}).await.unwrap();
    blob_bytes(&response.data[0].blob).await
}

#[wasm_bindgen_test]
async fn uploads_are_named_and_typed_from_their_bytes() {
    let bytes = png("named", None).await;
    let upload =
        Upload::from_blob(&blob_of(&bytes, "text/plain"), Some("holiday photo"), "image", "image").await.unwrap();
    assert_eq!(upload.file.filename, "holiday photo.png");
    assert_eq!(upload.file.content_type, "image/png");
    assert_eq!(upload.blob.type_(), "image/png");
    assert_eq!(upload.file.dimensions, Some((1024, 640)));
    let unnamed = Upload::from_blob(&blob_of(&bytes, ""), None, "image-2", "image[1]").await.unwrap();
    assert_eq!(unnamed.file.filename, "image-2.png");
}

#[wasm_bindgen_test]
async fn an_edit_with_a_mask_makes_an_image_of_the_asked_size() {
    let image = Upload::from_blob(&blob_of(&png("input", None).await, "image/png"), Some("in.png"), "image", "image")
        .await
        .unwrap();
    let mask = png("mask", Some(Background::Transparent)).await;
    let mask = Upload::from_blob(&blob_of(&mask, "image/png"), Some("mask.png"), "mask", "mask").await.unwrap();
    let request =
        EditRequest { model: small("").model, size: small("").size, ..EditRequest::new("add a moon", Vec::new()) };
    let edit = Edit::with_uploads(request, vec![image], Some(mask), None);
    let response = client().edit(&edit, &CallOptions::default()).await.unwrap();
    let bytes = unbase64(response.data[0].b64_json.as_deref().unwrap());
    assert_eq!(dimensions(&bytes), Some((1024, 640)));
}

#[wasm_bindgen_test]
async fn several_inputs_go_as_image_array_and_blobs_come_back() {
    let mut uploads = Vec::new();
    for i in 0..3 {
        let bytes = png(&format!("input {i}"), None).await;
        uploads.push(
            Upload::from_blob(&blob_of(&bytes, "image/png"), None, &format!("image-{}", i + 1), "image").await.unwrap(),
        );
    }
    let request = EditRequest { model: small("").model, ..EditRequest::new("combine them", Vec::new()) };
    let edit = Edit::with_uploads(request, uploads, None, None);
    assert_eq!(edit.request.image_field_name(), "image[]");
    let response = client().edit_blobs(&edit, &CallOptions::default(), |_| {}).await.unwrap();
    assert_eq!(response.data.len(), 1);
    assert_eq!(response.data[0].mime_type, "image/png");
}

#[wasm_bindgen_test]
async fn an_edit_of_an_image_url_is_sent_as_json() {
    let url = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png("by url", None).await)
    );
    let request =
        EditRequest { model: small("").model, ..EditRequest::new("make it night", vec![ImageInput::Url(url)]) };
    let response = client().edit(&Edit::with_references(request), &CallOptions::default()).await.unwrap();
    assert!(sniff_format(&unbase64(response.data[0].b64_json.as_deref().unwrap())).is_some());
}

#[wasm_bindgen_test]
async fn edits_stream_their_own_events() {
    let image = Upload::from_blob(&blob_of(&png("stream input", None).await, "image/png"), None, "image", "image")
        .await
        .unwrap();
    let request =
        EditRequest { model: small("").model, partial_images: Some(1), ..EditRequest::new("stream it", Vec::new()) };
    let mut stream = client()
        .edit_stream(&Edit::with_uploads(request, vec![image], None, None), &CallOptions::default())
        .await
        .unwrap();
    let mut kinds = Vec::new();
    while let Some(event) = stream.next().await.unwrap() {
        kinds.push(matches!(event, ImageStreamEvent::EditCompleted(_)));
    }
    assert_eq!(kinds, [false, true]);
}

#[wasm_bindgen_test]
async fn a_file_that_is_not_an_image_is_refused_before_sending() {
    let text =
        Upload::from_blob(&blob_of(b"hello, world", "text/plain"), Some("notes.txt"), "image", "image").await.unwrap();
    let request = EditRequest { model: small("").model, ..EditRequest::new("edit", Vec::new()) };
    let client = client();
    let Err(Error::Validation(report)) =
        client.edit(&Edit::with_uploads(request, vec![text], None, None), &CallOptions::default()).await
    else {
        panic!("a text file was sent");
    };
    assert!(
        report.errors().any(|issue| issue.field.starts_with("image") && issue.rule == Rule::FileType),
        "{report:?}"
    );
    assert!(client.last_response().is_none());
}
