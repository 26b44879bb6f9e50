//! Rust values to JavaScript objects and back through JSON text, with
//! serde_json on the Rust side and the browser's `JSON` on the other.
//!
//! The app reads and writes JSON with serde_json anyway (settings, the
//! form, `gallery.json`, the API), so going through text costs no code;
//! `serde_wasm_bindgen` would compile a second copy of every type's
//! (de)serializer into the wasm.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// `value` as a plain JavaScript object (what `JSON.parse` gives).
pub fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    js_sys::JSON::parse(&serde_json::to_string(value).ok()?).ok()
}

/// A plain JavaScript object (as `JSON.stringify` sees it) as a `T`.
pub fn from_js<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(value).ok()?)).ok()
}
