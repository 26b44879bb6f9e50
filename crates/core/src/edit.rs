//! `POST /v1/images/edits`, in its multipart form and its JSON form: what
//! only an edit does. The request's fields are declared with every
//! parameter, once, in [`crate::parameters`].

use crate::image_input::read_reference;
use crate::issue::{Issue, Rule};
use crate::json::{FromJson, JsonValue};
use crate::model::Model;
use crate::parameters::ParameterReader;

pub use crate::catalogue::MAX_EDIT_IMAGES;
pub use crate::image_input::{ImageInput, UploadedFile};
pub use crate::parameters::EditRequest;

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
        self.images.iter().chain(&self.mask).chain(&self.markup).any(|input| matches!(input, ImageInput::Upload(_)))
    }

    /// The multipart field name of the input images: `image` for one,
    /// `image[]` for several, as the official clients send them.
    pub fn image_field_name(&self) -> &'static str {
        if self.images.len() == 1 { "image" } else { "image[]" }
    }

    /// The text fields of the multipart form, in order: every field of the
    /// request but the files, numbers and booleans written as text, objects
    /// as JSON, and `extra` as written.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let text_only = EditRequest { images: Vec::new(), mask: None, markup: None, ..self.clone() };
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
    /// files, as the server receives it. Each parameter is read as its kind
    /// ([`crate::parameters::PARAMETERS`]); one that does not read is an
    /// issue naming its field. Fields the list does not name go to `extra`.
    pub fn from_form(
        fields: impl IntoIterator<Item = (String, String)>,
        images: Vec<UploadedFile>,
        mask: Option<UploadedFile>,
        markup: Option<UploadedFile>,
    ) -> Result<Self, Issue> {
        let mut request = EditRequest::default();
        for (name, text) in fields {
            if name == "prompt" {
                request.prompt = text;
            } else {
                request.set_parameter_text::<serde_json::Value>(&name, &text)?;
            }
        }
        request.images = images.into_iter().map(ImageInput::Upload).collect();
        request.mask = mask.map(ImageInput::Upload);
        request.markup = markup.map(ImageInput::Upload);
        Ok(request)
    }

    /// Reads the JSON form of an edit (`images`, `mask` and `markup` as
    /// `{image_url}` or `{file_id}`): values of the wrong kind are left out,
    /// each an issue that names its field; members the parameter list does
    /// not name go to `extra`.
    pub fn read_json<J: JsonValue>(json: &J) -> (Self, Vec<Issue>) {
        let mut reader = ParameterReader::new(json);
        let mut request = EditRequest { prompt: reader.prompt(), ..Default::default() };
        request.read_parameters(&mut reader);
        let mut issues = reader.issues;
        match json.member("images") {
            Some(images) if images.array().is_some() => {
                for (index, image) in images.items().iter().enumerate() {
                    request.images.extend(read_reference(image, &format!("images[{index}]"), &mut issues));
                }
            }
            Some(other) => issues.push(Issue::error(
                "images",
                Rule::Malformed,
                format!("images must be an array of {{image_url}} or {{file_id}}, not {}", other.json_text()),
            )),
            None => {}
        }
        for (field, slot) in [("mask", &mut request.mask), ("markup", &mut request.markup)] {
            if let Some(value) = json.member(field) {
                *slot = read_reference(&value, field, &mut issues);
            }
        }
        (request, issues)
    }
}

/// Read through [`EditRequest::read_json`]; the first issue is the error.
impl FromJson for EditRequest {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        if !json.is_object() {
            return Err("an edit request is not an object".into());
        }
        let (request, issues) = EditRequest::read_json(json);
        match issues.into_iter().next() {
            Some(issue) => Err(issue.message),
            None => Ok(request),
        }
    }
}

/// Read through [`FromJson`] over `serde_json::Value`.
impl<'de> serde::Deserialize<'de> for EditRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
        EditRequest::from_json(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ImageFormat;
    use crate::size::Size;
    use crate::{Complexity, SvgOptions};
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
        assert_eq!(EditRequest::from_form(fields, uploads, None, None).unwrap(), request);
    }

    #[test]
    fn every_field_written_goes_out_in_the_form_and_the_json_form() {
        let mut request = EditRequest {
            complexity: Some(Complexity::Low),
            output_format: Some(ImageFormat::Gif),
            frame_count: Some(4),
            svg: Some(SvgOptions::with_model("gpt-5.1")),
            ..EditRequest::new("a hat", vec![png_upload("a.png")])
        };
        request.extra.insert("seed".into(), json!(7));
        request.extra.insert("provider_hint".into(), json!("fast"));
        request.extra.insert("nested".into(), json!({"a": [1, 2]}));
        let fields = request.form_fields();
        for expected in [
            ("complexity", "low"),
            ("output_format", "gif"),
            ("frame_count", "4"),
            ("svg", r#"{"model":"gpt-5.1"}"#),
            ("seed", "7"),
            ("provider_hint", "fast"),
            ("nested", r#"{"a":[1,2]}"#),
        ] {
            assert!(fields.contains(&(expected.0.into(), expected.1.into())), "{expected:?} in {fields:?}");
        }
        let ImageInput::Upload(upload) = request.images[0].clone() else { unreachable!() };
        let back = EditRequest::from_form(fields, vec![upload], None, None).unwrap();
        assert_eq!(back.svg, request.svg);
        assert_eq!(back.frame_count, Some(4));
        assert_eq!(back.extra["seed"], json!("7"), "a form carries text: an unknown field comes back as its text");

        let mut by_reference = request.clone();
        by_reference.images = vec![ImageInput::Url("https://example.com/a.png".into())];
        by_reference.markup = Some(ImageInput::FileId("file-marks".into()));
        let body = serde_json::to_value(&by_reference).unwrap();
        assert_eq!(body["seed"], json!(7));
        assert_eq!(body["nested"], json!({"a": [1, 2]}));
        assert_eq!(body["markup"], json!({"file_id": "file-marks"}));
        let read: EditRequest = serde_json::from_value(body).unwrap();
        assert_eq!(read, by_reference, "the JSON form reads back whole, unknown fields too");
    }

    #[test]
    fn the_json_reader_names_every_value_of_the_wrong_kind_at_once() {
        let body = json!({"prompt": "x", "n": "two", "stream": 1, "svg": "gpt-5", "images": [{"image_url": "a"}, {"url": "b"}]});
        let (request, issues) = EditRequest::read_json(&body);
        let fields: Vec<&str> = issues.iter().map(|issue| issue.field.as_str()).collect();
        assert_eq!(fields, ["n", "svg", "stream", "images[1]"], "in the order of the parameter list");
        assert!(issues[0].message.contains("n must be a whole number, not \"two\""), "{}", issues[0].message);
        assert_eq!(request.images.len(), 1);
        assert!(request.extra.is_empty());
    }

    #[test]
    fn from_form_names_a_field_that_is_not_a_number() {
        let issue = EditRequest::from_form([("n".to_owned(), "two".to_owned())], vec![], None, None).unwrap_err();
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
