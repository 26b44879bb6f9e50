//! The request form, to generate or to edit: every parameter as a control,
//! validated by `gpt-image-core` as the user types, each problem shown once,
//! by its control, which is marked invalid; a custom size that breaks a
//! rule offers the nearest one that keeps them all. An edit's size follows
//! its first input image.
//!
//! The parameters' values are core's one list ([`crate::values`]): the
//! request is built from them by name, so only a control's layout is
//! written here; a parameter without one is offered under "More
//! parameters" ([`advanced`]).

mod advanced;
mod persist;

use gpt_image_wasm::core::catalogue::{self, ModelSpec, Support};
use gpt_image_wasm::core::validate::nearest_valid_size;
use gpt_image_wasm::core::{
    Background, Complexity, EditRequest, Endpoint, GenerateRequest, ImageInput, InputFidelity, Issue, Moderation,
    PARAMETERS, ParameterValue, Quality, Report, Rule, Size, SvgOptions, ValidationOptions, parameters,
};
use gpt_image_wasm::{Edit, Json};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::inputs::{InputPicker, Inputs};
use crate::markup::{Markup, MarkupEditor};
use crate::mask::{Mask, MaskEditor};
use crate::model_picker::{ModelPicker, listed, today};
use crate::options::Options;
use crate::run::Job;
use crate::store::Entry;
use crate::values::{Values, text_of};
use advanced::{Advanced, extra_fields, extra_text};

/// The model the form starts with.
const DEFAULT_MODEL: &str = catalogue::SUGGESTED_MODEL;

/// The values the form starts with; every other parameter starts empty (the server's default).
const STARTING_VALUES: &[(&str, &str)] =
    &[("model", DEFAULT_MODEL), ("size", "1024x1024"), ("quality", "low"), ("n", "1"), ("partial_images", "2")];

/// The parameters whose controls are laid out by hand below; every other
/// one of the list gets a plain control under "More parameters".
pub const LAID_OUT: &[&str] = &[
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

/// The value of the size control that shows the width and height fields.
pub const CUSTOM: &str = "custom";

/// The most pixels an edit's size is fitted to when it follows an input
/// image of a model with custom sizes: 1536x1024's, the largest standard size.
const EDIT_PIXELS: f64 = 1536.0 * 1024.0;

/// Generate new images, or edit input images.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    Generate,
    Edit,
}

/// The form's values: the prompt, every parameter's text, and what only
/// the controls need.
#[derive(Clone, Copy)]
pub struct Form {
    pub mode: RwSignal<Mode>,
    pub prompt: RwSignal<String>,
    /// Every parameter of core's list, by name (`size` holds the size
    /// control's value: a preset, empty, or [`CUSTOM`] for `width`x`height`).
    pub values: Values,
    /// Whether the model is a typed name ("Other model…") rather than one of the catalogue.
    pub other_model: RwSignal<bool>,
    pub width: RwSignal<String>,
    pub height: RwSignal<String>,
    /// Fields the parameter list does not name, as a JSON object's text, sent as written.
    pub extra: RwSignal<String>,
    /// The input images of an edit.
    pub inputs: Inputs,
    /// The mask of an edit.
    pub mask: Mask,
    /// The markup of an edit (never with a mask).
    pub markup: Markup,
    /// Why the quality was changed when the model changed, and to what: shown while it stays so.
    quality_note: RwSignal<Option<(String, String)>>,
    /// Why the size was changed when the model changed, and to what.
    size_note: RwSignal<Option<(String, String)>>,
}

impl Form {
    pub fn new() -> Self {
        let values = Values::new();
        for (name, text) in STARTING_VALUES {
            values.get(name).set((*text).to_owned());
        }
        Form {
            mode: RwSignal::new(Mode::Generate),
            prompt: RwSignal::new("a lighthouse at dawn, watercolour".into()),
            values,
            other_model: RwSignal::new(!listed(DEFAULT_MODEL)),
            width: RwSignal::new("2048".into()),
            height: RwSignal::new("1152".into()),
            extra: RwSignal::new(String::new()),
            inputs: Inputs::new(),
            mask: Mask::new(),
            markup: Markup::new(),
            quality_note: RwSignal::new(None),
            size_note: RwSignal::new(None),
        }
    }

    /// The value of parameter `name` (a name of core's list).
    pub fn value(&self, name: &str) -> RwSignal<String> {
        self.values.get(name)
    }

    /// What the form offers for the model (tracked).
    pub fn options(&self) -> Options {
        self.value("model").with(|name| Options::of(name))
    }

    /// The catalogue entry whose rules stand for the model (see [`gpt_image_wasm::core::Resolved::nearest`]).
    fn nearest(&self) -> Option<&'static ModelSpec> {
        self.value("model").with(|name| catalogue::resolve(name.trim()).nearest())
    }

    /// Sets the model: one of the picker's, or any other name as typed.
    pub fn set_model(&self, name: &str) {
        self.other_model.set(!listed(name));
        self.value("model").set(name.to_owned());
    }

    /// After the model changed: a quality or a size the new model does not
    /// take falls back, with a note saying so by its control.
    pub fn fit_to_model(&self) {
        let options = self.options();
        let name = self.value("model").with_untracked(|name| name.trim().to_owned());
        let quality = self.value("quality").get_untracked();
        let qualities = options.qualities();
        self.quality_note.set(None);
        if !quality.is_empty() && !qualities.contains(&quality) {
            let auto = Quality::Auto.as_str();
            let fallback = if qualities.iter().any(|quality| quality == auto) { auto } else { "" };
            let shown = if fallback.is_empty() { "the default" } else { fallback };
            self.value("quality").set(fallback.to_owned());
            self.quality_note
                .set(Some((format!("Quality reset to {shown}: {name} does not take {quality}."), fallback.to_owned())));
        }
        let wanted = self.effective_size();
        self.size_note.set(None);
        if wanted.is_empty() || options.offers_size(&wanted) {
            self.set_size(&wanted);
        } else {
            let presets = options.sizes().0;
            let square = Size::SQUARE.to_string();
            let fallback =
                if presets.contains(&square) { square } else { presets.first().cloned().unwrap_or_default() };
            let shown = if fallback.is_empty() { "the default".to_owned() } else { fallback.clone() };
            self.value("size").set(fallback.clone());
            self.size_note.set(Some((format!("Size reset to {shown}: {name} does not take {wanted}."), fallback)));
        }
    }

    /// Whether a parameter's control is in use, so that its value is sent:
    /// the GPT image models' parameters for those models, compression for
    /// lossy formats, partial images when streaming, GIF and SVG settings
    /// with their format, a model's own features where it has them. A
    /// parameter without such a rule is sent whenever it is set.
    fn in_use(&self, name: &str, options: &Options) -> bool {
        let format = || self.value("output_format").get();
        let gpt = options.gpt_parameters();
        match name {
            "background" | "moderation" | "output_format" | "stream" => gpt,
            "output_compression" => gpt && matches!(format().as_str(), "jpeg" | "webp"),
            "partial_images" => gpt && self.value("stream").get() == "true",
            "frame_count" | "frame_duration_ms" => gpt && format() == "gif",
            "svg" => gpt && format() == "svg",
            "complexity" => options.supports(|model| model.complexity),
            "input_fidelity" => self.mode.get() == Mode::Edit && options.takes(|model| model.input_fidelity),
            _ => true,
        }
    }

    /// Every parameter of `endpoint` to send, with its text as sent (trimmed; empty ones are left out).
    fn texts(&self, endpoint: Endpoint) -> Vec<(&'static str, String)> {
        let options = self.options();
        parameters::of(endpoint)
            .filter(|parameter| self.in_use(parameter.name, &options))
            .filter_map(|parameter| {
                let text = match parameter.name {
                    "size" => self.effective_size(),
                    name => self.value(name).with(|text| text.trim().to_owned()),
                };
                (!text.is_empty()).then_some((parameter.name, text))
            })
            .collect()
    }

    /// The generation the form describes, and the problems of text that is
    /// not its parameter's kind (a number that is not one, extra fields
    /// that are not a JSON object), each naming its field.
    pub fn request(&self) -> (GenerateRequest, Vec<Issue>) {
        let mut request = GenerateRequest { prompt: self.prompt.get(), ..GenerateRequest::default() };
        let mut issues = Vec::new();
        for (name, text) in self.texts(Endpoint::Generate) {
            issues.extend(request.set_parameter_text::<Json>(name, &text).err());
        }
        match self.extra.with(|text| extra_fields(text)) {
            Ok(extra) => request.extra.extend(extra),
            Err(issue) => issues.push(issue),
        }
        (request, issues)
    }

    /// The edit the form describes, for validation: the inputs as they
    /// are, and the mask when one was uploaded (a drawn mask or markup is
    /// made at the first image's size when the edit is sent, and stands
    /// for itself here as a marker).
    fn edit_request(&self) -> (EditRequest, Vec<Issue>) {
        let mut request = EditRequest { prompt: self.prompt.get(), ..EditRequest::default() };
        let mut issues = Vec::new();
        for (name, text) in self.texts(Endpoint::Edit) {
            issues.extend(request.set_parameter_text::<Json>(name, &text).err());
        }
        match self.extra.with(|text| extra_fields(text)) {
            Ok(extra) => request.extra.extend(extra),
            Err(issue) => issues.push(issue),
        }
        request.images = self
            .inputs
            .uploads
            .with(|uploads| uploads.iter().map(|upload| ImageInput::Upload(upload.file.clone())).collect());
        request.mask =
            self.mask.uploaded.with(|mask| mask.as_ref().map(|upload| ImageInput::Upload(upload.file.clone())));
        (request, issues)
    }

    /// What a gallery entry keeps of an edit: a generation's request with
    /// the edit's parameters, those only edits take in its `extra` (so that
    /// reusing the settings restores them), and its extra fields.
    fn record(&self) -> GenerateRequest {
        let mut record = GenerateRequest { prompt: self.prompt.get_untracked(), ..GenerateRequest::default() };
        untrack(|| {
            for (name, text) in self.texts(Endpoint::Edit) {
                // The edit was checked: its text reads as its parameter, here as in the edit.
                let _ = record.set_parameter_text::<Json>(name, &text);
            }
            record.extra.extend(self.extra.with(|text| extra_fields(text)).unwrap_or_default());
        });
        record
    }

    /// Every problem of the request in the current mode, as of today
    /// (a model OpenAI retires today is retired).
    fn validate(&self, today: &str) -> Report {
        let options = ValidationOptions { today: Some(today.to_owned()), ..ValidationOptions::default() };
        let (mut report, issues) = match self.mode.get() {
            Mode::Generate => {
                let (request, issues) = self.request();
                (request.validate_with(&options), issues)
            }
            Mode::Edit => {
                let (request, issues) = self.edit_request();
                (request.validate_with(&options), issues)
            }
        };
        report.issues.splice(0..0, issues);
        report
    }

    /// The job to run: the request, or the edit with its files, mask and markup.
    async fn job(&self) -> Result<Job, String> {
        let (request, _) = self.request();
        let asked = request.size.as_ref().and_then(Size::dimensions);
        if self.mode.get_untracked() == Mode::Generate {
            return Ok(Job { settings: request, edit: None, shape: asked });
        }
        let mask = self.mask.upload().await?;
        let markup = if self.markup_in_use() { self.markup.upload().await? } else { None };
        let uploads = self.inputs.uploads.get_untracked();
        let before = uploads.first().map(|upload| upload.blob.clone());
        let shape = asked.or_else(|| uploads.first().and_then(|upload| upload.file.dimensions));
        let (edit, _) = self.edit_request();
        let settings = self.record();
        let edit = Edit::with_uploads(edit, uploads, mask, markup);
        Ok(Job { settings, edit: Some((edit, before)), shape })
    }

    /// The size as sent: a preset, `WIDTHxHEIGHT` for a custom one, or empty.
    pub fn effective_size(&self) -> String {
        match self.value("size").get().as_str() {
            CUSTOM => format!("{}x{}", self.width.get().trim(), self.height.get().trim()),
            size => size.trim().to_owned(),
        }
    }

    /// An edit's size follows its first input (`width`x`height`): see
    /// [`size_for_input`]. The size control says so in its note.
    fn fit_to_input(&self, (width, height): (u32, u32)) {
        let model = self.nearest();
        let Some(size) = size_for_input(model, width, height) else { return };
        let name = self.value("model").with_untracked(|name| name.trim().to_owned());
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
    /// asynchronously (a drawn mask or markup is encoded first); a failure there goes to `failure`.
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
        if size.is_empty() || size == CUSTOM || self.options().sizes().0.iter().any(|preset| preset == size) {
            self.value("size").set(size.to_owned());
        } else {
            let (width, height) = size.split_once('x').unwrap_or((size, ""));
            self.width.set(width.to_owned());
            self.height.set(height.to_owned());
            self.value("size").set(CUSTOM.into());
        }
    }

    /// Sets every parameter from `texts` (name and text; a parameter not
    /// among them is emptied), the model first, as its options decide the size's.
    pub fn set_parameters(&self, texts: &[(&str, String)]) {
        let text = |name: &str| texts.iter().find(|(each, _)| *each == name).map(|(_, text)| text.clone());
        self.set_model(&text("model").unwrap_or_default());
        for parameter in PARAMETERS.iter().filter(|parameter| !matches!(parameter.name, "model" | "size")) {
            self.value(parameter.name).set(text(parameter.name).unwrap_or_default());
        }
        self.set_size(&text("size").unwrap_or_default());
    }

    /// Copies an image's settings into the form ("reuse its settings"):
    /// every parameter it was made with, and its extra fields.
    pub fn load(&self, entry: &Entry) {
        self.mode.set(if entry.edit { Mode::Edit } else { Mode::Generate });
        let settings = &entry.settings;
        self.prompt.set(settings.prompt.clone());
        let texts: Vec<(&str, String)> = PARAMETERS
            .iter()
            .filter_map(|parameter| Some((parameter.name, text_of(settings, parameter.name)?)))
            .collect();
        self.set_parameters(&texts);
        self.extra.set(extra_text(&settings.extra));
    }

    /// Whether marks are drawn for a model documented to take markup (tracked).
    fn markup_in_use(&self) -> bool {
        self.markup.is_set() && self.options().supports(|model| model.markup)
    }

    /// The SVG author model (`svg.model`), as the SVG control shows it.
    fn svg_model(&self) -> String {
        self.value("svg").with(|text| {
            SvgOptions::from_text::<Json>(text).and_then(|svg| svg.model().map(str::to_owned)).unwrap_or_default()
        })
    }

    /// Sets the SVG author model, keeping the other members of `svg`.
    fn set_svg_model(&self, model: &str) {
        let mut svg = self.value("svg").with_untracked(|text| SvgOptions::from_text::<Json>(text)).unwrap_or_default();
        if model.trim().is_empty() {
            svg.0.remove("model");
        } else {
            svg.0.insert("model".into(), model.trim().into());
        }
        self.value("svg").set(if svg.0.is_empty() { String::new() } else { svg.to_text() });
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
pub(crate) fn Problems(report: Memo<Report>, fields: Vec<&'static str>) -> impl IntoView {
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
    /// When it is shown, if not always (an embedding may hide it as well).
    #[prop(optional, into)]
    when: Option<Signal<bool>>,
) -> impl IntoView {
    let invalid = invalid.unwrap_or_else(|| Signal::derive(move || has_error(report, field)));
    let shown = shows(name);
    // A separate `<label for>`: a wrapping label would put the selected
    // option's text into the control's accessible name.
    let id = format!("choice-{}", label.to_ascii_lowercase().replace(' ', "-"));
    view! {
        <div class="field" hidden=move || !shown || when.is_some_and(|when| !when.get())>
            <label for=id.clone()>{label}</label>
            <select id=id bind:value=value aria-invalid=move || invalid.get().to_string() aria-describedby=problems>
                <option value="">"(default)"</option>
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
pub(crate) fn has_error(report: Memo<Report>, field: &str) -> bool {
    report.with(|report| report.errors().any(|issue| issue.field == field))
}

/// Which controls an embedding shows (all of them on the playground).
#[derive(Clone)]
pub struct Shown(pub Option<Vec<String>>);

/// Whether control `name` is shown, from the [`Shown`] in context.
pub(crate) fn shows(name: &'static str) -> bool {
    use_context::<Shown>()
        .is_none_or(|Shown(controls)| controls.is_none_or(|controls| controls.iter().any(|control| control == name)))
}

/// The form. `on_job` is called with a checked request, or an edit with
/// its files; `edit` offers the edit mode; `failure` shows a job that could not be made.
#[component]
pub fn RequestForm(form: Form, on_job: Callback<Job>, edit: bool, failure: RwSignal<Option<String>>) -> impl IntoView {
    let today = today();
    persist::keep(form);
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
    let gpt = move || options.with(Options::gpt_parameters);
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
        let (mut presets, custom) = options.with(Options::sizes);
        if custom {
            presets.push(CUSTOM.to_owned());
        }
        presets
    });
    let qualities = Signal::derive(move || options.with(Options::qualities));
    let formats = Signal::derive(move || options.with(Options::formats));
    let limits = move || options.with(Options::custom_limits);
    let step = Signal::derive(move || limits().map(|limits| limits.step.to_string()));
    let max_edge = Signal::derive(move || limits().map(|limits| limits.max_edge.to_string()));
    let takes = move |feature: fn(&ModelSpec) -> Support| options.with(|options| options.takes(feature));
    // Complexity and markup are offered where they are documented (GPT Image 2.6), not where sources disagree.
    let supports = move |feature: fn(&ModelSpec) -> Support| options.with(|options| options.supports(feature));
    let max_n = move || options.with(Options::max_n).map(|n| n.to_string());
    // A note is shown while the value it explains stays.
    let note = move |note: RwSignal<Option<(String, String)>>, value: RwSignal<String>| {
        move || note.get().filter(|(_, set)| value.with(|value| value == set)).map(|(text, _)| text)
    };
    let fixed = |values: &[&str]| {
        let values: Vec<String> = values.iter().map(|value| (*value).to_owned()).collect();
        Signal::derive(move || values.clone())
    };
    let format = form.value("output_format");
    let lossy = move || matches!(format.get().as_str(), "jpeg" | "webp");
    let gif = move || if format.get() == "gif" { options.with(Options::gif) } else { None };
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
    let mask_blocked =
        Signal::derive(move || form.markup_in_use().then_some("markup is drawn; a mask does not go with it."));
    let markup_blocked = Signal::derive(move || {
        form.mask.is_set().then_some("No markup: a mask is set, and markup does not go with one.")
    });
    let number = move |label: &'static str,
                       name: &'static str,
                       min: Signal<Option<String>>,
                       placeholder: Signal<Option<String>>| {
        view! {
            <label class="narrow">
                <span>{label}</span>
                <input
                    type="number"
                    min=move || min.get()
                    placeholder=move || placeholder.get()
                    bind:value=form.value(name)
                    aria-invalid=move || has_error(report, name).to_string()
                    aria-describedby="problems-model"
                />
            </label>
        }
    };
    let format_shown = shows("format");
    let gif_rule =
        move |pick: fn(&catalogue::GifRules) -> u32| Signal::derive(move || gif().map(|rules| pick(rules).to_string()));
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
                <Problems report fields=vec!["image", "images"] />
                {move || first_input().map(|(image, size)| view! { <MaskEditor mask=form.mask image size blocked=mask_blocked /> })}
                <Problems report fields=vec!["mask"] />
                <Show when=move || supports(|model| model.markup)>
                    {move || first_input().map(|(image, size)| view! { <MarkupEditor markup=form.markup image size blocked=markup_blocked /> })}
                </Show>
                <Problems report fields=vec!["markup"] />
            </Show>
            <label class="prompt">
                <span>"Prompt"</span>
                <textarea
                    rows="3"
                    placeholder=persist::PROMPT_PLACEHOLDER
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
                    label="Size"
                    name="size"
                    value=form.value("size")
                    options=presets
                    report
                    field="size"
                    // A custom size's problems are its width's and height's.
                    invalid=Signal::derive(move || form.value("size").get() != CUSTOM && has_error(report, "size"))
                />
                <Show when=move || form.value("size").get() == CUSTOM>
                    <SideInput label="Width" value=form.width step max=max_edge invalid=Signal::derive(move || bad_side(width())) hidden=!shows("size") />
                    <SideInput label="Height" value=form.height step max=max_edge invalid=Signal::derive(move || bad_side(height())) hidden=!shows("size") />
                </Show>
                <p class="note" role="status" hidden=!shows("size")>
                    {move || form.size_note.get().filter(|(_, set)| *set == form.effective_size()).map(|(text, _)| text)}
                </p>
                <Choice label="Quality" name="quality" value=form.value("quality") options=qualities report field="quality" />
                <p class="note" role="status" hidden=!shows("quality")>{note(form.quality_note, form.value("quality"))}</p>
                <Choice label="Complexity" name="complexity" value=form.value("complexity") options=fixed(Complexity::KNOWN) report field="complexity" when=Signal::derive(move || supports(|model| model.complexity)) />
                <Show when=gpt>
                    <Choice label="Background" name="background" value=form.value("background") options=fixed(Background::KNOWN) report field="background" />
                    <Choice label="Format" name="format" value=format options=formats report field="output_format" />
                    <Show when=lossy>
                        <label class="narrow" hidden=!shows("compression")>
                            <span>"Compression"</span>
                            <input
                                type="number"
                                min="0"
                                max="100"
                                bind:value=form.value("output_compression")
                                aria-invalid=move || has_error(report, "output_compression").to_string()
                                aria-describedby="problems-model"
                            />
                        </label>
                    </Show>
                    <div class="group" hidden=move || !format_shown || gif().is_none()>
                        {number("Frames", "frame_count", gif_rule(|rules| rules.frames.0), gif_rule(|rules| rules.default_frames))}
                        {number("Frame ms", "frame_duration_ms", gif_rule(|rules| rules.min_frame_ms), gif_rule(|rules| rules.default_frame_ms))}
                    </div>
                    // Only in the page with SVG output: its label would answer to "Model" as the picker does.
                    <Show when=svg>
                        <label class="svg-model" hidden=!format_shown>
                            <span>"SVG author model"</span>
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
                    <Choice label="Moderation" name="moderation" value=form.value("moderation") options=fixed(Moderation::KNOWN) report field="moderation" />
                </Show>
                <Show when=move || editing() && takes(|model| model.input_fidelity)>
                    <Choice label="Input fidelity" name="fidelity" value=form.value("input_fidelity") options=fixed(InputFidelity::KNOWN) report field="input_fidelity" />
                </Show>
                <label class="narrow" hidden=!shows("n")>
                    <span>"Images"</span>
                    <input
                        type="number"
                        min="1"
                        max=max_n
                        bind:value=form.value("n")
                        aria-invalid=move || has_error(report, "n").to_string()
                        aria-describedby="problems-model"
                    />
                </label>
                <Show when=gpt>
                    <label class="check" hidden=!shows("stream")>
                        <input
                            type="checkbox"
                            prop:checked=streaming
                            on:change=move |ev| stream.set(if event_target_checked(&ev) { "true".into() } else { String::new() })
                        />
                        <span>"Stream"</span>
                    </label>
                    <Show when=streaming>
                        <label class="narrow" hidden=!shows("stream")>
                            <span>"Partial images"</span>
                            <input
                                type="number"
                                min="0"
                                max=move || form.nearest().map_or_else(|| catalogue::most_of(|spec| spec.max_partial_images), |spec| spec.max_partial_images)
                                bind:value=form.value("partial_images")
                                aria-invalid=move || has_error(report, "partial_images").to_string()
                                aria-describedby="problems-model"
                            />
                        </label>
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
                        {format!("Use {width}x{height}")}
                    </button>
                </p>
            })}
            <Advanced form report />
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_the_form_lays_out_or_starts_with_is_a_parameter_of_the_list() {
        let names: Vec<&str> = PARAMETERS.iter().map(|parameter| parameter.name).collect();
        for name in LAID_OUT.iter().chain(STARTING_VALUES.iter().map(|(name, _)| name)) {
            assert!(names.contains(name), "{name} is not in gpt_image_core::PARAMETERS");
        }
    }
}
