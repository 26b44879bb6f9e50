//! The form's parameter values: one text per parameter of core's one list
//! ([`PARAMETERS`]), as its control holds it (numbers as typed, a flag as
//! `true` or empty, an object as JSON). Nothing here names a parameter: a
//! new one in the list gets a value, is stored, restored and sent without
//! an edit in the playground. Empty text is "not set": the server's default.

use gpt_image_wasm::core::{GenerateRequest, PARAMETERS};
use leptos::prelude::*;

/// One signal per parameter, by wire name.
#[derive(Clone, Copy)]
pub struct Values(StoredValue<Vec<(&'static str, RwSignal<String>)>>);

impl Values {
    /// Every parameter, empty.
    pub fn new() -> Self {
        Values(StoredValue::new(
            PARAMETERS.iter().map(|parameter| (parameter.name, RwSignal::new(String::new()))).collect(),
        ))
    }

    /// The value of parameter `name`.
    ///
    /// # Panics
    /// When `name` is not a parameter of the list: the form names only parameters it has.
    pub fn get(&self, name: &str) -> RwSignal<String> {
        self.0
            .with_value(|values| values.iter().find(|(each, _)| *each == name).map(|(_, value)| *value))
            .unwrap_or_else(|| panic!("{name} is not a parameter of gpt_image_core::PARAMETERS"))
    }

    /// Every parameter and its value, in the list's order.
    pub fn all(&self) -> Vec<(&'static str, RwSignal<String>)> {
        self.0.get_value()
    }
}

/// The text of a request's parameter, or of a member of its `extra` that
/// is one (an edit's own parameters, kept in a generation's record).
pub fn text_of(request: &GenerateRequest, name: &str) -> Option<String> {
    request.parameter_text(name).or_else(|| {
        request.extra.get(name).map(|value| match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        })
    })
}
