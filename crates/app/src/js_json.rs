//! Rust values to JavaScript objects and back: written as JSON text by
//! serde_json and parsed by the browser's `JSON`, read back from the
//! JavaScript values by core's readers ([`FromJson`]), so the wasm holds
//! no serde deserializer (`serde_wasm_bindgen` would compile a second copy
//! of every type's code).

use gpt_image_wasm::Json;
use gpt_image_wasm::core::{FromJson, ParseJson};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript object (what `JSON.parse` gives).
pub fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    js_sys::JSON::parse(&serde_json::to_string(value).ok()?).ok()
}

/// A plain JavaScript object (as [`to_js`] makes them) as a `T`.
pub fn from_js<T: FromJson>(value: &JsValue) -> Option<T> {
    T::from_json(&Json(value.clone())).ok()
}

/// JSON text (as `localStorage` keeps it) as a `T`.
pub fn from_text<T: FromJson>(text: &str) -> Option<T> {
    Json::parse(text).and_then(|json| T::from_json(&json).ok())
}
