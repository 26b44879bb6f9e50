//! Reading the API's JSON with the browser's own `JSON.parse`, which costs
//! the WebAssembly bundle nothing: core's readers ([`gpt_image_core::FromJson`])
//! run over its values, so no serde deserializer is in the bundle.

use gpt_image_core::api_error::without_bom;
use gpt_image_core::{ApiError, ErrorBody, JsonValue, ParseJson};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A property of a JavaScript value (`undefined` when it is not an object).
pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `JSON.parse` of UTF-8 bytes, after a byte order mark if there is one.
pub(crate) fn parse(bytes: &[u8]) -> Option<JsValue> {
    js_sys::JSON::parse(&String::from_utf8_lossy(without_bom(bytes))).ok()
}

/// A value of `JSON.parse`, read by core's readers.
pub struct Json(pub JsValue);

impl ParseJson for Json {
    fn parse(text: &str) -> Option<Self> {
        js_sys::JSON::parse(text).ok().map(Json)
    }
}

impl JsonValue for Json {
    fn member(&self, key: &str) -> Option<Self> {
        Some(get(&self.0, key)).filter(|value| !value.is_undefined() && !value.is_null()).map(Json)
    }

    fn text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn array(&self) -> Option<Vec<Self>> {
        Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Json).collect())
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    /// `Object.keys`, without members set to `undefined` (JSON has none).
    fn keys(&self) -> Vec<String> {
        if !self.is_object() {
            return Vec::new();
        }
        let keys = Object::keys(self.0.unchecked_ref::<Object>());
        keys.iter().filter_map(|key| key.as_string()).filter(|key| !get(&self.0, key).is_undefined()).collect()
    }

    /// `JSON.stringify`; `undefined` for what it cannot write.
    fn json_text(&self) -> String {
        js_sys::JSON::stringify(&self.0).ok().and_then(|text| text.as_string()).unwrap_or_else(|| "undefined".into())
    }
}

/// An error answer read with `JSON.parse`: what [`ApiError::from_response`]
/// does natively, without bringing `serde_json`'s parser into a wasm.
pub fn read_api_error(status: u16, body: &[u8]) -> ApiError {
    api_error(status, body).0
}

/// An error answer: the [`ApiError`] (read by core, whatever the shape of
/// the body), and its error object for JavaScript (see [`error_object`]).
pub(crate) fn api_error(status: u16, body: &[u8]) -> (ApiError, JsValue) {
    let mut parsed = JsValue::UNDEFINED;
    let error = ApiError::from_response_with(status, body, |text| {
        parsed = js_sys::JSON::parse(&String::from_utf8_lossy(text)).ok()?;
        Some(Json(parsed.clone()))
    });
    let raw = error_object(&error, &parsed);
    (error, raw)
}

/// The error object JavaScript sees: the body's `error` object as sent
/// (with fields such as `moderation_details`), else `{ message, type,
/// param, code }` read from the body's other shape; `undefined` for a body
/// that was not a JSON error.
pub(crate) fn error_object(error: &ApiError, parsed: &JsValue) -> JsValue {
    let sent = get(parsed, "error");
    if sent.is_object() && !Array::is_array(&sent) {
        return sent;
    }
    if !error.is_json {
        return JsValue::UNDEFINED;
    }
    body_object(&error.error)
}

/// `{ message, type, param, code }`.
pub(crate) fn body_object(error: &ErrorBody) -> JsValue {
    let object = Object::new();
    let set = |key: &str, value: Option<&str>| {
        let _ = Reflect::set(&object, &key.into(), &value.map_or(JsValue::NULL, JsValue::from_str));
    };
    set("message", Some(&error.message));
    set("type", error.kind.as_deref());
    set("param", error.param.as_deref());
    set("code", error.code.as_deref());
    object.into()
}
