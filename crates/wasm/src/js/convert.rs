//! Results and errors as the plain JavaScript objects `index.js` hands out.

use gpt_image_core::{Issue, Report};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::Error;
use crate::blobs::{BlobsResponse, ImageBlob};

/// Sets `object[key] = value`.
pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

/// Sets `object[key]` when there is a value.
fn set_some(object: &Object, key: &str, value: Option<impl Into<JsValue>>) {
    if let Some(value) = value {
        set(object, key, value);
    }
}

/// Any serializable value as JSON-shaped JavaScript (objects, not `Map`s).
pub(crate) fn to_js(value: &impl Serialize) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::UNDEFINED)
}

/// The issues of a report that do not stop the request.
pub(crate) fn warnings(report: &Report) -> JsValue {
    to_js(&report.warnings().collect::<Vec<&Issue>>())
}

/// A thrown error: `{kind, message, …}`, which `index.js` turns into the
/// matching `Error` subclass.
pub(crate) fn error(error: Error) -> JsValue {
    let object = Object::new();
    set(&object, "message", error.to_string());
    let kind = match error {
        Error::Validation(report) => {
            set(&object, "issues", to_js(&report.issues));
            "validation"
        }
        Error::Api(failure) => {
            let status = failure.error.status;
            set(&object, "status", if status == 0 { JsValue::UNDEFINED } else { status.into() });
            set(&object, "error", to_js(&failure.error.error));
            set_some(&object, "headers", failure.headers);
            set_some(&object, "requestID", failure.request_id);
            "api"
        }
        Error::BadResponse { status, .. } => {
            set(&object, "status", status);
            "response"
        }
        Error::Connection(_) => "connection",
        Error::Timeout => "timeout",
        Error::Aborted => "abort",
    };
    set(&object, "kind", kind);
    object.into()
}

/// One image of the binary path.
pub(crate) fn image_blob(image: &ImageBlob) -> JsValue {
    let object = Object::new();
    set(&object, "index", image.index as u32);
    set(&object, "blob", image.blob.clone());
    set(&object, "mime_type", image.mime_type.clone());
    set_some(&object, "width", image.width);
    set_some(&object, "height", image.height);
    set_some(&object, "revised_prompt", image.revised_prompt.clone());
    set_some(&object, "url", image.url.clone());
    object.into()
}

/// A binary answer, shaped like the images response with `blob`s in `data`.
pub(crate) fn blobs_response(response: &BlobsResponse) -> JsValue {
    let object = Object::new();
    set(&object, "created", response.created as f64);
    set(&object, "data", response.data.iter().map(image_blob).collect::<Array>());
    set_some(&object, "background", response.background.as_ref().map(|value| value.as_str().to_owned()));
    set_some(&object, "output_format", response.output_format.as_ref().map(|value| value.as_str().to_owned()));
    set_some(&object, "size", response.size.as_ref().map(|value| value.to_string()));
    set_some(&object, "quality", response.quality.as_ref().map(|value| value.as_str().to_owned()));
    set_some(&object, "usage", response.usage.as_ref().map(to_js));
    object.into()
}
