//! Failures on demand: which fault a request gets, from its `x-fault`
//! header or from the server's `--fault` script.
//!
//! `x-fault: NAME` fails every request that carries it.
//! `x-fault: NAME; times=N; key=K` fails the first `N` requests carrying key
//! `K` (the key defaults to the whole header value), then lets them succeed,
//! so a client retrying with the same headers sees fail, fail, success.
//! What each fault does is in [`super::fault_responses`].

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use axum::http::HeaderMap;

use crate::error::ApiFailure;

/// The request header that asks for a fault.
pub const FAULT_HEADER: &str = "x-fault";

/// The most script keys remembered; past it the counts start over.
const MAX_KEYS: usize = 10_000;

macro_rules! faults {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )+) => {
        /// A failure a real provider (or the network in between) produces.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Fault {
            $( $(#[$doc])* $variant, )+
        }

        impl Fault {
            /// Every fault's name, as `x-fault` and `--fault` take it.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The fault called `name`.
            pub fn parse(name: &str) -> Result<Fault, String> {
                match name {
                    $( $name => Ok(Fault::$variant), )+
                    other => Err(format!("unknown fault {other:?}: use one of {}", Fault::NAMES.join(", "))),
                }
            }

            /// The fault's name.
            pub fn name(self) -> &'static str {
                match self {
                    $( Fault::$variant => $name, )+
                }
            }
        }
    };
}

faults! {
    /// 429 `rate_limit_exceeded` with `retry-after` and `retry-after-ms`.
    RateLimit = "rate_limit",
    /// 500 `server_error`.
    ServerError = "server_error",
    /// 502 with an HTML page, as a proxy sends it.
    BadGateway = "bad_gateway",
    /// 503 `server_error`: overloaded.
    Unavailable = "unavailable",
    /// 401 `invalid_api_key`.
    Unauthorized = "unauthorized",
    /// 403 `unsupported_country_region_territory`.
    PermissionDenied = "permission_denied",
    /// 404 `model_not_found`.
    NotFound = "not_found",
    /// 408: the server gave up waiting for the request.
    RequestTimeout = "request_timeout",
    /// 409: a conflicting request is in progress.
    Conflict = "conflict",
    /// 422: well-formed but unprocessable.
    Unprocessable = "unprocessable",
    /// 429 `insufficient_quota`: not to be retried.
    InsufficientQuota = "insufficient_quota",
    /// 400 `moderation_blocked` with `moderation_details`.
    Moderation = "moderation",
    /// 200 with the JSON body cut off halfway.
    Truncated = "truncated",
    /// 200 with a body that is not JSON.
    Malformed = "malformed",
    /// The connection is closed without an answer.
    Reset = "reset",
    /// No headers for a long time.
    StallHeaders = "stall_headers",
    /// Headers and half the body, then nothing, then the connection drops.
    StallBody = "stall_body",
    /// A stream of partial images that ends without `completed`.
    StreamNoCompleted = "stream_no_completed",
    /// A stream of partial images, then an `error` event.
    StreamError = "stream_error",
    /// The body in small pieces with pauses between them.
    Trickle = "trickle",
    /// 200 whose body is an error, as some relays answer (`insufficient_quota`).
    OkWithError = "ok_with_error",
    /// The normal answer (JSON or events) after a UTF-8 byte order mark.
    Bom = "bom",
    /// 400 `{"error": "…"}`: the error is a string.
    ErrorString = "error_string",
    /// 401 `{"message": "…"}`, as API gateways answer.
    MessageOnly = "message_only",
    /// 403 `{"detail": "…"}`, as FastAPI answers.
    DetailString = "detail_string",
    /// 422 `{"detail": [{"loc", "msg", "type"}]}`: FastAPI's validation errors.
    DetailList = "detail_list",
    /// The images as links to a host that sends no CORS headers.
    LinksWithoutCors = "links_without_cors",
    /// A stream with no event at all: an empty `text/event-stream` body.
    StreamEmpty = "stream_empty",
}

/// How a fault behaves, tuned by request headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// `x-fault-retry-after-ms`: the wait a 429 asks for (`retry-after-ms`;
    /// `retry-after` is it in whole seconds, rounded up). Default 250 ms
    /// with `retry-after: 1`.
    pub retry_after_ms: Option<u64>,
    /// `x-fault-stall-ms`: how long `stall_headers` and `stall_body` stall. Default 30 s.
    pub stall: Duration,
    /// `x-fault-trickle-bytes`: the size of each `trickle` piece. Default 256.
    pub trickle_bytes: usize,
    /// `x-fault-trickle-ms`: the pause between `trickle` pieces. Default 5 ms.
    pub trickle_delay: Duration,
    /// `x-fault-delay-ms`: how long the provider works before the fault
    /// strikes, as a provider that fails after a long generation. Default 0.
    pub delay: Duration,
}

impl Tuning {
    /// Reads the tuning headers; absent or unreadable ones keep their default.
    pub fn from_headers(headers: &HeaderMap) -> Tuning {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        Tuning {
            retry_after_ms: number("x-fault-retry-after-ms"),
            stall: Duration::from_millis(number("x-fault-stall-ms").unwrap_or(30_000)),
            trickle_bytes: number("x-fault-trickle-bytes").unwrap_or(256).clamp(1, 1 << 20) as usize,
            trickle_delay: Duration::from_millis(number("x-fault-trickle-ms").unwrap_or(5)),
            delay: Duration::from_millis(number("x-fault-delay-ms").unwrap_or(0).min(600_000)),
        }
    }
}

/// Which requests fail: the `--fault` script and the `times=` counts per key.
pub struct Faults {
    script: Mutex<VecDeque<(Fault, Option<u32>)>>,
    counts: Mutex<HashMap<String, u32>>,
}

impl Faults {
    /// Faults following a script of `(fault, how many requests)` steps; `None` is forever.
    pub fn new(script: Vec<(Fault, Option<u32>)>) -> Self {
        Faults { script: Mutex::new(script.into()), counts: Mutex::default() }
    }

    /// The fault this request gets, if any. A malformed `x-fault` header is a 400.
    pub fn decide(&self, headers: &HeaderMap) -> Result<Option<Fault>, ApiFailure> {
        if let Some(value) = headers.get(FAULT_HEADER) {
            let text = value.to_str().map_err(|_| bad_header("is not text"))?;
            let (fault, times, key) = parse_header(text).map_err(|message| bad_header(&message))?;
            let Some(times) = times else { return Ok(Some(fault)) };
            let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if counts.len() >= MAX_KEYS && !counts.contains_key(&key) {
                counts.clear();
            }
            let count = counts.entry(key).or_insert(0);
            if *count < times {
                *count += 1;
                return Ok(Some(fault));
            }
            return Ok(None);
        }
        let mut script = self.script.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            match script.front_mut() {
                None => return Ok(None),
                Some((fault, None)) => return Ok(Some(*fault)),
                Some((_, Some(0))) => {
                    script.pop_front();
                }
                Some((fault, Some(left))) => {
                    *left -= 1;
                    return Ok(Some(*fault));
                }
            }
        }
    }
}

fn bad_header(problem: &str) -> ApiFailure {
    ApiFailure::invalid(format!("the {FAULT_HEADER} header {problem}"), None, "invalid_fault")
}

/// Reads `NAME`, `NAME; times=N` or `NAME; times=N; key=K`.
pub fn parse_header(text: &str) -> Result<(Fault, Option<u32>, String), String> {
    let mut parts = text.split(';').map(str::trim);
    let fault = Fault::parse(parts.next().unwrap_or_default()).map_err(|message| format!("names an {message}"))?;
    let (mut times, mut key) = (None, text.trim().to_owned());
    for part in parts.filter(|part| !part.is_empty()) {
        match part.split_once('=').map(|(name, value)| (name.trim(), value.trim())) {
            Some(("times", value)) => {
                times = Some(value.parse().map_err(|_| format!("has times={value:?}, which is not a number"))?)
            }
            Some(("key", value)) => key = value.to_owned(),
            _ => return Err(format!("has {part:?}: expected times=N or key=K")),
        }
    }
    Ok((fault, times, key))
}

/// Parses a `--fault NAME[:COUNT]` option.
pub fn parse_fault_option(text: &str) -> Result<(Fault, Option<u32>), String> {
    let (name, count) = match text.split_once(':') {
        Some((name, count)) => {
            (name, Some(count.trim().parse::<u32>().map_err(|_| format!("{count:?} is not a number of requests"))?))
        }
        None => (text, None),
    };
    Ok((Fault::parse(name.trim())?, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_fault(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(FAULT_HEADER, value.parse().unwrap());
        headers
    }

    #[test]
    fn every_name_round_trips() {
        for name in Fault::NAMES {
            assert_eq!(Fault::parse(name).unwrap().name(), *name);
        }
    }

    #[test]
    fn a_keyed_script_fails_n_times_then_succeeds() {
        let faults = Faults::new(Vec::new());
        let headers = with_fault("rate_limit; times=2; key=a");
        assert_eq!(faults.decide(&headers).unwrap(), Some(Fault::RateLimit));
        assert_eq!(faults.decide(&headers).unwrap(), Some(Fault::RateLimit));
        assert_eq!(faults.decide(&headers).unwrap(), None);
        assert_eq!(faults.decide(&with_fault("rate_limit; times=2; key=b")).unwrap(), Some(Fault::RateLimit));
        assert_eq!(faults.decide(&with_fault("reset")).unwrap(), Some(Fault::Reset));
        assert!(faults.decide(&with_fault("boom")).is_err());
        assert!(faults.decide(&with_fault("reset; times=x")).is_err());
    }

    #[test]
    fn the_server_script_runs_in_order() {
        let faults = Faults::new(vec![(Fault::RateLimit, Some(1)), (Fault::ServerError, Some(1))]);
        let none = HeaderMap::new();
        assert_eq!(faults.decide(&none).unwrap(), Some(Fault::RateLimit));
        assert_eq!(faults.decide(&none).unwrap(), Some(Fault::ServerError));
        assert_eq!(faults.decide(&none).unwrap(), None);
        let forever = Faults::new(vec![(Fault::Unavailable, None)]);
        assert_eq!(forever.decide(&none).unwrap(), Some(Fault::Unavailable));
        assert_eq!(forever.decide(&none).unwrap(), Some(Fault::Unavailable));
    }

    #[test]
    fn fault_options_name_a_fault_and_a_count() {
        assert_eq!(parse_fault_option("server_error:2").unwrap(), (Fault::ServerError, Some(2)));
        assert_eq!(parse_fault_option("reset").unwrap(), (Fault::Reset, None));
        assert!(parse_fault_option("nope").is_err());
        assert!(parse_fault_option("reset:x").is_err());
    }
}
