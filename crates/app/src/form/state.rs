//! The form's values and how they change: the mode, the prompt, every
//! parameter's text by name ([`crate::values`]), the custom size, the extra
//! fields, the inputs, mask and markup of an edit; a model change that
//! resets the quality or the size with a note saying so, and an edit's size
//! that follows its first input.

use gpt_image_wasm::Json;
use gpt_image_wasm::core::catalogue::{self, ModelSpec};
use gpt_image_wasm::core::validate::nearest_valid_size;
use gpt_image_wasm::core::{PARAMETERS, ParameterValue, Quality, Size, SvgOptions};
use leptos::prelude::*;

use super::extra::extra_text;
use crate::i18n::words;
use crate::inputs::Inputs;
use crate::markup::Markup;
use crate::mask::Mask;
use crate::model_picker::listed;
use crate::options::ModelOptions;
use crate::store::Entry;
use crate::values::{Values, text_of};

/// The model the form starts with.
const DEFAULT_MODEL: &str = catalogue::SUGGESTED_MODEL;

/// The values the form starts with; every other parameter starts empty (the server's default).
pub(super) const STARTING_VALUES: &[(&str, &str)] =
    &[("model", DEFAULT_MODEL), ("size", "1024x1024"), ("quality", "low"), ("n", "1"), ("partial_images", "2")];

/// The example prompt: an embedded form starts with it; the playground's
/// kept form starts empty and shows it as the prompt box's placeholder.
pub(super) const EXAMPLE_PROMPT: &str = "a lighthouse at dawn, watercolour";

/// The value of the size control that shows the width and height fields.
pub(super) const CUSTOM: &str = "custom";

/// The most pixels an edit's size is fitted to when it follows an input
/// image of a model with custom sizes: 1536x1024's, the largest standard size.
const EDIT_PIXELS: f64 = 1536.0 * 1024.0;

/// Generate new images, edit input images, or hold a conversation (the
/// form then sets the image parameters of every turn).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    Generate,
    Edit,
    Conversation,
}

/// Why the form changed a value by itself, shown by its control while the value stays.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Note {
    /// The model does not take the quality asked for: reset to `to` (empty: the server's default).
    QualityReset { to: String, model: String, asked: String },
    /// The model does not take the size asked for: reset to `to` (empty: the server's default).
    SizeReset { to: String, model: String, asked: String },
    /// An edit's size is `auto`: the model follows its input's shape.
    AutoForInput { model: String, width: u32, height: u32 },
    /// An edit's size follows its input.
    ForInput { size: String, width: u32, height: u32 },
}

impl Note {
    /// The note in the language in use (tracked).
    pub(super) fn text(&self) -> String {
        let words = words();
        match self {
            Note::QualityReset { to, model, asked } => (words.quality_reset)(to, model, asked),
            Note::SizeReset { to, model, asked } => (words.size_reset)(to, model, asked),
            Note::AutoForInput { model, width, height } => (words.size_auto_for_input)(model, *width, *height),
            Note::ForInput { size, width, height } => (words.size_for_input)(size, *width, *height),
        }
    }
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
    pub(super) quality_note: RwSignal<Option<(Note, String)>>,
    /// Why the size was changed when the model changed, and to what.
    pub(super) size_note: RwSignal<Option<(Note, String)>>,
}

impl Form {
    /// The form as it starts: [`STARTING_VALUES`], and the example prompt.
    pub fn new() -> Self {
        let values = Values::new();
        for (name, text) in STARTING_VALUES {
            values.get(name).set((*text).to_owned());
        }
        Form {
            mode: RwSignal::new(Mode::Generate),
            prompt: RwSignal::new(EXAMPLE_PROMPT.into()),
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
    pub fn options(&self) -> ModelOptions {
        self.value("model").with(|name| ModelOptions::of(name))
    }

    /// The catalogue entry whose rules stand for the model (see [`gpt_image_wasm::core::Resolved::nearest`]).
    pub(super) fn nearest(&self) -> Option<&'static ModelSpec> {
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
            self.value("quality").set(fallback.to_owned());
            let note = Note::QualityReset { to: fallback.to_owned(), model: name.clone(), asked: quality };
            self.quality_note.set(Some((note, fallback.to_owned())));
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
            self.value("size").set(fallback.clone());
            let note = Note::SizeReset { to: fallback.clone(), model: name, asked: wanted };
            self.size_note.set(Some((note, fallback)));
        }
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
    pub(super) fn fit_to_input(&self, (width, height): (u32, u32)) {
        let model = self.nearest();
        let Some(size) = size_for_input(model, width, height) else { return };
        let name = self.value("model").with_untracked(|name| name.trim().to_owned());
        self.set_size(&size);
        let note = if size == Size::Auto.to_string() {
            Note::AutoForInput { model: name, width, height }
        } else {
            Note::ForInput { size: size.clone(), width, height }
        };
        self.size_note.set(Some((note, size)));
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
    /// every parameter it was made with, and its extra fields. A
    /// conversation keeps its mode: the settings are its next turn's.
    pub fn load(&self, entry: &Entry) {
        if self.mode.get_untracked() != Mode::Conversation {
            self.mode.set(if entry.edit { Mode::Edit } else { Mode::Generate });
        }
        let request = &entry.request;
        self.prompt.set(request.prompt.clone());
        let texts: Vec<(&str, String)> = PARAMETERS
            .iter()
            .filter_map(|parameter| Some((parameter.name, text_of(request, parameter.name)?)))
            .collect();
        self.set_parameters(&texts);
        self.extra.set(extra_text(&request.extra));
    }

    /// Whether marks are drawn for a model documented to take markup (tracked).
    pub(super) fn markup_in_use(&self) -> bool {
        self.markup.is_set() && self.options().supports(|model| model.markup)
    }

    /// The SVG author model (`svg.model`), as the SVG control shows it.
    pub(super) fn svg_model(&self) -> String {
        self.value("svg").with(|text| {
            SvgOptions::from_text::<Json>(text).and_then(|svg| svg.model().map(str::to_owned)).unwrap_or_default()
        })
    }

    /// Sets the SVG author model, keeping the other members of `svg`.
    pub(super) fn set_svg_model(&self, model: &str) {
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
