//! `stream: true` on `/v1/responses`: the events of a turn, in the API's
//! order, each with its `type` and `sequence_number`: `response.created`,
//! `response.in_progress`; for the image, `response.output_item.added`,
//! `response.image_generation_call.in_progress`, `.generating`, a
//! `.partial_image` per partial image the tool asks for (each a finer
//! version of the final image), `.completed` and
//! `response.output_item.done`; for the assistant's text, the message's
//! item, content part and `response.output_text.delta`/`.done` events;
//! then `response.completed` with the whole response. A failure is an
//! `error` event.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::response::Response;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::encode::{base64, partial_block};
use super::render::{encode, render};
use super::state::Emulator;
use super::stream::{Stop, StreamEnd};
use super::turn::Turn;
use crate::error::internal;

/// Starts streaming `turn`; `delay` is spread over its partial images.
pub fn respond(emulator: Arc<Emulator>, turn: Arc<Turn>, delay: Duration, end: StreamEnd) -> Response {
    let (sender, receiver) = mpsc::channel::<Bytes>(2);
    tokio::spawn(async move {
        let mut events = Events { sender, sequence: 0 };
        if let Err(Stop::Failed(failure)) = produce(&emulator, &turn, delay, end, &mut events).await {
            let error =
                json!({"code": failure.error.code, "message": failure.error.message, "param": failure.error.param});
            let _ = events.send("error", error).await;
        }
    });
    super::stream::event_stream(receiver)
}

/// The stream's sender, numbering its events.
struct Events {
    sender: mpsc::Sender<Bytes>,
    sequence: u64,
}

impl Events {
    /// Sends `event: KIND` with `data` and its `type` and `sequence_number`.
    async fn send(&mut self, kind: &str, mut data: Value) -> Result<(), Stop> {
        if let Value::Object(members) = &mut data {
            members.insert("type".into(), kind.into());
            members.insert("sequence_number".into(), self.sequence.into());
        }
        self.sequence += 1;
        let event = Bytes::from(format!("event: {kind}\ndata: {data}\n\n"));
        self.sender.send(event).await.map_err(|_| Stop::Gone)
    }
}

/// Whether the stream goes on after the image's partial images, as the fault layer asks.
fn go_on(end: StreamEnd) -> Result<bool, Stop> {
    match end {
        StreamEnd::Completed => Ok(true),
        StreamEnd::Missing => Ok(false),
        StreamEnd::Error => {
            Err(Stop::Failed(internal("The response stream failed before it was completed (stream_error fault).")))
        }
    }
}

async fn produce(
    emulator: &Emulator,
    turn: &Turn,
    delay: Duration,
    end: StreamEnd,
    events: &mut Events,
) -> Result<(), Stop> {
    let started = json!({"response": turn.response("in_progress", Vec::new())});
    events.send("response.created", started.clone()).await?;
    events.send("response.in_progress", started).await?;
    let mut output = Vec::new();
    let mut file = None;
    if let Some(call) = &turn.call {
        let item = turn.call_item("in_progress", None);
        events.send("response.output_item.added", json!({"output_index": 0, "item": &item})).await?;
        let at = json!({"output_index": 0, "item_id": call.id});
        events.send("response.image_generation_call.in_progress", at.clone()).await?;
        events.send("response.image_generation_call.generating", at.clone()).await?;
        let job = &call.job;
        let step = delay / (job.partial_images + 1);
        let image = render(job.clone(), 0).await?;
        for partial in 0..job.partial_images {
            tokio::time::sleep(step).await;
            let bytes = encode(job.clone(), image.clone(), partial_block(partial, job.partial_images)).await?;
            let data = json!({"output_index": 0, "item_id": call.id, "partial_image_index": partial,
                              "partial_image_b64": base64(&bytes)});
            events.send("response.image_generation_call.partial_image", data).await?;
        }
        tokio::time::sleep(step).await;
        if !go_on(end)? {
            return Ok(());
        }
        let bytes = encode(job.clone(), image, 1).await?;
        events.send("response.image_generation_call.completed", at).await?;
        let item = turn.call_item("completed", Some(base64(&bytes)));
        events.send("response.output_item.done", json!({"output_index": 0, "item": &item})).await?;
        output.extend(item);
        file = Some(bytes);
    } else {
        tokio::time::sleep(delay).await;
        if !go_on(end)? {
            return Ok(());
        }
    }
    let index = turn.message_index();
    let item =
        json!({"type": "message", "id": turn.message_id, "status": "in_progress", "role": "assistant", "content": []});
    events.send("response.output_item.added", json!({"output_index": index, "item": item})).await?;
    let at = json!({"output_index": index, "item_id": turn.message_id, "content_index": 0});
    let part = |text: &str| json!({"type": "output_text", "text": text, "annotations": []});
    events.send("response.content_part.added", with(&at, "part", part(""))).await?;
    for delta in turn.text.split_inclusive(' ') {
        let data = with(&with(&at, "delta", delta.into()), "logprobs", json!([]));
        events.send("response.output_text.delta", data).await?;
    }
    let done = with(&with(&at, "text", turn.text.as_str().into()), "logprobs", json!([]));
    events.send("response.output_text.done", done).await?;
    events.send("response.content_part.done", with(&at, "part", part(&turn.text))).await?;
    let message = turn.message_item();
    events.send("response.output_item.done", json!({"output_index": index, "item": &message})).await?;
    output.push(message);
    if turn.store {
        // Kept before the client hears of it, so that its next turn finds it.
        emulator.threads.insert(turn.id.clone(), turn.kept(file));
    }
    events.send("response.completed", json!({"response": turn.response("completed", output)})).await
}

/// `base` with one more member.
fn with(base: &Value, name: &str, value: Value) -> Value {
    let mut copy = base.clone();
    if let Value::Object(members) = &mut copy {
        members.insert(name.into(), value);
    }
    copy
}
