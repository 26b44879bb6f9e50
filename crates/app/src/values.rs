//! The form's parameter values: one text per parameter of core's one list
//! ([`PARAMETERS`]), as its control holds it (numbers as typed, a flag as
//! `true` or empty, an object as JSON). Nothing here names a parameter: a
//! new one in the list gets a value, is stored, restored and sent without
//! an edit in the playground. Empty text is "not set": the server's default.

use gpt_image_wasm::core::{EditRequest, GenerateRequest, PARAMETERS};
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
pub fn text_of(settings: &GenerateRequest, name: &str) -> Option<String> {
    settings.parameter_text(name).or_else(|| {
        settings.extra.get(name).map(|value| match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        })
    })
}

/// What a gallery entry keeps of an edit: a generation's request with the
/// same parameters, those only edits take in its `extra`, so that reusing
/// the settings restores them.
pub fn record_of(edit: &EditRequest) -> GenerateRequest {
    let mut record = GenerateRequest { prompt: edit.prompt.clone(), ..GenerateRequest::default() };
    for name in edit.set_parameters() {
        let text = edit.parameter_text(name).unwrap_or_default();
        // Text an edit holds is text its parameter reads back: a generation's
        // own parameter reads it as well, and one it lacks goes to `extra`.
        let _ = record.set_parameter_text::<gpt_image_wasm::Json>(name, &text);
    }
    record.extra.extend(edit.extra.clone());
    record
}
