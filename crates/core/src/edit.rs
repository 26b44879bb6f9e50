//! `POST /v1/images/edits`, in its multipart form and its JSON form.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::params::{Background, ImageFormat, InputFidelity, Model, Moderation, Quality, ResponseFormat};
use crate::size::Size;

/// The most input images one edit takes.
pub const MAX_EDIT_IMAGES: usize = 16;

/// The body of `POST /v1/images/edits`.
///
/// With [`ImageInput::Upload`]s it is sent as `multipart/form-data`: the text
/// fields come from [`EditRequest::form_fields`] and the files are attached
/// under [`EditRequest::image_field_name`] and `mask`. With URLs or file ids it
/// is sent as JSON, which is what `Serialize` writes (`images: [{image_url}]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditRequest {
    /// What to change. Required; each model's limit is in the catalogue.
    pub prompt: String,
    /// The images to edit: what each model takes is its catalogue entry's
    /// `edits`. Multipart `image`/`image[]`; JSON `images`.
    #[serde(serialize_with = "inputs_as_refs", deserialize_with = "refs_as_inputs")]
    pub images: Vec<ImageInput>,
    /// A PNG whose fully transparent pixels mark where to edit the first image;
    /// the same size as that image.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "optional_input_as_ref",
        deserialize_with = "optional_ref_as_input"
    )]
    pub mask: Option<ImageInput>,
    /// The model; without one the API uses the catalogue's default for edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Model>,
    /// How many images: 1 to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Output size, with the same rules as for generations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// Quality: each model's values are in the catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Background (GPT image models); `transparent` needs `png` or `webp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// Content moderation level (GPT image models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation: Option<Moderation>,
    /// File format of the images (GPT image models); the default is `png`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<ImageFormat>,
    /// Compression, 0 to 100, for `jpeg` or `webp` output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_compression: Option<u32>,
    /// `url` or `b64_json`: see [`crate::GenerateRequest::response_format`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat>,
    /// Answer with server-sent events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Partial images to stream before the final one: 0 to 3, with `stream`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_images: Option<u32>,
    /// How closely to keep the input's features, for the models whose
    /// catalogue entry supports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_fidelity: Option<InputFidelity>,
    /// An identifier of the end user, for abuse monitoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

/// One input image (or mask) of an edit.
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

impl EditRequest {
    /// An edit of `images` following `prompt`, every other field left to the server.
    pub fn new(prompt: impl Into<String>, images: Vec<ImageInput>) -> Self {
        EditRequest { prompt: prompt.into(), images, ..Default::default() }
    }

    /// The model the API will use: `model`, or the catalogue's default for edits.
    pub fn effective_model(&self) -> Model {
        self.model.clone().unwrap_or_else(|| Model::from(crate::catalogue::DEFAULT_EDIT_MODEL))
    }

    /// Whether any input is a file upload, which makes this a multipart request.
    pub fn is_multipart(&self) -> bool {
        self.images.iter().chain(&self.mask).any(|input| matches!(input, ImageInput::Upload(_)))
    }

    /// The multipart field name of the input images: `image` for one,
    /// `image[]` for several, as the official clients send them.
    pub fn image_field_name(&self) -> &'static str {
        if self.images.len() == 1 { "image" } else { "image[]" }
    }

    /// The text fields of the multipart form, in order: every field of the
    /// request but the files, numbers and booleans written as text.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut text_only = self.clone();
        text_only.images.clear();
        text_only.mask = None;
        let serde_json::Value::Object(fields) =
            serde_json::to_value(&text_only).expect("a request without files always serializes")
        else {
            unreachable!("a struct serializes to an object")
        };
        fields
            .into_iter()
            .filter(|(name, _)| name != "images")
            .map(|(name, value)| match value {
                serde_json::Value::String(text) => (name, text),
                other => (name, other.to_string()),
            })
            .collect()
    }

    /// Builds a request from the text fields of a multipart form and its
    /// files, as the server receives it. Numbers and booleans arrive as text;
    /// one that does not parse is an error naming its field.
    pub fn from_form(
        fields: impl IntoIterator<Item = (String, String)>,
        images: Vec<UploadedFile>,
        mask: Option<UploadedFile>,
    ) -> Result<Self, crate::Issue> {
        let mut object = serde_json::Map::new();
        for (name, text) in fields {
            let value = match name.as_str() {
                "n" | "output_compression" | "partial_images" => text
                    .trim()
                    .parse::<u32>()
                    .map(serde_json::Value::from)
                    .map_err(|_| crate::Issue::not_a_number(&name, &text))?,
                "stream" => match text.trim() {
                    "true" => true.into(),
                    "false" => false.into(),
                    _ => return Err(crate::Issue::not_a_boolean(&name, &text)),
                },
                _ => text.into(),
            };
            object.insert(name, value);
        }
        object.insert("images".into(), serde_json::Value::Array(Vec::new()));
        object.entry("prompt").or_insert_with(|| "".into());
        let mut request: EditRequest = serde_json::from_value(object.into())
            .map_err(|error| crate::Issue::malformed("form", &error.to_string()))?;
        request.images = images.into_iter().map(ImageInput::Upload).collect();
        request.mask = mask.map(ImageInput::Upload);
        Ok(request)
    }
}

/// `{"image_url": …}` or `{"file_id": …}`: exactly one of them.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file_id: Option<String>,
}

impl ImageRef {
    fn from_input<E: serde::ser::Error>(input: &ImageInput) -> Result<Self, E> {
        match input {
            ImageInput::Url(url) => Ok(ImageRef { image_url: Some(url.clone()), file_id: None }),
            ImageInput::FileId(id) => Ok(ImageRef { image_url: None, file_id: Some(id.clone()) }),
            ImageInput::Upload(file) => {
                Err(E::custom(format!("{} is a file upload: send this edit as multipart/form-data", file.filename)))
            }
        }
    }

    fn into_input<E: serde::de::Error>(self) -> Result<ImageInput, E> {
        match (self.image_url, self.file_id) {
            (Some(url), None) => Ok(ImageInput::Url(url)),
            (None, Some(id)) => Ok(ImageInput::FileId(id)),
            _ => Err(E::custom("an image reference needs exactly one of image_url and file_id")),
        }
    }
}

fn inputs_as_refs<S: Serializer>(inputs: &[ImageInput], serializer: S) -> Result<S::Ok, S::Error> {
    let refs = inputs.iter().map(ImageRef::from_input).collect::<Result<Vec<_>, S::Error>>()?;
    refs.serialize(serializer)
}

fn refs_as_inputs<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<ImageInput>, D::Error> {
    Vec::<ImageRef>::deserialize(deserializer)?.into_iter().map(ImageRef::into_input).collect()
}

fn optional_input_as_ref<S: Serializer>(input: &Option<ImageInput>, serializer: S) -> Result<S::Ok, S::Error> {
    match input {
        Some(input) => ImageRef::from_input::<S::Error>(input)?.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

fn optional_ref_as_input<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<ImageInput>, D::Error> {
    Option::<ImageRef>::deserialize(deserializer)?.map(ImageRef::into_input).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn png_upload(name: &str) -> ImageInput {
        ImageInput::Upload(UploadedFile::describe(name, 10, b"\x89PNG\r\n\x1a\n"))
    }

    #[test]
    fn the_json_form_writes_image_refs_and_nothing_absent() {
        let request = EditRequest {
            mask: Some(ImageInput::FileId("file-mask".into())),
            ..EditRequest::new("snow", vec![ImageInput::Url("https://example.com/a.png".into())])
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({"prompt": "snow", "images": [{"image_url": "https://example.com/a.png"}], "mask": {"file_id": "file-mask"}})
        );
    }

    #[test]
    fn uploads_refuse_the_json_form_and_name_the_file() {
        let error = serde_json::to_string(&EditRequest::new("x", vec![png_upload("cat.png")])).unwrap_err();
        assert!(error.to_string().contains("cat.png is a file upload"), "{error}");
    }

    #[test]
    fn image_refs_need_exactly_one_source() {
        for images in [json!([{}]), json!([{"image_url": "a", "file_id": "b"}]), json!([{"url": "a"}])] {
            let body = json!({"prompt": "x", "images": images});
            assert!(serde_json::from_value::<EditRequest>(body).is_err(), "{images}");
        }
    }

    #[test]
    fn form_fields_write_text_and_from_form_reads_it_back() {
        let request = EditRequest {
            n: Some(3),
            stream: Some(true),
            size: Some(Size::LANDSCAPE),
            model: Some(Model::from("gpt-image-2")),
            ..EditRequest::new("a hat", vec![png_upload("a.png"), png_upload("b.png")])
        };
        let fields = request.form_fields();
        assert!(fields.contains(&("n".into(), "3".into())));
        assert!(fields.contains(&("stream".into(), "true".into())));
        assert!(fields.contains(&("size".into(), "1536x1024".into())));
        assert!(!fields.iter().any(|(name, _)| name == "images" || name == "mask"));
        assert_eq!(request.image_field_name(), "image[]");
        let uploads = request
            .images
            .iter()
            .map(|input| match input {
                ImageInput::Upload(file) => file.clone(),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(EditRequest::from_form(fields, uploads, None).unwrap(), request);
    }

    #[test]
    fn from_form_names_a_field_that_is_not_a_number() {
        let issue = EditRequest::from_form([("n".to_owned(), "two".to_owned())], vec![], None).unwrap_err();
        assert_eq!(issue.field, "n");
        assert!(issue.message.contains("\"two\""), "{}", issue.message);
    }

    #[test]
    fn describe_sniffs_the_format_and_ignores_a_misleading_name() {
        let file = UploadedFile::describe("photo.jpg", 10, b"\x89PNG\r\n\x1a\n");
        assert_eq!(file.format, Some(ImageFormat::Png));
        assert_eq!(file.content_type, "image/png");
        let unknown = UploadedFile::describe("notes.webp", 5, b"hello");
        assert_eq!(unknown.format, None);
        assert_eq!(unknown.content_type, "image/webp");
    }
}
