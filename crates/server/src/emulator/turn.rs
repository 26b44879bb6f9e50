//! One turn of a conversation on `POST /v1/responses`, resolved: the image
//! call it makes (a [`Job`] of the Images API's drawing code), the
//! assistant's short text, the tokens it used, and the response object as
//! the API writes it at each stage (created, in progress, completed).

use std::sync::Arc;

use axum::body::Bytes;
use gpt_image_core::responses::{ImageGenerationCall, OutputItem, Response, ResponseUsage, ToolUsage};
use serde_json::{Map, Value, json};

use super::job::Job;
use super::threads::Kept;

/// The image a turn draws.
#[derive(Debug)]
pub struct Call {
    /// `ig_…`: the item's id, the `item_id` of its events.
    pub id: String,
    /// What to draw, every parameter resolved (with the image it edits).
    pub job: Arc<Job>,
    /// `generate` or `edit`.
    pub action: &'static str,
    /// The prompt the model wrote for the tool.
    pub revised_prompt: String,
}

/// A turn, ready to answer.
#[derive(Debug)]
pub struct Turn {
    /// `resp_…`: the next turn's `previous_response_id`.
    pub id: String,
    /// When it was asked, in Unix seconds.
    pub created_at: i64,
    /// The answering model, as asked.
    pub model: String,
    /// The turn it follows.
    pub previous_response_id: Option<String>,
    /// The image call, unless the turn has no image tool (or `tool_choice: none`).
    pub call: Option<Call>,
    /// `msg_…`: the assistant message's id.
    pub message_id: String,
    /// The assistant's text.
    pub text: String,
    /// The answering model's tokens.
    pub usage: ResponseUsage,
    /// The thread's user texts so far, this turn's last.
    pub thread_text: String,
    /// The thread's image when this turn draws none (the earlier turn's).
    pub carried_image: Option<Bytes>,
    /// Whether the response is kept for a later `previous_response_id` (`store`).
    pub store: bool,
    /// The request's fields a response repeats (`tools`, `tool_choice`,
    /// `instructions`, `metadata`, …), as written.
    pub echo: Map<String, Value>,
}

/// A new id with the API's prefix: `resp_`, `ig_`, `msg_` and 48 hex digits.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", crate::ids::random_hex(24))
}

/// The value a response field takes when the request does not set it.
type Fallback = fn() -> Value;

/// The fields a response carries besides core's, with the API's defaults;
/// the request's own values (in `echo`) replace them.
pub const ECHOED: [(&str, Fallback); 11] = [
    ("instructions", || Value::Null),
    ("metadata", || json!({})),
    ("temperature", || json!(1.0)),
    ("top_p", || json!(1.0)),
    ("parallel_tool_calls", || json!(true)),
    ("max_output_tokens", || Value::Null),
    ("truncation", || json!("disabled")),
    ("text", || json!({"format": {"type": "text"}})),
    ("reasoning", || json!({"effort": null, "summary": null})),
    ("user", || Value::Null),
    ("background", || json!(false)),
];

impl Turn {
    /// The index of the assistant message in `output` (after the image call).
    pub fn message_index(&self) -> u32 {
        u32::from(self.call.is_some())
    }

    /// The image call's item at `status`, holding `result` once completed.
    pub fn call_item(&self, status: &str, result: Option<String>) -> Option<OutputItem> {
        let call = self.call.as_ref()?;
        let job = &call.job;
        Some(OutputItem::ImageGeneration(ImageGenerationCall {
            id: call.id.clone(),
            status: status.to_owned(),
            result,
            revised_prompt: Some(call.revised_prompt.clone()),
            action: Some(call.action.to_owned()),
            size: Some(job.size()),
            quality: Some(job.quality.clone()),
            background: Some(job.background.clone()),
            output_format: Some(job.encoding.format.clone()),
        }))
    }

    /// The assistant's message, whole.
    pub fn message_item(&self) -> OutputItem {
        OutputItem::Message { id: self.message_id.clone(), text: self.text.clone() }
    }

    /// The whole output: the image (base64 `result`), then the message.
    pub fn output(&self, result: Option<String>) -> Vec<OutputItem> {
        self.call_item("completed", result).into_iter().chain([self.message_item()]).collect()
    }

    /// The image tool's tokens, as the Images API reports an image's.
    fn tool_usage(&self) -> Option<ToolUsage> {
        let call = self.call.as_ref()?;
        Some(ToolUsage { image_gen: Some(call.job.usage()) })
    }

    /// The response object at `status` (`in_progress` or `completed`) with
    /// `output`; usage and `completed_at` only once completed.
    pub fn response(&self, status: &str, output: Vec<OutputItem>) -> Value {
        let completed = status == "completed";
        let response = Response {
            id: self.id.clone(),
            object: "response".into(),
            created_at: self.created_at,
            status: status.to_owned(),
            model: self.model.clone(),
            previous_response_id: self.previous_response_id.clone(),
            output,
            usage: completed.then_some(self.usage),
            tool_usage: self.tool_usage().filter(|_| completed),
            error: None,
        };
        let mut body = serde_json::to_value(response).unwrap_or_default();
        let Value::Object(members) = &mut body else { return body };
        members.insert("completed_at".into(), if completed { crate::ids::unix_now().into() } else { Value::Null });
        members.insert("incomplete_details".into(), Value::Null);
        for (name, default) in ECHOED {
            members.insert(name.into(), self.echo.get(name).cloned().unwrap_or_else(default));
        }
        members.insert("tools".into(), self.echo.get("tools").cloned().unwrap_or_else(|| json!([])));
        members.insert("tool_choice".into(), self.echo.get("tool_choice").cloned().unwrap_or_else(|| json!("auto")));
        members.insert("store".into(), self.store.into());
        members.insert("service_tier".into(), "default".into());
        match members.get_mut("usage") {
            Some(Value::Object(usage)) => {
                usage.insert("input_tokens_details".into(), json!({"cached_tokens": 0}));
                usage.insert("output_tokens_details".into(), json!({"reasoning_tokens": 0}));
            }
            _ => {
                members.insert("usage".into(), Value::Null);
            }
        }
        if let Some(Value::Object(tools)) = members.get_mut("tool_usage") {
            tools.insert("web_search".into(), json!({"num_requests": 0}));
        }
        body
    }

    /// What a later turn needs of this one, with `image`, the file it drew
    /// (the earlier turn's when it drew none).
    pub fn kept(&self, image: Option<Bytes>) -> Kept {
        let seen = match &self.call {
            Some(call) => crate::usage::image_input_tokens(call.job.width, call.job.height),
            None => 0,
        };
        Kept {
            image: image.or_else(|| self.carried_image.clone()),
            text: self.thread_text.clone(),
            context_tokens: self.usage.total_tokens + seen,
        }
    }
}
