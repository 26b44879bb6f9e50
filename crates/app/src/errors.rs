//! Every failure the library reports, as a sentence a person can act on,
//! and whether Retry can help: both from `gpt-image-wasm`'s one table
//! ([`Error::is_retryable`], [`Error::was_retried`], [`Error::retry_after_ms`],
//! [`Error::class`]), never from a second list of statuses here.
//!
//! A long generation cut on its way (a gateway's 504, Cloudflare's 524, a
//! connection reset after a long wait) is said as such, with the offer to
//! turn streaming on for the endpoint: a stream keeps the connection busy
//! while the provider works.

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{Error, ErrorClass};

/// How long an attempt must have waited before a dropped connection is
/// taken for a proxy's idle cut rather than a provider out of reach: the
/// shortest cut-offs in use (serverless functions, some API gateways) are
/// about 10 s, the common ones 30 s to 100 s.
const LONG_WAIT_MS: f64 = 10_000.0;

/// The failed request, as far as the advice needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sent {
    /// How many times the client retries by itself.
    pub max_retries: u32,
    /// From sending to failing, retries included; `None` when not measured.
    pub waited_ms: Option<f64>,
    /// `Some(true)`: it was streamed; `Some(false)`: it was not but could
    /// be; `None`: it cannot stream (a model or an output without streams), or unknown.
    pub stream: Option<bool>,
}

impl Sent {
    /// `request`, sent by a client that retries up to `max_retries` times,
    /// failed after `waited_ms`.
    pub fn new(request: &GenerateRequest, max_retries: u32, waited_ms: f64) -> Self {
        let stream = if request.stream == Some(true) {
            Some(true)
        } else {
            let streamed = GenerateRequest { stream: Some(true), ..request.clone() };
            streamed.validate().errors().all(|issue| issue.field != "stream").then_some(false)
        };
        Sent { max_retries, waited_ms: Some(waited_ms), stream }
    }

    /// Nothing known of the request.
    const UNKNOWN: Sent = Sent { max_retries: 0, waited_ms: None, stream: None };

    /// How long each attempt waited: the whole wait shared by the tries
    /// (the retries' pauses are short beside a long wait).
    fn per_try_ms(&self, retried: bool) -> Option<f64> {
        let tries = if retried { self.max_retries + 1 } else { 1 };
        self.waited_ms.map(|ms| ms / f64::from(tries))
    }

    /// `after 100 seconds`, or with retries `after about 100 seconds each time`; empty when not measured.
    fn after(&self, retried: bool) -> String {
        match (self.per_try_ms(retried), retried && self.max_retries > 0) {
            (Some(ms), false) => format!(" after {}", wait(ms)),
            (Some(ms), true) => format!(" after about {} each time", wait((ms / 1000.0).round() * 1000.0)),
            (None, _) => String::new(),
        }
    }
}

/// What to tell a person about a failed request, and what to offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    /// What happened and what to do, in one or two sentences.
    pub message: String,
    /// Whether sending the same request again could succeed (offer Retry).
    pub retry: bool,
    /// The error's class (its name, as the `openai` package spells it, is
    /// the card's `data-class`: `RateLimitError`).
    pub class: ErrorClass,
    /// Whether a proxy or gateway probably cut a long wait, and streaming,
    /// which was off, would keep the connection busy (offer to turn it on).
    pub offer_stream: bool,
}

impl Advice {
    /// A request the person cancelled: nothing is wrong with it, so it may be sent again.
    pub fn cancelled() -> Self {
        Advice { message: "Cancelled.".into(), retry: true, class: ErrorClass::UserAbort, offer_stream: false }
    }
}

/// The name of a gateway's timeout status, for a person: `504 Gateway
/// Timeout`, Cloudflare's `524 A timeout occurred`; `None` for other statuses.
fn gateway_timeout(status: u16) -> Option<&'static str> {
    match status {
        504 => Some("HTTP 504 Gateway Timeout"),
        524 => Some("HTTP 524, Cloudflare's \u{201c}A timeout occurred\u{201d}"),
        _ => None,
    }
}

/// What a cut long wait means, and what streaming can do about it (by `sent.stream`).
fn cut_short(sent: &Sent) -> &'static str {
    match sent.stream {
        Some(true) => {
            "The stream stayed quiet for longer than a proxy on the way waits. The provider may still finish the image, and bill it."
        }
        Some(false) => {
            "The provider may still finish the image, and bill it. Streaming keeps the connection busy while it works: turn it on for this endpoint."
        }
        None => "The provider may still finish the image, and bill it.",
    }
}

/// A wait as the provider gave it: `250 ms`, `1 second`, `1.5 seconds`, `2 minutes`.
pub fn wait(ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 1000.0 {
        return format!("{} ms", ms.round() as u64);
    }
    let seconds = ms / 1000.0;
    if seconds >= 120.0 && seconds % 60.0 == 0.0 {
        return format!("{} minutes", (seconds / 60.0) as u64);
    }
    let shown = (seconds * 10.0).round() / 10.0;
    if shown == 1.0 { "1 second".to_owned() } else { format!("{shown} seconds") }
}

/// What happened and what to do about it, for the request `sent`.
pub fn advise(error: &Error, sent: &Sent) -> Advice {
    let retry = error.is_retryable();
    let retried = sent.max_retries > 0 && error.was_retried();
    let mut offer_stream = false;
    let mut message = match error {
        Error::Validation(report) => format!("The request was not sent: {report}."),
        Error::Api(failure) => {
            let code = failure.error.error.code.as_deref().unwrap_or("");
            let advice = match (error.class(), code) {
                (_, "moderation_blocked") => {
                    "The prompt or an input image was refused by moderation: reword it.".to_owned()
                }
                (_, "insufficient_quota") => "The account is out of credit: check its plan and billing.".to_owned(),
                (ErrorClass::Authentication, _) => "The API key was refused: check it in Settings.".to_owned(),
                (ErrorClass::PermissionDenied, _) => "This key may not use this model or region.".to_owned(),
                (ErrorClass::NotFound, _) => "The base URL or the model is wrong: check both in Settings.".to_owned(),
                _ if !failure.is_stream_event() && gateway_timeout(failure.error.status).is_some() => {
                    let status = gateway_timeout(failure.error.status).unwrap_or_default();
                    offer_stream = sent.stream == Some(false);
                    format!(
                        "A gateway between here and the provider gave up waiting ({status}){}. {}",
                        sent.after(retried),
                        cut_short(sent)
                    )
                }
                (ErrorClass::RateLimit, _) => match error.retry_after_ms() {
                    Some(ms) => format!("Too many requests: try again in {}.", wait(ms)),
                    None => "Too many requests: wait a little, then retry.".to_owned(),
                },
                _ if failure.is_stream_event() && retry => "The image stream reported an error: retry.".to_owned(),
                _ if failure.is_stream_event() => "The image stream reported an error.".to_owned(),
                (ErrorClass::InternalServer, _) => "The provider failed: retry in a moment.".to_owned(),
                _ if retry => "The provider could not take the request now: retry in a moment.".to_owned(),
                _ => "The provider refused the request.".to_owned(),
            };
            let said = failure.error.message();
            match &failure.request_id {
                Some(id) => format!("{advice} ({said}; request {id})"),
                None => format!("{advice} ({said})"),
            }
        }
        Error::BadResponse { status, message } => {
            format!("The provider's answer (HTTP {status}) could not be read: {message}. Retry.")
        }
        Error::Connection(message) if sent.per_try_ms(retried).is_some_and(|ms| ms >= LONG_WAIT_MS) => {
            offer_stream = sent.stream == Some(false);
            format!(
                "The connection was cut{} ({message}): a proxy or gateway on the way probably closes connections that stay quiet that long. {}",
                sent.after(retried),
                cut_short(sent)
            )
        }
        Error::Connection(message) => {
            format!("The provider could not be reached ({message}): check the base URL and the network, then retry.")
        }
        Error::Timeout => "The provider took longer than the timeout: retry, or raise it in Settings.".to_owned(),
        Error::Aborted => "Cancelled.".to_owned(),
    };
    if retried {
        let times = if sent.max_retries == 1 { "once".to_owned() } else { format!("{} times", sent.max_retries) };
        message.push_str(&format!(" It was already retried {times}."));
    }
    Advice { message, retry, class: error.class(), offer_stream }
}

/// What happened and what to do about it, when nothing is known of the request.
pub fn explain(error: &Error) -> String {
    advise(error, &Sent::UNKNOWN).message
}

#[cfg(test)]
mod tests {
    use super::{LONG_WAIT_MS, Sent, wait};
    use gpt_image_wasm::core::{GenerateRequest, Model};

    #[test]
    fn waits_keep_the_providers_units() {
        assert_eq!(wait(250.0), "250 ms");
        assert_eq!(wait(999.4), "999 ms");
        assert_eq!(wait(1000.0), "1 second");
        assert_eq!(wait(1500.0), "1.5 seconds");
        assert_eq!(wait(20_000.0), "20 seconds");
        assert_eq!(wait(120_000.0), "2 minutes");
    }

    fn request(model: &str, stream: Option<bool>) -> GenerateRequest {
        GenerateRequest { prompt: "a lighthouse".into(), model: Some(Model::from(model)), stream, ..Default::default() }
    }

    #[test]
    fn streaming_is_offered_only_where_the_request_could_stream() {
        assert_eq!(Sent::new(&request("gpt-image-1", None), 0, 1.0).stream, Some(false));
        assert_eq!(Sent::new(&request("gpt-image-1", Some(true)), 0, 1.0).stream, Some(true));
        assert_eq!(Sent::new(&request("dall-e-3", None), 0, 1.0).stream, None);
    }

    #[test]
    fn a_wait_is_shared_by_the_tries() {
        let sent = Sent::new(&request("gpt-image-1", None), 2, 300_000.0);
        assert_eq!(sent.after(false), " after 5 minutes");
        assert_eq!(sent.after(true), " after about 100 seconds each time");
        assert!(sent.per_try_ms(true).is_some_and(|ms| ms >= LONG_WAIT_MS));
        assert_eq!(Sent::UNKNOWN.after(true), "");
    }
}
