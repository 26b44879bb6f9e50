//! Every request parameter of the Images API, written once.
//!
//! The list below is the one definition: [`GenerateRequest`] and
//! [`EditRequest`] get a field for each, [`PARAMETERS`] describes each for
//! everything that must know them by name (the JSON reader, the multipart
//! reader and writer, validation's list of fields, the server, the
//! playground's stored form, the npm package's TypeScript types), and
//! `extra` carries whatever a caller writes that the list does not name, so
//! nothing is dropped. Adding a parameter is one line here (with its type's
//! [`ParameterValue`]), and its rules in the catalogue and validation.

mod define;
mod reader;
mod svg;
mod value;

pub use reader::ParameterReader;
pub use svg::SvgOptions;
pub use value::{Kind, ParameterValue};

use serde::Serialize;

use crate::endpoint::Endpoint;
use crate::model::Model;
use crate::params::{Background, Complexity, ImageFormat, InputFidelity, Moderation, Quality, ResponseFormat, Style};
use crate::size::Size;

/// Fields a request carries that [`PARAMETERS`] does not name (a provider's
/// extension, a parameter newer than this crate), sent exactly as written.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Which endpoints take a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Generations and edits.
    Both,
    /// `POST /v1/images/generations` only.
    Generate,
    /// `POST /v1/images/edits` only.
    Edit,
}

impl Applies {
    /// Whether a request to `endpoint` takes the parameter.
    pub fn to(self, endpoint: Endpoint) -> bool {
        match self {
            Applies::Both => true,
            Applies::Generate => endpoint == Endpoint::Generate,
            Applies::Edit => endpoint == Endpoint::Edit,
        }
    }
}

/// One parameter, as [`PARAMETERS`] describes it.
#[derive(Debug)]
pub struct Parameter {
    /// The wire name, e.g. `output_format`.
    pub name: &'static str,
    /// Which endpoints take it.
    pub applies: Applies,
    /// How its value is written.
    pub kind: Kind,
    /// The values this crate knows, for an open set of strings (`quality`).
    pub known: &'static [&'static str],
    /// Its TypeScript type on generations and on edits.
    pub typescript: (&'static str, &'static str),
    /// What it is, and the API's rules for it.
    pub doc: &'static str,
}

/// The fields of every request that are not parameters: what to draw, and an
/// edit's files. Readers and writers treat them on their own.
pub const STRUCTURAL_FIELDS: &[&str] = &["prompt", "image", "images", "mask", "markup"];

/// The parameters of an endpoint, in order.
pub fn of(endpoint: Endpoint) -> impl Iterator<Item = &'static Parameter> {
    PARAMETERS.iter().filter(move |parameter| parameter.applies.to(endpoint))
}

/// A parameter by wire name, if `endpoint` takes it.
pub fn find(endpoint: Endpoint, name: &str) -> Option<&'static Parameter> {
    of(endpoint).find(|parameter| parameter.name == name)
}

define::requests! {
    shared {
        /// The model: any name is sent as it is; the names this package
        /// knows are checked by their rules. Without one the API picks.
        model: Model,
        /// How many images: 1 to the most the model makes (one for an SVG).
        n: u32,
        /// The size: `auto`, the model's standard sizes, or for models with
        /// custom sizes any `WIDTHxHEIGHT` within their limits (for a GIF,
        /// one frame's size).
        size: Size,
        /// How much effort goes into the image; the values each model takes
        /// are checked before sending.
        quality: Quality,
        /// How much the model plans the picture before drawing it (GPT Image
        /// 2.6): `low`, `medium` or `high` (the default); independent of
        /// `quality`.
        complexity: Complexity,
        /// The background (GPT image models); `transparent` needs `png`,
        /// `webp` or `gif`.
        background: Background,
        /// Content moderation level (GPT image models).
        moderation: Moderation,
        /// The file format (GPT image models; `png` by default): `gif` (an
        /// animation) and `svg` (written by a text model) with GPT Image 2.6.
        output_format: ImageFormat,
        /// Compression, 0 to 100, for `jpeg` or `webp` output.
        output_compression: u32,
        /// With `output_format: gif`: how many frames, 2 to 16 (9 by default).
        frame_count: u32,
        /// With `output_format: gif`: how long each frame shows, in
        /// milliseconds, at least 20 (200 by default), rounded to 10.
        frame_duration_ms: u32,
        /// With `output_format: svg`: the text model that writes the SVG
        /// (`model`) and its reasoning effort (`reasoning.effort`).
        svg: SvgOptions,
        /// `url` or `b64_json`. OpenAI's GPT image models always answer with
        /// `b64_json`; some providers send links.
        response_format: ResponseFormat,
        /// Answer with server-sent events (GPT image models; not GIF or SVG).
        stream: bool,
        /// Partial images to stream before the final one, with `stream`: 0 up
        /// to the most the model sends.
        partial_images: u32,
        /// An identifier of the end user, for abuse monitoring.
        user: String,
    }
    generate {
        /// `vivid` or `natural`, for the models that take a style (DALL·E 3).
        style: Style,
    }
    edit {
        /// How closely an edit keeps the style and features of its inputs,
        /// for the models that support it.
        input_fidelity: InputFidelity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_answers_as_the_table_does() {
        for endpoint in Endpoint::ALL {
            for parameter in PARAMETERS {
                assert_eq!(takes(endpoint, parameter.name), parameter.applies.to(endpoint), "{}", parameter.name);
            }
            for name in ["x_provider_hint", "prompt", "image", "mask", "markup", ""] {
                assert!(!takes(endpoint, name), "{name}");
            }
        }
    }
}
