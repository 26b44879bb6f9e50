//! JavaScript arguments into requests and options. Read field by field, so
//! a value of the wrong type becomes an issue naming its field, like any
//! other problem (and no serde code is needed in the bundle).

use gpt_image_core::{EditRequest, GenerateRequest, ImageInput, Issue, Report, Rule, ValidationMode};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob, File};

use crate::Error;
use crate::images::Edit;
use crate::options::{CallOptions, ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use crate::upload::Upload;
use crate::wire::get;

/// Reads the fields of one parameters object, noting each value of the wrong type.
struct Fields<'a> {
    params: &'a JsValue,
    issues: Vec<Issue>,
}

impl<'a> Fields<'a> {
    fn of(params: &'a JsValue) -> Result<Self, Error> {
        if !params.is_object() {
            return Err(invalid(Issue::error("params", Rule::Required, "the parameters must be an object")));
        }
        Ok(Fields { params, issues: Vec::new() })
    }

    /// The value, unless absent (`undefined` or `null`).
    fn value(&self, name: &str) -> Option<JsValue> {
        Some(get(self.params, name)).filter(|value| !value.is_undefined() && !value.is_null())
    }

    fn wrong(&mut self, name: &str, expected: &str, value: &JsValue) {
        let shown = js_sys::JSON::stringify(value).map(String::from).unwrap_or_else(|_| "this value".into());
        self.issues.push(Issue::error(name, Rule::Malformed, format!("{name} must be {expected}, not {shown}")));
    }

    fn text(&mut self, name: &str) -> Option<String> {
        let value = self.value(name)?;
        let text = value.as_string();
        if text.is_none() {
            self.wrong(name, "a string", &value);
        }
        text
    }

    /// A value of an open set (`model`, `quality`, `size`, …), from its text.
    fn wire<T: for<'s> From<&'s str>>(&mut self, name: &str) -> Option<T> {
        self.text(name).map(|text| T::from(text.as_str()))
    }

    fn count(&mut self, name: &str) -> Option<u32> {
        let value = self.value(name)?;
        match value.as_f64() {
            Some(number) if number.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&number) => Some(number as u32),
            _ => {
                self.wrong(name, "a whole number", &value);
                None
            }
        }
    }

    fn flag(&mut self, name: &str) -> Option<bool> {
        let value = self.value(name)?;
        let flag = value.as_bool();
        if flag.is_none() {
            self.wrong(name, "true or false", &value);
        }
        flag
    }

    /// `{ image_url }` or `{ file_id }`.
    fn reference(&mut self, field: &str, value: &JsValue) -> Option<ImageInput> {
        let (url, id) = (get(value, "image_url").as_string(), get(value, "file_id").as_string());
        match (url, id) {
            (Some(url), None) => Some(ImageInput::Url(url)),
            (None, Some(id)) => Some(ImageInput::FileId(id)),
            _ => {
                self.issues.push(Issue::error(
                    field,
                    Rule::Malformed,
                    format!("{field} needs exactly one of image_url and file_id"),
                ));
                None
            }
        }
    }

    /// The request and the issues of the values that could not be read;
    /// validation adds the rest, so every problem is reported at once.
    fn finish<T>(self, request: T) -> Checked<T> {
        Checked { request, unread: self.issues }
    }
}

/// A request read from JavaScript, with the values that could not be read.
pub(crate) struct Checked<T> {
    pub(crate) request: T,
    pub(crate) unread: Vec<Issue>,
}

impl<T> Checked<T> {
    /// Every issue: the unreadable values, then what validation found.
    pub(crate) fn report(&self, validation: Report) -> Report {
        let mut issues = self.unread.clone();
        issues.extend(validation.issues);
        Report { issues }
    }
}

fn invalid(issue: Issue) -> Error {
    Error::Validation(Report { issues: vec![issue] })
}

/// The request of `images.generate(params)`.
pub(crate) fn generate_request(params: &JsValue) -> Result<Checked<GenerateRequest>, Error> {
    let mut fields = Fields::of(params)?;
    let request = GenerateRequest {
        prompt: fields.text("prompt").unwrap_or_default(),
        model: fields.wire("model"),
        n: fields.count("n"),
        size: fields.wire("size"),
        quality: fields.wire("quality"),
        background: fields.wire("background"),
        moderation: fields.wire("moderation"),
        output_format: fields.wire("output_format"),
        output_compression: fields.count("output_compression"),
        response_format: fields.wire("response_format"),
        stream: fields.flag("stream"),
        partial_images: fields.count("partial_images"),
        style: fields.wire("style"),
        user: fields.text("user"),
    };
    Ok(fields.finish(request))
}

/// The edit of `images.edit(params)`: files in `image` (one or an array)
/// and `mask` make a multipart edit; `images: [{ image_url }]` a JSON one.
pub(crate) async fn edit(params: &JsValue) -> Result<Checked<Edit>, Error> {
    let mut fields = Fields::of(params)?;
    let mut request = EditRequest {
        prompt: fields.text("prompt").unwrap_or_default(),
        images: Vec::new(),
        mask: None,
        model: fields.wire("model"),
        n: fields.count("n"),
        size: fields.wire("size"),
        quality: fields.wire("quality"),
        background: fields.wire("background"),
        moderation: fields.wire("moderation"),
        output_format: fields.wire("output_format"),
        output_compression: fields.count("output_compression"),
        response_format: fields.wire("response_format"),
        stream: fields.flag("stream"),
        partial_images: fields.count("partial_images"),
        input_fidelity: fields.wire("input_fidelity"),
        user: fields.text("user"),
    };
    let Some(image) = fields.value("image") else {
        let references = fields.value("images").map_or_else(Vec::new, |images| Array::from(&images).to_vec());
        for (i, reference) in references.iter().enumerate() {
            request.images.extend(fields.reference(&format!("images[{i}]"), reference));
        }
        if let Some(mask) = fields.value("mask") {
            request.mask = fields.reference("mask", &mask);
        }
        let Checked { request, unread } = fields.finish(request);
        return Ok(Checked { request: Edit::with_references(request), unread });
    };
    let files = if Array::is_array(&image) { Array::from(&image).to_vec() } else { vec![image] };
    let mut uploads = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        // Named as validation names them, so every issue of one file shares a field.
        let field = format!("image[{i}]");
        let stem = if files.len() == 1 { "image".to_owned() } else { format!("image-{}", i + 1) };
        match upload(file, &field, &stem).await {
            Ok(upload) => uploads.push(upload),
            Err(issue) => fields.issues.push(issue),
        }
    }
    let mask = match fields.value("mask") {
        None => None,
        Some(mask) => upload(&mask, "mask", "mask").await.map_err(|issue| fields.issues.push(issue)).ok(),
    };
    let Checked { request, unread } = fields.finish(request);
    Ok(Checked { request: Edit::with_uploads(request, uploads, mask), unread })
}

/// The text fields of a multipart edit: every parameter but the files,
/// numbers and booleans written as text, objects as JSON.
pub(crate) fn form_fields(params: &JsValue) -> Vec<(String, String)> {
    Object::entries(params.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: Array = entry.unchecked_into();
            let (name, value) = (entry.get(0).as_string()?, entry.get(1));
            if matches!(name.as_str(), "image" | "images" | "mask") || value.is_null() || value.is_undefined() {
                return None;
            }
            let text = value.as_string().or_else(|| js_sys::JSON::stringify(&value).ok().map(String::from))?;
            Some((name, text))
        })
        .collect()
}

/// A `File`, `Blob`, `ArrayBuffer` or typed array as an upload.
async fn upload(value: &JsValue, field: &str, stem: &str) -> Result<Upload, Issue> {
    let (blob, name) = if let Some(file) = value.dyn_ref::<File>() {
        (file.clone().into(), Some(file.name()))
    } else if let Some(blob) = value.dyn_ref::<Blob>() {
        (blob.clone(), None)
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() || js_sys::ArrayBuffer::is_view(value) {
        let blob = Blob::new_with_u8_array_sequence(&Array::of1(value))
            .map_err(|_| Issue::error(field, Rule::Malformed, format!("{field} could not be read")))?;
        (blob, None)
    } else {
        return Err(Issue::error(
            field,
            Rule::FileType,
            format!("{field} must be a File, Blob, ArrayBuffer or Uint8Array"),
        ));
    };
    Upload::from_blob(&blob, name.as_deref(), stem, field).await
}

/// `new ImagesClient({ baseURL, apiKey, defaultHeaders, timeout, maxRetries, validation })`.
pub(crate) fn client_options(options: &JsValue) -> Result<ClientOptions, Error> {
    Ok(ClientOptions {
        base_url: get(options, "baseURL").as_string().unwrap_or_else(|| DEFAULT_BASE_URL.into()),
        api_key: get(options, "apiKey").as_string(),
        default_headers: headers(&get(options, "defaultHeaders")),
        timeout_ms: get(options, "timeout").as_f64().unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: get(options, "maxRetries").as_f64().map_or(DEFAULT_MAX_RETRIES, |n| n.max(0.0) as u32),
        validation: validation_mode(options)?.unwrap_or_default(),
    })
}

/// The second argument of a call: `{ signal, timeout, maxRetries, headers, validation }`.
pub(crate) fn call_options(options: &JsValue) -> Result<CallOptions, Error> {
    Ok(CallOptions {
        signal: get(options, "signal").dyn_into::<AbortSignal>().ok(),
        timeout_ms: get(options, "timeout").as_f64(),
        max_retries: get(options, "maxRetries").as_f64().map(|n| n.max(0.0) as u32),
        headers: headers(&get(options, "headers")),
        validation: validation_mode(options)?,
    })
}

/// `validation: 'full' | 'warn' | 'off'`, or nothing.
fn validation_mode(options: &JsValue) -> Result<Option<ValidationMode>, Error> {
    let value = get(options, "validation");
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let text = value.as_string();
    match text.as_deref().and_then(ValidationMode::parse) {
        Some(mode) => Ok(Some(mode)),
        None => Err(Error::Validation(Report {
            issues: vec![Issue::error(
                "validation",
                Rule::UnknownValue,
                format!(
                    "validation must be one of {}, not {}",
                    ValidationMode::NAMES.join(", "),
                    text.map_or_else(|| "a value that is not a string".to_owned(), |text| format!("\"{text}\""))
                ),
            )],
        })),
    }
}

/// Header pairs of a `{ name: value }` object; `null` removes a header.
fn headers(object: &JsValue) -> Vec<(String, Option<String>)> {
    if !object.is_object() {
        return Vec::new();
    }
    Object::entries(object.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: Array = entry.unchecked_into();
            let (name, value) = (entry.get(0).as_string()?, entry.get(1));
            let text = value.as_string().or_else(|| value.as_f64().map(|number| (number as i64).to_string()));
            Some((name, text))
        })
        .collect()
}
