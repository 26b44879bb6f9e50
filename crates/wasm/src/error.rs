//! Everything a call can fail with, in the classes of the official client,
//! and what a person can do about each. The classes are [`ErrorClass`]'s (the
//! npm package's `index.js` looks the class up by the name given here).

use std::fmt;

use gpt_image_core::{ApiError, Report};

use crate::class::ErrorClass;
use crate::retry::Failure;

/// Why a call failed.
#[derive(Debug, Clone)]
pub enum Error {
    /// The request breaks the API's rules, or the client's options are
    /// unusable (a `baseURL` that is not an absolute `http(s)` URL); nothing
    /// was sent. Holds every problem found (warnings too), each with its
    /// field and rule.
    Validation(Report),
    /// The server answered with an error status, a 2xx answer carried an
    /// `error` instead of images, or a stream carried an `error` event.
    Api(Box<ApiFailure>),
    /// The server answered 2xx with a body that is not an images response,
    /// or a stream ended before its `completed` event.
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
    /// The status and the parsed error body. For an error inside a 2xx
    /// answer the status is the one the error implies (see
    /// [`gpt_image_core::ErrorBody::implied_status`]); for a stream's
    /// `error` event it is 0.
    pub error: ApiError,
    /// The HTTP status the answer came with: `error.status`, but 2xx for an
    /// error carried by a successful answer or a stream.
    pub http_status: u16,
    /// The `x-request-id` header, to quote when asking the provider for help.
    pub request_id: Option<String>,
    /// The answer's headers (`retry-after`, `x-ratelimit-*`, …); `None` for a stream's error event.
    pub headers: Option<web_sys::Headers>,
    /// The body's `error` object as sent, with the fields [`gpt_image_core::ErrorBody`]
    /// leaves out (such as `moderation_details`); for a body in another
    /// shape (`{"detail": …}`), `{ message, type, param, code }` read from it;
    /// `undefined` for a body that was not JSON.
    pub raw: wasm_bindgen::JsValue,
    /// The body as received (the event's data, for a stream's `error` event).
    pub body: String,
}

/// The name of the class the `openai` package (and this package's
/// `index.js`, through `APIError.generate`) gives an error answer with this
/// status: [`ErrorClass::of_status`]'s name.
pub fn status_class(status: u16) -> &'static str {
    ErrorClass::of_status(status).name()
}

impl ApiFailure {
    /// Whether this is a stream's `error` event rather than an answer's error.
    pub fn is_stream_event(&self) -> bool {
        self.error.status == 0
    }
}

impl Error {
    /// An error answer, or an error a 2xx answer or a stream carried.
    pub(crate) fn api(
        error: ApiError,
        raw: wasm_bindgen::JsValue,
        headers: Option<web_sys::Headers>,
        http_status: u16,
        body: String,
    ) -> Self {
        let request_id = headers.as_ref().and_then(|headers| headers.get("x-request-id").ok().flatten());
        Error::Api(Box::new(ApiFailure { error, http_status, request_id, headers, raw, body }))
    }

    /// The class the `openai` package (and this package's `index.js`) gives
    /// this kind of error.
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Validation(_) => ErrorClass::Validation,
            Error::Api(failure) => ErrorClass::of_status(failure.error.status),
            Error::BadResponse { .. } => ErrorClass::Api,
            Error::Connection(_) => ErrorClass::Connection,
            Error::Timeout => ErrorClass::ConnectionTimeout,
            Error::Aborted => ErrorClass::UserAbort,
        }
    }

    /// The name of [`Error::class`]: `RateLimitError`, `APIConnectionTimeoutError`, …
    pub fn class_name(&self) -> &'static str {
        self.class().name()
    }

    /// What the retry rules know of this failure, given to `judge`; `None`
    /// for failures that are never retried automatically (validation, an
    /// abort, a 2xx answer that could not be used).
    pub(crate) fn with_failure<T>(&self, judge: impl FnOnce(&Failure<'_>) -> T) -> Option<T> {
        match self {
            Error::Api(failure) => {
                let header = |name: &str| failure.headers.as_ref().and_then(|headers| headers.get(name).ok().flatten());
                let (should_retry, retry_after_ms, retry_after) =
                    (header("x-should-retry"), header("retry-after-ms"), header("retry-after"));
                let status = match failure.error.status {
                    // A stream's error event: what the error implies, else like a dropped connection.
                    0 => failure.error.error.implied_status(),
                    status => Some(status),
                };
                Some(judge(&Failure {
                    status,
                    code: failure.error.error.code.as_deref(),
                    should_retry: should_retry.as_deref(),
                    retry_after_ms: retry_after_ms.as_deref(),
                    retry_after: retry_after.as_deref(),
                }))
            }
            Error::Connection(_) | Error::Timeout => Some(judge(&Failure::default())),
            Error::Validation(_) | Error::BadResponse { .. } | Error::Aborted => None,
        }
    }

    /// Whether the same request, sent again, could succeed: connection
    /// failures, timeouts, 408, 409, 429 and 5xx (unless the server said
    /// `x-should-retry: false` or the account is out of quota), answers that
    /// could not be read, and a call the person cancelled. Not a refusal
    /// (400 and moderation, 401, 403, 404, 422, `insufficient_quota`) nor
    /// a request that failed validation.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::BadResponse { .. } | Error::Aborted => true,
            other => other.with_failure(|failure| failure.is_retryable()).unwrap_or(false),
        }
    }

    /// Whether the client already tried this request again by itself (as
    /// many times as `max_retries` allows) before reporting this failure.
    /// Errors inside a 2xx answer, broken bodies and streams are not retried:
    /// part of the answer may already have been handed over.
    pub fn was_retried(&self) -> bool {
        match self {
            Error::Api(failure) if failure.http_status != failure.error.status => false,
            other => other.with_failure(|failure| failure.is_retryable()).unwrap_or(false),
        }
    }

    /// The `moderation_details` of a refusal by moderation.
    pub fn moderation_details(&self) -> Option<wasm_bindgen::JsValue> {
        let Error::Api(failure) = self else { return None };
        Some(crate::wire::get(&failure.raw, "moderation_details")).filter(|details| details.is_object())
    }

    /// The milliseconds the provider asked to wait before trying again, from
    /// `retry-after-ms` or `retry-after` (seconds or an HTTP date), read as
    /// the retries read them.
    pub fn retry_after_ms(&self) -> Option<f64> {
        self.with_failure(|failure| failure.server_delay_ms(js_sys::Date::now()))?.filter(|ms| *ms >= 0.0)
    }

    /// [`Error::retry_after_ms`] in seconds.
    pub fn retry_after_seconds(&self) -> Option<f64> {
        self.retry_after_ms().map(|ms| ms / 1000.0)
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

#[cfg(test)]
mod tests {
    use super::{Error, ErrorClass};

    #[test]
    fn errors_without_an_answer_have_the_openai_packages_classes() {
        let cases = [
            (Error::Validation(gpt_image_core::Report::default()), ErrorClass::Validation, "ValidationError"),
            (Error::BadResponse { status: 200, message: "not JSON".into() }, ErrorClass::Api, "APIError"),
            (Error::Connection("reset".into()), ErrorClass::Connection, "APIConnectionError"),
            (Error::Timeout, ErrorClass::ConnectionTimeout, "APIConnectionTimeoutError"),
            (Error::Aborted, ErrorClass::UserAbort, "APIUserAbortError"),
        ];
        for (error, class, name) in cases {
            assert_eq!(error.class(), class, "{error}");
            assert_eq!(error.class_name(), name, "{error}");
        }
        assert_eq!(ErrorClass::ConnectionTimeout.parent(), Some(ErrorClass::Connection));
        assert_eq!(ErrorClass::Connection.parent(), Some(ErrorClass::Api));
    }
}
