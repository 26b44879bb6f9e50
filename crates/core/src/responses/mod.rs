//! The Responses API (`POST /v1/responses`) as far as image conversations
//! need it: a turn's text and input images, the `image_generation` tool
//! with the image parameters of [`crate::parameters`], the answer's
//! assistant text and generated images, and the stream's events.
//!
//! Each turn sees the earlier ones through `previous_response_id`. What
//! this crate does not name (other tools, other input and output items,
//! other request fields) is kept as written, so nothing a caller or a
//! server sends is dropped.

mod events;
mod request;
mod response;
mod tool;

pub use events::{EVENT_PREFIX, ResponseEvent};
pub use request::{ContentPart, Input, InputMessage, ResponseRequest, Tool};
pub use response::{ImageGenerationCall, OutputItem, Response, ResponseUsage, ToolUsage};
pub use tool::{CALL_TYPE, ImageGenerationTool, TOOL_DEFAULT_MODEL, TOOL_TYPE, TOOL_WITHOUT};

/// Where responses are created, below the base URL.
pub const RESPONSES_PATH: &str = "/responses";
