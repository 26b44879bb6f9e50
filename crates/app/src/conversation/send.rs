//! One turn on the wire, by either API, whole or streamed: what it sends
//! and what comes back, handed to a [`Sink`] as it arrives (partial images,
//! the assistant's text, each image), then summed up as an [`Answer`].
//!
//! - The Responses API: the turn's text and its references as
//!   `input_image` data URLs, the form's image parameters as the
//!   `image_generation` tool's, following the previous turn by
//!   `previous_response_id`. A turn whose previous turn has no response
//!   (it went through the Images API, or came from a ZIP) tells the earlier
//!   turns in its text and attaches the previous image instead.
//! - The Images API: an edit of the previous turn's image and the
//!   references, the earlier turns summed up in the prompt
//!   ([`images_prompt`]); a first turn without references is a generation.

use gpt_image_wasm::core::catalogue;
use gpt_image_wasm::core::responses::{
    ContentPart, ImageGenerationCall, ImageGenerationTool, Input, InputMessage, OutputItem, Response, ResponseEvent,
    ResponseRequest, Tool,
};
use gpt_image_wasm::core::{EditRequest, GenerateRequest, ImageInput, Model, Report, Usage};
use gpt_image_wasm::{CallOptions, Client, Edit, Error, EventStream, ImageBlob, StreamImage, Upload, response_image};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, FileReader};

use crate::price::estimate;
use crate::thread::images_prompt;

/// The prompt length assumed for a model the catalogue cannot place.
const PROMPT_LIMIT: usize = 4000;

/// What a turn sends.
pub struct TurnInput {
    /// What the person asked.
    pub text: String,
    /// The images attached to the turn, in order.
    pub references: Vec<Blob>,
    /// The response the turn follows (Responses API).
    pub previous_response: Option<String>,
    /// The latest image of the branch before the turn.
    pub previous_image: Option<Blob>,
    /// The earlier turns' texts, oldest first.
    pub earlier: Vec<String>,
    /// The image parameters (the form's).
    pub parameters: EditRequest,
    /// Whether to stream, with partial images.
    pub stream: bool,
    /// The model that answers on the Responses API.
    pub chat_model: String,
}

impl TurnInput {
    /// The image model.
    fn model(&self) -> Model {
        self.parameters
            .model
            .clone()
            .unwrap_or_else(|| Model::from(gpt_image_wasm::core::responses::TOOL_DEFAULT_MODEL))
    }

    /// The turn's text with the earlier turns summed up before it, in the model's prompt length.
    fn told(&self) -> String {
        let limit =
            catalogue::resolve(self.model().as_str()).nearest().map_or(PROMPT_LIMIT, |spec| spec.prompt_limit as usize);
        let earlier: Vec<&str> = self.earlier.iter().map(String::as_str).collect();
        images_prompt(&earlier, &self.text, limit)
    }

    /// What it costs: the image's estimate from the catalogue for `usage`.
    fn cost(&self, usage: Option<&Usage>) -> Option<f64> {
        let image = &self.parameters;
        estimate(&self.model(), usage, image.quality.as_ref(), image.size.as_ref(), 1)
    }
}

/// Where an answer goes while it arrives.
pub trait Sink {
    /// Partial image `index` (from 0) of the image to come.
    fn partial(&self, image: Blob, index: u32);
    /// A finished image; `edit`: it changed an input image rather than drawing anew.
    fn image(&self, image: ImageBlob, edit: bool);
    /// The assistant's text so far.
    fn text(&self, text: &str);
}

/// What a turn came to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// The response's id (Responses API).
    pub response_id: Option<String>,
    /// The assistant's text.
    pub reply: String,
    /// Every token used.
    pub tokens: Option<u64>,
    /// The image's estimated cost, in US dollars.
    pub cost: Option<f64>,
    /// The prompt the model wrote for the image.
    pub revised_prompt: Option<String>,
}

/// Whether a failure says the provider has no Responses API (404 or 405 on `/responses`).
pub fn lacks_responses(error: &Error) -> bool {
    matches!(error, Error::Api(failure) if matches!(failure.http_status, 404 | 405))
}

/// Whether a failure says the provider no longer has the response a turn
/// follows (providers keep them for a while): a 400 naming `previous_response_id`.
pub fn forgot_previous(error: &Error) -> bool {
    matches!(error, Error::Api(failure)
        if failure.http_status == 400 && failure.error.error.param.as_deref() == Some("previous_response_id"))
}

/// A blob as a `data:` URL, read by the browser.
async fn data_url(blob: &Blob) -> Result<String, Error> {
    let unreadable = || Error::Connection("an attached image could not be read".into());
    let reader = FileReader::new().map_err(|_| unreadable())?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader.read_as_data_url(blob).map_err(|_| unreadable())?;
    JsFuture::from(done).await.map_err(|_| unreadable())?;
    reader.result().ok().and_then(|result| result.as_string()).ok_or_else(unreadable)
}

/// The turn as a request to `POST /responses`.
async fn responses_request(input: &TurnInput) -> Result<ResponseRequest, Error> {
    // Without a response to follow, the earlier turns are told and the previous image shown.
    let (text, previous) = match &input.previous_response {
        Some(_) => (input.text.clone(), None),
        None => (input.told(), input.previous_image.as_ref()),
    };
    let mut parts = vec![ContentPart::Text(text.clone())];
    for image in previous.into_iter().chain(&input.references) {
        parts.push(ContentPart::Image(ImageInput::Url(data_url(image).await?)));
    }
    let tool = ImageGenerationTool { image: input.parameters.clone(), ..ImageGenerationTool::default() };
    let mut request = ResponseRequest::new(input.chat_model.clone(), text);
    if parts.len() > 1 {
        request.input = Input::Messages(vec![InputMessage { role: "user".into(), content: parts }]);
    }
    request.tools = vec![Tool::ImageGeneration(Box::new(tool))];
    request.previous_response_id = input.previous_response.clone();
    Ok(request)
}

/// Sends the turn to `POST /responses`.
pub async fn by_responses(
    client: &Client,
    input: &TurnInput,
    call: &CallOptions,
    sink: &dyn Sink,
) -> Result<Answer, Error> {
    let request = responses_request(input).await?;
    let edit = input.previous_image.is_some() || !input.references.is_empty();
    let mut shown: Vec<String> = Vec::new();
    let show = |call: &ImageGenerationCall, shown: &mut Vec<String>| -> Result<(), Error> {
        let Some(result) = call.result.as_deref().filter(|_| !shown.contains(&call.id)) else { return Ok(()) };
        shown.push(call.id.clone());
        let mut image = response_image(shown.len() - 1, result, "the image")?;
        image.revised_prompt = call.revised_prompt.clone();
        sink.image(image, call.action.as_deref().map_or(edit, |action| action == "edit"));
        Ok(())
    };
    let response = if input.stream {
        let mut events = client.create_response_stream(&request, call).await?;
        let (mut reply, mut finished) = (String::new(), None);
        while let Some(event) = events.next().await? {
            match event {
                ResponseEvent::PartialImage { partial_image_index, partial_image_b64, .. } => {
                    sink.partial(response_image(0, &partial_image_b64, "a partial image")?.blob, partial_image_index);
                }
                ResponseEvent::Item { done: true, item: OutputItem::ImageGeneration(image), .. } => {
                    show(&image, &mut shown)?;
                }
                ResponseEvent::TextDelta { delta, .. } => {
                    reply.push_str(&delta);
                    sink.text(&reply);
                }
                ResponseEvent::Finished(response) => finished = Some(response),
                _ => {}
            }
        }
        finished.unwrap_or_default()
    } else {
        client.create_response(&request, call).await?
    };
    if let Some(error) = response.error.as_ref().filter(|_| response.status == "failed") {
        return Err(Error::BadResponse { status: 200, message: format!("the turn failed: {}", error.message) });
    }
    for image in response.images() {
        show(image, &mut shown)?;
    }
    Ok(responses_answer(input, &response))
}

/// What a response came to: its text, its tokens (the answering model's and
/// the image's) and the image's cost.
fn responses_answer(input: &TurnInput, response: &Response) -> Answer {
    let image_usage = response.tool_usage.as_ref().and_then(|tools| tools.image_gen.as_ref());
    let text_tokens = response.usage.map(|usage| usage.total_tokens);
    let tokens = match (text_tokens, image_usage) {
        (None, None) => None,
        (text, image) => Some(text.unwrap_or(0) + image.map_or(0, |usage| usage.total_tokens)),
    };
    Answer {
        response_id: Some(response.id.clone()).filter(|id| !id.is_empty()),
        reply: response.output_text(),
        tokens,
        cost: input.cost(image_usage),
        revised_prompt: response.images().find_map(|call| call.revised_prompt.clone()),
    }
}

/// An attached image as an edit's input `image[index]`.
async fn upload(blob: &Blob, index: usize) -> Result<Upload, Error> {
    Upload::from_blob(blob, None, "image", &format!("image[{index}]"))
        .await
        .map_err(|issue| Error::Validation(Report { issues: vec![issue] }))
}

/// Sends the turn through the Images API: an edit of the previous image and
/// the references, or a generation when there are none.
pub async fn by_images(
    client: &Client,
    input: &TurnInput,
    call: &CallOptions,
    sink: &dyn Sink,
) -> Result<Answer, Error> {
    let prompt = input.told();
    let mut uploads = Vec::new();
    for (index, blob) in input.previous_image.iter().chain(&input.references).enumerate() {
        uploads.push(upload(blob, index).await?);
    }
    let edit = !uploads.is_empty();
    let stream = input.stream.then_some(true);
    let on_image = |image: &ImageBlob| sink.image(image.clone(), edit);
    let (usage, revised_prompt) = if edit {
        let request = EditRequest { prompt, stream, ..input.parameters.clone() };
        let job = Edit::with_uploads(request, uploads, None, None);
        match input.stream {
            true => streamed(client.edit_stream(&job, call).await?, sink, true).await?,
            false => {
                let answer = client.edit_blobs(&job, call, on_image).await?;
                (answer.usage, answer.data.into_iter().find_map(|image| image.revised_prompt))
            }
        }
    } else {
        let mut request: GenerateRequest = input.parameters.shared().generation(prompt);
        request.extra = input.parameters.extra.clone();
        request.stream = stream;
        match input.stream {
            true => streamed(client.generate_stream(&request, call).await?, sink, false).await?,
            false => {
                let answer = client.generate_blobs(&request, call, on_image).await?;
                (answer.usage, answer.data.into_iter().find_map(|image| image.revised_prompt))
            }
        }
    };
    Ok(Answer {
        response_id: None,
        reply: String::new(),
        tokens: usage.as_ref().map(|usage| usage.total_tokens),
        cost: input.cost(usage.as_ref()),
        revised_prompt,
    })
}

/// Reads an Images API stream: partial images, then the image; returns its
/// usage and revised prompt.
async fn streamed(
    mut events: EventStream,
    sink: &dyn Sink,
    edit: bool,
) -> Result<(Option<Usage>, Option<String>), Error> {
    let (mut usage, mut revised) = (None, None);
    while let Some(StreamImage { image, partial, usage: said }) = events.next_image().await? {
        match partial {
            Some(index) => sink.partial(image.blob, index),
            None => {
                usage = said.or(usage);
                revised = image.revised_prompt.clone().or(revised);
                sink.image(image, edit);
            }
        }
    }
    Ok((usage, revised))
}
