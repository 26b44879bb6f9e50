//! Results and errors as the plain JavaScript objects `index.js` hands out.

use gpt_image_core::Issue;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::Error;
use crate::blobs::ImageBlob;
use crate::meta::ResponseMeta;

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

/// `[{ field, rule, severity, message }]`.
pub(crate) fn issues<'a>(issues: impl IntoIterator<Item = &'a Issue>) -> JsValue {
    issues
        .into_iter()
        .map(|issue| {
            let object = Object::new();
            set(&object, "field", issue.field.as_str());
            set(&object, "rule", issue.rule.name());
            set(&object, "severity", issue.severity.name());
            set(&object, "message", issue.message.as_str());
            JsValue::from(object)
        })
        .collect::<Array>()
        .into()
}

/// A thrown error: `{ class, message, … }`, where `class` is
/// [`Error::class_name`], the one name `index.js` looks up to make the
/// matching `Error` subclass.
pub(crate) fn error(error: Error) -> JsValue {
    let object = Object::new();
    set(&object, "class", error.class_name());
    set(&object, "message", error.to_string());
    match error {
        Error::Validation(report) => set(&object, "issues", issues(&report.issues)),
        Error::Api(failure) => {
            set_some(&object, "status", Some(failure.error.status).filter(|status| *status != 0));
            set(&object, "error", failure.raw);
            set_some(&object, "headers", failure.headers);
            set_some(&object, "requestID", failure.request_id);
            set(&object, "body", failure.body);
        }
        Error::BadResponse { status, .. } => set(&object, "status", status),
        Error::Connection(_) | Error::Timeout | Error::Aborted => {}
    }
    object.into()
}

/// One image of the Blob calls: `{ index, blob, mime_type, width, height,
/// revised_prompt?, url? }`, or for an image whose link could not be
/// fetched, `{ index, blob: null, url, error: { message, status? }, revised_prompt? }`.
pub(crate) fn image_blob(image: &ImageBlob) -> JsValue {
    let object = Object::new();
    set(&object, "index", image.index as u32);
    match &image.error {
        None => {
            set(&object, "blob", image.blob.clone());
            set(&object, "mime_type", image.mime_type.as_str());
            set_some(&object, "width", image.width);
            set_some(&object, "height", image.height);
        }
        Some(error) => {
            set(&object, "blob", JsValue::NULL);
            let reason = Object::new();
            set(&reason, "message", error.message.as_str());
            set_some(&reason, "status", error.status);
            set(&object, "error", reason);
        }
    }
    set_some(&object, "revised_prompt", image.revised_prompt.as_deref());
    set_some(&object, "url", image.url.as_deref());
    object.into()
}

/// `{ status, requestID, rateLimit: { limitRequests, … } }`.
pub(crate) fn meta(meta: &ResponseMeta) -> JsValue {
    let object = Object::new();
    set(&object, "status", meta.status);
    set(&object, "requestID", meta.request_id.as_deref());
    let limits = Object::new();
    let rate = &meta.rate_limit;
    for (key, value) in [
        ("limitRequests", &rate.limit_requests),
        ("remainingRequests", &rate.remaining_requests),
        ("resetRequests", &rate.reset_requests),
        ("limitTokens", &rate.limit_tokens),
        ("remainingTokens", &rate.remaining_tokens),
        ("resetTokens", &rate.reset_tokens),
    ] {
        set(&limits, key, value.as_deref());
    }
    set(&object, "rateLimit", limits);
    object.into()
}
