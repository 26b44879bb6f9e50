//! `blob:` URLs for images, revoked when the view that shows them goes away.
//!
//! An SVG can hold scripts, and a document opened from a `blob:` URL is of
//! this page's origin, which holds the keys: an SVG is shown only in an
//! `<img>` (where no script runs), and handed over as a file through a URL
//! of a copy typed `application/octet-stream`, which a tab downloads rather
//! than opens.

use gpt_image_wasm::core::ImageFormat;
use leptos::prelude::on_cleanup;
use web_sys::{Blob, Url};

/// The type a file URL of an SVG has: a tab downloads it.
const AS_FILE: &str = "application/octet-stream";

/// A `blob:` URL for `blob`, revoked when the current reactive owner (the
/// component or row showing it) is cleaned up. For an `<img>`; see [`file_url`] for links.
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
