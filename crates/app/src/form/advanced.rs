//! "More parameters": a plain control for every parameter of the endpoint
//! that the form does not lay out by hand (made from core's one list, so a
//! new parameter appears here with no edit), and "Extra fields (JSON)":
//! fields the list does not name, sent exactly as written.

use gpt_image_wasm::core::parameters::{self, STRUCTURAL_FIELDS};
use gpt_image_wasm::core::{Endpoint, Kind, PARAMETERS, Report};
use leptos::prelude::*;

use super::controls::{has_error, shows};
use super::extra::EXTRA;
use super::state::{Form, Mode};
use crate::i18n::words;

/// The parameters whose controls the form lays out by hand (`view.rs`);
/// every other one of the list gets a plain control here.
pub(super) const LAID_OUT: &[&str] = &[
    "model",
    "n",
    "size",
    "quality",
    "complexity",
    "background",
    "moderation",
    "output_format",
    "output_compression",
    "frame_count",
    "frame_duration_ms",
    "svg",
    "stream",
    "partial_images",
    "input_fidelity",
];

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
                let doc = (words().parameter_doc)(name, parameter.doc.lines().next().unwrap_or_default());
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
                    view! { <li class=class data-rule=issue.rule.name()>{(words().issue)(issue)}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <details class="more" prop:open=untrack(holds_something) hidden=!shows("more")>
            <summary>{move || words().more_parameters}</summary>
            <div class="controls">{controls}</div>
            <label class="extra">
                <span>{move || words().extra_fields}</span>
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
    use crate::form::state::STARTING_VALUES;

    #[test]
    fn every_name_the_form_lays_out_or_starts_with_is_a_parameter_of_the_list() {
        let names: Vec<&str> = PARAMETERS.iter().map(|parameter| parameter.name).collect();
        for name in LAID_OUT.iter().chain(STARTING_VALUES.iter().map(|(name, _)| name)) {
            assert!(names.contains(name), "{name} is not in gpt_image_core::PARAMETERS");
        }
    }
}
