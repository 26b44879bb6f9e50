//! `svg`: how an SVG is written (GPT Image 2.6's `output_format: svg`).

use super::{Kind, ParameterValue};
use crate::json::{JsonValue, ParseJson};

/// `{ model, reasoning: { effort } }`: the text model that writes the SVG
/// from the image model's reference picture, and its reasoning effort. Kept
/// as the JSON object the caller wrote, so members this crate does not name
/// are sent too.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct SvgOptions(pub serde_json::Map<String, serde_json::Value>);

impl SvgOptions {
    /// Options naming the text model that writes the SVG.
    pub fn with_model(model: impl Into<String>) -> Self {
        let mut options = serde_json::Map::new();
        options.insert("model".into(), serde_json::Value::String(model.into()));
        SvgOptions(options)
    }

    /// The text model that writes the SVG (`svg.model`), if it is a string.
    pub fn model(&self) -> Option<&str> {
        self.0.get("model").and_then(serde_json::Value::as_str)
    }

    /// The text model's reasoning effort (`svg.reasoning.effort`), if it is a string.
    pub fn reasoning_effort(&self) -> Option<&str> {
        self.0.get("reasoning")?.get("effort")?.as_str()
    }
}

impl ParameterValue for SvgOptions {
    const KIND: Kind = Kind::Object;
    const TYPESCRIPT: (&'static str, &'static str) = ("ImageSvgOptions", "ImageSvgOptions");
    fn read<J: JsonValue>(json: &J) -> Option<Self> {
        match json.is_object().then(|| json.to_value())? {
            serde_json::Value::Object(members) => Some(SvgOptions(members)),
            _ => None,
        }
    }
    fn from_text<J: ParseJson>(text: &str) -> Option<Self> {
        Self::read(&J::parse(text)?)
    }
    fn to_text(&self) -> String {
        serde_json::Value::Object(self.0.clone()).to_string()
    }
}
