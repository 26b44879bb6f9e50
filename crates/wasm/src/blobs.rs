//! The binary path: images as `Blob`s, decoded from the body as it arrives.
//!
//! The body goes chunk by chunk through the core crate's
//! [`ResponseDecoder`], so no base64 text is ever held, in Rust or in
//! JavaScript; each image becomes a `Blob` the moment its last byte arrives.

use gpt_image_core::api_error::without_bom;
use gpt_image_core::{Background, FromJson, ImageFormat, ImagesResponse, Quality, ResponseDecoder, Size, Usage};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::Error;
use crate::body::BodyReader;
use crate::client::{Answer, carried_error};
use crate::fetch::fetch;
use crate::timer::{Attempt, js_message};
use crate::wire;

#[wasm_bindgen(inline_js = "export function blob_of(bytes, type) { return new Blob([bytes], { type }); }")]
extern "C" {
    /// A `Blob` of bytes that are still in wasm memory: JavaScript sees them
    /// through a view, and the `Blob` constructor makes the only copy.
    fn blob_of(bytes: &[u8], mime_type: &str) -> Blob;
}

/// One image of a binary answer.
#[derive(Debug, Clone)]
pub struct ImageBlob {
    /// Its position in the answer's `data`.
    pub index: usize,
    /// The image file.
    pub blob: Blob,
    /// The type read from the bytes themselves, whatever the answer said:
    /// `image/png`, `image/jpeg`, `image/webp`, `image/gif` or
    /// `image/svg+xml` (show an SVG only as an `<img>`: it can hold
    /// scripts), else `application/octet-stream`.
    pub mime_type: String,
    /// Width in pixels, read from the file.
    pub width: Option<u32>,
    /// Height in pixels, read from the file.
    pub height: Option<u32>,
    /// The prompt as the model rewrote it (known once the whole answer has arrived).
    pub revised_prompt: Option<String>,
    /// The link the image was fetched from, when the provider answered with links.
    pub url: Option<String>,
    /// Why the image behind [`ImageBlob::url`] could not be fetched (a link
    /// without CORS headers, expired, refused): the image was made and paid
    /// for, and is still at its link, which a page can show in an `<img>` or
    /// open. `blob` is then empty (0 bytes) and `mime_type` is empty.
    pub error: Option<LinkError>,
}

/// Why the image behind a link could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// The link's HTTP status, when it answered (403, 404 for an expired link, …).
    pub status: Option<u16>,
    /// What went wrong, for a person.
    pub message: String,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A binary answer: the images response with `Blob`s in place of base64.
#[derive(Debug, Clone, Default)]
pub struct BlobsResponse {
    /// When the images were made, in Unix seconds.
    pub created: i64,
    /// The images, in answer order, those whose link could not be fetched
    /// included (with their [`ImageBlob::error`]).
    pub data: Vec<ImageBlob>,
    /// The background used.
    pub background: Option<Background>,
    /// The file format of the images.
    pub output_format: Option<ImageFormat>,
    /// The size of the images.
    pub size: Option<Size>,
    /// The quality used.
    pub quality: Option<Quality>,
    /// Tokens used.
    pub usage: Option<Usage>,
}

impl ImageBlob {
    /// Image `index` from its file's bytes (a streamed event's image, say),
    /// typed and measured from the bytes themselves.
    pub fn from_bytes(index: usize, bytes: &[u8]) -> Self {
        Self::new(index, bytes, None)
    }

    fn new(index: usize, bytes: &[u8], url: Option<String>) -> Self {
        let format = gpt_image_core::sniff_format(bytes);
        let mime_type = format.as_ref().map_or("application/octet-stream", ImageFormat::mime_type).to_owned();
        let dimensions = gpt_image_core::dimensions(bytes);
        ImageBlob {
            index,
            blob: blob_of(bytes, &mime_type),
            mime_type,
            width: dimensions.map(|(width, _)| width),
            height: dimensions.map(|(_, height)| height),
            revised_prompt: None,
            url,
            error: None,
        }
    }

    /// An image that stayed behind its link, and why.
    fn unfetched(index: usize, url: String, error: LinkError) -> Self {
        ImageBlob {
            index,
            blob: Blob::new().unwrap_or_else(|_| blob_of(&[], "")),
            mime_type: String::new(),
            width: None,
            height: None,
            revised_prompt: None,
            url: Some(url),
            error: Some(error),
        }
    }

    /// Whether the image's bytes are here (not only its link, see [`ImageBlob::error`]).
    pub fn is_fetched(&self) -> bool {
        self.error.is_none()
    }
}

/// A binary answer as read: the images, and the rest of the body.
pub(crate) struct BlobAnswer {
    /// The images, in answer order.
    pub(crate) images: Vec<ImageBlob>,
    /// The body's JSON with each `b64_json` emptied.
    pub(crate) skeleton: Vec<u8>,
    #[cfg(feature = "js")]
    /// The same, parsed by `JSON.parse`.
    pub(crate) parsed: JsValue,
}

/// Reads a 2xx answer into `Blob`s, calling `on_image` for each image as
/// soon as it is complete. Links (from providers that answer with `url`)
/// are fetched under the same signal and timeout, without the key; a link
/// that cannot be fetched leaves its image in the answer with the reason
/// ([`ImageBlob::error`]), so that nothing paid for is lost. An `error` in
/// place of the images is the call's error.
pub(crate) async fn read_blobs(answer: Answer, on_image: &mut dyn FnMut(&ImageBlob)) -> Result<BlobAnswer, Error> {
    let Answer { response, attempt } = answer;
    let status = response.status();
    let mut decoder = ResponseDecoder::new();
    let mut images = Vec::new();
    if let Some(body) = response.body() {
        let mut reader = BodyReader::new(&body, &attempt)?;
        while let Some(chunk) = reader.next(&attempt).await? {
            for decoded in decoder.push(chunk) {
                let image = ImageBlob::from_bytes(decoded.index, &decoded.bytes);
                on_image(&image);
                images.push(image);
            }
        }
    }
    let bad_response = |message: String| Error::BadResponse { status, message };
    // The decoder copies a byte order mark into the skeleton like any byte
    // outside the JSON; it is skipped there, as on every other path.
    let (skeleton, parsed) = decoder
        .finish_with(|skeleton| {
            let skeleton = without_bom(skeleton);
            let parsed = wire::parse(skeleton).filter(JsValue::is_object).ok_or("the body is not an object")?;
            Ok((skeleton.to_vec(), parsed))
        })
        .map_err(|error| bad_response(error.to_string()))?;
    if let Some(error) = carried_error(&response, &parsed, &String::from_utf8_lossy(&skeleton)) {
        return Err(error);
    }
    let data = wire::get(&parsed, "data");
    let data = if js_sys::Array::is_array(&data) { js_sys::Array::from(&data).to_vec() } else { Vec::new() };
    for (index, item) in data.iter().enumerate() {
        let revised_prompt = wire::get(item, "revised_prompt").as_string();
        match images.iter_mut().find(|decoded| decoded.index == index) {
            Some(decoded) => decoded.revised_prompt = revised_prompt,
            None => {
                if let Some(url) = wire::get(item, "url").as_string() {
                    let mut linked = match fetch_link(index, &url, &attempt).await {
                        Ok(image) => image,
                        Err(Error::Aborted) => return Err(Error::Aborted),
                        Err(error) => ImageBlob::unfetched(index, url, link_error(index, error)),
                    };
                    linked.revised_prompt = revised_prompt;
                    on_image(&linked);
                    let position = images.partition_point(|image| image.index < index);
                    images.insert(position, linked);
                }
            }
        }
    }
    Ok(BlobAnswer {
        images,
        skeleton,
        #[cfg(feature = "js")]
        parsed,
    })
}

impl BlobsResponse {
    /// The typed response of a binary answer.
    pub(crate) fn read(answer: BlobAnswer) -> Result<Self, Error> {
        let bad_response = |message: String| Error::BadResponse { status: 200, message };
        let parsed = wire::parse(&answer.skeleton).ok_or_else(|| bad_response("the body is not JSON".into()))?;
        let response = ImagesResponse::from_json(&wire::Json(parsed)).map_err(bad_response)?;
        let ImagesResponse { created, background, output_format, size, quality, usage, .. } = response;
        Ok(BlobsResponse { created, data: answer.images, background, output_format, size, quality, usage })
    }
}

/// Fetches an image a provider answered with a link (no `Authorization`:
/// links carry their own, and the key must not reach another host).
async fn fetch_link(index: usize, url: &str, attempt: &Attempt) -> Result<ImageBlob, Error> {
    let failure = |error: JsValue| attempt.failure(js_message(&error));
    let response = fetch("GET", url, &[], None, &attempt.signal()).await.map_err(failure)?;
    if !response.ok() {
        return Err(Error::BadResponse { status: response.status(), message: String::new() });
    }
    let buffer = response.array_buffer().map_err(failure)?;
    let bytes = js_sys::Uint8Array::new(&JsFuture::from(buffer).await.map_err(failure)?).to_vec();
    Ok(ImageBlob::new(index, &bytes, Some(url.to_owned())))
}

/// Why the link of `data[index]` could not be fetched, for a person.
fn link_error(index: usize, error: Error) -> LinkError {
    let what = format!("the image at data[{index}].url could not be fetched");
    match error {
        Error::BadResponse { status, .. } => {
            LinkError { status: Some(status), message: format!("{what}: its host answered HTTP {status}") }
        }
        Error::Timeout => LinkError { status: None, message: format!("{what} before the timeout") },
        other => LinkError {
            status: None,
            message: format!(
                "{what} ({other}): the network failed, or its host does not let web pages read it (no CORS headers); the link itself may still open"
            ),
        },
    }
}
