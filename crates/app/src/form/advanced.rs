//! "More parameters": a plain control for every parameter of the endpoint
//! that the form does not lay out by hand (made from core's one list, so a
//! new parameter appears here with no edit), and "Extra fields (JSON)":
//! fields the list does not name, sent exactly as written.

use gpt_image_wasm::Json;
use gpt_image_wasm::core::parameters::{self, STRUCTURAL_FIELDS};
use gpt_image_wasm::core::{Endpoint, Extra, Issue, Kind, PARAMETERS, ParseJson, Report, Rule};
use leptos::prelude::*;

use super::{Form, LAID_OUT, Mode, has_error, shows};

/// The name of the extra fields in problems.
pub const EXTRA: &str = "extra";

/// The extra fields written in `text`: a JSON object (empty text is none).
/// Text that is not an object, or an object that names a parameter (which
/// has its own control) or a file field, is an error naming `extra`.
pub fn extra_fields_with<J: ParseJson>(text: &str) -> Result<Extra, Issue> {
    if text.trim().is_empty() {
        return Ok(Extra::new());
    }
    let refused = |why: String| {
        Issue::error(
            EXTRA,
            Rule::Malformed,
            format!("Extra fields must be a JSON object such as {{\"seed\": 7}}: {why}"),
        )
    };
    let json = J::parse(text).ok_or_else(|| refused("this is not JSON".into()))?;
    let serde_json::Value::Object(fields) = json.to_value() else {
        return Err(refused(format!("{} is not an object", json.json_text())));
    };
    let taken = fields.keys().find(|name| {
        PARAMETERS.iter().any(|parameter| parameter.name == name.as_str()) || STRUCTURAL_FIELDS.contains(&name.as_str())
    });
    match taken {
        Some(name) => Err(Issue::error(
            EXTRA,
            Rule::Conflict,
            format!("Extra fields: {name} has its own control; set it there, not here"),
        )),
        None => Ok(fields),
    }
}

/// [`extra_fields_with`] the browser's `JSON.parse`.
pub fn extra_fields(text: &str) -> Result<Extra, Issue> {
    extra_fields_with::<Json>(text)
}

/// The text of a request's extra fields for the form: those the parameter
/// list does not name (an edit's own parameters, kept in `extra` of a
/// generation's record, go to their controls), as JSON; empty when none.
pub fn extra_text(extra: &Extra) -> String {
    let mut unnamed = extra.clone();
    unnamed.retain(|name, _| !PARAMETERS.iter().any(|parameter| parameter.name == name.as_str()));
    if unnamed.is_empty() { String::new() } else { serde_json::to_string(&unnamed).unwrap_or_default() }
}

/// Whether an issue is about a field this section edits: the extra fields, or one of them.
fn is_extra(field: &str) -> bool {
    field == EXTRA
        || !(field == "prompt"
            || STRUCTURAL_FIELDS.iter().any(|name| field.starts_with(name))
            || PARAMETERS.iter().any(|parameter| parameter.name == field))
}

/// The section, folded until opened (open at first when it holds something).
#[component]
pub fn Advanced(form: Form, report: Memo<Report>) -> impl IntoView {
    let endpoint = move || if form.mode.get() == Mode::Edit { Endpoint::Edit } else { Endpoint::Generate };
    let controls = move || {
        parameters::of(endpoint())
            .filter(|parameter| !LAID_OUT.contains(&parameter.name))
            .map(|parameter| {
                let name = parameter.name;
                let value = form.value(name);
                let invalid = move || has_error(report, name).to_string();
                let doc = parameter.doc.lines().next().unwrap_or_default();
                // One kind of control for every kind of value (one view type
                // keeps the wasm small): a checkbox for a flag, else a field,
                // with the values the crate knows offered as suggestions.
                let flag = parameter.kind == Kind::Flag;
                let kind = match parameter.kind {
                    Kind::Flag => "checkbox",
                    Kind::Whole => "number",
                    Kind::Text | Kind::Object => "text",
                };
                let list = format!("known-{name}");
                let known =
                    parameter.known.iter().map(|option| view! { <option value=*option></option> }).collect_view();
                view! {
                    <label class="more-parameter" class:check=flag title=doc>
                        <span>{name}</span>
                        <input
                            type=kind
                            min=(kind == "number").then_some("0")
                            list=(!parameter.known.is_empty()).then(|| list.clone())
                            autocomplete="off"
                            spellcheck="false"
                            prop:value=move || if flag { "true".to_owned() } else { value.get() }
                            prop:checked=move || flag && value.with(|value| value == "true")
                            on:input=move |ev| {
                                let text = if !flag {
                                    event_target_value(&ev)
                                } else if event_target_checked(&ev) {
                                    "true".to_owned()
                                } else {
                                    String::new()
                                };
                                value.set(text);
                            }
                            aria-invalid=invalid
                        />
                        <datalist id=list>{known}</datalist>
                    </label>
                }
            })
            .collect_view()
    };
    let holds_something = move || {
        !form.extra.with(String::is_empty)
            || parameters::of(endpoint()).any(|parameter| {
                !LAID_OUT.contains(&parameter.name) && !form.value(parameter.name).with(String::is_empty)
            })
    };
    let problems = move || {
        report.with(|report| {
            report
                .issues
                .iter()
                .filter(|issue| is_extra(&issue.field))
                .map(|issue| {
                    let class = if issue.is_error() { "problem error" } else { "problem warning" };
                    view! { <li class=class data-rule=issue.rule.name()>{issue.message.clone()}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <details class="more" prop:open=untrack(holds_something) hidden=!shows("more")>
            <summary>"More parameters"</summary>
            <div class="controls">{controls}</div>
            <label class="extra">
                <span>"Extra fields (JSON)"</span>
                <textarea
                    rows="2"
                    placeholder="{\"seed\": 7}"
                    spellcheck="false"
                    bind:value=form.extra
                    aria-invalid=move || has_error(report, EXTRA).to_string()
                    aria-describedby="problems-extra"
                ></textarea>
            </label>
            <ul class="problems" id="problems-extra" aria-live="polite">{problems}</ul>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Native = serde_json::Value;

    #[test]
    fn extra_fields_are_a_json_object_of_names_the_list_lacks() {
        assert_eq!(extra_fields_with::<Native>("  "), Ok(Extra::new()));
        let fields = extra_fields_with::<Native>(r#"{"seed": 7, "safety": {"level": "strict"}}"#).unwrap();
        assert_eq!(serde_json::Value::Object(fields), serde_json::json!({"seed": 7, "safety": {"level": "strict"}}));
        for (text, said) in [
            ("{seed: 7}", "this is not JSON"),
            ("[1, 2]", "[1,2] is not an object"),
            (r#"{"quality": "high"}"#, "quality has its own control"),
            (r#"{"mask": "x"}"#, "mask has its own control"),
        ] {
            let issue = extra_fields_with::<Native>(text).unwrap_err();
            assert_eq!(issue.field, EXTRA);
            assert!(issue.is_error() && issue.message.contains(said), "{text}: {}", issue.message);
        }
    }

    #[test]
    fn stored_extra_fields_leave_the_parameters_to_their_controls() {
        let extra: Extra = serde_json::from_value(serde_json::json!({"input_fidelity": "high", "seed": 7})).unwrap();
        assert_eq!(extra_text(&extra), r#"{"seed":7}"#);
        assert_eq!(extra_text(&Extra::new()), "");
    }
}
