//! Everything the playground keeps in the browser, by name: the keys of
//! `localStorage` and `sessionStorage`, the name of the gallery's IndexedDB
//! database, and the helpers that read and write them. A new stored value
//! gets its key here, so that what a browser profile holds of the
//! playground can be read in one place.
//!
//! Web Storage is synchronous, which is why the small things that must
//! survive a closed tab at once live there (the trash list, the journal);
//! the images and their metadata live in IndexedDB ([`crate::store`]). How
//! much the browser lets this origin keep, and whether it may evict it, is
//! asked of `navigator.storage` (at the end of this module).

use gpt_image_wasm::core::FromJson;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::Storage;

use crate::js_json::from_text;

/// IndexedDB: the gallery's and the conversations' database (its tables are [`crate::store`]'s).
pub const DATABASE: &str = "gpt-image-playground";

/// `localStorage`: the Settings dialog's providers, timeout and retries, as
/// JSON (a key only when its provider says to remember it).
pub const SETTINGS: &str = "gpt-image-playground.settings";

/// `localStorage`: the form's values, as JSON (never a key).
pub const FORM: &str = "gpt-image-playground.form";

/// `localStorage`: the ids of gallery images deleted but not yet erased,
/// comma-separated.
pub const TRASH: &str = "gpt-image-playground.trash";

/// `localStorage`: the ids of conversations deleted but not yet erased, comma-separated.
pub const THREAD_TRASH: &str = "gpt-image-playground.thread-trash";

/// `localStorage`: while the conversation mode is open, the id of the
/// conversation in view (empty for a new one), so a reload opens it again.
pub const CONVERSATION: &str = "gpt-image-playground.conversation";

/// `localStorage`: the prefix of the crash journal's notes, one per image
/// being written: `…writing.<tab>.<n>`.
pub const JOURNAL: &str = "gpt-image-playground.writing.";

/// `localStorage`: the language the person picked (`en` or `zh-CN`); without
/// it the browser's preference decides.
pub const LANGUAGE: &str = "gpt-image-playground.language";

/// `sessionStorage`: this tab's name for the journal (kept across its reloads).
pub const TAB: &str = "gpt-image-playground.tab";

/// This origin's `localStorage`; `None` where the browser has it off.
pub fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's `sessionStorage`; `None` where the browser has it off.
pub fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The text `localStorage` keeps under `key`, if any.
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes `text` under `key` in `localStorage`; `false` when the browser
/// refused (storage off or full).
pub fn write(key: &str, text: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, text).is_ok())
}

/// Removes `key` from `localStorage`; `false` when the browser refused.
pub fn remove(key: &str) -> bool {
    local_storage().is_some_and(|storage| storage.remove_item(key).is_ok())
}

/// The value `localStorage` keeps under `key` as JSON; `None` when there is
/// none or it does not read as a `T`.
pub fn read_json<T: FromJson>(key: &str) -> Option<T> {
    read(key).and_then(|text| from_text(&text))
}

/// Writes `value` under `key` in `localStorage` as JSON; `false` when the
/// browser refused.
pub fn write_json<T: Serialize>(key: &str, value: &T) -> bool {
    serde_json::to_string(value).is_ok_and(|text| write(key, &text))
}

/// Every key of `localStorage` that starts with `prefix`.
pub fn keys_starting(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else { return Vec::new() };
    (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// How much this origin stores and may store, in bytes, as the browser
/// estimates it (`navigator.storage.estimate()`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Estimate {
    /// Bytes used by this origin (the gallery, mostly).
    pub usage: f64,
    /// Bytes it may use before writes fail.
    pub quota: f64,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Missing outside secure contexts: read it as a property, not through the binding.
    js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|value| !value.is_undefined())?;
    Some(navigator.storage())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?).await.ok()
}

/// The browser's estimate of this origin's storage; `None` where it does not say.
pub async fn estimate() -> Option<Estimate> {
    let value = settle(storage_manager()?.estimate()).await?;
    let number = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok().and_then(|value| value.as_f64());
    Some(Estimate { usage: number("usage").unwrap_or(0.0), quota: number("quota")? })
}

/// Whether the browser has promised not to evict this origin's storage
/// (`navigator.storage.persisted()`); `None` where it does not say.
pub async fn persisted() -> Option<bool> {
    settle(storage_manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep this origin's storage (`navigator.storage.persist()`);
/// whether it agreed. Browsers decide by their own rules, without asking or by asking.
pub async fn persist() -> Option<bool> {
    settle(storage_manager()?.persist()).await?.as_bool()
}
