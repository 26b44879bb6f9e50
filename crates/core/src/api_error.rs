//! Errors the server reports: `{"error": {"message", "type", "param", "code"}}`,
//! or whatever a proxy in between sends instead.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

impl ErrorBody {
    /// Whether every field is empty (the flat part of a nested stream error).
    pub fn is_empty(&self) -> bool {
        *self == ErrorBody::default()
    }
}

/// The `error` object of an error response, as OpenAI sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong, for a person.
    #[serde(default, deserialize_with = "crate::response::null_as_default")]
    pub message: String,
    /// The kind of error: `invalid_request_error`, `image_generation_user_error`, …
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The request field at fault, if any (written as `null` when absent,
    /// as the spec requires).
    #[serde(default)]
    pub param: Option<String>,
    /// A machine-readable code: `invalid_api_key`, `moderation_blocked`,
    /// `rate_limit_exceeded`, … Numbers are accepted and kept as text.
    /// Written as `null` when absent, as the spec requires.
    #[serde(default, deserialize_with = "code_as_text")]
    pub code: Option<String>,
    /// Any other field, such as `moderation_details`.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The body of an error answer: `{"error": {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    /// The error.
    pub error: ErrorBody,
}

/// An error answer from the API: its HTTP status and what the body said.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status (0 for an error event inside a stream).
    pub status: u16,
    /// The parsed `error` object; for a body that was not an OpenAI error,
    /// a message made from the status and an excerpt of the body.
    pub error: ErrorBody,
    /// Whether the body was an OpenAI-style JSON error.
    pub is_json: bool,
}

/// How much of a body that is not JSON goes into the message.
const EXCERPT_CHARS: usize = 200;

impl ApiError {
    /// Reads an error response. Never fails: a body that is not an OpenAI
    /// error (an HTML page from a proxy, an empty body) still gives an error
    /// with the status and a short excerpt of what came back.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        match serde_json::from_slice::<ErrorEnvelope>(body) {
            Ok(ErrorEnvelope { error }) => ApiError { status, error, is_json: true },
            Err(_) => ApiError::not_json(status, body),
        }
    }

    /// An error for a body that is not an OpenAI error (an HTML page from a
    /// proxy, an empty body): the status, its reason and a short excerpt.
    pub fn not_json(status: u16, body: &[u8]) -> Self {
        let excerpt = excerpt(&String::from_utf8_lossy(body));
        let message = if excerpt.is_empty() {
            format!("HTTP {status} {} with an empty body", reason(status))
        } else {
            format!("HTTP {status} {}: {excerpt}", reason(status))
        };
        ApiError { status, error: ErrorBody { message, ..Default::default() }, is_json: false }
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.error.message
    }

    /// `moderation_details`, when the prompt or an input was refused by moderation.
    pub fn moderation_details(&self) -> Option<&serde_json::Value> {
        self.error.extra.get("moderation_details")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_json && self.status != 0 {
            write!(f, "{} {}", self.status, self.error.message)
        } else {
            f.write_str(&self.error.message)
        }
    }
}

impl std::error::Error for ApiError {}

fn code_as_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(text)) => Some(text),
        Some(other) => Some(other.to_string()),
    })
}

/// The text of a body with tags dropped and white space folded, cut short;
/// an HTML page's `<title>` when it has one.
fn excerpt(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && start + 7 <= end
    {
        return excerpt(&body[start + 7..end]);
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            c => text.push(c),
        }
    }
    let text = text.trim_end();
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The reason phrase of the statuses a provider or its proxy sends.
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_openai_error_with_extra_fields() {
        let body = br#"{"error": {"message": "Your request was rejected", "type": "image_generation_user_error",
            "param": null, "code": "moderation_blocked", "moderation_details": {"categories": ["violence"]}}}"#;
        let error = ApiError::from_response(400, body);
        assert!(error.is_json);
        assert_eq!(error.error.code.as_deref(), Some("moderation_blocked"));
        assert_eq!(error.error.kind.as_deref(), Some("image_generation_user_error"));
        assert_eq!(error.moderation_details().unwrap()["categories"][0], "violence");
        assert_eq!(error.to_string(), "400 Your request was rejected");
    }

    #[test]
    fn writes_absent_param_and_code_as_null() {
        let body = ErrorBody { message: "m".into(), kind: Some("server_error".into()), ..Default::default() };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"message": "m", "type": "server_error", "param": null, "code": null})
        );
    }

    #[test]
    fn accepts_numbers_as_codes() {
        let error = ApiError::from_response(429, br#"{"error": {"message": "slow down", "code": 429}}"#);
        assert_eq!(error.error.code.as_deref(), Some("429"));
    }

    #[test]
    fn turns_an_html_page_into_a_short_message() {
        let body = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>";
        let error = ApiError::from_response(502, body);
        assert!(!error.is_json);
        assert_eq!(error.message(), "HTTP 502 Bad Gateway: 502 Bad Gateway");
        let long = "word ".repeat(500);
        assert!(ApiError::from_response(500, long.as_bytes()).message().chars().count() < 260);
        assert_eq!(ApiError::from_response(503, b"").message(), "HTTP 503 Service Unavailable with an empty body");
        assert_eq!(ApiError::from_response(500, b"<p>a\n\n  b</p>").message(), "HTTP 500 Internal Server Error: a b");
    }
}
