//! The least the npm package's wasm can hold: validation of both calls by
//! `gpt-image-core`, its incremental response decoder and its SSE parser,
//! exported with wasm-bindgen. No fetch, retries, timeouts, errors, streams
//! or JavaScript API. `cargo xtask bench` weighs it against the package's
//! size budget.

use gpt_image_core::{
    EditRequest, GenerateRequest, ImageInput, Model, Quality, ResponseDecoder, Size, SseParser, UploadedFile,
};
use wasm_bindgen::prelude::*;

/// The problems of a generation with these parameters.
#[wasm_bindgen]
pub fn validate_generate(prompt: String, model: &str, size: &str, quality: &str, n: u32) -> String {
    let mut request = GenerateRequest::new(prompt);
    request.model = Some(Model::from(model));
    request.size = Some(Size::parse(size));
    request.quality = Some(Quality::from(quality));
    request.n = Some(n);
    request.validate().to_string()
}

/// The problems of an edit of one file, described by its name, length and first bytes.
#[wasm_bindgen]
pub fn validate_edit(prompt: String, model: &str, filename: String, len: u64, head: &[u8]) -> String {
    let mut request = EditRequest::new(prompt, vec![ImageInput::Upload(UploadedFile::describe(filename, len, head))]);
    request.model = Some(Model::from(model));
    request.validate().to_string()
}

/// The incremental decoder of an images response.
#[wasm_bindgen]
#[derive(Default)]
pub struct Decoder(ResponseDecoder);

#[wasm_bindgen]
impl Decoder {
    /// A decoder at the start of a body.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The images completed by `chunk`.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<js_sys::Uint8Array> {
        self.0.push(chunk).iter().map(|image| js_sys::Uint8Array::from(&image.bytes[..])).collect()
    }

    /// The body's JSON without the images, or why it could not be read.
    pub fn finish(self) -> String {
        match self.0.finish_with(|skeleton| Ok(String::from_utf8_lossy(skeleton).into_owned())) {
            Ok(skeleton) => skeleton,
            Err(error) => error.to_string(),
        }
    }
}

/// The parser of a server-sent event stream.
#[wasm_bindgen]
#[derive(Default)]
pub struct Events(SseParser);

#[wasm_bindgen]
impl Events {
    /// A parser at the start of a stream.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Events {
        Events::default()
    }

    /// The `data` of each event completed by `chunk`.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.0.push(chunk).into_iter().map(|event| event.data).collect()
    }
}
