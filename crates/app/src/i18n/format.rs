//! Numbers, prices, durations and dates written the way the language in
//! use writes them, by the browser's `Intl` (so `US$0.016`, `12.3秒` and
//! `2026年12月7日 20:15` in Chinese, `$0.016`, `12.3 s` and
//! `Dec 7, 2026, 8:15 PM` in English). Byte sizes (`45.1 KB`) are written
//! alike in both, by the app.

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::language;

/// `options` as an `Intl` options object.
fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The language in use, as `Intl`'s list of locales.
fn locales() -> Array {
    Array::of1(&JsValue::from_str(language().tag()))
}

/// Calls a formatter's bound `format` on `value`.
fn apply(format: Function, value: &JsValue) -> String {
    format.call1(&JsValue::NULL, value).ok().and_then(|text| text.as_string()).unwrap_or_default()
}

fn number_with(value: f64, pairs: &[(&str, JsValue)]) -> String {
    apply(Intl::NumberFormat::new(&locales(), &options(pairs)).format(), &JsValue::from_f64(value))
}

/// A count: `1,234`.
pub fn count(value: u64) -> String {
    number_with(value as f64, &[])
}

/// An estimated cost in US dollars, to a tenth of a cent: `$0.016`, `US$0.016`.
pub fn usd(amount: f64) -> String {
    #[rustfmt::skip]
    let pairs = [
        ("style", "currency".into()), ("currency", "USD".into()),
        ("minimumFractionDigits", 3.into()), ("maximumFractionDigits", 3.into()),
    ];
    number_with(amount, &pairs)
}

/// Seconds, to a tenth: `12.3 s`, `12.3秒`.
pub fn seconds(value: f64) -> String {
    #[rustfmt::skip]
    let pairs = [
        ("style", "unit".into()), ("unit", "second".into()),
        ("minimumFractionDigits", 1.into()), ("maximumFractionDigits", 1.into()),
    ];
    number_with(value, &pairs)
}

/// A moment (milliseconds since the epoch) as a date and a time of day in
/// the browser's time zone: `Dec 7, 2026, 8:15 PM`, `2026年12月7日 20:15`.
pub fn date_time(ms: f64) -> String {
    let pairs = [("dateStyle", "medium".into()), ("timeStyle", "short".into())];
    let format = Intl::DateTimeFormat::new(&locales(), &options(&pairs)).format();
    apply(format, &js_sys::Date::new(&JsValue::from_f64(ms)).into())
}
