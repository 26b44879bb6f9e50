//! Reading the parameters of a parsed JSON object, every problem at once.

use super::{Extra, Kind, ParameterValue, STRUCTURAL_FIELDS};
use crate::issue::{Issue, Rule};
use crate::json::JsonValue;
use crate::with_values;

/// Reads parameters from one JSON object; a value of the wrong kind is
/// left out and noted as an issue naming its field, so that validation can
/// report it with every other problem.
pub struct ParameterReader<'a, J> {
    object: &'a J,
    /// The values that could not be read, one issue each.
    pub issues: Vec<Issue>,
}

impl<'a, J: JsonValue> ParameterReader<'a, J> {
    /// A reader of `object`'s members.
    pub fn new(object: &'a J) -> Self {
        ParameterReader { object, issues: Vec::new() }
    }

    /// `prompt`: empty when absent (validation says it is required), an
    /// issue when it is not a string.
    pub fn prompt(&mut self) -> String {
        let Some(value) = self.object.member("prompt") else { return String::new() };
        value.text().unwrap_or_else(|| {
            let text = value.json_text();
            let issue = format!("prompt must be a string, not {text}");
            self.issues.push(with_values!(Issue::error("prompt", Rule::Malformed, issue), given = text));
            String::new()
        })
    }

    /// Member `name`, unless absent or `null`; a value of the wrong kind is `None` and an issue.
    pub fn read<T: ParameterValue>(&mut self, name: &str) -> Option<T> {
        let value = self.object.member(name)?;
        let read = T::read(&value);
        if read.is_none() {
            self.unreadable(name, T::KIND, &value);
        }
        read
    }

    /// Notes a value of the wrong kind (one copy, whatever the parameter's type).
    #[cold]
    fn unreadable(&mut self, name: &str, kind: Kind, value: &J) {
        let text = value.json_text();
        let message = format!("{name} must be {}, not {text}", kind.described());
        self.issues.push(with_values!(Issue::error(name, Rule::Malformed, message), given = text));
    }

    /// The members that are neither in `known` nor structural (`prompt`,
    /// an edit's files), as written.
    pub fn extra(&self, known: &[&str]) -> Extra {
        // Inserted one by one: collecting would sort, and bring a sort into the wasm bundles.
        let mut extra = Extra::new();
        for key in self.object.keys() {
            if !known.contains(&key.as_str()) && !STRUCTURAL_FIELDS.contains(&key.as_str()) {
                let value = self.object.member(&key).map_or(serde_json::Value::Null, |value| value.to_value());
                extra.insert(key, value);
            }
        }
        extra
    }
}
