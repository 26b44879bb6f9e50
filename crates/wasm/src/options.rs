//! Settings of a client and of one call, with the official client's defaults.

use gpt_image_core::{ValidationMode, ValidationOptions};
use web_sys::AbortSignal;

/// OpenAI's API.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// Ten minutes per attempt: a high-quality `gpt-image-2` image takes minutes.
pub const DEFAULT_TIMEOUT_MS: f64 = 600_000.0;
/// Retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// How a client reaches the API.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// The API root, such as `https://api.openai.com/v1` or a relay's `/v1`;
    /// paths like `/images/generations` are appended to it.
    pub base_url: String,
    /// Sent as `Authorization: Bearer …`; `None` sends no `Authorization`
    /// at all (a same-origin relay adds the key).
    pub api_key: Option<String>,
    /// Headers sent with every call; a `None` value removes a header.
    pub default_headers: Vec<(String, Option<String>)>,
    /// Milliseconds one attempt may take, answer included.
    pub timeout_ms: f64,
    /// Attempts after the first one, for failures worth retrying.
    pub max_retries: u32,
    /// What validation may stop: everything certain (the default), nothing
    /// (`WarningsOnly`, for providers with rules of their own), or no check.
    pub validation: ValidationMode,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            base_url: DEFAULT_BASE_URL.into(),
            api_key: None,
            default_headers: Vec::new(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: DEFAULT_MAX_RETRIES,
            validation: ValidationMode::Full,
        }
    }
}

impl ClientOptions {
    /// Options for `base_url` with `api_key`, defaults for the rest.
    pub fn new(base_url: impl Into<String>, api_key: Option<String>) -> Self {
        ClientOptions { base_url: base_url.into(), api_key, ..Default::default() }
    }
}

/// Settings of one call, each overriding the client's.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Aborts the call, any attempt in flight and any wait between attempts.
    pub signal: Option<AbortSignal>,
    /// Milliseconds one attempt may take.
    pub timeout_ms: Option<f64>,
    /// Attempts after the first one.
    pub max_retries: Option<u32>,
    /// Extra headers; a `None` value removes a header.
    pub headers: Vec<(String, Option<String>)>,
    /// What validation may stop, for this call.
    pub validation: Option<ValidationMode>,
}

/// Validation in `mode`, knowing today's date (for retired models).
pub fn validation_options(mode: ValidationMode) -> ValidationOptions {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    ValidationOptions { mode, today: iso.get(..10).map(str::to_owned) }
}
