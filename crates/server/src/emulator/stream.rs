//! `stream: true`: server-sent events, each `partial_image` a finer version
//! of the final image, then `completed` with `usage`; `error` on failure.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::Response;
use gpt_image_core::{CompletedImage, Endpoint, ImageStreamEvent, PartialImage, StreamError};
use tokio::sync::mpsc;

use super::encode::base64;
use super::job::Job;
use super::render::{encode, render};
use crate::error::{ApiFailure, internal};

/// How a stream of images ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StreamEnd {
    /// Normally, with a `completed` event per image.
    #[default]
    Completed,
    /// After the partial images, without `completed` (`stream_no_completed`).
    Missing,
    /// After the partial images, with an `error` event (`stream_error`).
    Error,
}

/// Starts streaming `job`; `delay` is spread over its events.
pub fn respond(job: Arc<Job>, delay: Duration, end: StreamEnd) -> Response {
    let (sender, receiver) = mpsc::channel::<Bytes>(2);
    tokio::spawn(async move {
        if let Err(failure) = produce(&job, delay, end, &sender).await
            && let Ok(event) = sse(&error_event(failure))
        {
            let _ = sender.send(event).await;
        }
    });
    event_stream(receiver)
}

/// A 200 `text/event-stream` answer whose body is the events `receiver`
/// gets, as they come (the Images API's streams and `/v1/responses`').
pub fn event_stream(receiver: mpsc::Receiver<Bytes>) -> Response {
    let events = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let event = receiver.recv().await?;
        Some((Ok::<_, std::convert::Infallible>(event), receiver))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(events))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// Why a stream's producer stops early: the client went away, or an error to report.
pub enum Stop {
    /// The client went away.
    Gone,
    /// An error to report as the stream's last event.
    Failed(ApiFailure),
}

impl From<ApiFailure> for Stop {
    fn from(failure: ApiFailure) -> Self {
        Stop::Failed(failure)
    }
}

async fn produce(
    job: &Arc<Job>,
    delay: Duration,
    end: StreamEnd,
    sender: &mpsc::Sender<Bytes>,
) -> Result<(), ApiFailure> {
    match produce_events(job, delay, end, sender).await {
        Ok(()) | Err(Stop::Gone) => Ok(()),
        Err(Stop::Failed(failure)) => Err(failure),
    }
}

async fn produce_events(
    job: &Arc<Job>,
    delay: Duration,
    end: StreamEnd,
    sender: &mpsc::Sender<Bytes>,
) -> Result<(), Stop> {
    let step = delay / (job.partial_images + 1);
    let send = |event: Bytes| async move { sender.send(event).await.map_err(|_| Stop::Gone) };
    for index in 0..job.n {
        let image = render(job.clone(), index).await?;
        for partial in 0..job.partial_images {
            tokio::time::sleep(step).await;
            let block = super::encode::partial_block(partial, job.partial_images);
            let bytes = encode(job.clone(), image.clone(), block).await?;
            let partial = PartialImage {
                b64_json: base64(&bytes),
                created_at: crate::ids::unix_now(),
                size: Some(job.size()),
                quality: Some(job.quality.clone()),
                background: Some(job.background.clone()),
                output_format: Some(job.encoding.format.clone()),
                partial_image_index: partial,
            };
            let event = match job.endpoint {
                Endpoint::Generate => ImageStreamEvent::GenerationPartialImage(partial),
                Endpoint::Edit => ImageStreamEvent::EditPartialImage(partial),
            };
            send(sse(&event)?).await?;
        }
        tokio::time::sleep(step).await;
        match end {
            StreamEnd::Completed => {}
            StreamEnd::Missing => return Ok(()),
            StreamEnd::Error => {
                return Err(Stop::Failed(internal(
                    "The image stream failed before the image was completed (stream_error fault).",
                )));
            }
        }
        let bytes = encode(job.clone(), image, 1).await?;
        let completed = CompletedImage {
            b64_json: base64(&bytes),
            created_at: crate::ids::unix_now(),
            size: Some(job.size()),
            quality: Some(job.quality.clone()),
            background: Some(job.background.clone()),
            output_format: Some(job.encoding.format.clone()),
            usage: Some(job.usage()),
        };
        let event = match job.endpoint {
            Endpoint::Generate => ImageStreamEvent::GenerationCompleted(completed),
            Endpoint::Edit => ImageStreamEvent::EditCompleted(completed),
        };
        send(sse(&event)?).await?;
    }
    Ok(())
}

/// One event: `event: TYPE`, `data: JSON`, blank line, named by the event's `type`.
fn sse(event: &ImageStreamEvent) -> Result<Bytes, ApiFailure> {
    let data = serde_json::to_string(event).map_err(|error| internal(error.to_string()))?;
    Ok(Bytes::from(format!("event: {}\ndata: {data}\n\n", event.event_type())))
}

/// The `error` event, in OpenAI's nested form: `{"type": "error", "error": {…}}`.
fn error_event(failure: ApiFailure) -> ImageStreamEvent {
    ImageStreamEvent::Error(StreamError::nested(*failure.error))
}
