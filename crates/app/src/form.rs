//! The request form, to generate or to edit: every parameter as a control,
//! validated by `gpt-image-core` as the user types, each problem shown once,
//! by its control, which is marked invalid; a custom size that breaks a
//! rule offers the nearest one that keeps them all. An edit's size follows
//! its first input image.

use gpt_image_wasm::Edit;
use gpt_image_wasm::core::catalogue::{self, CustomSizes, MODELS, ModelSpec, Support};
use gpt_image_wasm::core::validate::nearest_valid_size;
use gpt_image_wasm::core::{
    Background, EditRequest, GenerateRequest, ImageFormat, ImageInput, InputFidelity, Model, Moderation, Quality,
    Report, Rule, Size, ValidationOptions,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::inputs::{InputPicker, Inputs};
use crate::mask::{Mask, MaskEditor};
use crate::model_picker::{ModelPicker, listed, today};
use crate::run::Job;
use crate::store::Entry;

/// The model the form starts with.
const DEFAULT_MODEL: &str = catalogue::SUGGESTED_MODEL;

/// The value of the size control that shows the width and height fields.
const CUSTOM: &str = "custom";

/// The most pixels an edit's size is fitted to when it follows an input
/// image of a model with custom sizes: 1536x1024's, the largest standard size.
const EDIT_PIXELS: f64 = 1536.0 * 1024.0;

/// Generate new images, or edit input images.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    Generate,
    Edit,
}

/// The form's values, one signal per control.
#[derive(Clone, Copy)]
pub struct Form {
    pub mode: RwSignal<Mode>,
    pub prompt: RwSignal<String>,
    pub model: RwSignal<String>,
    /// Whether the model is a typed name ("Other model…") rather than one of the catalogue.
    pub other_model: RwSignal<bool>,
    pub size: RwSignal<String>,
    pub width: RwSignal<String>,
    pub height: RwSignal<String>,
    pub quality: RwSignal<String>,
    pub background: RwSignal<String>,
    pub output_format: RwSignal<String>,
    pub compression: RwSignal<String>,
    pub moderation: RwSignal<String>,
    pub n: RwSignal<String>,
    pub stream: RwSignal<bool>,
    pub partial_images: RwSignal<String>,
    pub input_fidelity: RwSignal<String>,
    /// The input images of an edit.
    pub inputs: Inputs,
    /// The mask of an edit.
    pub mask: Mask,
    /// Why the quality was changed when the model changed, and to what: shown while it stays so.
    quality_note: RwSignal<Option<(String, String)>>,
    /// Why the size was changed when the model changed, and to what.
    size_note: RwSignal<Option<(String, String)>>,
}

impl Form {
    pub fn new() -> Self {
        Form {
            mode: RwSignal::new(Mode::Generate),
            prompt: RwSignal::new("a lighthouse at dawn, watercolour".into()),
            model: RwSignal::new(DEFAULT_MODEL.into()),
            other_model: RwSignal::new(!listed(DEFAULT_MODEL)),
            size: RwSignal::new("1024x1024".into()),
            width: RwSignal::new("2048".into()),
            height: RwSignal::new("1152".into()),
            quality: RwSignal::new("low".into()),
            background: RwSignal::new(String::new()),
            output_format: RwSignal::new(String::new()),
            compression: RwSignal::new(String::new()),
            moderation: RwSignal::new(String::new()),
            n: RwSignal::new("1".into()),
            stream: RwSignal::new(false),
            partial_images: RwSignal::new("2".into()),
            input_fidelity: RwSignal::new(String::new()),
            inputs: Inputs::new(),
            mask: Mask::new(),
            quality_note: RwSignal::new(None),
            size_note: RwSignal::new(None),
        }
    }

    /// The catalogue entry whose rules stand for the model (see [`gpt_image_wasm::core::Resolved::nearest`]).
    fn nearest(&self) -> Option<&'static ModelSpec> {
        self.model.with(|name| catalogue::resolve(name.trim()).nearest())
    }

    /// Whether the model takes the GPT image models' parameters (unknown ones are given the benefit of the doubt).
    fn takes_gpt_parameters(&self) -> bool {
        self.model.with(|name| catalogue::resolve(name.trim()).takes_gpt_parameters())
    }

    /// Sets the model: one of the picker's, or any other name as typed.
    pub fn set_model(&self, name: &str) {
        self.other_model.set(!listed(name));
        self.model.set(name.to_owned());
    }

    /// After the model changed: a quality or a size the new model does not
    /// take falls back, with a note saying so by its control.
    pub fn fit_to_model(&self) {
        let model = self.nearest();
        let name = self.model.with_untracked(|name| name.trim().to_owned());
        let quality = self.quality.get_untracked();
        let qualities = quality_options(model);
        self.quality_note.set(None);
        if !quality.is_empty() && !qualities.contains(&quality) {
            let auto = Quality::Auto.as_str();
            let fallback = if qualities.iter().any(|quality| quality == auto) { auto } else { "" };
            let shown = if fallback.is_empty() { "the default" } else { fallback };
            self.quality.set(fallback.to_owned());
            self.quality_note
                .set(Some((format!("Quality reset to {shown}: {name} does not take {quality}."), fallback.to_owned())));
        }
        let size = self.size.get_untracked();
        let (presets, custom) = size_options(model);
        let wanted = if size == CUSTOM {
            format!("{}x{}", self.width.get_untracked().trim(), self.height.get_untracked().trim())
        } else {
            size.clone()
        };
        self.size_note.set(None);
        if size.is_empty() || presets.contains(&wanted) || (custom && Size::parse(&wanted).dimensions().is_some()) {
            self.set_size(&wanted);
        } else {
            let square = Size::SQUARE.to_string();
            let fallback =
                if presets.contains(&square) { square } else { presets.first().cloned().unwrap_or_default() };
            let shown = if fallback.is_empty() { "the default".to_owned() } else { fallback.clone() };
            self.size.set(fallback.clone());
            self.size_note.set(Some((format!("Size reset to {shown}: {name} does not take {wanted}."), fallback)));
        }
    }

    /// The request the form describes; empty controls are left out, so the
    /// server's defaults apply.
    pub fn request(&self) -> GenerateRequest {
        let text = |signal: RwSignal<String>| Some(signal.get().trim().to_owned()).filter(|value| !value.is_empty());
        let number = |signal: RwSignal<String>| text(signal).map(|value| value.parse::<u32>().unwrap_or(u32::MAX));
        let gpt = self.takes_gpt_parameters();
        let size = match self.size.get().as_str() {
            CUSTOM => Some(Size::from(format!("{}x{}", self.width.get().trim(), self.height.get().trim()).as_str())),
            "" => None,
            preset => Some(Size::from(preset)),
        };
        let output_format = text(self.output_format).filter(|_| gpt).map(|value| ImageFormat::from(value.as_str()));
        let lossy = matches!(output_format, Some(ImageFormat::Jpeg | ImageFormat::Webp));
        let stream = gpt && self.stream.get();
        GenerateRequest {
            prompt: self.prompt.get(),
            model: text(self.model).map(|value| Model::from(value.as_str())),
            n: number(self.n),
            size,
            quality: text(self.quality).map(|value| value.as_str().into()),
            background: text(self.background).filter(|_| gpt).map(|value| value.as_str().into()),
            moderation: text(self.moderation).filter(|_| gpt).map(|value| value.as_str().into()),
            output_compression: number(self.compression).filter(|_| lossy),
            output_format,
            stream: stream.then_some(true),
            partial_images: number(self.partial_images).filter(|_| stream),
            ..GenerateRequest::default()
        }
    }

    /// The edit the form describes, for validation: the inputs as they
    /// are, and the mask when one was uploaded (a drawn one is made at the
    /// first image's size when the edit is sent).
    fn edit_request(&self) -> EditRequest {
        let request = self.request();
        let text = Some(self.input_fidelity.get().trim().to_owned()).filter(|value| !value.is_empty());
        EditRequest {
            prompt: request.prompt,
            images: self
                .inputs
                .uploads
                .with(|uploads| uploads.iter().map(|upload| ImageInput::Upload(upload.file.clone())).collect()),
            mask: self.mask.uploaded.with(|mask| mask.as_ref().map(|upload| ImageInput::Upload(upload.file.clone()))),
            model: request.model,
            n: request.n,
            size: request.size,
            quality: request.quality,
            background: request.background,
            moderation: request.moderation,
            output_format: request.output_format,
            output_compression: request.output_compression,
            stream: request.stream,
            partial_images: request.partial_images,
            input_fidelity: text.map(|value| value.as_str().into()),
            ..EditRequest::default()
        }
    }

    /// Every problem of the request in the current mode, as of today
    /// (a model OpenAI retires today is retired).
    fn validate(&self, today: &str) -> Report {
        let options = ValidationOptions { today: Some(today.to_owned()), ..ValidationOptions::default() };
        match self.mode.get() {
            Mode::Generate => self.request().validate_with(&options),
            Mode::Edit => self.edit_request().validate_with(&options),
        }
    }

    /// The job to run: the request, or the edit with its files and mask.
    async fn job(&self) -> Result<Job, String> {
        let settings = self.request();
        let asked = settings.size.as_ref().and_then(Size::dimensions);
        if self.mode.get_untracked() == Mode::Generate {
            return Ok(Job { settings, edit: None, shape: asked });
        }
        let mask = self.mask.upload().await?;
        let uploads = self.inputs.uploads.get_untracked();
        let before = uploads.first().map(|upload| upload.blob.clone());
        let shape = asked.or_else(|| uploads.first().and_then(|upload| upload.file.dimensions));
        let edit = Edit::with_uploads(self.edit_request(), uploads, mask);
        Ok(Job { settings, edit: Some((edit, before)), shape })
    }

    /// The size as sent: a preset, `WIDTHxHEIGHT` for a custom one, or empty.
    fn effective_size(&self) -> String {
        match self.size.get().as_str() {
            CUSTOM => format!("{}x{}", self.width.get().trim(), self.height.get().trim()),
            size => size.to_owned(),
        }
    }

    /// An edit's size follows its first input (`width`x`height`): see
    /// [`size_for_input`]. The size control says so in its note.
    fn fit_to_input(&self, (width, height): (u32, u32)) {
        let model = self.nearest();
        let Some(size) = size_for_input(model, width, height) else { return };
        let name = self.model.with_untracked(|name| name.trim().to_owned());
        self.set_size(&size);
        let note = if size == Size::Auto.to_string() {
            format!("Size set to auto: {name} follows the input image's shape ({width}x{height}).")
        } else {
            format!("Size set to {size} to follow the input image ({width}x{height}).")
        };
        self.size_note.set(Some((note, size)));
    }

    /// Sends what the form describes to `on_job`; a request with errors is
    /// not sent, and its first error is returned. The job itself is made
    /// asynchronously (a drawn mask is encoded first); a failure there goes to `failure`.
    pub fn send(&self, on_job: Callback<Job>, failure: RwSignal<Option<String>>) -> Result<(), String> {
        if let Some(issue) = self.validate(&today()).errors().next() {
            return Err(issue.message.clone());
        }
        let form = *self;
        spawn_local(async move {
            match form.job().await {
                Ok(job) => {
                    failure.set(None);
                    on_job.run(job);
                }
                Err(message) => failure.set(Some(message)),
            }
        });
        Ok(())
    }

    /// Sets the size control: a preset of the model, a custom `WxH`, or
    /// empty for the server's default.
    pub fn set_size(&self, size: &str) {
        if size.is_empty() || size_options(self.nearest()).0.iter().any(|preset| preset == size) {
            self.size.set(size.to_owned());
        } else {
            let (width, height) = size.split_once('x').unwrap_or((size, ""));
            self.width.set(width.to_owned());
            self.height.set(height.to_owned());
            self.size.set(CUSTOM.into());
        }
    }

    /// Copies an image's settings into the form ("reuse its settings").
    pub fn load(&self, entry: &Entry) {
        self.mode.set(if entry.edit { Mode::Edit } else { Mode::Generate });
        let request = &entry.settings;
        let show = |value: Option<&str>| value.unwrap_or_default().to_owned();
        self.prompt.set(request.prompt.clone());
        self.set_model(&show(request.model.as_ref().map(Model::as_str)));
        self.set_size(&request.size.as_ref().map(ToString::to_string).unwrap_or_default());
        self.quality.set(show(request.quality.as_ref().map(|value| value.as_str())));
        self.background.set(show(request.background.as_ref().map(|value| value.as_str())));
        self.output_format.set(show(request.output_format.as_ref().map(|value| value.as_str())));
        self.compression.set(request.output_compression.map(|value| value.to_string()).unwrap_or_default());
        self.moderation.set(show(request.moderation.as_ref().map(|value| value.as_str())));
        self.n.set(request.n.map_or("1".into(), |n| n.to_string()));
        self.stream.set(request.stream == Some(true));
    }
}

/// The sizes to offer for a model (`None`: one the catalogue cannot place,
/// offered every size of every model), and whether any `WIDTHxHEIGHT` within
/// limits works too.
fn size_options(model: Option<&'static ModelSpec>) -> (Vec<String>, bool) {
    match model {
        Some(model) => (model.size_presets().iter().map(ToString::to_string).collect(), model.custom_sizes().is_some()),
        None => {
            let mut all: Vec<String> = Vec::new();
            for size in MODELS.iter().flat_map(ModelSpec::size_presets) {
                let size = size.to_string();
                if !all.contains(&size) {
                    all.push(size);
                }
            }
            (all, true)
        }
    }
}

/// The qualities to offer for a model (`None`: every quality any model takes).
fn quality_options(model: Option<&'static ModelSpec>) -> Vec<String> {
    let qualities = model.map_or_else(catalogue::known_qualities, |model| model.qualities.iter().collect());
    qualities.into_iter().map(|quality| quality.as_str().to_owned()).collect()
}

/// The limits of custom sizes for a model; for one the catalogue cannot
/// place, those of the first model with custom sizes.
fn custom_limits(model: Option<&'static ModelSpec>) -> Option<&'static CustomSizes> {
    match model {
        Some(model) => model.custom_sizes(),
        None => MODELS.iter().find_map(ModelSpec::custom_sizes),
    }
}

/// The size an edit of a `width`x`height` image asks for, so that the
/// result has the input's shape: for a model of custom sizes, its preset of
/// exactly that shape nearest to the input's pixels, else the valid size
/// nearest to the input scaled to at most [`EDIT_PIXELS`] (and at least the
/// model's fewest pixels); for another model
/// `auto` where it takes it (the model then follows the input's shape).
/// `None`: leave the size as it is (a model the catalogue cannot place, or
/// one that takes only fixed sizes).
fn size_for_input(model: Option<&'static ModelSpec>, width: u32, height: u32) -> Option<String> {
    let model = model?;
    if width == 0 || height == 0 {
        return None;
    }
    let pixels = f64::from(width) * f64::from(height);
    let Some(limits) = model.custom_sizes() else {
        return model.size_presets().contains(&Size::Auto).then(|| Size::Auto.to_string());
    };
    let wanted = pixels.min(EDIT_PIXELS).max(limits.min_pixels as f64);
    let same_shape = limits
        .presets
        .iter()
        .filter_map(Size::dimensions)
        .filter(|(w, h)| u64::from(*w) * u64::from(height) == u64::from(*h) * u64::from(width))
        .min_by(|a, b| {
            let off = |(w, h): &(u32, u32)| (f64::from(*w) * f64::from(*h) - wanted).abs();
            off(a).total_cmp(&off(b))
        });
    if let Some((w, h)) = same_shape {
        return Some(format!("{w}x{h}"));
    }
    let scale = (wanted / pixels).sqrt();
    let (w, h) = ((f64::from(width) * scale).round() as u32, (f64::from(height) * scale).round() as u32);
    nearest_valid_size(limits, w, h).map(|size| size.to_string())
}

/// Whether an issue is only that the prompt is still empty.
fn is_empty_prompt(issue: &gpt_image_wasm::core::Issue) -> bool {
    issue.field == "prompt" && issue.rule == Rule::Required
}

/// The issues of the fields a control edits, shown under it; a field
/// `image` also takes the issues of `image[0]`, `image[1]` …
#[component]
fn Problems(report: Memo<Report>, fields: &'static [&'static str]) -> impl IntoView {
    let mine = move |field: &str| {
        let name = field.split_once('[').map_or(field, |(name, _)| name);
        fields.contains(&name)
    };
    let id = format!("problems-{}", fields[0]);
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
                        view! { <li class=class data-rule=issue.rule.name()>{issue.message}</li> }
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
fn Choice(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<String>>,
    report: Memo<Report>,
    field: &'static str,
    #[prop(default = "problems-model")] problems: &'static str,
    /// When it is marked invalid, if not whenever `field` has an error.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(move || has_error(report, field)));
    // A separate `<label for>`: a wrapping label would put the selected
    // option's text into the control's accessible name.
    let id = format!("choice-{}", label.to_ascii_lowercase().replace(' ', "-"));
    view! {
        <div class="field" hidden=!shows(name)>
            <label for=id.clone()>{label}</label>
            <select id=id bind:value=value aria-invalid=move || invalid.get().to_string() aria-describedby=problems>
                <option value="">"(default)"</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|option| {
                            let (selected, label) = (option == current, option.clone());
                            view! { <option value=option selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Whether `field` has an error in `report`.
fn has_error(report: Memo<Report>, field: &str) -> bool {
    report.with(|report| report.errors().any(|issue| issue.field == field))
}

/// Which controls an embedding shows (all of them on the playground).
#[derive(Clone)]
pub struct Shown(pub Option<Vec<String>>);

/// Whether control `name` is shown, from the [`Shown`] in context.
fn shows(name: &'static str) -> bool {
    use_context::<Shown>()
        .is_none_or(|Shown(controls)| controls.is_none_or(|controls| controls.iter().any(|control| control == name)))
}

/// The form. `on_job` is called with a checked request, or an edit with
/// its files; `edit` offers the edit mode; `failure` shows a job that could not be made.
#[component]
pub fn RequestForm(form: Form, on_job: Callback<Job>, edit: bool, failure: RwSignal<Option<String>>) -> impl IntoView {
    let today = today();
    crate::persist::keep(form);
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
    let model = Memo::new(move |_| form.nearest());
    let gpt = Memo::new(move |_| form.takes_gpt_parameters());
    let gpt = move || gpt.get();
    let blocked = move || checked.with(|report| report.errors().next().is_some());
    let needs_prompt = move || checked.with(|report| report.errors().all(is_empty_prompt)) && blocked();
    let submit = move || drop(form.send(on_job, failure));
    let editing = move || form.mode.get() == Mode::Edit;
    let first_input = move || {
        form.inputs.uploads.with(|uploads| uploads.first().map(|upload| (upload.blob.clone(), upload.file.dimensions)))
    };
    // An edit's size follows its first input: when that input, the mode or the model changes.
    let input_key = move || {
        let first = form.inputs.uploads.with(|uploads| {
            uploads.first().map(|upload| (upload.file.filename.clone(), upload.file.len, upload.file.dimensions))
        });
        (editing(), first, form.model.get())
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
        let (mut presets, custom) = size_options(model.get());
        if custom {
            presets.push(CUSTOM.to_owned());
        }
        presets
    });
    let qualities = Signal::derive(move || quality_options(model.get()));
    let limits = move || custom_limits(model.get());
    let step = Signal::derive(move || limits().map(|limits| limits.step.to_string()));
    let max_edge = Signal::derive(move || limits().map(|limits| limits.max_edge.to_string()));
    let fidelity = move || model.get().is_none_or(|model| model.input_fidelity != Support::No);
    let max_n = move || model.get().map(|model| model.max_n.to_string());
    // A note is shown while the value it explains stays.
    let note = move |note: RwSignal<Option<(String, String)>>, value: RwSignal<String>| {
        move || note.get().filter(|(_, set)| value.with(|value| value == set)).map(|(text, _)| text)
    };
    let fixed = |values: &[&str]| {
        let values: Vec<String> = values.iter().map(|value| (*value).to_owned()).collect();
        Signal::derive(move || values.clone())
    };
    let lossy = move || matches!(form.output_format.get().as_str(), "jpeg" | "webp");
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
        if form.size.get() != CUSTOM || !has_error(report, "size") {
            return None;
        }
        nearest_valid_size(limits()?, width()?, height()?).and_then(|size| size.dimensions())
    });
    view! {
        <form
            class="generate"
            aria-label=move || if editing() { "Edit images" } else { "Generate images" }
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <div class="modes" role="radiogroup" aria-label="Mode" hidden=!edit>
                <label class="check">
                    <input type="radio" name="mode" prop:checked=move || !editing() on:change=move |_| form.mode.set(Mode::Generate) />
                    <span>"Generate"</span>
                </label>
                <label class="check">
                    <input type="radio" name="mode" prop:checked=editing on:change=move |_| form.mode.set(Mode::Edit) />
                    <span>"Edit"</span>
                </label>
            </div>
            <Show when=editing>
                <InputPicker inputs=form.inputs />
                <Problems report fields=&["image", "images"] />
                {move || first_input().map(|(image, size)| view! { <MaskEditor mask=form.mask image size /> })}
                <Problems report fields=&["mask"] />
            </Show>
            <label class="prompt">
                <span>"Prompt"</span>
                <textarea
                    rows="3"
                    placeholder=crate::persist::PROMPT_PLACEHOLDER
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
            <Problems report fields=&["prompt"] />
            <div class="controls">
                <ModelPicker
                    model=form.model
                    other=form.other_model
                    shown=shows("model")
                    on_change=Callback::new(move |()| form.fit_to_model())
                    invalid=Signal::derive(move || has_error(report, "model"))
                />
                <Choice
                    label="Size"
                    name="size"
                    value=form.size
                    options=presets
                    report
                    field="size"
                    // A custom size's problems are its width's and height's.
                    invalid=Signal::derive(move || form.size.get() != CUSTOM && has_error(report, "size"))
                />
                <Show when=move || form.size.get() == CUSTOM>
                    <SideInput label="Width" value=form.width step max=max_edge invalid=Signal::derive(move || bad_side(width())) hidden=!shows("size") />
                    <SideInput label="Height" value=form.height step max=max_edge invalid=Signal::derive(move || bad_side(height())) hidden=!shows("size") />
                </Show>
                <p class="note" role="status" hidden=!shows("size")>
                    {move || form.size_note.get().filter(|(_, set)| *set == form.effective_size()).map(|(text, _)| text)}
                </p>
                <Choice label="Quality" name="quality" value=form.quality options=qualities report field="quality" />
                <p class="note" role="status" hidden=!shows("quality")>{note(form.quality_note, form.quality)}</p>
                <Show when=gpt>
                    <Choice label="Background" name="background" value=form.background options=fixed(Background::KNOWN) report field="background" />
                    <Choice label="Format" name="format" value=form.output_format options=fixed(ImageFormat::KNOWN) report field="output_format" />
                    <Show when=lossy>
                        <label class="narrow" hidden=!shows("compression")>
                            <span>"Compression"</span>
                            <input
                                type="number"
                                min="0"
                                max="100"
                                bind:value=form.compression
                                aria-invalid=move || has_error(report, "output_compression").to_string()
                                aria-describedby="problems-model"
                            />
                        </label>
                    </Show>
                    <Choice label="Moderation" name="moderation" value=form.moderation options=fixed(Moderation::KNOWN) report field="moderation" />
                </Show>
                <Show when=move || editing() && fidelity()>
                    <Choice label="Input fidelity" name="fidelity" value=form.input_fidelity options=fixed(InputFidelity::KNOWN) report field="input_fidelity" />
                </Show>
                <label class="narrow" hidden=!shows("n")>
                    <span>"Images"</span>
                    <input
                        type="number"
                        min="1"
                        max=max_n
                        bind:value=form.n
                        aria-invalid=move || has_error(report, "n").to_string()
                        aria-describedby="problems-model"
                    />
                </label>
                <Show when=gpt>
                    <label class="check" hidden=!shows("stream")>
                        <input type="checkbox" bind:checked=form.stream />
                        <span>"Stream"</span>
                    </label>
                    <Show when=move || form.stream.get()>
                        <label class="narrow" hidden=!shows("stream")>
                            <span>"Partial images"</span>
                            <input
                                type="number"
                                min="0"
                                max="3"
                                bind:value=form.partial_images
                                aria-invalid=move || has_error(report, "partial_images").to_string()
                                aria-describedby="problems-model"
                            />
                        </label>
                    </Show>
                </Show>
            </div>
            <Problems
                report
                fields=&["model", "size", "quality", "background", "output_format", "output_compression", "moderation", "n", "stream", "partial_images", "response_format", "style", "input_fidelity"]
            />
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
                        {format!("Use {width}x{height}")}
                    </button>
                </p>
            })}
            <div class="actions">
                <button type="submit" disabled=blocked aria-describedby="blocked">
                    {move || if editing() { "Edit" } else { "Generate" }}
                </button>
                <span id="blocked" class="hint" class:keys=move || !blocked()>
                    {move || {
                        if needs_prompt() {
                            "Describe the image to make first."
                        } else if blocked() {
                            "Fix what is marked above first."
                        } else {
                            "Ctrl+Enter or ⌘+Enter sends it."
                        }
                    }}
                </span>
                {move || failure.get().map(|message| view! { <p class="problem error" role="alert">{message}</p> })}
            </div>
        </form>
    }
}

/// One side of a custom size: a number in the model's steps, up to its
/// longest edge, marked when the size breaks a rule.
#[component]
fn SideInput(
    label: &'static str,
    value: RwSignal<String>,
    step: Signal<Option<String>>,
    max: Signal<Option<String>>,
    invalid: Signal<bool>,
    hidden: bool,
) -> impl IntoView {
    view! {
        <label class="narrow" hidden=hidden>
            <span>{label}</span>
            <input
                type="number"
                min=move || step.get()
                step=move || step.get()
                max=move || max.get()
                bind:value=value
                aria-invalid=move || invalid.get().to_string()
                aria-describedby="problems-model"
            />
        </label>
    }
}
