//! The rules of the Images API, as code: [`GenerateRequest::validate`] and
//! [`EditRequest::validate`] return every problem of a request at once.
//!
//! The rules of each model come from the catalogue ([`crate::catalogue`]).
//! A problem is an error only where the API certainly refuses the request:
//! a rule of a known model (or of a dated snapshot of one), a rule every
//! known member of an unknown name's family shares, or a rule of the API
//! itself. Unknown models, unknown values and what is only inferred are
//! warnings that say what is unknown; the request is sent as asked.
//!
//! By file: this one holds the entry points and how a model's name picks
//! its rules; `checks.rs` the checks every request gets, `edit.rs` an
//! edit's inputs, `formats.rs` the GIF and SVG output of GPT Image 2.6,
//! `values.rs` the checks of single values (quality, style, sizes).

mod checks;
mod edit;
mod formats;
mod values;

use crate::catalogue::{AS_OF, Lifecycle, Match, ModelSpec, Resolved};
use crate::endpoint::Endpoint;
use crate::generate::GenerateRequest;
use crate::issue::{Issue, Report, Rule, Severity};
use crate::model::Model;
use crate::parameters::{Extra, Shared};
use crate::with_values;

use values::check_style;
pub use values::{ASPECT_RATIOS, Resolution, nearest_valid_size, resolution_size};

const MB: u64 = 1024 * 1024;

/// How much validation may stop: every certain error, nothing, or no check at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ValidationMode {
    /// Errors stop the request; warnings ride along (the default).
    #[default]
    Full,
    /// Every problem is reported as a warning; nothing is stopped (for
    /// providers with rules of their own).
    WarningsOnly,
    /// No checks at all.
    Off,
}

impl ValidationMode {
    /// The wire names: `full`, `warn`, `off`.
    pub const NAMES: [&'static str; 3] = ["full", "warn", "off"];

    /// Reads a wire name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "full" => Some(ValidationMode::Full),
            "warn" => Some(ValidationMode::WarningsOnly),
            "off" => Some(ValidationMode::Off),
            _ => None,
        }
    }
}

/// How to validate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// What may stop the request.
    pub mode: ValidationMode,
    /// Today, `YYYY-MM-DD`, to tell a retired model from a retiring one;
    /// without it the catalogue's own date ([`AS_OF`]) is used.
    pub today: Option<String>,
}

/// The fields generations and edits share, with the model the API will use.
struct Common<'a> {
    endpoint: Endpoint,
    model: Model,
    model_given: bool,
    prompt: &'a str,
    params: Shared<'a>,
    /// The names of the parameters that are set.
    set: Vec<&'static str>,
    extra: &'a Extra,
}

/// The rules of one model for one request: the model's catalogue entry, or
/// none for a model the catalogue cannot place, and how to name it.
struct Rules<'a> {
    spec: Option<&'static ModelSpec>,
    label: &'a str,
}

impl Rules<'_> {
    /// An error where the model is known, else a warning.
    fn severity(&self) -> Severity {
        if self.spec.is_some() { Severity::Error } else { Severity::Warning }
    }

    fn issue(&self, field: impl Into<String>, rule: Rule, message: impl Into<String>) -> Issue {
        with_values!(Issue::new(field.into(), rule, self.severity(), message.into()), model = self.label)
    }
}

impl GenerateRequest {
    /// Checks the request against the API's rules for its model; returns every
    /// problem found. Without a model, the API's default applies
    /// ([`GenerateRequest::effective_model`]).
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// [`GenerateRequest::validate`] with a mode and today's date.
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        let common = Common {
            endpoint: Endpoint::Generate,
            model: self.effective_model(),
            model_given: self.model.is_some(),
            prompt: &self.prompt,
            params: self.shared(),
            set: self.set_parameters(),
            extra: &self.extra,
        };
        common.report(options, |rules, issues| {
            common.check(rules, issues);
            if let Some(style) = &self.style {
                check_style(rules, style, issues);
            }
        })
    }
}

impl Common<'_> {
    /// "gpt-image-2", or "dall-e-2 (the API's default when no model is given)".
    fn label(&self) -> String {
        if self.model_given {
            self.model.to_string()
        } else {
            format!("{} (the API's default when no model is given)", self.model)
        }
    }

    /// Runs `check` with the rules the model's name resolves to, adds what
    /// the catalogue says of the model itself, and applies the mode.
    fn report(&self, options: &ValidationOptions, check: impl Fn(&Rules, &mut Vec<Issue>)) -> Report {
        if options.mode == ValidationMode::Off {
            return Report::default();
        }
        let label = self.label();
        let resolved = self.model.resolve();
        let mut issues = Vec::new();
        if self.model_given {
            check_model_name(&resolved, options.today.as_deref(), &mut issues);
        }
        issues.extend(match resolved.matched {
            Match::Family(_) => shared_by_members(&resolved, &label, &check),
            Match::Known(spec) | Match::Snapshot(spec) => run(Some(spec), &label, &check),
            Match::Unknown => run(None, &label, &check),
        });
        for issue in &mut issues {
            // The model's name, not the label with its English note.
            #[cfg(feature = "values")]
            if issue.values.model.is_some() {
                issue.values.model = Some(self.model.to_string());
            }
            if options.mode == ValidationMode::WarningsOnly {
                issue.severity = Severity::Warning;
            }
        }
        Report { issues }
    }
}

/// Runs the checks with one model's rules (or none).
fn run(spec: Option<&'static ModelSpec>, label: &str, check: &impl Fn(&Rules, &mut Vec<Issue>)) -> Vec<Issue> {
    let mut issues = Vec::new();
    check(&Rules { spec, label }, &mut issues);
    issues
}

/// For an unknown member of a family: the checks of every known member, an
/// error only where every member gives that error, a warning where some do.
fn shared_by_members(resolved: &Resolved, label: &str, check: &impl Fn(&Rules, &mut Vec<Issue>)) -> Vec<Issue> {
    let per_member: Vec<Vec<Issue>> =
        resolved.candidates().into_iter().map(|spec| run(Some(spec), label, check)).collect();
    let same = |a: &Issue, b: &Issue| a.field == b.field && a.rule == b.rule;
    let mut merged: Vec<Issue> = Vec::new();
    for issue in per_member.iter().flatten() {
        if merged.iter().any(|seen| same(seen, issue)) {
            continue;
        }
        let certain = per_member.iter().all(|issues| issues.iter().any(|other| same(other, issue) && other.is_error()));
        let severity = if certain { Severity::Error } else { Severity::Warning };
        merged.push(Issue { severity, ..issue.clone() });
    }
    merged
}

/// What the catalogue says of the name itself: unknown, an unlisted
/// snapshot, an unknown member of a family, retired or retiring at OpenAI.
fn check_model_name(resolved: &Resolved, today: Option<&str>, issues: &mut Vec<Issue>) {
    let name = resolved.name;
    let message = match resolved.matched {
        Match::Known(spec) => match spec.lifecycle(today) {
            Lifecycle::Current => None,
            Lifecycle::Retiring(day) => Some((
                Rule::Retired,
                format!("OpenAI retires {} on {day}; other providers may still serve it", spec.id),
            )),
            Lifecycle::Retired(day) => Some((
                Rule::Retired,
                format!("{} was retired at OpenAI on {day}; other providers may still serve it", spec.id),
            )),
        },
        Match::Snapshot(spec) => Some((
            Rule::UnknownModel,
            format!(
                "{name} is a snapshot this package does not list (as of {AS_OF}): checked with {}'s rules",
                spec.id
            ),
        )),
        Match::Family(family) => Some((
            Rule::UnknownModel,
            format!(
                "{name} is not a model this package knows (as of {AS_OF}); it looks like {}: only what every {} model refuses stops it",
                family.spec().name,
                family.spec().name
            ),
        )),
        Match::Unknown if name.trim().is_empty() => None,
        Match::Unknown => Some((
            Rule::UnknownModel,
            format!(
                "{name} is not a model this package knows (as of {AS_OF}): only the rules every model shares are checked"
            ),
        )),
    };
    if let Some((rule, message)) = message {
        let issue = with_values!(Issue::warning("model", rule, message), given = name);
        // The day it retires or retired, where that is the issue.
        #[cfg(feature = "values")]
        let issue = match (resolved.matched, rule) {
            (Match::Known(ModelSpec { retired: Some(day), .. }), Rule::Retired) => issue.allowed(day),
            _ => issue,
        };
        issues.push(issue);
    }
}
