//! What the headers of an answer say about the account and the request.

/// The request id and rate-limit headers of one answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// The HTTP status.
    pub status: u16,
    /// `x-request-id`.
    pub request_id: Option<String>,
    /// The `x-ratelimit-*` headers.
    pub rate_limit: RateLimit,
}

/// The `x-ratelimit-*` headers, as sent (numbers, and durations like `6m0s`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// `x-ratelimit-limit-requests`.
    pub limit_requests: Option<String>,
    /// `x-ratelimit-remaining-requests`.
    pub remaining_requests: Option<String>,
    /// `x-ratelimit-reset-requests`.
    pub reset_requests: Option<String>,
    /// `x-ratelimit-limit-tokens`.
    pub limit_tokens: Option<String>,
    /// `x-ratelimit-remaining-tokens`.
    pub remaining_tokens: Option<String>,
    /// `x-ratelimit-reset-tokens`.
    pub reset_tokens: Option<String>,
}

impl ResponseMeta {
    /// Reads the headers of an answer.
    pub fn read(status: u16, headers: &web_sys::Headers) -> Self {
        let header = |name: &str| headers.get(name).ok().flatten();
        ResponseMeta {
            status,
            request_id: header("x-request-id"),
            rate_limit: RateLimit {
                limit_requests: header("x-ratelimit-limit-requests"),
                remaining_requests: header("x-ratelimit-remaining-requests"),
                reset_requests: header("x-ratelimit-reset-requests"),
                limit_tokens: header("x-ratelimit-limit-tokens"),
                remaining_tokens: header("x-ratelimit-remaining-tokens"),
                reset_tokens: header("x-ratelimit-reset-tokens"),
            },
        }
    }
}
