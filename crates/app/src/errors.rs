//! Every failure the library reports, as a sentence a person can act on
//! (in the language in use when it failed), and whether Retry can help:
//! both from `gpt-image-wasm`'s one table
//! ([`Error::is_retryable`], [`Error::was_retried`], [`Error::retry_after_ms`],
//! [`Error::class`]), never from a second list of statuses here.
//!
//! A long generation cut on its way (a gateway's 504, Cloudflare's 524, a
//! connection reset after a long wait) is said as such, with the offer to
//! turn streaming on for the endpoint: a stream keeps the connection busy
//! while the provider works.

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{Error, ErrorClass};

use crate::i18n::{Words, words};

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
    fn after(&self, words: &Words, retried: bool) -> String {
        match (self.per_try_ms(retried), retried && self.max_retries > 0) {
            (Some(ms), false) => (words.advice_after)(&wait(words, ms)),
            (Some(ms), true) => (words.advice_after_each)(&wait(words, (ms / 1000.0).round() * 1000.0)),
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
        Advice {
            message: words().advice_cancelled.into(),
            retry: true,
            class: ErrorClass::UserAbort,
            offer_stream: false,
        }
    }
}

/// The name of a gateway's timeout status, for a person: `504 Gateway
/// Timeout`, Cloudflare's `524 A timeout occurred`; `None` for other statuses.
fn gateway_timeout(words: &Words, status: u16) -> Option<&'static str> {
    match status {
        504 => Some(words.advice_gateway_504),
        524 => Some(words.advice_gateway_524),
        _ => None,
    }
}

/// What a cut long wait means, and what streaming can do about it (by `sent.stream`).
fn cut_short(words: &Words, sent: &Sent) -> &'static str {
    match sent.stream {
        Some(true) => words.advice_cut_streamed,
        Some(false) => words.advice_cut_offer,
        None => words.advice_cut,
    }
}

/// A wait as the provider gave it: `250 ms`, `1 second`, `1.5 seconds`, `2 minutes`.
pub fn wait(words: &Words, ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 1000.0 {
        return (words.wait_ms)(ms.round() as u64);
    }
    let seconds = ms / 1000.0;
    if seconds >= 120.0 && seconds % 60.0 == 0.0 {
        return (words.wait_minutes)((seconds / 60.0) as u64);
    }
    (words.wait_seconds)((seconds * 10.0).round() / 10.0)
}

/// What happened and what to do about it, for the request `sent`, in the
/// words of the language in use.
pub fn advise(error: &Error, sent: &Sent) -> Advice {
    advise_in(words(), error, sent)
}

/// What happened and what to do about it, for the request `sent`, in `words`.
fn advise_in(words: &Words, error: &Error, sent: &Sent) -> Advice {
    let retry = error.is_retryable();
    let retried = sent.max_retries > 0 && error.was_retried();
    let mut offer_stream = false;
    let mut message = match error {
        Error::Validation(report) => (words.advice_not_sent)(&report.to_string()),
        Error::Api(failure) => {
            let code = failure.error.error.code.as_deref().unwrap_or("");
            let advice = match (error.class(), code) {
                (_, "moderation_blocked") => words.advice_moderation.to_owned(),
                (_, "insufficient_quota") => words.advice_quota.to_owned(),
                (ErrorClass::Authentication, _) => words.advice_authentication.to_owned(),
                (ErrorClass::PermissionDenied, _) => words.advice_permission.to_owned(),
                (ErrorClass::NotFound, _) => words.advice_not_found.to_owned(),
                _ if !failure.is_stream_event() && gateway_timeout(words, failure.error.status).is_some() => {
                    let status = gateway_timeout(words, failure.error.status).unwrap_or_default();
                    offer_stream = sent.stream == Some(false);
                    (words.advice_gateway)(status, &sent.after(words, retried), cut_short(words, sent))
                }
                (ErrorClass::RateLimit, _) => match error.retry_after_ms() {
                    Some(ms) => (words.advice_rate_limit_wait)(&wait(words, ms)),
                    None => words.advice_rate_limit.to_owned(),
                },
                _ if failure.is_stream_event() && retry => words.advice_stream_retry.to_owned(),
                _ if failure.is_stream_event() => words.advice_stream.to_owned(),
                (ErrorClass::InternalServer, _) => words.advice_server.to_owned(),
                _ if retry => words.advice_busy.to_owned(),
                _ => words.advice_refused.to_owned(),
            };
            (words.advice_said)(&advice, failure.error.message(), failure.request_id.as_deref())
        }
        Error::BadResponse { status, message } => (words.advice_bad_response)(*status, message),
        Error::Connection(message) if sent.per_try_ms(retried).is_some_and(|ms| ms >= LONG_WAIT_MS) => {
            offer_stream = sent.stream == Some(false);
            (words.advice_connection_cut)(&sent.after(words, retried), message, cut_short(words, sent))
        }
        Error::Connection(message) => (words.advice_unreachable)(message),
        Error::Timeout => words.advice_timeout.to_owned(),
        Error::Aborted => words.advice_cancelled.to_owned(),
    };
    if retried {
        message.push_str(&(words.advice_retried)(sent.max_retries));
    }
    Advice { message, retry, class: error.class(), offer_stream }
}

/// What happened and what to do about it, when nothing is known of the request.
pub fn explain(error: &Error) -> String {
    advise(error, &Sent::UNKNOWN).message
}

#[cfg(test)]
mod tests {
    use super::{LONG_WAIT_MS, Sent, advise_in, wait};
    use crate::i18n::Language;
    use gpt_image_wasm::Error;
    use gpt_image_wasm::core::{GenerateRequest, Model};

    #[test]
    fn waits_keep_the_providers_units() {
        let wait = |ms| wait(Language::English.words(), ms);
        assert_eq!(wait(250.0), "250 ms");
        assert_eq!(wait(999.4), "999 ms");
        assert_eq!(wait(1000.0), "1 second");
        assert_eq!(wait(1500.0), "1.5 seconds");
        assert_eq!(wait(20_000.0), "20 seconds");
        assert_eq!(wait(120_000.0), "2 minutes");
        let chinese = Language::Chinese.words();
        assert_eq!(super::wait(chinese, 1500.0), "1.5 秒");
        assert_eq!(super::wait(chinese, 120_000.0), "2 分钟");
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
        let english = Language::English.words();
        assert_eq!(sent.after(english, false), " after 5 minutes");
        assert_eq!(sent.after(english, true), " after about 100 seconds each time");
        assert!(sent.per_try_ms(true).is_some_and(|ms| ms >= LONG_WAIT_MS));
        assert_eq!(Sent::UNKNOWN.after(english, true), "");
    }

    #[test]
    fn advice_is_said_in_each_language() {
        let sent = Sent { max_retries: 2, waited_ms: Some(300_000.0), stream: Some(false) };
        let cut = Error::Connection("connection reset".into());
        let english = advise_in(Language::English.words(), &cut, &sent);
        assert_eq!(
            english.message,
            "The connection was cut after about 100 seconds each time (connection reset): a proxy or gateway on the \
             way probably closes connections that stay quiet that long. The provider may still finish the image, and \
             bill it. Streaming keeps the connection busy while it works: turn it on for this endpoint. It was \
             already retried 2 times."
        );
        assert!(english.offer_stream);
        let chinese = advise_in(Language::Chinese.words(), &cut, &sent);
        assert_eq!(
            chinese.message,
            "连接每次在约 100 秒后被切断（connection reset）：途中的代理或网关很可能会关闭静默这么久的连接。\
             服务商可能仍会完成这张图片并计费。流式传输能在服务商处理期间保持连接活跃：请为此接口开启流式。\
             已自动重试 2 次。"
        );
        assert_eq!((chinese.retry, chinese.class, chinese.offer_stream), (english.retry, english.class, true));
        let timeout = advise_in(Language::English.words(), &Error::Timeout, &Sent::UNKNOWN);
        assert_eq!(timeout.message, "The provider took longer than the timeout: retry, or raise it in Settings.");
    }
}
