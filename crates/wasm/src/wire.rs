//! Reading the API's JSON with the browser's own `JSON.parse`, which costs
//! the WebAssembly bundle nothing; serde stays for the typed Rust face.

use gpt_image_core::{ApiError, ErrorBody};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// A property of a JavaScript value (`undefined` when it is not an object).
pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `JSON.parse` of UTF-8 bytes.
pub(crate) fn parse(bytes: &[u8]) -> Option<JsValue> {
    js_sys::JSON::parse(&String::from_utf8_lossy(bytes)).ok()
}

/// An error answer: the [`ApiError`], and the body's `error` object as sent
/// (`undefined` when the body was not an OpenAI error).
pub(crate) fn api_error(status: u16, body: &[u8]) -> (ApiError, JsValue) {
    let error = get(&parse(body).unwrap_or(JsValue::UNDEFINED), "error");
    if !error.is_object() {
        return (ApiError::not_json(status, body), JsValue::UNDEFINED);
    }
    (ApiError { status, error: error_body(&error), is_json: true }, error)
}

/// An `error` object's fields. `code` may be a number; it is kept as text.
/// Other fields (`moderation_details`) stay in the JavaScript object only.
pub(crate) fn error_body(error: &JsValue) -> ErrorBody {
    let text = |key: &str| {
        let value = get(error, key);
        value.as_string().or_else(|| value.as_f64().map(|number| (number as i64).to_string()))
    };
    ErrorBody {
        message: text("message").unwrap_or_default(),
        kind: text("type"),
        param: text("param"),
        code: text("code"),
        extra: Default::default(),
    }
}
