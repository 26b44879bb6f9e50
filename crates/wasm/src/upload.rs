//! Image files on their way into an edit: each named, typed and described
//! from its own first bytes, whatever the caller said about it.

use gpt_image_core::{ImageFormat, Issue, Rule, UploadedFile};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// How many leading bytes are read to find the format and dimensions.
const HEAD_BYTES: f64 = gpt_image_core::HEAD_LEN as f64;

/// An image file ready to be sent: its bytes, and what validation knows of them.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The bytes, typed with the detected MIME type.
    pub blob: Blob,
    /// Name, MIME type, length, format and dimensions.
    pub file: UploadedFile,
}

impl Upload {
    /// Describes a blob from its first bytes. The file name is `filename`
    /// (else `stem`) with the extension of the detected format, and the blob
    /// is re-typed with the detected MIME type when it says otherwise, so
    /// every part of the form has a name and type that match its bytes.
    /// `field` names the input in errors (`image[1]`, `mask`).
    /// A blob that cannot be read gives an issue for `field`.
    pub async fn from_blob(blob: &Blob, filename: Option<&str>, stem: &str, field: &str) -> Result<Upload, Issue> {
        let unreadable = |_| Issue::error(field, Rule::Malformed, format!("{field} could not be read"));
        let head = blob.slice_with_f64_and_f64(0.0, HEAD_BYTES).map_err(unreadable)?;
        let head = JsFuture::from(head.array_buffer()).await.map_err(unreadable)?;
        let head = js_sys::Uint8Array::new(&head).to_vec();
        let name = filename.map(str::trim).filter(|name| !name.is_empty()).unwrap_or(stem);
        let mut file = UploadedFile::describe(name, blob.size() as u64, &head);
        if let Some(format) = &file.format
            && ImageFormat::from_extension(&file.filename).as_ref() != Some(format)
        {
            file.filename = with_extension(&file.filename, format.extension());
        }
        let blob = if blob.type_() == file.content_type {
            blob.clone()
        } else {
            blob.slice_with_f64_and_f64_and_content_type(0.0, blob.size(), &file.content_type).map_err(unreadable)?
        };
        Ok(Upload { blob, file })
    }
}

/// `name` with its extension (if any) replaced by `extension`.
fn with_extension(name: &str, extension: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, old)) if !stem.is_empty() && old.len() <= 5 => stem,
        _ => name,
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::with_extension;

    #[test]
    fn names_get_the_extension_of_their_bytes() {
        assert_eq!(with_extension("blob", "png"), "blob.png");
        assert_eq!(with_extension("photo.jpeg.png", "jpg"), "photo.jpeg.jpg");
        assert_eq!(with_extension("scan.PNG", "webp"), "scan.webp");
        assert_eq!(with_extension(".hidden", "png"), ".hidden.png");
        assert_eq!(with_extension("v1.2 final", "png"), "v1.2 final.png");
    }
}
