//! The `image_generation` tool: its image parameters are the Images API's
//! ([`crate::parameters`]), less those the tool does not take.

use crate::with_values;
use serde::Serialize;

use crate::edit::EditRequest;
use crate::endpoint::Endpoint;
use crate::image_input::ImageInput;
use crate::issue::{Issue, Rule};
use crate::json::JsonValue;
use crate::parameters::ParameterReader;
use crate::validate::ValidationOptions;

/// The tool's `type`.
pub const TOOL_TYPE: &str = "image_generation";

/// The `type` of the output item of one call of the tool.
pub const CALL_TYPE: &str = "image_generation_call";

/// The model the tool draws with when it names none: it draws only with
/// GPT image models, so the API's default GPT image model (never the
/// Images API's default for generations, `dall-e-2`).
pub const TOOL_DEFAULT_MODEL: &str = crate::catalogue::DEFAULT_GPT_MODEL;

/// The tool's own fields, beside the image parameters.
const TOOL_FIELDS: [&str; 3] = ["type", "action", "input_image_mask"];

/// Image parameters the tool does not take: one image per call, streamed
/// with the response's own `stream`, always as base64.
pub const TOOL_WITHOUT: &[&str] = &["n", "stream", "response_format", "user", "style"];

/// `{ type: "image_generation", action?, input_image_mask?, …image parameters }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageGenerationTool {
    /// `generate`, `edit` or `auto` (the default): whether the turn's input
    /// images are edited or new images drawn.
    pub action: Option<String>,
    /// A mask for the first input image, as an image URL or file id.
    pub input_image_mask: Option<ImageInput>,
    /// The image parameters (its prompt and images are unused: the turn's
    /// input holds them), and fields the list does not name in `extra`.
    pub image: EditRequest,
}

impl ImageGenerationTool {
    /// The model that draws: the tool's `model`, else [`TOOL_DEFAULT_MODEL`].
    pub fn effective_model(&self) -> crate::Model {
        self.image.model.clone().unwrap_or_else(|| crate::Model::from(TOOL_DEFAULT_MODEL))
    }

    /// Reads the tool from its JSON object; a value of the wrong kind is an
    /// issue naming `tools[index].field`.
    pub fn read_json<J: JsonValue>(json: &J, index: usize, issues: &mut Vec<Issue>) -> Self {
        let mut reader = ParameterReader::new(json);
        let mut image = EditRequest::default();
        image.read_parameters(&mut reader);
        // Rebuilt rather than removed from: removal would bring the map's rebalancing into the wasm bundles.
        let mut extra = crate::parameters::Extra::new();
        for (name, value) in std::mem::take(&mut image.extra) {
            if !TOOL_FIELDS.contains(&name.as_str()) {
                extra.insert(name, value);
            }
        }
        image.extra = extra;
        issues.extend(
            reader.issues.into_iter().map(|issue| Issue { field: format!("tools[{index}].{}", issue.field), ..issue }),
        );
        let action = json.member("action").and_then(|action| action.text());
        let input_image_mask = json.member("input_image_mask").and_then(|mask| {
            crate::image_input::read_reference(&mask, &format!("tools[{index}].input_image_mask"), issues)
        });
        ImageGenerationTool { action, input_image_mask, image }
    }

    /// Checks the tool's image parameters against the catalogue, as the
    /// Images API's own: an edit when the action is `edit` or the turn has
    /// input images, else a generation. `prompt` is the turn's text and
    /// `stream` the response's. Every issue names `tools[index].field`
    /// (`stream`, which is the response's, keeps its name).
    pub fn validate(
        &self,
        index: usize,
        prompt: &str,
        inputs: &[ImageInput],
        stream: Option<bool>,
        options: &ValidationOptions,
    ) -> Vec<Issue> {
        let edit = self.action.as_deref() == Some("edit")
            || (self.action.as_deref() != Some("generate") && !inputs.is_empty());
        let mut image = EditRequest { prompt: prompt.to_owned(), stream, ..self.image.clone() };
        let report = if edit {
            image.images =
                if inputs.is_empty() { vec![ImageInput::FileId("the turn's image".into())] } else { inputs.to_vec() };
            image.mask = self.input_image_mask.clone();
            image.validate_with(options)
        } else {
            let mut generation = image.shared().generation(image.prompt.clone());
            generation.extra = image.extra.clone();
            // Checked with the tool's own default, not the Images API's `dall-e-2`.
            generation.model = Some(self.effective_model());
            let mut report = generation.validate_with(options);
            if self.image.model.is_none() {
                // What the catalogue says of a name the caller did not write (retired, …) is not theirs to fix.
                report.issues.retain(|issue| issue.field != "model");
            }
            report
        };
        let mut issues: Vec<Issue> = report
            .issues
            .into_iter()
            .filter(|issue| !issue.field.starts_with("prompt") && !issue.field.starts_with("image"))
            .map(|issue| match issue.field.as_str() {
                "stream" => issue,
                "mask" => Issue { field: format!("tools[{index}].input_image_mask"), ..issue },
                field => Issue { field: format!("tools[{index}].{field}"), ..issue },
            })
            .collect();
        let set = self.image.set_parameters();
        if !edit {
            for name in set.iter().filter(|name| !crate::parameters::takes(Endpoint::Generate, name)) {
                issues.push(with_values!(Issue::warning(
                    format!("tools[{index}].{name}"),
                    Rule::UnknownParameter,
                    format!(
                        "{name} applies to edits only: this turn draws a new image (no input image, or action: generate)"
                    ),
                ), given = name));
            }
        }
        for &name in TOOL_WITHOUT.iter().filter(|name| set.contains(name)) {
            issues.push(with_values!(Issue::warning(
                format!("tools[{index}].{name}"),
                Rule::UnknownParameter,
                format!("the image_generation tool takes no {name}: it makes one image per call, as base64, streamed with the response"),
            ), given = name));
        }
        issues
    }
}

impl Serialize for ImageGenerationTool {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap};
        let image =
            EditRequest { prompt: String::new(), images: Vec::new(), mask: None, markup: None, ..self.image.clone() };
        let serde_json::Value::Object(mut members) = serde_json::to_value(&image).map_err(S::Error::custom)? else {
            return Err(S::Error::custom("an image request is an object"));
        };
        members.remove("prompt");
        members.remove("images");
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", TOOL_TYPE)?;
        if let Some(action) = &self.action {
            map.serialize_entry("action", action)?;
        }
        if let Some(mask) = &self.input_image_mask {
            map.serialize_entry("input_image_mask", &crate::image_input::ImageRefOf(mask))?;
        }
        for (name, value) in &members {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
