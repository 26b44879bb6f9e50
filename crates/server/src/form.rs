//! The one reader of multipart edits, for the emulator and the relay alike:
//! the files (`image` or `image[]`, `mask`, `markup`) by name, and every
//! text field through core's [`EditRequest::from_form`], which reads each
//! parameter as its kind and keeps the fields it does not name.

use axum::body::Bytes;
use futures_util::stream;
use gpt_image_core::{EditRequest, HEAD_LEN, UploadedFile};

use crate::error::ApiFailure;

/// A multipart edit: the request, and the bytes of its files.
#[derive(Debug)]
pub struct Form {
    /// The request, its files described from their first bytes.
    pub request: EditRequest,
    /// The input images, in order.
    pub images: Vec<Bytes>,
    /// The mask.
    pub mask: Option<Bytes>,
    /// The markup.
    pub markup: Option<Bytes>,
}

/// Reads a `multipart/form-data` body; a body that is not one, or a text
/// field that is not its parameter's kind, is a 400 (naming the field).
pub async fn read(content_type: &str, body: Bytes) -> Result<Form, ApiFailure> {
    let unreadable = |error: multer::Error| {
        ApiFailure::invalid(format!("The multipart form could not be read: {error}"), None, "invalid_body")
    };
    let boundary = multer::parse_boundary(content_type).map_err(unreadable)?;
    let mut form = multer::Multipart::new(stream::once(async move { Ok::<_, std::io::Error>(body) }), boundary);
    let mut fields = Vec::new();
    let (mut images, mut uploads) = (Vec::new(), Vec::new());
    let (mut mask, mut markup) = (None, None);
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        let slot = match name.split('[').next().unwrap_or_default() {
            "image" => None,
            "mask" => Some(&mut mask),
            "markup" => Some(&mut markup),
            _ => {
                fields.push((name, field.text().await.map_err(unreadable)?));
                continue;
            }
        };
        let filename = field.file_name().unwrap_or(&name).to_owned();
        let bytes = field.bytes().await.map_err(unreadable)?;
        let file = UploadedFile::describe(filename, bytes.len() as u64, &bytes[..bytes.len().min(HEAD_LEN)]);
        match slot {
            None => {
                uploads.push(file);
                images.push(bytes);
            }
            Some(slot) => *slot = Some((file, bytes)),
        }
    }
    let (mask_file, mask) = mask.unzip();
    let (markup_file, markup) = markup.unzip();
    let request = EditRequest::from_form(fields, uploads, mask_file, markup_file)
        .map_err(|issue| ApiFailure::from_issue(&issue))?;
    Ok(Form { request, images, mask, markup })
}
