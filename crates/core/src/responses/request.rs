//! `POST /v1/responses`: one turn of a conversation.

use serde::Serialize;

use super::tool::{ImageGenerationTool, TOOL_TYPE};
use crate::image_input::{ImageInput, ImageRefOf};
use crate::issue::{Issue, Report, Rule, Severity};
use crate::json::{FromJson, JsonValue};
use crate::parameters::Extra;
use crate::validate::{ValidationMode, ValidationOptions};

/// The body of `POST /v1/responses`, with what image conversations use
/// named and everything else in `extra`, sent as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ResponseRequest {
    /// The model that answers (a text model such as `gpt-5.1`; the tool's
    /// own `model` draws the images).
    pub model: String,
    /// This turn: text, or messages of text and input images.
    pub input: Input,
    /// The tools the model may call: `image_generation` with its image
    /// parameters, and any other as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<Tool>,
    /// The response this turn follows, so the model sees the earlier turns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_response_id: Option<String>,
    /// Answer with server-sent events (partial images among them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// `auto`, `required`, or `{type: "image_generation"}`: as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<serde_json::Value>,
    /// Fields this crate does not name, sent as written.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A turn's input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Input {
    /// Plain text, said by the user.
    Text(String),
    /// Messages, each with its parts.
    Messages(Vec<InputMessage>),
}

impl Default for Input {
    fn default() -> Self {
        Input::Text(String::new())
    }
}

/// `{ role, content: [parts] }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputMessage {
    /// `user` (or `system`, `developer`, `assistant`).
    pub role: String,
    /// Its parts.
    pub content: Vec<ContentPart>,
}

/// One part of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum ContentPart {
    /// `{type: "input_text", text}`.
    Text(String),
    /// `{type: "input_image", image_url | file_id}`.
    Image(ImageInput),
    /// Any other part, as written.
    Other(serde_json::Value),
}

/// One tool.
#[derive(Debug, Clone, PartialEq)]
pub enum Tool {
    /// `{type: "image_generation", …}` (boxed: it holds every image parameter).
    ImageGeneration(Box<ImageGenerationTool>),
    /// Any other tool, as written.
    Other(serde_json::Value),
}

impl ResponseRequest {
    /// A turn of `text` with the image tool's default parameters.
    pub fn new(model: impl Into<String>, text: impl Into<String>) -> Self {
        ResponseRequest {
            model: model.into(),
            input: Input::Text(text.into()),
            tools: vec![Tool::ImageGeneration(Box::default())],
            ..Default::default()
        }
    }

    /// Reads a request from a JSON object: values of the wrong kind are
    /// issues naming their fields (`input[0].content[1]`, `tools[0].size`);
    /// members this crate does not name go to `extra`.
    pub fn read_json<J: JsonValue>(json: &J) -> (Self, Vec<Issue>) {
        let mut issues = Vec::new();
        let text = |name: &str, issues: &mut Vec<Issue>| {
            let value = json.member(name)?;
            let text = value.text();
            if text.is_none() {
                issues.push(Issue::error(
                    name,
                    Rule::Malformed,
                    format!("{name} must be a string, not {}", value.json_text()),
                ));
            }
            text
        };
        let model = text("model", &mut issues).unwrap_or_default();
        let previous_response_id = text("previous_response_id", &mut issues);
        let input = match json.member("input") {
            None => Input::default(),
            Some(input) => match (input.text(), input.array()) {
                (Some(text), _) => Input::Text(text),
                (None, Some(items)) => Input::Messages(
                    items.iter().enumerate().filter_map(|(i, item)| read_message(item, i, &mut issues)).collect(),
                ),
                (None, None) => {
                    issues.push(Issue::error("input", Rule::Malformed, "input must be text or a list of messages"));
                    Input::default()
                }
            },
        };
        let tools = json
            .member("tools")
            .map(|tools| tools.items())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, tool)| match tool.member("type").and_then(|kind| kind.text()).as_deref() {
                Some(TOOL_TYPE) => {
                    Tool::ImageGeneration(Box::new(ImageGenerationTool::read_json(tool, index, &mut issues)))
                }
                _ => Tool::Other(tool.to_value()),
            })
            .collect();
        let stream = json.member("stream").and_then(|stream| stream.boolean());
        let tool_choice = json.member("tool_choice").map(|choice| choice.to_value());
        let named = ["model", "input", "tools", "previous_response_id", "stream", "tool_choice"];
        // Inserted one by one: collecting would sort, and bring a sort into the wasm bundles.
        let mut extra = Extra::new();
        for key in json.keys().into_iter().filter(|key| !named.contains(&key.as_str())) {
            let value = json.member(&key).map_or(serde_json::Value::Null, |value| value.to_value());
            extra.insert(key, value);
        }
        (ResponseRequest { model, input, tools, previous_response_id, stream, tool_choice, extra }, issues)
    }

    /// The turn's text: every text part of its user messages, joined by lines.
    pub fn text(&self) -> String {
        match &self.input {
            Input::Text(text) => text.clone(),
            Input::Messages(messages) => messages
                .iter()
                .filter(|message| message.role == "user")
                .flat_map(|message| &message.content)
                .filter_map(|part| match part {
                    ContentPart::Text(text) => Some(text.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The turn's input images, in order.
    pub fn input_images(&self) -> Vec<ImageInput> {
        match &self.input {
            Input::Text(_) => Vec::new(),
            Input::Messages(messages) => messages
                .iter()
                .flat_map(|message| &message.content)
                .filter_map(|part| match part {
                    ContentPart::Image(image) => Some(image.clone()),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The `image_generation` tools, with their index in `tools`.
    pub fn image_tools(&self) -> impl Iterator<Item = (usize, &ImageGenerationTool)> {
        self.tools.iter().enumerate().filter_map(|(index, tool)| match tool {
            Tool::ImageGeneration(tool) => Some((index, &**tool)),
            Tool::Other(_) => None,
        })
    }

    /// The image tool that draws this turn's image, with its index in
    /// `tools`: the first one, unless `tool_choice` is `none` (the model
    /// then draws nothing). The emulator draws with it, the relay counts it.
    pub fn drawing_tool(&self) -> Option<(usize, &ImageGenerationTool)> {
        let declined = self.tool_choice.as_ref().and_then(serde_json::Value::as_str) == Some("none");
        self.image_tools().next().filter(|_| !declined)
    }

    /// Every problem of the turn: a model and some input are required, and
    /// each image tool's parameters are checked by the catalogue as the
    /// Images API's are ([`ImageGenerationTool::validate`]).
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        if options.mode == ValidationMode::Off {
            return Report::default();
        }
        let mut issues = Vec::new();
        if self.model.trim().is_empty() {
            issues.push(Issue::error(
                "model",
                Rule::Required,
                "model is empty: name the model that answers (for example gpt-5.1)",
            ));
        }
        let (text, images) = (self.text(), self.input_images());
        if text.trim().is_empty() && images.is_empty() && self.previous_response_id.is_none() {
            issues.push(Issue::error("input", Rule::Required, "say what to draw: the input is empty"));
        }
        if self.previous_response_id.as_deref().is_some_and(|id| id.trim().is_empty()) {
            issues.push(Issue::error(
                "previous_response_id",
                Rule::Required,
                "previous_response_id is empty: give an id or leave it out",
            ));
        }
        for (index, tool) in self.image_tools() {
            issues.extend(tool.validate(index, &text, &images, self.stream, options));
        }
        if options.mode == ValidationMode::WarningsOnly {
            for issue in &mut issues {
                issue.severity = Severity::Warning;
            }
        }
        Report { issues }
    }
}

/// `{role, content}`: `content` as text or as parts.
fn read_message<J: JsonValue>(item: &J, index: usize, issues: &mut Vec<Issue>) -> Option<InputMessage> {
    let role = item.member("role").and_then(|role| role.text()).unwrap_or_else(|| "user".into());
    let content = item.member("content");
    let parts = match (content.as_ref().and_then(J::text), content.as_ref().and_then(J::array)) {
        (Some(text), _) => vec![ContentPart::Text(text)],
        (None, Some(parts)) => parts
            .iter()
            .enumerate()
            .map(|(part, value)| read_part(value, &format!("input[{index}].content[{part}]"), issues))
            .collect(),
        (None, None) => {
            issues.push(Issue::error(
                format!("input[{index}]"),
                Rule::Malformed,
                format!("input[{index}] needs content: text or a list of parts"),
            ));
            return None;
        }
    };
    Some(InputMessage { role, content: parts })
}

fn read_part<J: JsonValue>(value: &J, field: &str, issues: &mut Vec<Issue>) -> ContentPart {
    match value.member("type").and_then(|kind| kind.text()).as_deref() {
        Some("input_text") => ContentPart::Text(value.member("text").and_then(|text| text.text()).unwrap_or_default()),
        Some("input_image") => {
            let url = value.member("image_url").and_then(|url| url.text());
            let id = value.member("file_id").and_then(|id| id.text());
            match (url, id) {
                (Some(url), None) => ContentPart::Image(ImageInput::Url(url)),
                (None, Some(id)) => ContentPart::Image(ImageInput::FileId(id)),
                _ => {
                    issues.push(Issue::error(
                        field,
                        Rule::Malformed,
                        format!("{field} needs exactly one of image_url and file_id"),
                    ));
                    ContentPart::Other(value.to_value())
                }
            }
        }
        _ => ContentPart::Other(value.to_value()),
    }
}

impl FromJson for ResponseRequest {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        if !json.is_object() {
            return Err("a response request is not an object".into());
        }
        let (request, issues) = ResponseRequest::read_json(json);
        issues.into_iter().next().map_or(Ok(request), |issue| Err(issue.message))
    }
}

impl Serialize for ContentPart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            ContentPart::Text(text) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("type", "input_text")?;
                map.serialize_entry("text", text)?;
                map.end()
            }
            ContentPart::Image(image) => {
                let serde_json::Value::Object(reference) =
                    serde_json::to_value(ImageRefOf(image)).map_err(serde::ser::Error::custom)?
                else {
                    return Err(serde::ser::Error::custom("an image reference is an object"));
                };
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("type", "input_image")?;
                for (key, value) in &reference {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            ContentPart::Other(value) => value.serialize(serializer),
        }
    }
}

impl Serialize for Tool {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tool::ImageGeneration(tool) => tool.serialize(serializer),
            Tool::Other(value) => value.serialize(serializer),
        }
    }
}
