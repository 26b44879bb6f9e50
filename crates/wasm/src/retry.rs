//! When to try a request again, and how long to wait first: the rules of the
//! official `openai` client, so the two behave alike against the same server.

/// The first wait, in milliseconds, before jitter.
const INITIAL_DELAY_MS: f64 = 500.0;
/// The longest computed wait, in milliseconds.
const MAX_DELAY_MS: f64 = 8_000.0;
/// A server's `retry-after` is honoured up to this many milliseconds;
/// beyond it, the computed backoff applies instead.
const MAX_SERVER_DELAY_MS: f64 = 60_000.0;

/// What a failed attempt tells the retry decision.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Failure<'a> {
    /// The HTTP status; `None` when no response arrived (connection failure or timeout).
    pub status: Option<u16>,
    /// The `code` of the error body (`insufficient_quota` is never retried).
    pub code: Option<&'a str>,
    /// The `x-should-retry` header, which overrides the status rules.
    pub should_retry: Option<&'a str>,
    /// The `retry-after-ms` header.
    pub retry_after_ms: Option<&'a str>,
    /// The `retry-after` header: seconds, or an HTTP date.
    pub retry_after: Option<&'a str>,
}

impl Failure<'_> {
    /// Whether trying again could succeed: connection failures, timeouts,
    /// 408, 409, 429 and 5xx, unless the server says otherwise or the
    /// account is out of quota.
    pub fn is_retryable(&self) -> bool {
        if self.code == Some("insufficient_quota") {
            return false;
        }
        match self.should_retry {
            Some("true") => return true,
            Some("false") => return false,
            _ => {}
        }
        match self.status {
            None => true,
            Some(status) => matches!(status, 408 | 409 | 429) || status >= 500,
        }
    }

    /// How long to wait before the next attempt, in milliseconds.
    ///
    /// `retries_left` counts the attempts still allowed after this one and
    /// `max_retries` all of them; `now_ms` is the clock (for an HTTP-date
    /// `retry-after`) and `random` a number in `[0, 1)` (for the jitter).
    /// A `retry-after-ms` or `retry-after` of at most a minute is honoured
    /// as given; otherwise the wait doubles from 0.5 s up to 8 s, less up to
    /// a quarter of jitter.
    pub fn delay_ms(&self, retries_left: u32, max_retries: u32, now_ms: f64, random: f64) -> f64 {
        if let Some(server) = self.server_delay_ms(now_ms)
            && (0.0..MAX_SERVER_DELAY_MS).contains(&server)
        {
            return server;
        }
        let retries_done = max_retries.saturating_sub(retries_left).min(30);
        let backoff = (INITIAL_DELAY_MS * 2f64.powi(retries_done as i32)).min(MAX_DELAY_MS);
        backoff * (1.0 - 0.25 * random)
    }

    /// The wait the server asked for, in milliseconds, if it said.
    pub fn server_delay_ms(&self, now_ms: f64) -> Option<f64> {
        if let Some(ms) = self.retry_after_ms.and_then(parse_decimal) {
            return Some(ms);
        }
        let text = self.retry_after?.trim();
        match parse_decimal(text) {
            Some(seconds) => Some(seconds * 1000.0),
            None => parse_http_date(text).map(|date_ms| date_ms - now_ms),
        }
    }
}

/// A number like `250`, `1.5` or `-5`: all a retry header holds. Written by
/// hand because `str::parse::<f64>` brings kilobytes of float parsing into
/// the browser bundle.
fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let mut value = 0.0;
    for byte in whole.bytes() {
        value = value * 10.0 + f64::from(byte - b'0');
    }
    let mut scale = 0.1;
    for byte in fraction.bytes() {
        value += f64::from(byte - b'0') * scale;
        scale /= 10.0;
    }
    Some(sign * value)
}

/// Milliseconds since the epoch of an HTTP date, read by the runtime's
/// `Date.parse` as the official client reads it. It takes the three forms
/// RFC 9110 (section 5.6.7) asks recipients to read: IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)
/// and asctime (`Sun Nov  6 08:49:37 1994`), and costs the bundle nothing.
/// asctime names no zone, which `Date.parse` would read as local time: an
/// HTTP date is in GMT, so it is said.
fn parse_http_date(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let zoneless =
        bytes.len() > 5 && bytes[bytes.len() - 5] == b' ' && bytes[bytes.len() - 4..].iter().all(u8::is_ascii_digit);
    let milliseconds = if zoneless {
        let mut gmt = text.to_owned();
        gmt.push_str(" GMT");
        js_sys::Date::parse(&gmt)
    } else {
        js_sys::Date::parse(text)
    };
    (!milliseconds.is_nan()).then_some(milliseconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Failure<'static> {
        Failure { status: Some(status), ..Failure::default() }
    }

    #[test]
    fn retries_what_the_official_client_retries() {
        for retried in [408, 409, 429, 500, 502, 503, 504] {
            assert!(status(retried).is_retryable(), "{retried}");
        }
        for final_ in [400, 401, 403, 404, 413, 422] {
            assert!(!status(final_).is_retryable(), "{final_}");
        }
        assert!(Failure::default().is_retryable(), "no response at all");
    }

    #[test]
    fn never_retries_insufficient_quota_and_obeys_x_should_retry() {
        assert!(!Failure { code: Some("insufficient_quota"), ..status(429) }.is_retryable());
        assert!(!Failure { should_retry: Some("false"), ..status(503) }.is_retryable());
        assert!(Failure { should_retry: Some("true"), ..status(400) }.is_retryable());
    }

    #[test]
    fn honours_retry_after_ms_then_seconds() {
        // Dates (`Date.parse`, JavaScript's) are tested in the browser: tests/browser/retries.rs.
        let ms = Failure { retry_after_ms: Some("250"), retry_after: Some("9"), ..status(429) };
        assert_eq!(ms.delay_ms(2, 2, 0.0, 0.5), 250.0);
        let seconds = Failure { retry_after: Some("1.5"), ..status(429) };
        assert_eq!(seconds.delay_ms(2, 2, 0.0, 0.5), 1500.0);
    }

    #[test]
    fn decimals_are_read_as_headers_write_them() {
        assert_eq!(parse_decimal("250"), Some(250.0));
        assert_eq!(parse_decimal(" 1.5 "), Some(1.5));
        assert_eq!(parse_decimal("-5"), Some(-5.0));
        assert_eq!(parse_decimal("0.25"), Some(0.25));
        for bad in ["", ".5", "1e3", "soon", "1.2.3", "+4"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn backs_off_exponentially_with_jitter_up_to_eight_seconds() {
        let failure = status(500);
        assert_eq!(failure.delay_ms(2, 2, 0.0, 0.0), 500.0);
        assert_eq!(failure.delay_ms(1, 2, 0.0, 0.0), 1000.0);
        assert_eq!(failure.delay_ms(0, 2, 0.0, 0.999_999).round(), 1500.0);
        assert_eq!(failure.delay_ms(0, 10, 0.0, 0.0), 8000.0);
        let too_long = Failure { retry_after: Some("3600"), ..status(429) };
        assert_eq!(too_long.delay_ms(2, 2, 0.0, 0.0), 500.0, "an hour is ignored");
        let negative = Failure { retry_after_ms: Some("-5"), ..status(429) };
        assert_eq!(negative.delay_ms(2, 2, 0.0, 0.0), 500.0);
    }
}
