//! The form's own controls and the problems shown under them: [`Choice`]
//! (a `<select>`), [`NumberInput`], the list of a field's problems, and
//! which controls an embedding shows.

use gpt_image_wasm::core::Report;
use leptos::prelude::*;

use crate::i18n::{Language, Words, words};

/// The issues of the fields a control edits, shown under it; a field
/// `image` also takes the issues of `image[0]`, `image[1]` …
#[component]
pub(super) fn Problems(report: Memo<Report>, fields: Vec<&'static str>) -> impl IntoView {
    let id = format!("problems-{}", fields[0]);
    let mine = move |field: &str| {
        let name = field.split_once('[').map_or(field, |(name, _)| name);
        fields.contains(&name)
    };
    view! {
        <ul class="problems" id=id aria-live="polite">
            {move || {
                report
                    .get()
                    .issues
                    .into_iter()
                    .filter(|issue| mine(&issue.field))
                    .map(|issue| {
                        let class = if issue.is_error() { "problem error" } else { "problem warning" };
                        view! { <li class=class data-rule=issue.rule.name()>{(words().issue)(&issue)}</li> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A `<select>` bound to `value`, with a "server default" choice; marked
/// invalid while `field` has an error in `report`, whose messages are in the
/// list `problems` (an id).
#[component]
pub(super) fn Choice(
    label: fn(&Words) -> &'static str,
    name: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<String>>,
    report: Memo<Report>,
    field: &'static str,
    #[prop(default = "problems-model")] problems: &'static str,
    /// When it is marked invalid, if not whenever `field` has an error.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// When it is shown, if not always (an embedding may hide it as well).
    #[prop(optional, into)]
    when: Option<Signal<bool>>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(move || has_error(report, field)));
    let shown = shows(name);
    // A separate `<label for>`: a wrapping label would put the selected
    // option's text into the control's accessible name. The id is the
    // English label's, whatever the language.
    let english = label(Language::English.words());
    let id = format!("choice-{}", english.to_ascii_lowercase().replace(' ', "-"));
    view! {
        <div class="field" hidden=move || !shown || when.is_some_and(|when| !when.get())>
            <label for=id.clone()>{move || label(words())}</label>
            <select id=id bind:value=value aria-invalid=move || invalid.get().to_string() aria-describedby=problems>
                <option value="">{move || words().server_default}</option>
                {move || {
                    let current = value.get();
                    let mut options = options.get();
                    // A value the list lacks (stored, or kept from another model) is shown as it is.
                    if !current.is_empty() && !options.contains(&current) {
                        options.push(current.clone());
                    }
                    options
                        .into_iter()
                        .map(|option| {
                            let (selected, label) = (option == current, (words().value_label)(name, &option));
                            view! { <option value=option selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A number field bound to `value`, beside [`Choice`]: marked invalid while
/// `field` has an error in `report` (or as `invalid` says), whose messages
/// are in the list `problems-model`. Each bound the model sets is an
/// attribute, left out while it is `None`.
#[component]
pub(super) fn NumberInput(
    label: fn(&Words) -> &'static str,
    value: RwSignal<String>,
    report: Memo<Report>,
    field: &'static str,
    /// The least value (`min`).
    #[prop(optional, into)]
    min: MaybeProp<String>,
    /// The greatest value (`max`).
    #[prop(optional, into)]
    max: MaybeProp<String>,
    /// The steps between values (`step`).
    #[prop(optional, into)]
    step: MaybeProp<String>,
    /// The value used when it is left empty, shown in the empty field.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
    /// When it is marked invalid, if not whenever `field` has an error.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// Hidden (an embedding may hide it).
    #[prop(optional)]
    hidden: bool,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(move || has_error(report, field)));
    view! {
        <label class="narrow" hidden=hidden>
            <span>{move || label(words())}</span>
            <input
                type="number"
                min=move || min.get()
                max=move || max.get()
                step=move || step.get()
                placeholder=move || placeholder.get()
                bind:value=value
                aria-invalid=move || invalid.get().to_string()
                aria-describedby="problems-model"
            />
        </label>
    }
}

/// Whether `field` has an error in `report`.
pub(super) fn has_error(report: Memo<Report>, field: &str) -> bool {
    report.with(|report| report.errors().any(|issue| issue.field == field))
}

/// Which controls an embedding shows (all of them on the playground).
#[derive(Clone)]
pub struct Shown(pub Option<Vec<String>>);

/// Whether control `name` is shown, from the [`Shown`] in context.
pub(super) fn shows(name: &'static str) -> bool {
    use_context::<Shown>()
        .is_none_or(|Shown(controls)| controls.is_none_or(|controls| controls.iter().any(|control| control == name)))
}
