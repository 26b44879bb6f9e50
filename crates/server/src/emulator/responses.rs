//! `POST /v1/responses` with the `image_generation` tool: a turn of an
//! image conversation. The turn is read and checked with core's
//! `ResponseRequest` (the tool's image parameters by the catalogue, as the
//! Images API's), and drawn with the Images API's code: a first turn draws
//! a new image; a turn with an input image, or one that follows a turn
//! that made one (`previous_response_id`), retouches that image with its
//! text, so a thread's images change step by step rather than start over.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use gpt_image_core::ValidationOptions;
use gpt_image_core::responses::{ContentPart, ImageGenerationTool, Input, ResponseRequest, ResponseUsage};
use serde_json::{Map, Value};

use super::edit::{decode, decode_drawn, fetch, head};
use super::job::{Job, check_model};
use super::retouch::{Source, TURN_TINT, fit, mask_alpha};
use super::state::Emulator;
use super::stream::StreamEnd;
use super::threads::Kept;
use super::turn::{Call, ECHOED, Turn, new_id};
use crate::error::{ApiFailure, internal, read_json_body, unreadable_body};
use crate::usage::{image_input_tokens, text_tokens};

/// Checks the turn and answers it: a response object, or its events with `stream: true`.
pub async fn handle(
    State(emulator): State<Arc<Emulator>>,
    end: Option<Extension<StreamEnd>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let end = end.map(|Extension(end)| end).unwrap_or_default();
    let (turn, stream) = match prepare(&emulator, body).await {
        Ok(prepared) => prepared,
        Err(failure) => return failure.into_response(),
    };
    let delay = match &turn.call {
        Some(call) => super::respond::latency(&emulator, &call.job, &headers),
        None => super::respond::asked_latency(&headers).unwrap_or_default(),
    };
    let turn = Arc::new(turn);
    if stream {
        return super::response_events::respond(emulator, turn, delay, end);
    }
    tokio::time::sleep(delay).await;
    match answer(&emulator, &turn).await {
        Ok(body) => axum::Json(body).into_response(),
        Err(failure) => failure.into_response(),
    }
}

/// Draws the turn's image, keeps the turn for the next one, and writes the response.
async fn answer(emulator: &Emulator, turn: &Turn) -> Result<Value, ApiFailure> {
    let file = match &turn.call {
        Some(call) => Some(super::render::render_file(call.job.clone(), 0).await?),
        None => None,
    };
    let result = file.as_deref().map(super::encode::base64);
    if turn.store {
        let image = match (&turn.call, file) {
            (Some(call), Some(file)) => Some(super::render::decodable(call.job.clone(), file).await?),
            _ => None,
        };
        emulator.threads.insert(turn.id.clone(), turn.kept(image));
    }
    Ok(turn.response("completed", turn.output(result)))
}

/// Reads, checks and resolves the turn; returns it and whether it streams.
async fn prepare(emulator: &Emulator, body: Result<Bytes, BytesRejection>) -> Result<(Turn, bool), ApiFailure> {
    let body =
        body.map_err(|rejection| unreadable_body(rejection.status(), &rejection.body_text(), emulator.body_limit))?;
    let request = read_json_body(&body, ResponseRequest::read_json::<Value>)?;
    let report = request.validate_with(&ValidationOptions::default());
    if report.has_errors() {
        return Err(ApiFailure::from_report(&report));
    }
    let previous = match &request.previous_response_id {
        Some(id) => Some(emulator.threads.get(id).ok_or_else(|| previous_not_found(id))?),
        None => None,
    };
    let inputs = input_images(&request)?;
    let text = request.text();
    let thread_text = match &previous {
        Some(previous) if !text.trim().is_empty() => format!("{}\n{text}", previous.text),
        Some(previous) => previous.text.clone(),
        None => text.clone(),
    };
    let call = match request.drawing_tool() {
        Some((index, tool)) => Some(call(index, tool, &text, &thread_text, &inputs, previous.as_ref()).await?),
        None => None,
    };
    let said = match &call {
        Some(call) if call.action == "edit" && !text.trim().is_empty() => {
            format!("Here is the image again, changed: {}.", brief(&text))
        }
        Some(call) if call.action == "edit" => "Here is the image again, changed.".to_owned(),
        Some(call) => format!("Here is a new image: {}.", brief(&call.revised_prompt)),
        None => "No image this turn: this server answers with images, through the image_generation tool.".to_owned(),
    };
    let seen: u64 = inputs.iter().map(|input| image_input_tokens(input.size.0, input.size.1)).sum();
    let input_tokens = previous.as_ref().map_or(0, |previous| previous.context_tokens) + text_tokens(&text) + seen;
    let output_tokens = text_tokens(&said) + call.as_ref().map_or(0, |call| text_tokens(&call.revised_prompt));
    // The request's own values of the fields a response repeats.
    let mut echo: Map<String, Value> =
        ECHOED.iter().filter_map(|(name, _)| Some(((*name).to_owned(), request.extra.get(*name)?.clone()))).collect();
    echo.insert("tools".into(), serde_json::to_value(&request.tools).unwrap_or_default());
    if let Some(choice) = &request.tool_choice {
        echo.insert("tool_choice".into(), choice.clone());
    }
    let turn = Turn {
        id: new_id("resp"),
        created_at: crate::ids::unix_now(),
        model: request.model.clone(),
        previous_response_id: request.previous_response_id.clone(),
        message_id: new_id("msg"),
        text: said,
        usage: ResponseUsage { input_tokens, output_tokens, total_tokens: input_tokens + output_tokens },
        thread_text,
        carried_image: previous.and_then(|previous| previous.image),
        store: request.extra.get("store") != Some(&Value::Bool(false)),
        echo,
        call,
    };
    Ok((turn, request.stream == Some(true)))
}

/// Where the thread's image comes from, as the field a failure names.
const THREAD_IMAGE: &str = "previous_response_id";

/// An input image of the turn: where it is (`input[0].content[1]`), its file and its size.
#[derive(Clone)]
struct InputImage {
    field: String,
    bytes: Bytes,
    size: (u32, u32),
}

/// The turn's input images, fetched (data URLs only: this server fetches nothing).
fn input_images(request: &ResponseRequest) -> Result<Vec<InputImage>, ApiFailure> {
    let Input::Messages(messages) = &request.input else { return Ok(Vec::new()) };
    let mut images = Vec::new();
    for (index, message) in messages.iter().enumerate() {
        for (part, content) in message.content.iter().enumerate() {
            if let ContentPart::Image(image) = content {
                let field = format!("input[{index}].content[{part}]");
                let bytes = fetch(image, &field)?;
                let size = gpt_image_core::dimensions(head(&bytes)).unwrap_or((0, 0));
                images.push(InputImage { field, bytes, size });
            }
        }
    }
    Ok(images)
}

/// The image call: what the tool draws, and from what.
///
/// `action: generate` draws a new image of the whole thread's text. Else
/// (`edit`, `auto` or none) the turn's first input image, or the thread's
/// image, is retouched with this turn's text; with neither, `auto` draws a
/// new image and `edit` is refused.
async fn call(
    index: usize,
    tool: &ImageGenerationTool,
    text: &str,
    thread_text: &str,
    inputs: &[InputImage],
    previous: Option<&Kept>,
) -> Result<Call, ApiFailure> {
    let field = |name: &str| format!("tools[{index}].{name}");
    let spec = check_model(&tool.effective_model()).map_err(|mut failure| {
        failure.error.param = Some(field("model"));
        failure
    })?;
    let thread_image = previous.and_then(|previous| previous.image.clone()).map(|bytes| InputImage {
        field: THREAD_IMAGE.into(),
        size: gpt_image_core::dimensions(head(&bytes)).unwrap_or((0, 0)),
        bytes,
    });
    let source = match tool.action.as_deref() {
        Some("generate") => None,
        action => match inputs.first().cloned().or(thread_image) {
            Some(source) => Some(source),
            None if action == Some("edit") => {
                return Err(ApiFailure::invalid(
                    "action is edit, but there is no image to edit: add an input_image to the input, or follow a turn that made one (previous_response_id)",
                    Some(&field("action")),
                    "invalid_value",
                ));
            }
            None => None,
        },
    };
    let Some(source) = source else {
        let prompt = thread_text.lines().filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join("; ");
        let mut job = Job::tool(&tool.image, &prompt, spec, None);
        job.input_sizes = inputs.iter().map(|input| input.size).collect();
        return Ok(Call { id: new_id("ig"), job: Arc::new(job), action: "generate", revised_prompt: prompt });
    };
    let mask = match &tool.input_image_mask {
        Some(mask) => Some(fetch(mask, &field("input_image_mask"))?),
        None => None,
    };
    let mask_field = field("input_image_mask");
    let picture = source.clone();
    let (image, mask) = tokio::task::spawn_blocking(move || {
        let image = decode(&picture.field, &picture.bytes)?;
        let mask = mask.map(|mask| decode_drawn(&mask_field, &mask, image.dimensions())).transpose()?;
        Ok::<_, ApiFailure>((image, mask))
    })
    .await
    .map_err(|error| internal(error.to_string()))??;
    let mut job = Job::tool(&tool.image, text, spec, Some(image.dimensions()));
    job.input_sizes = inputs.iter().map(|input| input.size).collect();
    if source.field == THREAD_IMAGE {
        job.input_sizes.insert(0, source.size);
    }
    let (width, height) = (job.width, job.height);
    let source = tokio::task::spawn_blocking(move || Source {
        image: fit(image, width, height),
        mask: mask.map(|mask| mask_alpha(&mask, width, height)),
        tint: TURN_TINT,
    })
    .await
    .map_err(|error| internal(error.to_string()))?;
    job.source = Some(Arc::new(source));
    Ok(Call { id: new_id("ig"), job: Arc::new(job), action: "edit", revised_prompt: text.trim().to_owned() })
}

/// The API's answer to a `previous_response_id` it does not keep (never
/// made, expired, or stored with `store: false`).
fn previous_not_found(id: &str) -> ApiFailure {
    ApiFailure::invalid(
        format!("Previous response with id '{id}' not found."),
        Some("previous_response_id"),
        "previous_response_not_found",
    )
}

/// A text shortened for the assistant's sentence: one line, at most 120
/// characters, without closing punctuation.
fn brief(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = line.chars().take(120).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short.trim_end_matches(['.', '!', '?', ' ']).to_owned()
}
