//! The images of an edit (inputs, mask, markup): uploaded files, or
//! references to images the provider fetches itself, and how each is
//! written in the JSON form.

use serde::{Serialize, Serializer};

use crate::issue::{Issue, Rule};
use crate::json::JsonValue;
use crate::params::ImageFormat;

/// One input image (or mask, or markup) of an edit.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageInput {
    /// A file uploaded in the multipart form.
    Upload(UploadedFile),
    /// `{"image_url": …}`: an `https:` URL or a `data:` URL (JSON form).
    Url(String),
    /// `{"file_id": …}`: a file uploaded to the Files API (JSON form).
    FileId(String),
}

/// What validation needs to know of an uploaded file; the bytes themselves
/// travel separately (a `Blob` in the browser, a buffer on the server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedFile {
    /// The file name sent in the form part.
    pub filename: String,
    /// The MIME type sent in the form part.
    pub content_type: String,
    /// Size in bytes.
    pub len: u64,
    /// The format found in the file's first bytes, if it is a known image.
    pub format: Option<ImageFormat>,
    /// Width and height read from the file's header.
    pub dimensions: Option<(u32, u32)>,
}

impl UploadedFile {
    /// Describes a file from its name, its total length and its first bytes
    /// (a few kilobytes are enough to find the format and dimensions).
    /// The MIME type is the detected format's, else guessed from the name.
    pub fn describe(filename: impl Into<String>, len: u64, head: &[u8]) -> Self {
        let filename = filename.into();
        let format = crate::media::sniff_format(head);
        let content_type = format
            .as_ref()
            .or(ImageFormat::from_extension(&filename).as_ref())
            .map_or("application/octet-stream", ImageFormat::mime_type)
            .to_owned();
        UploadedFile { filename, content_type, len, format, dimensions: crate::media::dimensions(head) }
    }
}

/// `{"image_url": …}` or `{"file_id": …}`: exactly one of them, and nothing else.
pub(crate) fn read_reference<J: JsonValue>(value: &J, field: &str, issues: &mut Vec<Issue>) -> Option<ImageInput> {
    let keys = value.keys();
    let only = |name: &str| keys.len() == 1 && keys[0] == name;
    let input = if only("image_url") {
        value.member("image_url").and_then(|url| url.text()).map(ImageInput::Url)
    } else if only("file_id") {
        value.member("file_id").and_then(|id| id.text()).map(ImageInput::FileId)
    } else {
        None
    };
    if input.is_none() {
        issues.push(Issue::error(
            field,
            Rule::Malformed,
            format!("{field} needs exactly one of image_url and file_id, as a string"),
        ));
    }
    input
}

/// `{"image_url": …}` or `{"file_id": …}`.
#[derive(Serialize)]
struct ImageRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    image_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_id: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    fn from_input<E: serde::ser::Error>(input: &'a ImageInput) -> Result<Self, E> {
        match input {
            ImageInput::Url(url) => Ok(ImageRef { image_url: Some(url), file_id: None }),
            ImageInput::FileId(id) => Ok(ImageRef { image_url: None, file_id: Some(id) }),
            ImageInput::Upload(file) => {
                Err(E::custom(format!("{} is a file upload: send this edit as multipart/form-data", file.filename)))
            }
        }
    }
}

pub(crate) fn inputs_as_refs<S: Serializer>(inputs: &[ImageInput], serializer: S) -> Result<S::Ok, S::Error> {
    let refs = inputs.iter().map(ImageRef::from_input).collect::<Result<Vec<_>, S::Error>>()?;
    refs.serialize(serializer)
}

pub(crate) fn optional_input_as_ref<S: Serializer>(
    input: &Option<ImageInput>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match input {
        Some(input) => ImageRef::from_input::<S::Error>(input)?.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// One input written as its reference (`{"image_url": …}` or `{"file_id": …}`).
pub(crate) struct ImageRefOf<'a>(pub &'a ImageInput);

impl Serialize for ImageRefOf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ImageRef::from_input::<S::Error>(self.0)?.serialize(serializer)
    }
}
