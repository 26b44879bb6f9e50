//! The form on the page: the mode, the edit's inputs, mask and markup, the
//! prompt, every laid-out control with its problems and notes, "More
//! parameters", and Generate (or Edit) with what it waits for.

use gpt_image_wasm::core::catalogue::{self, ModelSpec, Support};
use gpt_image_wasm::core::validate::nearest_valid_size;
use gpt_image_wasm::core::{Background, Complexity, InputFidelity, Moderation, PARAMETERS, Rule};
use leptos::prelude::*;

use super::advanced::Advanced;
use super::controls::{Choice, NumberInput, Problems, has_error, shows};
use super::state::{CUSTOM, Form, Mode, Note};
use super::storage;
use crate::i18n::words;
use crate::inputs::InputPicker;
use crate::markup::MarkupEditor;
use crate::mask::MaskEditor;
use crate::model_picker::{ModelPicker, today};
use crate::options::ModelOptions;
use crate::run::Job;

/// Whether an issue is only that the prompt is still empty.
fn is_empty_prompt(issue: &gpt_image_wasm::core::Issue) -> bool {
    issue.field == "prompt" && issue.rule == Rule::Required
}

/// The form. `on_job` is called with a checked request, or an edit with
/// its files; `edit` offers the edit mode and `conversation` the
/// conversation mode (where the form sets every turn's image parameters and
/// the conversation beside it takes the text); `failure` shows a job that
/// could not be made.
#[component]
pub fn RequestForm(
    form: Form,
    on_job: Callback<Job>,
    edit: bool,
    #[prop(default = false)] conversation: bool,
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let today = today();
    storage::keep(form);
    let checked = Memo::new(move |_| form.validate(&today));
    // An empty prompt is where everyone starts, not a mistake to mark in
    // red: until the person edits the prompt, the hint by Generate asks for one instead.
    let prompt_edited = RwSignal::new(false);
    let report = Memo::new(move |_| {
        let mut report = checked.get();
        if !prompt_edited.get() {
            report.issues.retain(|issue| !is_empty_prompt(issue));
        }
        report
    });
    let options = Memo::new(move |_| form.options());
    let gpt = move || options.with(ModelOptions::gpt_parameters);
    let blocked = move || checked.with(|report| report.errors().next().is_some());
    let needs_prompt = move || checked.with(|report| report.errors().all(is_empty_prompt)) && blocked();
    let submit = move || drop(form.send(on_job, failure));
    let editing = move || form.mode.get() == Mode::Edit;
    let talking = move || form.mode.get() == Mode::Conversation;
    let first_input = move || {
        form.inputs.uploads.with(|uploads| uploads.first().map(|upload| (upload.blob.clone(), upload.file.dimensions)))
    };
    // An edit's size follows its first input: when that input, the mode or the model changes.
    let input_key = move || {
        let first = form.inputs.uploads.with(|uploads| {
            uploads.first().map(|upload| (upload.file.filename.clone(), upload.file.len, upload.file.dimensions))
        });
        (editing(), first, form.value("model").get())
    };
    Effect::new(move |previous: Option<_>| {
        let key = input_key();
        if let (true, Some((_, _, Some(dimensions))), _) = &key
            && previous.as_ref() != Some(&key)
        {
            untrack(|| form.fit_to_input(*dimensions));
        }
        key
    });
    let presets = Signal::derive(move || {
        let (mut presets, custom) = options.with(ModelOptions::sizes);
        if custom {
            presets.push(CUSTOM.to_owned());
        }
        presets
    });
    let qualities = Signal::derive(move || options.with(ModelOptions::qualities));
    let formats = Signal::derive(move || options.with(ModelOptions::formats));
    let limits = move || options.with(ModelOptions::custom_limits);
    let step = Signal::derive(move || limits().map(|limits| limits.step.to_string()));
    let max_edge = Signal::derive(move || limits().map(|limits| limits.max_edge.to_string()));
    let takes = move |feature: fn(&ModelSpec) -> Support| options.with(|options| options.takes(feature));
    // Complexity and markup are offered where they are documented (GPT Image 2.6), not where sources disagree.
    let supports = move |feature: fn(&ModelSpec) -> Support| options.with(|options| options.supports(feature));
    let max_n = Signal::derive(move || options.with(ModelOptions::max_n).map(|n| n.to_string()));
    let most_partials = Signal::derive(move || {
        let most = form
            .nearest()
            .map_or_else(|| catalogue::most_of(|spec| spec.max_partial_images), |spec| spec.max_partial_images);
        Some(most.to_string())
    });
    // A note is shown while the value it explains stays.
    let note = move |note: RwSignal<Option<(Note, String)>>, value: RwSignal<String>| {
        move || note.get().filter(|(_, set)| value.with(|value| value == set)).map(|(note, _)| note.text())
    };
    let fixed = |values: &[&str]| {
        let values: Vec<String> = values.iter().map(|value| (*value).to_owned()).collect();
        Signal::derive(move || values.clone())
    };
    let format = form.value("output_format");
    let lossy = move || matches!(format.get().as_str(), "jpeg" | "webp");
    let gif = move || if format.get() == "gif" { options.with(ModelOptions::gif) } else { None };
    let svg = move || format.get() == "svg" && takes(|model| model.svg);
    let stream = form.value("stream");
    let streaming = move || stream.get() == "true";
    let side = |value: RwSignal<String>| move || value.with(|value| value.trim().parse::<u32>().ok());
    let (width, height) = (side(form.width), side(form.height));
    // Which of width and height a size error is about (both for the shape and the pixel count).
    let bad_side = move |value: Option<u32>| {
        report.with(|report| {
            report.errors().filter(|issue| issue.field == "size").any(|issue| match (issue.rule, limits(), value) {
                (Rule::SizeMultipleOf16, Some(limits), Some(value)) => !value.is_multiple_of(limits.step),
                (Rule::MaxEdge, Some(limits), Some(value)) => value > limits.max_edge,
                _ => true,
            })
        })
    };
    // The nearest custom size that keeps every rule, while the one asked for breaks one.
    let suggestion = Memo::new(move |_| {
        if form.value("size").get() != CUSTOM || !has_error(report, "size") {
            return None;
        }
        nearest_valid_size(limits()?, width()?, height()?).and_then(|size| size.dimensions())
    });
    // A mask says where to edit, markup what to change: one or the other.
    let mask_blocked = Signal::derive(move || form.markup_in_use().then(|| words().mask_blocked));
    let markup_blocked = Signal::derive(move || form.mask.is_set().then(|| words().markup_blocked));
    let format_shown = shows("format");
    let gif_rule =
        move |pick: fn(&catalogue::GifRules) -> u32| Signal::derive(move || gif().map(|rules| pick(rules).to_string()));
    view! {
        <form
            class="generate"
            aria-label=move || match form.mode.get() {
                Mode::Generate => words().form_generate,
                Mode::Edit => words().form_edit,
                Mode::Conversation => words().form_conversation,
            }
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <div class="modes" role="radiogroup" aria-label=move || words().mode hidden=!edit && !conversation>
                <label class="check">
                    <input type="radio" name="mode" prop:checked=move || form.mode.get() == Mode::Generate on:change=move |_| form.mode.set(Mode::Generate) />
                    <span>{move || words().mode_generate}</span>
                </label>
                <label class="check" hidden=!edit>
                    <input type="radio" name="mode" prop:checked=editing on:change=move |_| form.mode.set(Mode::Edit) />
                    <span>{move || words().mode_edit}</span>
                </label>
                <label class="check" hidden=!conversation>
                    <input type="radio" name="mode" prop:checked=talking on:change=move |_| form.mode.set(Mode::Conversation) />
                    <span>{move || words().mode_conversation}</span>
                </label>
            </div>
            <Show when=talking>
                <p class="hint conversation-hint">{move || words().form_conversation_hint}</p>
            </Show>
            <Show when=editing>
                <InputPicker inputs=form.inputs />
                <Problems report fields=vec!["image", "images"] />
                {move || first_input().map(|(image, size)| view! { <MaskEditor mask=form.mask image size blocked=mask_blocked /> })}
                <Problems report fields=vec!["mask"] />
                <Show when=move || supports(|model| model.markup)>
                    {move || first_input().map(|(image, size)| view! { <MarkupEditor markup=form.markup image size blocked=markup_blocked /> })}
                </Show>
                <Problems report fields=vec!["markup"] />
            </Show>
            <label class="prompt" hidden=talking>
                <span>{move || words().prompt}</span>
                <textarea
                    rows="3"
                    placeholder=move || words().prompt_placeholder
                    bind:value=form.prompt
                    aria-describedby="problems-prompt"
                    aria-invalid=move || has_error(report, "prompt").to_string()
                    on:input=move |_| prompt_edited.set(true)
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            submit();
                        }
                    }
                ></textarea>
            </label>
            <Problems report fields=vec!["prompt"] />
            <div class="controls">
                <ModelPicker
                    model=form.value("model")
                    other=form.other_model
                    shown=shows("model")
                    on_change=Callback::new(move |()| form.fit_to_model())
                    invalid=Signal::derive(move || has_error(report, "model"))
                />
                <Choice
                    label=|words| words.size
                    name="size"
                    value=form.value("size")
                    options=presets
                    report
                    field="size"
                    // A custom size's problems are its width's and height's.
                    invalid=Signal::derive(move || form.value("size").get() != CUSTOM && has_error(report, "size"))
                />
                <Show when=move || form.value("size").get() == CUSTOM>
                    // A side of a custom size: in the model's steps, up to its longest edge.
                    <NumberInput label=|words| words.width value=form.width report field="size" min=step step max=max_edge invalid=Signal::derive(move || bad_side(width())) hidden=!shows("size") />
                    <NumberInput label=|words| words.height value=form.height report field="size" min=step step max=max_edge invalid=Signal::derive(move || bad_side(height())) hidden=!shows("size") />
                </Show>
                <p class="note" role="status" hidden=!shows("size")>
                    {move || form.size_note.get().filter(|(_, set)| *set == form.effective_size()).map(|(note, _)| note.text())}
                </p>
                <Choice label=|words| words.quality name="quality" value=form.value("quality") options=qualities report field="quality" />
                <p class="note" role="status" hidden=!shows("quality")>{note(form.quality_note, form.value("quality"))}</p>
                <Choice label=|words| words.complexity name="complexity" value=form.value("complexity") options=fixed(Complexity::KNOWN) report field="complexity" when=Signal::derive(move || supports(|model| model.complexity)) />
                <Show when=gpt>
                    <Choice label=|words| words.background name="background" value=form.value("background") options=fixed(Background::KNOWN) report field="background" />
                    <Choice label=|words| words.format name="format" value=format options=formats report field="output_format" />
                    <Show when=lossy>
                        <NumberInput label=|words| words.compression value=form.value("output_compression") report field="output_compression" min="0" max="100" hidden=!shows("compression") />
                    </Show>
                    <div class="group" hidden=move || !format_shown || gif().is_none()>
                        <NumberInput label=|words| words.frames value=form.value("frame_count") report field="frame_count" min=gif_rule(|rules| rules.frames.0) placeholder=gif_rule(|rules| rules.default_frames) />
                        <NumberInput label=|words| words.frame_ms value=form.value("frame_duration_ms") report field="frame_duration_ms" min=gif_rule(|rules| rules.min_frame_ms) placeholder=gif_rule(|rules| rules.default_frame_ms) />
                    </div>
                    // Only in the page with SVG output: its label would answer to "Model" as the picker does.
                    <Show when=svg>
                        <label class="svg-model" hidden=!format_shown>
                            <span>{move || words().svg_model}</span>
                            <input
                                type="text"
                                placeholder="gpt-5.1"
                                autocomplete="off"
                                spellcheck="false"
                                prop:value=move || form.svg_model()
                                on:input=move |ev| form.set_svg_model(&event_target_value(&ev))
                                aria-invalid=move || has_error(report, "svg").to_string()
                                aria-describedby="problems-model"
                            />
                        </label>
                    </Show>
                    <Choice label=|words| words.moderation name="moderation" value=form.value("moderation") options=fixed(Moderation::KNOWN) report field="moderation" />
                </Show>
                <Show when=move || editing() && takes(|model| model.input_fidelity)>
                    <Choice label=|words| words.input_fidelity name="fidelity" value=form.value("input_fidelity") options=fixed(InputFidelity::KNOWN) report field="input_fidelity" />
                </Show>
                <Show when=move || !talking()>
                    <NumberInput label=|words| words.image_count value=form.value("n") report field="n" min="1" max=max_n hidden=!shows("n") />
                </Show>
                <Show when=gpt>
                    <label class="check" hidden=!shows("stream")>
                        <input
                            type="checkbox"
                            prop:checked=streaming
                            on:change=move |ev| stream.set(if event_target_checked(&ev) { "true".into() } else { String::new() })
                        />
                        <span>{move || words().stream}</span>
                    </label>
                    <Show when=streaming>
                        <NumberInput label=|words| words.partial_images value=form.value("partial_images") report field="partial_images" min="0" max=most_partials hidden=!shows("stream") />
                    </Show>
                </Show>
            </div>
            <Problems report fields=PARAMETERS.iter().map(|parameter| parameter.name).collect() />
            {move || suggestion.get().map(|(width, height)| view! {
                <p class="fix">
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            form.width.set(width.to_string());
                            form.height.set(height.to_string());
                        }
                    >
                        {move || (words().use_size)(width, height)}
                    </button>
                </p>
            })}
            <Advanced form report />
            <div class="actions" hidden=talking>
                <button type="submit" disabled=blocked aria-describedby="blocked">
                    {move || if editing() { words().mode_edit } else { words().mode_generate }}
                </button>
                <span id="blocked" class="hint" class:keys=move || !blocked()>
                    {move || {
                        if needs_prompt() {
                            words().needs_prompt
                        } else if blocked() {
                            words().fix_marked
                        } else {
                            words().send_keys
                        }
                    }}
                </span>
                {move || failure.get().map(|message| view! { <p class="problem error" role="alert">{message}</p> })}
            </div>
        </form>
    }
}
