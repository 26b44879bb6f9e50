//! The form, kept across reloads: every control's value (never a key, which
//! is the settings' business) in `localStorage`, written as it changes and
//! put back when the page opens. Kept where the settings are kept (the
//! playground's own page, see [`Settings::kept`]); an embedded generator
//! keeps nothing in its host's storage.
//!
//! The prompt box starts empty, with an example as its placeholder, rather
//! than with text a person has to delete first.

use gpt_image_wasm::core::{Fields, FromJson, JsonValue};
use leptos::prelude::*;
use serde::Serialize;

use crate::form::Form;
use crate::js_json::from_text;
use crate::settings::Settings;

/// The `localStorage` key of the form.
const STORAGE_KEY: &str = "gpt-image-playground.form";

/// The prompt box's placeholder: an example, not a value.
pub const PROMPT_PLACEHOLDER: &str = "a lighthouse at dawn, watercolour";

/// What is stored: each control's text, as the form holds it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
struct Saved {
    prompt: String,
    model: String,
    size: String,
    width: String,
    height: String,
    quality: String,
    background: String,
    output_format: String,
    compression: String,
    moderation: String,
    n: String,
    stream: bool,
    partial_images: String,
    input_fidelity: String,
}

/// Each member that is missing is left empty.
impl FromJson for Saved {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        let fields = Fields::of(json, "the form")?;
        let text = |key: &str| Ok::<_, String>(fields.text(key)?.unwrap_or_default());
        Ok(Saved {
            prompt: text("prompt")?,
            model: text("model")?,
            size: text("size")?,
            width: text("width")?,
            height: text("height")?,
            quality: text("quality")?,
            background: text("background")?,
            output_format: text("output_format")?,
            compression: text("compression")?,
            moderation: text("moderation")?,
            n: text("n")?,
            stream: fields.flag("stream")?.unwrap_or_default(),
            partial_images: text("partial_images")?,
            input_fidelity: text("input_fidelity")?,
        })
    }
}

impl Saved {
    /// The form's values now (tracked: an effect that reads them reruns on each change).
    fn of(form: &Form) -> Self {
        Saved {
            prompt: form.prompt.get(),
            model: form.model.get(),
            size: form.size.get(),
            width: form.width.get(),
            height: form.height.get(),
            quality: form.quality.get(),
            background: form.background.get(),
            output_format: form.output_format.get(),
            compression: form.compression.get(),
            moderation: form.moderation.get(),
            n: form.n.get(),
            stream: form.stream.get(),
            partial_images: form.partial_images.get(),
            input_fidelity: form.input_fidelity.get(),
        }
    }

    /// Puts the values into the form.
    fn restore(self, form: &Form) {
        form.set_model(&self.model);
        for (signal, value) in [
            (form.prompt, self.prompt),
            (form.size, self.size),
            (form.width, self.width),
            (form.height, self.height),
            (form.quality, self.quality),
            (form.background, self.background),
            (form.output_format, self.output_format),
            (form.compression, self.compression),
            (form.moderation, self.moderation),
            (form.n, self.n),
            (form.partial_images, self.partial_images),
            (form.input_fidelity, self.input_fidelity),
        ] {
            signal.set(value);
        }
        form.stream.set(self.stream);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Keeps `form` across reloads, where the settings are kept: puts back what
/// was stored (on a first visit, empties the prompt for its placeholder)
/// and stores every change. Call it once, where the form is shown.
pub fn keep(form: Form) {
    if !use_context::<Settings>().is_some_and(|settings| settings.kept) {
        return;
    }
    let saved = local_storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| from_text::<Saved>(&text));
    match saved {
        Some(saved) => saved.restore(&form),
        None => form.prompt.set(String::new()),
    }
    Effect::new(move |_| {
        let saved = Saved::of(&form);
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(&saved)) {
            // A full storage only costs the form's memory, never an image.
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_form_reads_back_as_it_was_written_and_missing_controls_stay_empty() {
        let saved = Saved {
            prompt: "a fox".into(),
            model: "gpt-image-2.5".into(),
            size: "custom".into(),
            width: "2048".into(),
            height: "1152".into(),
            quality: "high".into(),
            background: "auto".into(),
            output_format: "webp".into(),
            compression: "80".into(),
            moderation: "low".into(),
            n: "2".into(),
            stream: true,
            partial_images: "2".into(),
            input_fidelity: "high".into(),
        };
        assert_eq!(Saved::from_json(&serde_json::to_value(&saved).unwrap()), Ok(saved));
        let older = Saved::from_json(&json!({"prompt": "a fox", "n": "3"})).unwrap();
        assert_eq!(older, Saved { prompt: "a fox".into(), n: "3".into(), ..Saved::default() });
    }
}
