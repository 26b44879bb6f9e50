//! JavaScript arguments into requests and options. A value of the wrong
//! type becomes a validation issue naming its field, like any other problem.

use gpt_image_core::{EditRequest, GenerateRequest, Issue, Report, Rule};
use js_sys::{Array, Object, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob, File};

use crate::Error;
use crate::images::Edit;
use crate::options::{CallOptions, ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use crate::upload::Upload;

/// A property of a JavaScript object (`undefined` when the value is not an object).
pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A request from a parameters object, every type error named by its field.
fn request<T: DeserializeOwned>(params: &JsValue) -> Result<T, Error> {
    if !params.is_object() {
        return Err(invalid(Issue::error("params", Rule::Required, "the parameters must be an object")));
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(params.clone())).map_err(|error| {
        let field = error.path().to_string();
        let message = error.inner().to_string();
        invalid(match message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
            Some(missing) => Issue::error(missing, Rule::Required, format!("{missing} is required")),
            None => Issue::error(field.trim_start_matches('.'), Rule::Malformed, format!("{field}: {message}")),
        })
    })
}

fn invalid(issue: Issue) -> Error {
    Error::Validation(Report { issues: vec![issue] })
}

/// The request of `images.generate(params)`.
pub(crate) fn generate_request(params: &JsValue) -> Result<GenerateRequest, Error> {
    request(params)
}

/// The edit of `images.edit(params)`: files in `image` (one or an array)
/// and `mask` make a multipart edit; `images: [{image_url}]` a JSON one.
pub(crate) async fn edit(params: &JsValue) -> Result<Edit, Error> {
    let image = get(params, "image");
    if image.is_undefined() {
        return Ok(Edit::with_references(request::<EditRequest>(params)?));
    }
    let files: Vec<JsValue> = if Array::is_array(&image) { Array::from(&image).to_vec() } else { vec![image] };
    let mut uploads = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let (field, stem) = if files.len() == 1 {
            ("image".into(), "image".into())
        } else {
            (format!("image[{i}]"), format!("image-{}", i + 1))
        };
        uploads.push(upload(file, &field, &stem).await?);
    }
    let mask = match get(params, "mask") {
        mask if mask.is_undefined() || mask.is_null() => None,
        mask => Some(upload(&mask, "mask", "mask").await?),
    };
    let fields = Object::assign(&Object::new(), &params.clone().into());
    for key in ["image", "mask"] {
        let _ = Reflect::delete_property(&fields, &key.into());
    }
    let _ = Reflect::set(&fields, &"images".into(), &Array::new());
    Ok(Edit::with_uploads(request(&fields)?, uploads, mask))
}

/// A `File`, `Blob`, `ArrayBuffer` or typed array as an upload.
async fn upload(value: &JsValue, field: &str, stem: &str) -> Result<Upload, Error> {
    let (blob, name) = if let Some(file) = value.dyn_ref::<File>() {
        (file.clone().into(), Some(file.name()))
    } else if let Some(blob) = value.dyn_ref::<Blob>() {
        (blob.clone(), None)
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() || js_sys::ArrayBuffer::is_view(value) {
        let blob = Blob::new_with_u8_array_sequence(&Array::of1(value))
            .map_err(|_| invalid(Issue::error(field, Rule::Malformed, format!("{field} could not be read"))))?;
        (blob, None)
    } else {
        return Err(invalid(Issue::error(
            field,
            Rule::FileType,
            format!("{field} must be a File, Blob, ArrayBuffer or Uint8Array"),
        )));
    };
    Upload::from_blob(&blob, name.as_deref(), stem, field).await
}

/// `new ImagesClient({ baseURL, apiKey, defaultHeaders, timeout, maxRetries })`.
pub(crate) fn client_options(options: &JsValue) -> ClientOptions {
    ClientOptions {
        base_url: get(options, "baseURL").as_string().unwrap_or_else(|| DEFAULT_BASE_URL.into()),
        api_key: get(options, "apiKey").as_string(),
        default_headers: headers(&get(options, "defaultHeaders")),
        timeout_ms: get(options, "timeout").as_f64().unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: get(options, "maxRetries").as_f64().map_or(DEFAULT_MAX_RETRIES, |n| n.max(0.0) as u32),
    }
}

/// The second argument of a call: `{ signal, timeout, maxRetries, headers }`.
pub(crate) fn call_options(options: &JsValue) -> CallOptions {
    CallOptions {
        signal: get(options, "signal").dyn_into::<AbortSignal>().ok(),
        timeout_ms: get(options, "timeout").as_f64(),
        max_retries: get(options, "maxRetries").as_f64().map(|n| n.max(0.0) as u32),
        headers: headers(&get(options, "headers")),
    }
}

/// Header pairs of a `{name: value}` object; `null` removes a header.
fn headers(object: &JsValue) -> Vec<(String, Option<String>)> {
    if !object.is_object() {
        return Vec::new();
    }
    Object::entries(object.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: Array = entry.unchecked_into();
            let name = entry.get(0).as_string()?;
            let value = entry.get(1);
            let text = value.as_string().or_else(|| value.as_f64().map(|number| number.to_string()));
            Some((name, text))
        })
        .collect()
}
