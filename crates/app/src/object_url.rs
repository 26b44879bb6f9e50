//! `blob:` URLs for images, revoked when the view that shows them goes away.
//!
//! An SVG can hold scripts, and a document opened from a `blob:` URL is of
//! this page's origin, which holds the keys (a page test saw a script run
//! in a tab opened on such a URL): an SVG is shown only in an `<img>`
//! (where no script runs) whose source is a `data:` URL (a document opened
//! from one has no origin), and handed over as a file through a URL of a
//! copy typed `application/octet-stream`, which a tab downloads rather than
//! opens.

use gpt_image_wasm::core::ImageFormat;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, FileReader, Url};

/// The type a file URL of an SVG has: a tab downloads it.
const AS_FILE: &str = "application/octet-stream";

/// A `blob:` URL for `blob`, revoked when the current reactive owner (the
/// component or row showing it) is cleaned up. Not for an SVG: see
/// [`image_src`] for an `<img>` and [`file_url`] for links.
pub fn object_url(blob: &Blob) -> String {
    let url = Url::create_object_url_with_blob(blob).unwrap_or_default();
    let revoked = url.clone();
    on_cleanup(move || {
        let _ = Url::revoke_object_url(&revoked);
    });
    url
}

/// Whether an image is an SVG (by its type, which `gpt-image-wasm` and the
/// gallery's import give from its bytes): a document that may hold scripts.
pub fn is_document(blob: &Blob) -> bool {
    ImageFormat::from_mime_type(&blob.type_()) == Some(ImageFormat::Svg)
}

/// A `blob:` URL to hand `blob` over as a file (Download, Open): of the
/// image itself, or for an SVG of a copy typed `application/octet-stream`.
pub fn file_url(blob: &Blob) -> String {
    if !is_document(blob) {
        return object_url(blob);
    }
    match blob.slice_with_f64_and_f64_and_content_type(0.0, blob.size(), AS_FILE) {
        Ok(file) => object_url(&file),
        // No copy, no link: better nothing than a document of this origin.
        Err(_) => String::new(),
    }
}

/// The source of an `<img>` showing `blob`: a `blob:` URL, or for an SVG a
/// `data:` URL (written by the browser's `FileReader`; empty until it is).
pub fn image_src(blob: &Blob) -> Signal<String> {
    if !is_document(blob) {
        return Signal::stored(object_url(blob));
    }
    let src = RwSignal::new(String::new());
    if let Ok(reader) = FileReader::new() {
        let read = reader.clone();
        let done = Closure::once_into_js(move || {
            if let Some(url) = read.result().ok().and_then(|result| result.as_string()) {
                src.try_set(url);
            }
        });
        reader.set_onload(Some(done.unchecked_ref()));
        let _ = reader.read_as_data_url(blob);
    }
    src.into()
}
