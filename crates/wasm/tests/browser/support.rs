//! What the browser tests share: the server, clients, faults and clocks.

use base64::Engine as _;
use gpt_image_wasm::core::{GenerateRequest, Model, Quality, Size};
use gpt_image_wasm::{CallOptions, Client, ClientOptions};
use wasm_bindgen::prelude::*;

/// The local server's root URL.
pub fn server() -> &'static str {
    match option_env!("GPT_IMAGE_SERVER_URL") {
        Some(url) => url,
        None => panic!("GPT_IMAGE_SERVER_URL is not set: run these tests with `cargo xtask test`"),
    }
}

/// A client of the local server, without a key (it needs none).
pub fn client() -> Client {
    Client::new(ClientOptions::new(format!("{}/v1", server()), None))
}

/// A small, fast generation: the fewest pixels `gpt-image-2` takes.
pub fn small(prompt: &str) -> GenerateRequest {
    GenerateRequest {
        model: Some(Model::from("gpt-image-2")),
        size: Some(Size::pixels(1024, 640)),
        quality: Some(Quality::Low),
        ..GenerateRequest::new(prompt)
    }
}

/// A key no other test uses, for faults with `times=N; key=K`.
pub fn unique_key() -> String {
    format!("k{}", (js_sys::Math::random() * 1e15) as u64)
}

/// Call options asking the server for `fault` (`x-fault` header value).
pub fn fault(value: &str, max_retries: u32) -> CallOptions {
    CallOptions {
        max_retries: Some(max_retries),
        headers: vec![("x-fault".into(), Some(value.into()))],
        ..CallOptions::default()
    }
}

/// Milliseconds on the page's clock.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The bytes of a base64 string.
pub fn unbase64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(text).expect("valid base64")
}

/// The bytes of a `Blob`.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.expect("a readable blob");
    js_sys::Uint8Array::new(&buffer).to_vec()
}

/// A `Blob` of bytes with a MIME type.
pub fn blob_of(bytes: &[u8], mime_type: &str) -> web_sys::Blob {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).expect("a blob")
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, milliseconds: i32) -> JsValue;
}

/// An `AbortController` that aborts after `milliseconds`.
pub fn abort_after(milliseconds: i32) -> web_sys::AbortController {
    let controller = web_sys::AbortController::new().expect("AbortController");
    let aborter = controller.clone();
    set_timeout(&Closure::once_into_js(move || aborter.abort()), milliseconds);
    controller
}
