//! `POST /v1/images/generations`: what only a generation does. The
//! request's fields are declared with every parameter, once, in
//! [`crate::parameters`].

use crate::issue::Issue;
use crate::json::{FromJson, JsonValue};
use crate::model::Model;
use crate::parameters::ParameterReader;

pub use crate::parameters::GenerateRequest;

/// The browser's reader (the playground keeps each image's settings) and,
/// through `serde_json::Value`, the server's: one reader for every place.
impl FromJson for GenerateRequest {
    fn from_json<J: JsonValue>(json: &J) -> Result<Self, String> {
        if !json.is_object() {
            return Err("a generation request is not an object".into());
        }
        let (request, issues) = GenerateRequest::read_json(json);
        match issues.into_iter().next() {
            Some(issue) => Err(issue.message),
            None => Ok(request),
        }
    }
}

/// Read through [`FromJson`] over `serde_json::Value`, so the server and the
/// browser share one reader.
impl<'de> serde::Deserialize<'de> for GenerateRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        GenerateRequest::from_json(&value).map_err(serde::de::Error::custom)
    }
}

impl GenerateRequest {
    /// A request for `prompt` with every other field left to the server.
    pub fn new(prompt: impl Into<String>) -> Self {
        GenerateRequest { prompt: prompt.into(), ..Default::default() }
    }

    /// Reads a request from a JSON object: values of the wrong kind are left
    /// out, each an issue that names its field; members the parameter list
    /// does not name go to `extra`, as written.
    pub fn read_json<J: JsonValue>(json: &J) -> (Self, Vec<Issue>) {
        let mut reader = ParameterReader::new(json);
        let mut request = GenerateRequest { prompt: reader.prompt(), ..Default::default() };
        request.read_parameters(&mut reader);
        (request, reader.issues)
    }

    /// The model the API will use: `model`, or without one the catalogue's
    /// default for generations, or its default GPT image model when a
    /// parameter only the GPT image models take is set
    /// ([`crate::catalogue::GPT_ONLY_PARAMETERS`]).
    pub fn effective_model(&self) -> Model {
        let gpt_only = self.set_parameters().iter().any(|name| crate::catalogue::GPT_ONLY_PARAMETERS.contains(name));
        let default =
            if gpt_only { crate::catalogue::DEFAULT_GPT_MODEL } else { crate::catalogue::DEFAULT_GENERATE_MODEL };
        self.model.clone().unwrap_or_else(|| Model::from(default))
    }
}
