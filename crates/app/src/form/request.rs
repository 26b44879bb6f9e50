//! The request the form describes: which parameters are in use and sent,
//! the generation or edit built from their texts by name, every problem of
//! it as `gpt-image-core` validates it, and the job a run sends (for an
//! edit, with its files, mask and markup).

use gpt_image_wasm::core::responses::{ImageGenerationTool, ResponseRequest, TOOL_WITHOUT, Tool};
use gpt_image_wasm::core::{
    EditRequest, Endpoint, GenerateRequest, ImageInput, Issue, Report, Size, ValidationOptions, parameters,
};
use gpt_image_wasm::{Edit, Json};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::extra::extra_fields;
use super::state::{Form, Mode};
use crate::i18n::words;
use crate::model_picker::today;
use crate::options::ModelOptions;
use crate::run::Job;

impl Form {
    /// Whether a parameter's control is in use, so that its value is sent:
    /// the GPT image models' parameters for those models, compression for
    /// lossy formats, partial images when streaming, GIF and SVG settings
    /// with their format, a model's own features where it has them. A
    /// parameter without such a rule is sent whenever it is set.
    fn in_use(&self, name: &str, options: &ModelOptions) -> bool {
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

    /// The image parameters of a conversation's turns (the
    /// `image_generation` tool's, and an Images API turn's): every
    /// parameter in use but those the tool does not take
    /// ([`TOOL_WITHOUT`]: one image per turn, streamed with the turn), and
    /// the extra fields; with the problems of text that is not its
    /// parameter's kind.
    pub fn turn_parameters(&self) -> (EditRequest, Vec<Issue>) {
        let mut image = EditRequest::default();
        let mut issues = Vec::new();
        for (name, text) in self.texts(Endpoint::Edit).into_iter().filter(|(name, _)| !TOOL_WITHOUT.contains(name)) {
            issues.extend(image.set_parameter_text::<Json>(name, &text).err());
        }
        match self.extra.with(|text| extra_fields(text)) {
            Ok(extra) => image.extra.extend(extra),
            Err(issue) => issues.push(issue),
        }
        (image, issues)
    }

    /// Whether a conversation's turns stream (the stream control, for a model that streams).
    pub fn turn_streams(&self) -> bool {
        self.in_use("stream", &self.options()) && self.value("stream").get() == "true"
    }

    /// What the gallery keeps of the settings of a turn's image: the
    /// generation the form describes, with the turn's text as its prompt
    /// and one image.
    pub fn turn_record(&self, text: &str) -> GenerateRequest {
        let (request, _) = untrack(|| self.request());
        GenerateRequest { prompt: text.to_owned(), n: None, ..request }
    }

    /// The first error of the request in the current mode, as of today.
    pub fn first_error(&self) -> Option<String> {
        self.validate(&today()).errors().next().map(|issue| (words().issue)(issue))
    }

    /// Every problem of a conversation's turns that the form can fix: the
    /// image tool's, each named as the form's field (`size`, not `tools[0].size`).
    fn validate_turns(&self, options: &ValidationOptions) -> (Report, Vec<Issue>) {
        let (image, issues) = self.turn_parameters();
        let tool = ImageGenerationTool { image, ..ImageGenerationTool::default() };
        let mut request = ResponseRequest::new("a model", "a turn");
        request.tools = vec![Tool::ImageGeneration(Box::new(tool))];
        request.stream = self.turn_streams().then_some(true);
        let mut report = request.validate_with(options);
        for issue in &mut report.issues {
            if let Some(field) = issue.field.strip_prefix("tools[0].") {
                issue.field = field.to_owned();
            }
        }
        (report, issues)
    }

    /// Every problem of the request in the current mode, as of today
    /// (a model OpenAI retires today is retired).
    pub(super) fn validate(&self, today: &str) -> Report {
        let options = ValidationOptions { today: Some(today.to_owned()), ..ValidationOptions::default() };
        let (mut report, issues) = match self.mode.get() {
            Mode::Conversation => self.validate_turns(&options),
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
            return Ok(Job { request, edit: None, shape: asked });
        }
        let mask = self.mask.upload().await?;
        let markup = if self.markup_in_use() { self.markup.upload().await? } else { None };
        let uploads = self.inputs.uploads.get_untracked();
        let before = uploads.first().map(|upload| upload.blob.clone());
        let shape = asked.or_else(|| uploads.first().and_then(|upload| upload.file.dimensions));
        let (edit, _) = self.edit_request();
        let request = self.record();
        let edit = Edit::with_uploads(edit, uploads, mask, markup);
        Ok(Job { request, edit: Some((edit, before)), shape })
    }

    /// Sends what the form describes to `on_job`; a request with errors is
    /// not sent, and its first error is returned. The job itself is made
    /// asynchronously (a drawn mask or markup is encoded first); a failure there goes to `failure`.
    pub fn send(&self, on_job: Callback<Job>, failure: RwSignal<Option<String>>) -> Result<(), String> {
        if let Some(issue) = self.validate(&today()).errors().next() {
            return Err((words().issue)(issue));
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
}
