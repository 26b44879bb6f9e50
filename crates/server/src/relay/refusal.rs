//! How the gate words a refusal: the 429 of each limit, with the headers
//! that tell clients whether and when to retry, and the 503 when the
//! counters cannot be reached.

use axum::http::StatusCode;

use super::clock;
use super::counters::StoreError;
use super::limits::Rate;
use crate::error::ApiFailure;

/// What a counted check means, to word its refusal.
pub enum Meaning {
    /// A count kept without a limit.
    Record,
    /// A request rate.
    Requests { who: String, rate: Rate },
    /// Images per day.
    Images { who: String, limit: Option<u64> },
    /// Dollars per day.
    Usd { who: String, limit: Option<f64> },
}

/// A refusal and the headers that go with it (`retry-after` …).
pub struct Refusal {
    /// The error answer.
    pub failure: ApiFailure,
    /// Its headers besides the usual ones.
    pub headers: Vec<(&'static str, String)>,
}

impl From<ApiFailure> for Refusal {
    fn from(failure: ApiFailure) -> Self {
        Refusal { failure, headers: Vec::new() }
    }
}

/// Dollars as whole millionths, as the counters keep them.
pub fn to_micros(usd: f64) -> i64 {
    (usd * 1_000_000.0).round() as i64
}

fn dollars(micros: i64) -> String {
    format!("${:.2}", micros as f64 / 1_000_000.0)
}

/// `5h 3m`, `42s`.
fn span(ms: u64) -> String {
    let seconds = ms.div_ceil(1000);
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m {}s", seconds / 60, seconds % 60),
        _ => format!("{}h {}m", seconds / 3600, seconds / 60 % 60),
    }
}

/// The 429 for a limit: per minute with `retry-after` (clients wait and
/// retry), per day with `x-should-retry: false` (they stop).
/// `at_ms` is when the request came, `images` and `estimate` what it asks
/// for, `retry_after_ms` and `used` what the counters said.
pub fn refusal(
    meaning: &Meaning,
    at_ms: u64,
    images: u32,
    estimate: Option<f64>,
    retry_after_ms: u64,
    used: i64,
) -> Refusal {
    let to_midnight = clock::ms_to_midnight(at_ms);
    let daily = |kind: &str, code: &str, message: String| Refusal {
        failure: ApiFailure::new(StatusCode::TOO_MANY_REQUESTS, kind, message).with_code(code),
        headers: vec![("retry-after", to_midnight.div_ceil(1000).to_string()), ("x-should-retry", "false".into())],
    };
    let resets = format!("It resets at 00:00 UTC, in {}.", span(to_midnight));
    match meaning {
        Meaning::Requests { who, rate } => {
            let per = match rate.period.as_secs() {
                1 => "second".to_owned(),
                60 => "minute".to_owned(),
                3600 => "hour".to_owned(),
                seconds => format!("{seconds} s"),
            };
            let message = format!(
                "Rate limit reached for {who} on requests: {} per {per}. Please try again in {}.",
                rate.count,
                span(retry_after_ms)
            );
            Refusal {
                failure: ApiFailure::new(StatusCode::TOO_MANY_REQUESTS, "requests", message)
                    .with_code("rate_limit_exceeded"),
                headers: vec![
                    ("retry-after", retry_after_ms.div_ceil(1000).max(1).to_string()),
                    ("retry-after-ms", retry_after_ms.to_string()),
                    ("x-ratelimit-limit-requests", rate.count.to_string()),
                    ("x-ratelimit-remaining-requests", "0".into()),
                    ("x-ratelimit-reset-requests", format!("{retry_after_ms}ms")),
                ],
            }
        }
        Meaning::Images { who, limit } => daily(
            "images",
            "rate_limit_exceeded",
            format!(
                "Daily image limit reached for {who}: {} images a day, {used} made today, and this request asks for {images}. {resets}",
                limit.unwrap_or_default()
            ),
        ),
        Meaning::Usd { who, limit } => daily(
            "insufficient_quota",
            "insufficient_quota",
            format!(
                "This request (estimated {}) would pass the daily spending ceiling of {} for {who}, who has spent {} today. {resets}",
                dollars(estimate.map_or(0, to_micros)),
                dollars(limit.map_or(0, to_micros)),
                dollars(used)
            ),
        ),
        Meaning::Record => unavailable(&StoreError("a count without a limit refused a request".into())).into(),
    }
}

/// The 503 when the counters cannot be reached.
pub fn unavailable(error: &StoreError) -> ApiFailure {
    ApiFailure::new(StatusCode::SERVICE_UNAVAILABLE, "server_error", format!("{error}. Please try again."))
        .with_code("relay_counters_unavailable")
}
