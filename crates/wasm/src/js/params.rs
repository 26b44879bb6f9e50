//! JavaScript arguments into requests and options. The parameters are read
//! by core's readers over `JSON.parse`'s kind of value ([`Json`]), so a value
//! of the wrong type becomes an issue naming its field like any other
//! problem, members the parameter list does not name go to `extra` (and get
//! a warning each), and no serde code is needed in the bundle.

use gpt_image_core::parameters::{ParameterReader, STRUCTURAL_FIELDS};
use gpt_image_core::{EditRequest, GenerateRequest, Issue, JsonValue, Report, Rule, ValidationMode};
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob, File};

use crate::Error;
use crate::images::Edit;
use crate::options::{CallOptions, ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use crate::upload::Upload;
use crate::wire::{Json, get};

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

/// The parameters object, which must be an object.
fn object(params: &JsValue) -> Result<Json, Error> {
    let json = Json(params.clone());
    if json.is_object() {
        Ok(json)
    } else {
        Err(invalid(Issue::error("params", Rule::Required, "the parameters must be an object")))
    }
}

/// The request of `images.generate(params)`.
pub(crate) fn generate_request(params: &JsValue) -> Result<Checked<GenerateRequest>, Error> {
    let (request, unread) = GenerateRequest::read_json(&object(params)?);
    Ok(Checked { request, unread })
}

/// The edit of `images.edit(params)`: files in `image` (one or an array),
/// `mask` and `markup` make a multipart edit; `images: [{ image_url }]`
/// (with `mask` and `markup` as references) a JSON one.
pub(crate) async fn edit(params: &JsValue) -> Result<Checked<Edit>, Error> {
    let json = object(params)?;
    let Some(image) = json.member("image") else {
        let (request, unread) = EditRequest::read_json(&json);
        return Ok(Checked { request: Edit::with_references(request), unread });
    };
    let mut reader = ParameterReader::new(&json);
    let mut request = EditRequest { prompt: reader.prompt(), ..EditRequest::default() };
    request.read_parameters(&mut reader);
    let mut unread = reader.issues;
    let files = if Array::is_array(&image.0) { Array::from(&image.0).to_vec() } else { vec![image.0] };
    let mut uploads = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        // Named as validation names them, so every issue of one file shares a field.
        let field = format!("image[{i}]");
        let stem = if files.len() == 1 { "image".to_owned() } else { format!("image-{}", i + 1) };
        match upload(file, &field, &stem).await {
            Ok(upload) => uploads.push(upload),
            Err(issue) => unread.push(issue),
        }
    }
    let mut mask_and_markup = [None, None];
    for (field, slot) in ["mask", "markup"].into_iter().zip(&mut mask_and_markup) {
        if let Some(value) = json.member(field) {
            *slot = upload(&value.0, field, field).await.map_err(|issue| unread.push(issue)).ok();
        }
    }
    let [mask, markup] = mask_and_markup;
    Ok(Checked { request: Edit::with_uploads(request, uploads, mask, markup), unread })
}

/// The text fields of a multipart edit: every entry of the caller's object
/// but the files (the [`STRUCTURAL_FIELDS`] other than `prompt`), as
/// written: numbers and booleans as text, objects as JSON.
pub(crate) fn form_fields(params: &JsValue) -> Vec<(String, String)> {
    Object::entries(params.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: Array = entry.unchecked_into();
            let (name, value) = (entry.get(0).as_string()?, entry.get(1));
            let file = name != "prompt" && STRUCTURAL_FIELDS.contains(&name.as_str());
            if file || value.is_null() || value.is_undefined() {
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
        default_headers: pairs(&get(options, "defaultHeaders")),
        default_query: pairs(&get(options, "defaultQuery")),
        timeout_ms: get(options, "timeout").as_f64().unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: get(options, "maxRetries").as_f64().map_or(DEFAULT_MAX_RETRIES, |n| n.max(0.0) as u32),
        validation: validation_mode(options)?.unwrap_or_default(),
    })
}

/// The second argument of a call: `{ signal, timeout, maxRetries, headers, query, validation }`.
pub(crate) fn call_options(options: &JsValue) -> Result<CallOptions, Error> {
    Ok(CallOptions {
        signal: get(options, "signal").dyn_into::<AbortSignal>().ok(),
        timeout_ms: get(options, "timeout").as_f64(),
        max_retries: get(options, "maxRetries").as_f64().map(|n| n.max(0.0) as u32),
        headers: pairs(&get(options, "headers")),
        query: pairs(&get(options, "query")),
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

/// The pairs of a `{ name: value }` object (headers, a query); `null` (or
/// `undefined`) removes one.
fn pairs(object: &JsValue) -> Vec<(String, Option<String>)> {
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
