//! The generation form: every parameter as a control, validated by
//! `gpt-image-core` as the user types, each problem shown by its control.

use gpt_image_wasm::core::{GenerateRequest, ImageFormat, Model, ModelFamily, Report, Size};
use leptos::prelude::*;

/// Known models, offered as suggestions; any other name can be typed.
const MODELS: &[&str] = &["gpt-image-2", "gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini", "dall-e-3", "dall-e-2"];

/// The value of the size control that shows the width and height fields.
const CUSTOM: &str = "custom";

/// The form's values, one signal per control.
#[derive(Clone, Copy)]
pub struct Form {
    pub prompt: RwSignal<String>,
    pub model: RwSignal<String>,
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
}

impl Form {
    pub fn new() -> Self {
        Form {
            prompt: RwSignal::new("a lighthouse at dawn, watercolour".into()),
            model: RwSignal::new("gpt-image-2".into()),
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
        }
    }

    fn family(&self) -> ModelFamily {
        Model::from(self.model.get().trim()).family()
    }

    /// The request the form describes; empty controls are left out, so the
    /// server's defaults apply.
    pub fn request(&self) -> GenerateRequest {
        let text = |signal: RwSignal<String>| Some(signal.get().trim().to_owned()).filter(|value| !value.is_empty());
        let number = |signal: RwSignal<String>| text(signal).map(|value| value.parse::<u32>().unwrap_or(u32::MAX));
        let gpt = matches!(self.family(), ModelFamily::GptImage | ModelFamily::GptImage2 | ModelFamily::Unknown);
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

    /// Copies a request's settings into the form ("reuse its settings").
    pub fn load(&self, request: &GenerateRequest) {
        let show = |value: Option<&str>| value.unwrap_or_default().to_owned();
        self.prompt.set(request.prompt.clone());
        self.model.set(show(request.model.as_ref().map(Model::as_str)));
        match request.size.as_ref().map(ToString::to_string) {
            Some(size) if size_presets(self.family()).contains(&size.as_str()) => self.size.set(size),
            Some(size) => {
                let (width, height) = size.split_once('x').unwrap_or((&size, ""));
                self.width.set(width.to_owned());
                self.height.set(height.to_owned());
                self.size.set(CUSTOM.into());
            }
            None => self.size.set(String::new()),
        }
        self.quality.set(show(request.quality.as_ref().map(|value| value.as_str())));
        self.background.set(show(request.background.as_ref().map(|value| value.as_str())));
        self.output_format.set(show(request.output_format.as_ref().map(|value| value.as_str())));
        self.compression.set(request.output_compression.map(|value| value.to_string()).unwrap_or_default());
        self.moderation.set(show(request.moderation.as_ref().map(|value| value.as_str())));
        self.n.set(request.n.map_or("1".into(), |n| n.to_string()));
        self.stream.set(request.stream == Some(true));
    }
}

/// The standard sizes of a model family.
fn size_presets(family: ModelFamily) -> &'static [&'static str] {
    match family {
        ModelFamily::DallE2 => &["256x256", "512x512", "1024x1024"],
        ModelFamily::DallE3 => &["1024x1024", "1792x1024", "1024x1792"],
        _ => &["auto", "1024x1024", "1536x1024", "1024x1536"],
    }
}

/// The qualities of a model family.
fn qualities(family: ModelFamily) -> &'static [&'static str] {
    match family {
        ModelFamily::DallE2 => &["standard"],
        ModelFamily::DallE3 => &["standard", "hd"],
        _ => &["low", "medium", "high", "auto"],
    }
}

/// The issues of the fields a control edits, shown under it.
#[component]
fn Problems(report: Memo<Report>, fields: &'static [&'static str]) -> impl IntoView {
    let id = format!("problems-{}", fields[0]);
    view! {
        <ul class="problems" id=id aria-live="polite">
            {move || {
                report
                    .get()
                    .issues
                    .into_iter()
                    .filter(|issue| fields.contains(&issue.field.as_str()))
                    .map(|issue| {
                        let class = if issue.is_error() { "problem error" } else { "problem warning" };
                        view! { <li class=class data-rule=issue.rule.name()>{issue.message}</li> }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// A `<select>` bound to `value`, with a "server default" choice.
#[component]
fn Choice(label: &'static str, value: RwSignal<String>, options: Signal<Vec<&'static str>>) -> impl IntoView {
    // A separate `<label for>`: a wrapping label would put the selected
    // option's text into the control's accessible name.
    let id = format!("choice-{}", label.to_ascii_lowercase());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id bind:value=value>
                <option value="">"(default)"</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|option| view! { <option value=option selected=option == current>{option}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The form. `on_generate` is called with a checked request.
#[component]
pub fn GenerateForm(form: Form, on_generate: Callback<GenerateRequest>) -> impl IntoView {
    let report = Memo::new(move |_| form.request().validate());
    let family = Memo::new(move |_| form.family());
    let gpt = move || matches!(family.get(), ModelFamily::GptImage | ModelFamily::GptImage2 | ModelFamily::Unknown);
    let blocked = move || report.with(|report| report.errors().next().map(|issue| issue.message.clone()));
    let submit = move || {
        if blocked().is_none() {
            on_generate.run(form.request());
        }
    };
    let presets = Signal::derive(move || {
        let mut presets = size_presets(family.get()).to_vec();
        if family.get() == ModelFamily::GptImage2 {
            presets.push(CUSTOM);
        }
        presets
    });
    let lossy = move || matches!(form.output_format.get().as_str(), "jpeg" | "webp");
    view! {
        <form
            class="generate"
            aria-label="Generate images"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label class="prompt">
                <span>"Prompt"</span>
                <textarea
                    rows="3"
                    bind:value=form.prompt
                    aria-describedby="problems-prompt"
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
                <label>
                    <span>"Model"</span>
                    <input list="models" bind:value=form.model aria-describedby="problems-model" />
                    <datalist id="models">
                        {MODELS.iter().map(|model| view! { <option value=*model></option> }).collect_view()}
                    </datalist>
                </label>
                <Choice label="Size" value=form.size options=presets />
                <Show when=move || form.size.get() == CUSTOM>
                    <label class="narrow">
                        <span>"Width"</span>
                        <input type="number" min="16" step="16" bind:value=form.width />
                    </label>
                    <label class="narrow">
                        <span>"Height"</span>
                        <input type="number" min="16" step="16" bind:value=form.height />
                    </label>
                </Show>
                <Choice label="Quality" value=form.quality options=Signal::derive(move || qualities(family.get()).to_vec()) />
                <Show when=gpt>
                    <Choice label="Background" value=form.background options=Signal::derive(|| vec!["auto", "opaque", "transparent"]) />
                    <Choice label="Format" value=form.output_format options=Signal::derive(|| vec!["png", "jpeg", "webp"]) />
                    <Show when=lossy>
                        <label class="narrow">
                            <span>"Compression"</span>
                            <input type="number" min="0" max="100" bind:value=form.compression />
                        </label>
                    </Show>
                    <Choice label="Moderation" value=form.moderation options=Signal::derive(|| vec!["auto", "low"]) />
                </Show>
                <label class="narrow">
                    <span>"Images"</span>
                    <input type="number" min="1" max="10" bind:value=form.n />
                </label>
                <Show when=gpt>
                    <label class="check">
                        <input type="checkbox" bind:checked=form.stream />
                        <span>"Stream"</span>
                    </label>
                    <Show when=move || form.stream.get()>
                        <label class="narrow">
                            <span>"Partial images"</span>
                            <input type="number" min="0" max="3" bind:value=form.partial_images />
                        </label>
                    </Show>
                </Show>
            </div>
            <Problems
                report
                fields=&["model", "size", "quality", "background", "output_format", "output_compression", "moderation", "n", "stream", "partial_images", "response_format", "style"]
            />
            <div class="actions">
                <button type="submit" disabled=move || blocked().is_some() aria-describedby="blocked">
                    "Generate"
                </button>
                <span id="blocked" class="hint">
                    {move || match blocked() {
                        Some(reason) => format!("Fix this first: {reason}"),
                        None => "Ctrl+Enter or ⌘+Enter generates.".to_owned(),
                    }}
                </span>
            </div>
        </form>
    }
}
