//! Reading parsed JSON field by field, over any parser.
//!
//! What a browser reads (responses, stream events, the playground's stored
//! entries) is read through [`FromJson`] over a [`JsonValue`]: `serde_json`'s
//! `Value` natively, the browser's own `JSON.parse` in `gpt-image-wasm`. That
//! keeps serde's generated visitors and `serde_json`'s parser out of the
//! WebAssembly bundles (measured in the README). Types only read this way
//! have no `Deserialize`; those the server also parses with serde (requests)
//! are held to the same answers by tests.

/// A parsed JSON value, read one part at a time.
pub trait JsonValue: Sized {
    /// Member `key` of an object; `None` when this is not an object or the
    /// member is absent or `null`.
    fn member(&self, key: &str) -> Option<Self>;
    /// The text of a string; `None` for anything else.
    fn text(&self) -> Option<String>;
    /// The value of a number; `None` for anything else.
    fn number(&self) -> Option<f64>;
    /// The value of `true` or `false`; `None` for anything else.
    fn boolean(&self) -> Option<bool>;
    /// The items of an array; `None` for anything else.
    fn array(&self) -> Option<Vec<Self>>;
    /// Whether this is an object (an array is not).
    fn is_object(&self) -> bool;
    /// The member names of an object, `null` ones too; empty for anything else.
    fn keys(&self) -> Vec<String>;
    /// The value as JSON text, for messages that show what was sent.
    fn json_text(&self) -> String;

    /// The items of an array; empty for anything else.
    fn items(&self) -> Vec<Self> {
        self.array().unwrap_or_default()
    }

    /// The value as a `serde_json::Value`, built part by part (no parser:
    /// the browser's reader uses it to keep fields it does not name).
    fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        if let Some(text) = self.text() {
            Value::String(text)
        } else if let Some(flag) = self.boolean() {
            Value::Bool(flag)
        } else if let Some(number) = self.number() {
            if number.fract() == 0.0 && number.abs() < 9.0e15 {
                Value::from(number as i64)
            } else {
                serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
            }
        } else if let Some(items) = self.array() {
            Value::Array(items.iter().map(JsonValue::to_value).collect())
        } else if self.is_object() {
            // Inserted one by one: collecting would sort, and bring a sort into the wasm bundles.
            let mut members = serde_json::Map::new();
            for key in self.keys() {
                let value = self.member(&key).map_or(Value::Null, |value| value.to_value());
                members.insert(key, value);
            }
            Value::Object(members)
        } else {
            Value::Null
        }
    }
}

/// A [`JsonValue`] that comes with its parser.
pub trait ParseJson: JsonValue {
    /// Parses JSON text; `None` when it is not JSON.
    fn parse(text: &str) -> Option<Self>;
}

/// Read in place: what is read is copied, nothing else (the reference
/// decoder reads 20 MB bodies this way).
impl JsonValue for &serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.get(key).filter(|value| !value.is_null())
    }

    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn array(&self) -> Option<Vec<Self>> {
        self.as_array().map(|items| items.iter().collect())
    }

    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }

    fn keys(&self) -> Vec<String> {
        self.as_object().map_or_else(Vec::new, |members| members.keys().cloned().collect())
    }

    fn json_text(&self) -> String {
        self.to_string()
    }

    fn to_value(&self) -> serde_json::Value {
        (*self).clone()
    }
}

/// Owned, for values parsed on the way (a member read is a copy of its subtree).
impl JsonValue for serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        (&self).member(key).cloned()
    }

    fn text(&self) -> Option<String> {
        (&self).text()
    }

    fn number(&self) -> Option<f64> {
        (&self).number()
    }

    fn boolean(&self) -> Option<bool> {
        (&self).boolean()
    }

    fn array(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }

    fn is_object(&self) -> bool {
        self.is_object()
    }

    fn keys(&self) -> Vec<String> {
        (&self).keys()
    }

    fn json_text(&self) -> String {
        self.to_string()
    }

    fn to_value(&self) -> serde_json::Value {
        self.clone()
    }
}

impl ParseJson for serde_json::Value {
    fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// A type read from parsed JSON. Unknown members are ignored and absent or
/// `null` optional ones stay `None`; a member of the wrong kind is an error
/// that names it.
pub trait FromJson: Sized {
    /// Reads a value.
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String>;

    /// Parses `text` with `J`'s parser and reads it.
    fn from_json_text<J: ParseJson>(text: &str) -> Result<Self, String> {
        Self::from_json(&J::parse(text).ok_or("the text is not JSON")?)
    }
}

/// The members of one JSON object, each read as a kind, with errors that
/// say which member of what broke which rule.
pub struct Fields<'a, J> {
    object: &'a J,
    what: &'static str,
}

impl<'a, J: JsonValue> Fields<'a, J> {
    /// The members of `json`, which must be an object; `what` names it in errors.
    pub fn of(json: &'a J, what: &'static str) -> Result<Self, String> {
        if json.is_object() { Ok(Fields { object: json, what }) } else { Err(format!("{what} is not an object")) }
    }

    /// Member `key` read by `read`; absent or `null` is `None`, a value
    /// `read` refuses is an error saying it is not `kind`.
    fn value<T>(&self, key: &str, kind: &str, read: impl FnOnce(&J) -> Option<T>) -> Result<Option<T>, String> {
        match self.object.member(key) {
            None => Ok(None),
            Some(value) => read(&value).map(Some).ok_or_else(|| format!("`{key}` of {} is not {kind}", self.what)),
        }
    }

    /// A string member.
    pub fn text(&self, key: &str) -> Result<Option<String>, String> {
        self.value(key, "a string", J::text)
    }

    /// The error for member `key`, which must be there, missing.
    pub fn missing(&self, key: &str) -> String {
        format!("`{key}` of {} is missing", self.what)
    }

    /// A string member that must be there.
    pub fn required_text(&self, key: &str) -> Result<String, String> {
        self.text(key)?.ok_or_else(|| self.missing(key))
    }

    /// A string member as a type made from its text (the API's enums, sizes, models).
    pub fn named<T: for<'s> From<&'s str>>(&self, key: &str) -> Result<Option<T>, String> {
        Ok(self.text(key)?.map(|text| T::from(text.as_str())))
    }

    /// A `true` or `false` member.
    pub fn flag(&self, key: &str) -> Result<Option<bool>, String> {
        self.value(key, "true or false", J::boolean)
    }

    /// A number member.
    pub fn float(&self, key: &str) -> Result<Option<f64>, String> {
        self.value(key, "a number", J::number)
    }

    /// A whole number member that fits `T`.
    pub fn whole<T: TryFrom<i64>>(&self, key: &str) -> Result<Option<T>, String> {
        self.value(key, "a whole number in range", |value| {
            let number = value.number().filter(|number| number.fract() == 0.0 && number.abs() < 9.3e18)?;
            T::try_from(number as i64).ok()
        })
    }

    /// An object member read as `T`.
    pub fn read<T: FromJson>(&self, key: &str) -> Result<Option<T>, String> {
        self.object.member(key).map(|value| T::from_json(&value)).transpose()
    }

    /// An array member of `T`s; an item's error says which.
    pub fn list<T: FromJson>(&self, key: &str) -> Result<Option<Vec<T>>, String> {
        let Some(items) = self.value(key, "an array", J::array)? else { return Ok(None) };
        let read = items.iter().enumerate().map(|(index, item)| {
            T::from_json(item).map_err(|error| format!("`{key}[{index}]` of {}: {error}", self.what))
        });
        read.collect::<Result<Vec<T>, String>>().map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn each_kind_is_read_or_named_as_wrong() {
        let value = json!({"a": "text", "b": true, "c": 2.5, "d": 7, "e": -1, "f": null, "g": [1], "h": 1e20});
        let fields = Fields::of(&value, "a thing").unwrap();
        assert_eq!(fields.text("a"), Ok(Some("text".into())));
        assert_eq!(fields.flag("b"), Ok(Some(true)));
        assert_eq!(fields.float("c"), Ok(Some(2.5)));
        assert_eq!(fields.whole::<u32>("d"), Ok(Some(7)));
        assert_eq!(fields.whole::<i64>("e"), Ok(Some(-1)));
        assert_eq!(fields.text("f"), Ok(None), "null is absent");
        assert_eq!(fields.text("missing"), Ok(None));
        assert_eq!(fields.text("b"), Err("`b` of a thing is not a string".into()));
        assert_eq!(fields.flag("a"), Err("`a` of a thing is not true or false".into()));
        assert_eq!(fields.whole::<u32>("c"), Err("`c` of a thing is not a whole number in range".into()));
        assert_eq!(fields.whole::<u32>("e"), Err("`e` of a thing is not a whole number in range".into()));
        assert_eq!(fields.whole::<u64>("h"), Err("`h` of a thing is not a whole number in range".into()));
        assert_eq!(fields.required_text("missing"), Err("`missing` of a thing is missing".into()));
        assert!(Fields::of(&json!([1]), "a thing").is_err_and(|error| error == "a thing is not an object"));
    }

    #[test]
    fn a_list_names_the_item_that_breaks() {
        struct Even(u32);
        impl FromJson for Even {
            fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
                let number = json.number().ok_or("not a number")? as u32;
                if number.is_multiple_of(2) { Ok(Even(number)) } else { Err(format!("{number} is odd")) }
            }
        }
        let value = json!({"items": [2, 4, 5], "even": [2, 4], "other": {}});
        let fields = Fields::of(&value, "a list holder").unwrap();
        let even = fields.list::<Even>("even").unwrap().unwrap();
        assert_eq!(even.iter().map(|even| even.0).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(fields.list::<Even>("items").err(), Some("`items[2]` of a list holder: 5 is odd".into()));
        assert_eq!(fields.list::<Even>("other").err(), Some("`other` of a list holder is not an array".into()));
        assert!(fields.list::<Even>("absent").unwrap().is_none());
        assert!(Even::from_json_text::<Value>("{").is_err_and(|error| error == "the text is not JSON"));
    }
}
