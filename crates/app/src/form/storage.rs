//! The form, kept across reloads: every control's value (never a key, which
//! is the providers' business) in `localStorage` (under
//! [`browser_storage::FORM`]), written as it changes and
//! put back when the page opens. Kept where the providers are kept (the
//! playground's own page, see [`Providers::kept`]); an embedded generator
//! keeps nothing in its host's storage.
//!
//! The prompt box starts empty, with an example as its placeholder
//! ([`super::state::EXAMPLE_PROMPT`]), rather than with text a person has
//! to delete first.

use gpt_image_wasm::core::{Extra, Fields, FromJson, JsonValue, Kind, PARAMETERS};
use leptos::prelude::*;
use serde::Serialize;

use super::state::{CUSTOM, Form};
use crate::browser_storage;
use crate::settings::Providers;

/// What is stored: the prompt, every parameter's text by name (those of
/// core's one list; `size` as sent, `WIDTHxHEIGHT` for a custom one), the
/// custom size last typed, and the extra fields' text. The parameters are
/// a JSON map of strings (the type requests' `extra` already is: no second
/// map's code in the wasm).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
struct SavedForm {
    prompt: String,
    parameters: Extra,
    width: String,
    height: String,
    extra: String,
}

/// Each member that is missing is left empty. A form stored before the
/// parameters were kept by name (each at the top level, `compression` for
/// `output_compression`, `stream` a flag, `size` `custom` beside `width`
/// and `height`) reads as it was.
impl FromJson for SavedForm {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the form")?;
        let text = |key: &str| Ok::<_, String>(fields.text(key)?.unwrap_or_default());
        let (width, height) = (text("width")?, text("height")?);
        let mut parameters = Extra::new();
        match json.member("parameters") {
            Some(stored) => {
                let stored = Fields::of(&stored, "the form's parameters")?;
                for parameter in PARAMETERS {
                    if let Some(value) = stored.text(parameter.name)? {
                        parameters.insert(parameter.name.to_owned(), value.into());
                    }
                }
            }
            None => {
                for parameter in PARAMETERS {
                    let key = if parameter.name == "output_compression" { "compression" } else { parameter.name };
                    let value = match parameter.kind {
                        Kind::Flag => fields.flag(key)?.filter(|on| *on).map(|on| on.to_string()),
                        _ => fields.text(key)?,
                    };
                    if let Some(value) = value.filter(|value| !value.is_empty()) {
                        parameters.insert(parameter.name.to_owned(), value.into());
                    }
                }
                if parameters.get("size").is_some_and(|size| size == CUSTOM) {
                    parameters.insert("size".into(), format!("{width}x{height}").into());
                }
            }
        }
        Ok(SavedForm { prompt: text("prompt")?, parameters, width, height, extra: text("extra")? })
    }
}

impl SavedForm {
    /// The form's values now (tracked: an effect that reads them reruns on each change).
    fn of(form: &Form) -> Self {
        let mut parameters = Extra::new();
        for (name, value) in form.values.all() {
            let text = if name == "size" { form.effective_size() } else { value.get() };
            if !text.is_empty() {
                parameters.insert(name.to_owned(), text.into());
            }
        }
        SavedForm {
            prompt: form.prompt.get(),
            parameters,
            width: form.width.get(),
            height: form.height.get(),
            extra: form.extra.get(),
        }
    }

    /// Puts the values into the form.
    fn restore(self, form: &Form) {
        form.prompt.set(self.prompt);
        form.width.set(self.width);
        form.height.set(self.height);
        let texts: Vec<(&str, String)> = self
            .parameters
            .iter()
            .filter_map(|(name, text)| Some((name.as_str(), text.as_str()?.to_owned())))
            .collect();
        form.set_parameters(&texts);
        form.extra.set(self.extra);
    }
}

/// Keeps `form` across reloads, where the settings are kept: puts back what
/// was stored (on a first visit, empties the prompt for its placeholder)
/// and stores every change. Call it once, where the form is shown.
pub fn keep(form: Form) {
    if !use_context::<Providers>().is_some_and(|providers| providers.kept) {
        return;
    }
    let saved = browser_storage::read_json::<SavedForm>(browser_storage::FORM);
    match saved {
        Some(saved) => saved.restore(&form),
        None => form.prompt.set(String::new()),
    }
    Effect::new(move |_| {
        let saved = SavedForm::of(&form);
        // A full storage only costs the form's memory, never an image.
        browser_storage::write_json(browser_storage::FORM, &saved);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parameters(pairs: &[(&str, &str)]) -> Extra {
        pairs.iter().map(|(name, text)| ((*name).to_owned(), (*text).into())).collect()
    }

    #[test]
    fn the_form_reads_back_as_it_was_written_every_parameter_included() {
        // Every parameter of the list, with a text of its kind: none is left out.
        let all: Extra = PARAMETERS
            .iter()
            .map(|parameter| {
                let text = match parameter.kind {
                    Kind::Text => parameter.known.first().copied().unwrap_or("a name").to_owned(),
                    Kind::Whole => "3".to_owned(),
                    Kind::Flag => "true".to_owned(),
                    Kind::Object => r#"{"model":"gpt-5.1"}"#.to_owned(),
                };
                (parameter.name.to_owned(), text.into())
            })
            .collect();
        let saved = SavedForm {
            prompt: "a fox".into(),
            parameters: all,
            width: "2048".into(),
            height: "1152".into(),
            extra: r#"{"seed": 7}"#.into(),
        };
        assert_eq!(SavedForm::from_json(&serde_json::to_value(&saved).unwrap()), Ok(saved));
    }

    #[test]
    fn a_form_stored_by_an_older_playground_reads_as_it_was() {
        let older = json!({
            "prompt": "a fox", "model": "gpt-image-2.5", "size": "custom", "width": "2048", "height": "1152",
            "quality": "high", "background": "", "output_format": "webp", "compression": "80", "moderation": "low",
            "n": "2", "stream": true, "partial_images": "2", "input_fidelity": "high"
        });
        let read = SavedForm::from_json(&older).unwrap();
        assert_eq!(
            read.parameters,
            parameters(&[
                ("model", "gpt-image-2.5"),
                ("size", "2048x1152"),
                ("quality", "high"),
                ("output_format", "webp"),
                ("output_compression", "80"),
                ("moderation", "low"),
                ("n", "2"),
                ("stream", "true"),
                ("partial_images", "2"),
                ("input_fidelity", "high"),
            ])
        );
        let sparse = SavedForm::from_json(&json!({"prompt": "a fox", "n": "3"})).unwrap();
        assert_eq!(
            sparse,
            SavedForm { prompt: "a fox".into(), parameters: parameters(&[("n", "3")]), ..SavedForm::default() }
        );
    }
}
