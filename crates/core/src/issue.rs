//! What validation reports: one [`Issue`] per problem, all of them at once.

use std::fmt;

use serde::Serialize;

/// Whether a problem stops the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The request cannot succeed: do not send it.
    Error,
    /// Only some providers accept it, or the result may disappoint.
    Warning,
}

/// Which rule a value breaks. The wire name (`snake_case`) is stable, for
/// programs that react to a particular rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A required field is missing or empty.
    Required,
    /// Text longer than the model accepts.
    MaxLength,
    /// A number outside its range, or too few or too many items.
    Range,
    /// A value the API does not define for this field.
    UnknownValue,
    /// A parameter or value this model does not accept.
    UnsupportedByModel,
    /// A parameter that only works together with another one.
    Requires,
    /// Two settings that contradict each other.
    Conflict,
    /// A size that is not `auto` or `WIDTHxHEIGHT`.
    SizeFormat,
    /// A custom size whose sides are not multiples of 16.
    SizeMultipleOf16,
    /// A custom size longer than 3:1 on either side.
    AspectRatio,
    /// A custom size whose longest edge is over the limit.
    MaxEdge,
    /// A custom size with too few or too many pixels.
    PixelCount,
    /// Accepted, but marked experimental by the provider.
    Experimental,
    /// Accepted by some providers, rejected by others (OpenAI among them).
    ProviderSpecific,
    /// An input file of a type the API does not take.
    FileType,
    /// An input file larger than the API takes.
    FileSize,
    /// An input whose width and height do not fit (a mask, a `dall-e-2` input).
    Dimensions,
    /// A value that could not be read at all (a form field that is not a number).
    Malformed,
    /// A model the catalogue does not list: what it refuses is only inferred.
    UnknownModel,
    /// A model OpenAI has retired, or will retire on a known day.
    Retired,
    /// A field this package does not know as a parameter: sent as written.
    UnknownParameter,
}

impl Severity {
    /// The wire name: `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Rule {
    /// Every rule, in the order of the list above.
    pub const ALL: [Rule; 21] = [
        Rule::Required,
        Rule::MaxLength,
        Rule::Range,
        Rule::UnknownValue,
        Rule::UnsupportedByModel,
        Rule::Requires,
        Rule::Conflict,
        Rule::SizeFormat,
        Rule::SizeMultipleOf16,
        Rule::AspectRatio,
        Rule::MaxEdge,
        Rule::PixelCount,
        Rule::Experimental,
        Rule::ProviderSpecific,
        Rule::FileType,
        Rule::FileSize,
        Rule::Dimensions,
        Rule::Malformed,
        Rule::UnknownModel,
        Rule::Retired,
        Rule::UnknownParameter,
    ];

    /// The wire name, in `snake_case`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::MaxLength => "max_length",
            Rule::Range => "range",
            Rule::UnknownValue => "unknown_value",
            Rule::UnsupportedByModel => "unsupported_by_model",
            Rule::Requires => "requires",
            Rule::Conflict => "conflict",
            Rule::SizeFormat => "size_format",
            Rule::SizeMultipleOf16 => "size_multiple_of_16",
            Rule::AspectRatio => "aspect_ratio",
            Rule::MaxEdge => "max_edge",
            Rule::PixelCount => "pixel_count",
            Rule::Experimental => "experimental",
            Rule::ProviderSpecific => "provider_specific",
            Rule::FileType => "file_type",
            Rule::FileSize => "file_size",
            Rule::Dimensions => "dimensions",
            Rule::Malformed => "malformed",
            Rule::UnknownModel => "unknown_model",
            Rule::Retired => "retired",
            Rule::UnknownParameter => "unknown_parameter",
        }
    }

    /// What breaking the rule means, in words (for documentation; a
    /// separate table so that a browser bundle that only names rules does
    /// not carry the sentences).
    pub fn meaning(self) -> &'static str {
        match self {
            Rule::Required => "a required field is missing or empty",
            Rule::MaxLength => "text longer than the model accepts",
            Rule::Range => "a number outside its range, or too few or too many items",
            Rule::UnknownValue => "a value this package does not know: sent as it is, with a warning",
            Rule::UnsupportedByModel => "a parameter or value this model does not accept",
            Rule::Requires => "a parameter that only works together with another one",
            Rule::Conflict => "two settings that contradict each other",
            Rule::SizeFormat => "a size that is not `auto` or `WIDTHxHEIGHT`",
            Rule::SizeMultipleOf16 => "a custom size whose sides are not multiples of 16",
            Rule::AspectRatio => "a custom size longer than 3:1 on either side",
            Rule::MaxEdge => "a custom size whose longest edge is over the limit",
            Rule::PixelCount => "a custom size with too few or too many pixels",
            Rule::Experimental => "accepted, but marked experimental or preview by the provider",
            Rule::ProviderSpecific => "accepted by some providers, rejected by others (OpenAI among them)",
            Rule::FileType => "an input file of a type the API does not take",
            Rule::FileSize => "an input file larger than the API takes",
            Rule::Dimensions => "an input whose width and height do not fit (a mask, a square-only model)",
            Rule::Malformed => "a value that could not be read at all (a string where a number belongs)",
            Rule::UnknownModel => "a model this package does not list: what it refuses is only inferred",
            Rule::Retired => "a model OpenAI has retired, or will retire on a known day",
            Rule::UnknownParameter => {
                "a field this package does not know as a parameter: sent as written, with a warning"
            }
        }
    }
}

/// Written by hand (not derived) so that a browser bundle that reads the
/// names with [`Severity::name`] does not carry serde's code as well.
impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// `issue` with the values named (`given = …`, `allowed = …`, `model = …`,
/// `other = …`), where the crate keeps them (its `values` feature): without
/// the feature the values are not even computed, so the npm package carries
/// no code for them.
#[cfg(feature = "values")]
#[macro_export]
macro_rules! with_values {
    ($issue:expr, $($slot:ident = $value:expr),+ $(,)?) => {
        $issue$(.$slot($value))+
    };
}

/// Without the `values` feature: the issue alone.
#[cfg(not(feature = "values"))]
#[macro_export]
macro_rules! with_values {
    ($issue:expr, $($slot:ident = $value:expr),+ $(,)?) => {
        $issue
    };
}

/// One problem with a request: the field, the rule it breaks, how serious it
/// is, a sentence a person understands, and the values the sentence is made
/// of (so that a program can write its own sentence, in another language,
/// from the rule and the values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The field, as the API names it: `size`, `n`, `image[2]`, `mask`.
    pub field: String,
    /// The rule broken.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what would be right, in English.
    pub message: String,
    /// The values in the message (only with the crate's `values` feature,
    /// which the npm package leaves out).
    #[cfg(feature = "values")]
    #[serde(skip_serializing_if = "Values::is_empty")]
    pub values: Box<Values>,
}

/// The values an [`Issue`]'s message is made of; each is there when the
/// rule and the case have it. Only with the crate's `values` feature.
#[cfg(feature = "values")]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Values {
    /// The value given, as written: `5000x100`, `7`, `jpeg`, a file's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// What would be right: a limit (`32,000`), a range (`1–10`), or the
    /// values taken (`png, webp`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<String>,
    /// The model whose rule it is: `GPT Image 2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The other field or value a `requires` or `conflict` is about:
    /// `stream`, `output_format: jpeg`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// A value that keeps every rule, where one is near: the nearest valid size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<String>,
}

#[cfg(feature = "values")]
impl Values {
    /// Whether no value is there.
    pub fn is_empty(&self) -> bool {
        *self == Values::default()
    }
}

impl Issue {
    /// An error: the request cannot succeed.
    pub fn error(field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Self {
        Issue::new(field.into(), rule, Severity::Error, message.into())
    }

    /// A warning: only some providers accept the request.
    pub fn warning(field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Self {
        Issue::new(field.into(), rule, Severity::Warning, message.into())
    }

    /// An issue of either severity, without values yet.
    pub fn new(field: String, rule: Rule, severity: Severity, message: String) -> Self {
        Issue {
            field,
            rule,
            severity,
            message,
            #[cfg(feature = "values")]
            values: Box::default(),
        }
    }

    /// With the value given ([`Values::given`]).
    #[cfg(feature = "values")]
    pub fn given(mut self, value: impl ToString) -> Self {
        self.values.given = Some(value.to_string());
        self
    }

    /// With what would be right ([`Values::allowed`]).
    #[cfg(feature = "values")]
    pub fn allowed(mut self, value: impl ToString) -> Self {
        self.values.allowed = Some(value.to_string());
        self
    }

    /// With the model whose rule it is ([`Values::model`]).
    #[cfg(feature = "values")]
    pub fn model(mut self, model: impl ToString) -> Self {
        self.values.model = Some(model.to_string());
        self
    }

    /// With the other field or value it is about ([`Values::other`]).
    #[cfg(feature = "values")]
    pub fn other(mut self, other: impl ToString) -> Self {
        self.values.other = Some(other.to_string());
        self
    }

    /// Whether this issue stops the request.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every issue of one request, errors and warnings in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Report {
    /// The issues, in the order of the request's fields.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Whether any issue stops the request.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// The issues that stop the request.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| issue.is_error())
    }

    /// The issues that do not stop the request.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| !issue.is_error())
    }

    /// The issues of one field (for showing each next to its control).
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Issue> {
        self.issues.iter().filter(move |issue| issue.field == field)
    }

    /// `Ok` with the warnings when nothing stops the request, else `Err(self)`.
    pub fn into_result(self) -> Result<Vec<Issue>, Report> {
        if self.has_errors() { Err(self) } else { Ok(self.issues) }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}
