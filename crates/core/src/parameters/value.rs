//! The kinds of value a parameter has, and how each is read and written.

use crate::issue::{Issue, Rule};
use crate::json::{JsonValue, ParseJson};
use crate::model::Model;
use crate::params::{Background, Complexity, ImageFormat, InputFidelity, Moderation, Quality, ResponseFormat, Style};
use crate::size::Size;
use crate::with_values;

/// How a parameter's value is written in JSON (a multipart form writes
/// each as text: numbers and booleans as JSON does, objects as JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// A whole number, 0 or more.
    Whole,
    /// `true` or `false`.
    Flag,
    /// A JSON object.
    Object,
}

impl Kind {
    /// What a value of this kind is, in words: "a whole number".
    pub fn described(self) -> &'static str {
        match self {
            Kind::Text => "a string",
            Kind::Whole => "a whole number",
            Kind::Flag => "true or false",
            Kind::Object => "an object",
        }
    }
}

/// A type a parameter can have: how it is read from JSON and from a form
/// field's text, written as text, and declared in TypeScript.
pub trait ParameterValue: Sized {
    /// How it is written in JSON.
    const KIND: Kind;
    /// The values this crate knows, for an open set of strings.
    const KNOWN: &'static [&'static str] = &[];
    /// Its TypeScript type on generations and on edits.
    const TYPESCRIPT: (&'static str, &'static str);
    /// Reads a JSON value; `None` when it is not of this kind.
    fn read<J: JsonValue>(json: &J) -> Option<Self>;
    /// Reads a form field's text (objects with `J`'s parser); `None` when
    /// it is not of this kind.
    fn from_text<J: ParseJson>(text: &str) -> Option<Self>;
    /// The text a form field sends.
    fn to_text(&self) -> String;
}

/// The issue of a form field whose text is not the parameter's kind.
pub(crate) fn unreadable_text(name: &str, kind: Kind, text: &str) -> Issue {
    with_values!(
        Issue::error(name, Rule::Malformed, format!("{name} must be {}, not \"{text}\"", kind.described())),
        given = text
    )
}

impl ParameterValue for u32 {
    const KIND: Kind = Kind::Whole;
    const TYPESCRIPT: (&'static str, &'static str) = ("number", "number");
    fn read<J: JsonValue>(json: &J) -> Option<Self> {
        json.number()
            .filter(|number| number.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(number))
            .map(|n| n as u32)
    }
    fn from_text<J: ParseJson>(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl ParameterValue for bool {
    const KIND: Kind = Kind::Flag;
    const TYPESCRIPT: (&'static str, &'static str) = ("boolean", "boolean");
    fn read<J: JsonValue>(json: &J) -> Option<Self> {
        json.boolean()
    }
    fn from_text<J: ParseJson>(text: &str) -> Option<Self> {
        match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl ParameterValue for String {
    const KIND: Kind = Kind::Text;
    const TYPESCRIPT: (&'static str, &'static str) = ("string", "string");
    fn read<J: JsonValue>(json: &J) -> Option<Self> {
        json.text()
    }
    fn from_text<J: ParseJson>(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn to_text(&self) -> String {
        self.clone()
    }
}

/// String-valued parameters: read from their text, never refused for an
/// unknown value (validation warns about those).
macro_rules! text_values {
    ($($ty:ty: $known:expr, $generate:literal, $edit:literal;)*) => {$(
        impl ParameterValue for $ty {
            const KIND: Kind = Kind::Text;
            const KNOWN: &'static [&'static str] = $known;
            const TYPESCRIPT: (&'static str, &'static str) = ($generate, $edit);
            fn read<J: JsonValue>(json: &J) -> Option<Self> {
                json.text().map(|text| <$ty>::from(text.as_str()))
            }
            fn from_text<J: ParseJson>(text: &str) -> Option<Self> {
                Some(<$ty>::from(text))
            }
            fn to_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

text_values! {
    Model: &[], "ImageModel", "ImageModel";
    Size: &[], "ImageSize", "ImageSize";
    Quality: Quality::KNOWN, "ImageGenerateQuality", "ImageEditQuality";
    Complexity: Complexity::KNOWN, "ImageComplexity", "ImageComplexity";
    Background: Background::KNOWN, "ImageBackground", "ImageBackground";
    Moderation: Moderation::KNOWN, "ImageModeration", "ImageModeration";
    ImageFormat: ImageFormat::KNOWN, "ImageOutputFormat", "ImageOutputFormat";
    ResponseFormat: ResponseFormat::KNOWN, "ImageResponseFormat", "ImageResponseFormat";
    Style: Style::KNOWN, "ImageStyle", "ImageStyle";
    InputFidelity: InputFidelity::KNOWN, "ImageInputFidelity", "ImageInputFidelity";
}
