//! The model picker: every model of the catalogue, grouped by where it
//! stands at OpenAI today, each with its one-line summary, and "Other
//! model…" for any other name (a router's `openai/…`, another provider's
//! model), sent exactly as typed.

use gpt_image_wasm::core::catalogue::{Lifecycle, MODELS, ModelSpec};
use leptos::prelude::*;

use crate::i18n::{Words, words};

/// The picker's value for "Other model…"; no model id has a space.
const OTHER: &str = "other model";

/// Today in the browser's time zone, `YYYY-MM-DD`, to place models that
/// OpenAI retires on a given day.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// Whether the picker lists `name` (a catalogue id); any other name is "Other model…".
pub fn listed(name: &str) -> bool {
    MODELS.iter().any(|model| model.id == name)
}

/// An option's text: the id, what the model is for, and when OpenAI retires it.
fn describe(model: &ModelSpec, lifecycle: Lifecycle) -> String {
    let words = words();
    let when = match lifecycle {
        Lifecycle::Current => String::new(),
        Lifecycle::Retiring(day) => (words.model_until)(day),
        Lifecycle::Retired(day) => (words.model_since)(day),
    };
    format!("{} — {}{when}", model.id, (words.model_summary)(model.id, model.summary))
}

/// The picker: a `<select>` of the catalogue, and a text field for any
/// other name when "Other model…" is picked.
#[component]
pub fn ModelPicker(
    /// The name sent as `model`.
    model: RwSignal<String>,
    /// Whether the name is typed ("Other model…") rather than picked.
    other: RwSignal<bool>,
    /// Whether the control is shown (an embedding may hide it).
    shown: bool,
    /// Called when a model was picked, or a typed name committed (not on each keystroke).
    on_change: Callback<()>,
    /// Whether the model has an error (the control is then marked invalid).
    #[prop(into, default = Signal::stored(false))]
    invalid: Signal<bool>,
) -> impl IntoView {
    let today = today();
    let group_names: [fn(&Words) -> &'static str; 3] =
        [|words| words.models_current, |words| words.models_retiring, |words| words.models_retired];
    let groups = group_names.into_iter().zip(0..).map(|(label, rank)| {
        let models: Vec<_> = MODELS
            .iter()
            .map(|model| (model, model.lifecycle(Some(&today))))
            .filter(|(_, lifecycle)| match lifecycle {
                Lifecycle::Current => rank == 0,
                Lifecycle::Retiring(_) => rank == 1,
                Lifecycle::Retired(_) => rank == 2,
            })
            .collect();
        (label, models)
    });
    let options = groups
        .into_iter()
        .filter(|(_, models)| !models.is_empty())
        .map(|(label, models)| {
            let options = models
                .into_iter()
                .map(|(spec, lifecycle)| {
                    let id = spec.id;
                    let selected = move || !other.get() && model.with(|name| name == id);
                    view! { <option value=id prop:selected=selected>{move || describe(spec, lifecycle)}</option> }
                })
                .collect_view();
            view! { <optgroup label=move || label(words())>{options}</optgroup> }
        })
        .collect_view();
    let typed = NodeRef::<leptos::html::Input>::new();
    let pick = move |ev| {
        let value = event_target_value(&ev);
        if value == OTHER {
            // The name in use stays, to be edited where the focus goes next.
            other.set(true);
            request_animation_frame(move || {
                if let Some(input) = typed.get_untracked() {
                    drop(input.focus());
                    input.select();
                }
            });
        } else {
            other.set(false);
            model.set(value);
        }
        on_change.run(());
    };
    view! {
        <div class="field model" hidden=!shown>
            <label for="model">{move || words().model}</label>
            <select id="model" on:change=pick aria-describedby="problems-model" aria-invalid=move || invalid.get().to_string()>
                {options}
                <option value=OTHER prop:selected=move || other.get()>{move || words().other_model}</option>
            </select>
            <Show when=move || other.get()>
                <label class="other-model">
                    <span>{move || words().model_typed}</span>
                    <input
                        node_ref=typed
                        bind:value=model
                        placeholder=move || words().model_typed_placeholder
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="problems-model"
                        aria-invalid=move || invalid.get().to_string()
                        on:change=move |_| on_change.run(())
                    />
                </label>
            </Show>
        </div>
    }
}
