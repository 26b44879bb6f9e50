//! Everything a call can fail with, in the classes of the official client.

use std::fmt;

use gpt_image_core::{ApiError, Report};

/// Why a call failed.
#[derive(Debug, Clone)]
pub enum Error {
    /// The request breaks the API's rules; nothing was sent. Holds every
    /// problem found (warnings too), each with its field and rule.
    Validation(Report),
    /// The server answered with an error status (or an `error` event inside a stream).
    Api(Box<ApiFailure>),
    /// The server answered 2xx with a body that is not an images response.
    BadResponse {
        /// The HTTP status.
        status: u16,
        /// What is wrong with the body.
        message: String,
    },
    /// No answer: the network is down, the name does not resolve, the
    /// connection was reset, or the browser refused a cross-origin answer.
    Connection(String),
    /// An attempt took longer than the timeout (after every retry).
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
}

/// An error answer and what came with it.
#[derive(Debug, Clone)]
pub struct ApiFailure {
    /// The status and the parsed error body.
    pub error: ApiError,
    /// The `x-request-id` header, to quote when asking the provider for help.
    pub request_id: Option<String>,
    /// The answer's headers (`retry-after`, `x-ratelimit-*`, …); `None` for a stream's error event.
    pub headers: Option<web_sys::Headers>,
    /// The body's `error` object as sent, with the fields [`gpt_image_core::ErrorBody`]
    /// leaves out (such as `moderation_details`); `undefined` for a body that was not JSON.
    pub raw: wasm_bindgen::JsValue,
}

impl Error {
    pub(crate) fn api(error: ApiError, raw: wasm_bindgen::JsValue, headers: Option<web_sys::Headers>) -> Self {
        let request_id = headers.as_ref().and_then(|headers| headers.get("x-request-id").ok().flatten());
        Error::Api(Box::new(ApiFailure { error, request_id, headers, raw }))
    }

    /// The name the `openai` package (and this package's `index.js`, through
    /// `APIError.generate`) gives this kind of error: `RateLimitError`,
    /// `APIConnectionTimeoutError`, …
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::Validation(_) => "ValidationError",
            Error::Api(failure) => match failure.error.status {
                400 => "BadRequestError",
                401 => "AuthenticationError",
                403 => "PermissionDeniedError",
                404 => "NotFoundError",
                409 => "ConflictError",
                422 => "UnprocessableEntityError",
                429 => "RateLimitError",
                status if status >= 500 => "InternalServerError",
                _ => "APIError",
            },
            Error::BadResponse { .. } => "APIError",
            Error::Connection(_) => "APIConnectionError",
            Error::Timeout => "APIConnectionTimeoutError",
            Error::Aborted => "APIUserAbortError",
        }
    }

    /// The `moderation_details` of a refusal by moderation.
    pub fn moderation_details(&self) -> Option<wasm_bindgen::JsValue> {
        let Error::Api(failure) = self else { return None };
        Some(crate::wire::get(&failure.raw, "moderation_details")).filter(|details| details.is_object())
    }

    /// The seconds a rate-limited caller should wait, from `retry-after-ms`
    /// or `retry-after` (seconds or an HTTP date), read as the retries read them.
    pub fn retry_after_seconds(&self) -> Option<f64> {
        let Error::Api(failure) = self else { return None };
        let headers = failure.headers.as_ref()?;
        let header = |name: &str| headers.get(name).ok().flatten();
        let (retry_after_ms, retry_after) = (header("retry-after-ms"), header("retry-after"));
        let failure = crate::retry::Failure {
            retry_after_ms: retry_after_ms.as_deref(),
            retry_after: retry_after.as_deref(),
            ..Default::default()
        };
        failure.server_delay_ms(js_sys::Date::now()).map(|ms| ms / 1000.0)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(report) => write!(f, "invalid request: {report}"),
            Error::Api(failure) => write!(f, "{}", failure.error),
            Error::BadResponse { status, message } => write!(f, "HTTP {status}: {message}"),
            Error::Connection(message) => write!(f, "connection error: {message}"),
            Error::Timeout => f.write_str("request timed out"),
            Error::Aborted => f.write_str("request was aborted"),
        }
    }
}

impl std::error::Error for Error {}
