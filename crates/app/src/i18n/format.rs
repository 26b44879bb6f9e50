//! Numbers, prices, sizes and dates written the way the language in use
//! writes them, by the browser's `Intl` (so `1,234` and `US$0.016` in
//! Chinese, `1,234` and `$0.016` in English, and each language's dates).

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
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

/// A size in bytes, in the largest unit of kilobytes, megabytes and
/// gigabytes that keeps it at least one: `812 kB`, `2.3 MB`.
pub fn bytes(count: f64) -> String {
    let (unit, size) = [("gigabyte", 1e9), ("megabyte", 1e6)]
        .into_iter()
        .find(|(_, size)| count >= *size)
        .unwrap_or(("kilobyte", 1e3));
    #[rustfmt::skip]
    let pairs = [("style", "unit".into()), ("unit", unit.into()), ("maximumFractionDigits", 1.into())];
    number_with(count / size, &pairs)
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

/// A moment (milliseconds since 1970), as a short date and time.
pub fn date_time(milliseconds: f64) -> String {
    let pairs = [("dateStyle", JsValue::from_str("medium")), ("timeStyle", JsValue::from_str("short"))];
    let format = Intl::DateTimeFormat::new(&locales(), &options(&pairs)).format();
    apply(format, &Date::new(&JsValue::from_f64(milliseconds)))
}
