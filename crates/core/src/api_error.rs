//! Errors the server reports: `{"error": {"message", "type", "param", "code"}}`,
//! the other shapes OpenAI-compatible providers and their gateways send
//! (`{"error": "text"}`, `{"message": …}`, FastAPI's `{"detail": …}`), or
//! whatever a proxy in between sends instead.
//!
//! This module is the one place error bodies are read. It reads them through
//! [`JsonValue`], so the same code serves `serde_json` here and the
//! browser's `JSON.parse` in `gpt-image-wasm` (which adds no JSON parser to
//! its bundle).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::json::JsonValue;

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
    #[serde(default, deserialize_with = "null_as_default")]
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
    /// The HTTP status (0 for an error event inside a stream; for an error
    /// carried by a 2xx answer, the status the error implies, see
    /// [`ErrorBody::implied_status`]).
    pub status: u16,
    /// The parsed `error` object; for a body that was not an OpenAI error,
    /// a message made from the status and an excerpt of the body.
    pub error: ErrorBody,
    /// Whether the body was a JSON error in one of the shapes this module reads.
    pub is_json: bool,
}

/// The status each error `code` or `type` stands for (OpenAI's, and those of
/// the providers and relays that answer like it), for errors that come
/// without one. A table rather than a `match`: it weighs less in a
/// WebAssembly bundle.
pub const IMPLIED_STATUSES: &[(&[&str], u16)] = &[
    (&["invalid_request_error", "image_generation_user_error", "moderation_blocked"], 400),
    (&["invalid_api_key", "authentication_error"], 401),
    (&["permission_error", "unsupported_country_region_territory"], 403),
    (&["model_not_found", "not_found_error"], 404),
    (&["insufficient_quota", "rate_limit_exceeded", "rate_limit_error", "requests", "tokens"], 429),
    (&["server_error", "api_error"], 500),
    (&["overloaded_error"], 503),
];

/// The UTF-8 byte order mark some servers put before a body.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// `body` without a leading UTF-8 byte order mark: what every reader of a
/// body skips first (as a browser's `Response.text()` does), so that a body
/// reads the same whichever way it is read.
pub fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(BOM).unwrap_or(body)
}

impl ErrorBody {
    /// The fields of an error object read through any JSON reader:
    /// `message`, `type`, `param` and `code` (a number kept as text). Other
    /// fields stay with the reader (`extra` is left empty).
    pub fn read<J: JsonValue>(object: &J) -> ErrorBody {
        let text = |key: &str| {
            let value = object.member(key)?;
            value.text().or_else(|| value.number().map(|number| (number as i64).to_string()))
        };
        ErrorBody {
            message: object.member("message").and_then(|message| message.text()).unwrap_or_default(),
            kind: text("type"),
            param: object.member("param").and_then(|param| param.text()),
            code: text("code"),
            extra: Default::default(),
        }
    }

    /// The HTTP status this error stands for, from its `code` (a number
    /// from 400 to 599 is that status), else its `type`: for an error that
    /// came without a status of its own, in a 2xx answer or a stream's
    /// `error` event. `None` for codes and types [`IMPLIED_STATUSES`] does not list.
    pub fn implied_status(&self) -> Option<u16> {
        [self.code.as_deref(), self.kind.as_deref()].into_iter().flatten().find_map(|name| {
            name.parse::<u16>()
                .ok()
                .filter(|status| (400..600).contains(status))
                .or_else(|| IMPLIED_STATUSES.iter().find(|(names, _)| names.contains(&name)).map(|(_, status)| *status))
        })
    }

    /// A message for an error object that has none: its code or type.
    fn with_message_from_code(mut self) -> ErrorBody {
        if self.message.trim().is_empty() {
            self.message = self.code.clone().or_else(|| self.kind.clone()).unwrap_or_default();
        }
        self
    }
}

/// The error of a body in one of the shapes providers send, if it is one:
/// `{"error": {…}}`, `{"error": "text"}`, `{"detail": "text"}`,
/// `{"detail": [{"loc", "msg", "type"}]}` (FastAPI), `{"detail": {…}}`, a
/// flat `{"message", "code", …}`, or a JSON string.
fn read_shape<J: JsonValue>(body: &J, nested: bool) -> Option<ErrorBody> {
    if let Some(text) = body.text() {
        return Some(ErrorBody { message: text, ..ErrorBody::default() }).filter(|error| !error.message.is_empty());
    }
    if !body.is_object() {
        return None;
    }
    if let Some(error) = body.member("error") {
        if error.is_object() {
            let read = ErrorBody::read(&error).with_message_from_code();
            if !read.message.is_empty() {
                return Some(read);
            }
        } else if let Some(text) = error.text().filter(|text| !text.trim().is_empty()) {
            return Some(ErrorBody { message: text, ..ErrorBody::read(body) });
        }
    }
    if let Some(detail) = body.member("detail") {
        if let Some(text) = detail.text().filter(|text| !text.trim().is_empty()) {
            return Some(ErrorBody { message: text, ..ErrorBody::default() });
        }
        let items = detail.items();
        if !items.is_empty() {
            return Some(validation_details(&items));
        }
        if !nested && let Some(inner) = read_shape(&detail, true) {
            return Some(inner);
        }
    }
    Some(ErrorBody::read(body)).filter(|error| !error.message.trim().is_empty())
}

/// FastAPI's (pydantic's) validation errors, `[{"loc": ["body", "n"], "msg": "…", "type": "…"}]`,
/// as one message naming each field; `param` is the first field.
fn validation_details<J: JsonValue>(items: &[J]) -> ErrorBody {
    let mut param = None;
    let parts: Vec<String> = items
        .iter()
        .map(|item| {
            let mut path: Vec<String> = item
                .member("loc")
                .map_or_else(Vec::new, |loc| loc.items())
                .iter()
                .filter_map(|part| part.text().or_else(|| part.number().map(|index| (index as i64).to_string())))
                .collect();
            // The first part says where the value was: the body, the query, a header.
            if path.len() > 1 && matches!(path[0].as_str(), "body" | "query" | "path" | "header" | "cookie") {
                path.remove(0);
            }
            let field = path.join(".");
            let message = item.member("msg").and_then(|msg| msg.text()).or_else(|| item.text()).unwrap_or_default();
            if field.is_empty() {
                message
            } else {
                param.get_or_insert_with(|| field.clone());
                format!("{field}: {message}")
            }
        })
        .filter(|part| !part.is_empty())
        .collect();
    ErrorBody { message: parts.join("; "), param, ..ErrorBody::default() }
}

/// How much of a body that is not JSON goes into the message.
const EXCERPT_CHARS: usize = 200;

impl ApiError {
    /// Reads an error response. Never fails: a body in none of the shapes
    /// this module reads (an HTML page from a proxy, an empty body) still
    /// gives an error with the status and a short excerpt of what came back.
    /// The fields of an `error` object other than the four known ones (such as
    /// `moderation_details`) are kept in `error.extra`.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        let parsed = serde_json::from_slice::<serde_json::Value>(without_bom(body)).ok();
        let mut error = ApiError::from_json(status, parsed.as_ref(), body);
        if let Some(serde_json::Value::Object(object)) = parsed.as_ref().and_then(|parsed| parsed.get("error")) {
            error.error.extra = object
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "message" | "type" | "param" | "code"))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
        }
        error
    }

    /// Reads an error response with another JSON parser (a browser's
    /// `JSON.parse` costs a WebAssembly bundle nothing): `parse` gets the
    /// body without its byte order mark, and gives `None` when it is not JSON.
    pub fn from_response_with<J: JsonValue>(status: u16, body: &[u8], parse: impl FnOnce(&[u8]) -> Option<J>) -> Self {
        ApiError::from_json(status, parse(without_bom(body)).as_ref(), body)
    }

    /// An error response already parsed (`None`: the body is not JSON).
    fn from_json<J: JsonValue>(status: u16, parsed: Option<&J>, body: &[u8]) -> Self {
        match parsed.and_then(|parsed| read_shape(parsed, false)) {
            Some(error) => ApiError { status, error, is_json: true },
            None => ApiError::not_json(status, without_bom(body)),
        }
    }

    /// The error a 2xx answer carries instead of images (some relays answer
    /// `200 {"error": {…}}`), if it carries one. Its status is the one the
    /// error implies ([`ErrorBody::implied_status`]: 429 for
    /// `insufficient_quota`), else `status`.
    pub fn in_success<J: JsonValue>(status: u16, parsed: &J) -> Option<Self> {
        let error = parsed.member("error")?;
        if !error.is_object() && error.text().is_none_or(|text| text.trim().is_empty()) {
            return None;
        }
        let error = read_shape(parsed, false)?;
        Some(ApiError { status: error.implied_status().unwrap_or(status), error, is_json: true })
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

/// Reads `null` as the type's default, for fields a provider may send as `null`.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

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
    if let (Some(start), Some(end)) = (find_tag(body, "<title>"), find_tag(body, "</title>"))
        && let Some(title) = body.get(start + 7..end)
    {
        return excerpt(title);
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
    let mut chars = text.trim_end().chars();
    let cut: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() { cut + "…" } else { cut }
}

/// Where `tag` first starts in `body`, in any case. A byte search, without
/// slicing: `str::find` and `&body[..]` would bring the substring searcher
/// and the panic messages of slicing into the npm package (see its `Cargo.toml`).
fn find_tag(body: &str, tag: &str) -> Option<usize> {
    body.as_bytes().windows(tag.len()).position(|window| window.eq_ignore_ascii_case(tag.as_bytes()))
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
    fn reads_the_provider_s_own_words_in_every_common_shape() {
        let cases: [(&[u8], &str, Option<&str>); 8] = [
            (br#"{"error": "plain string message"}"#, "plain string message", None),
            (br#"{"message": "Invalid authentication credentials"}"#, "Invalid authentication credentials", None),
            (br#"{"detail": "Not authenticated"}"#, "Not authenticated", None),
            (
                br#"{"detail": [{"loc": ["body", "prompt"], "msg": "Field required", "type": "missing"},
                                {"loc": ["body", "n"], "msg": "Input should be less than 11", "type": "less_than"}]}"#,
                "prompt: Field required; n: Input should be less than 11",
                Some("prompt"),
            ),
            (br#"{"detail": {"error": {"message": "nested", "param": "size"}}}"#, "nested", Some("size")),
            (br#"{"error": {"code": "quota_exceeded"}}"#, "quota_exceeded", None),
            (br#""a JSON string""#, "a JSON string", None),
            (b"\xef\xbb\xbf{\"error\": {\"message\": \"after a BOM\"}}", "after a BOM", None),
        ];
        for (body, message, param) in cases {
            let error = ApiError::from_response(400, body);
            assert!(error.is_json, "{}", String::from_utf8_lossy(body));
            assert_eq!(error.message(), message, "{}", String::from_utf8_lossy(body));
            assert_eq!(error.error.param.as_deref(), param, "{}", String::from_utf8_lossy(body));
        }
        let flat = ApiError::from_response(401, br#"{"message": "bad key", "type": "auth", "code": 40101}"#);
        assert_eq!((flat.error.kind.as_deref(), flat.error.code.as_deref()), (Some("auth"), Some("40101")));
    }

    #[test]
    fn json_in_no_known_shape_is_quoted_with_the_status() {
        for (body, message) in [
            (&br#"{"foo": 1}"#[..], r#"HTTP 400 Bad Request: {"foo": 1}"#),
            (br#"{"error": {}}"#, r#"HTTP 400 Bad Request: {"error": {}}"#),
            (b"[]", "HTTP 400 Bad Request: []"),
            (b"\xef\xbb\xbf", "HTTP 400 Bad Request with an empty body"),
        ] {
            let error = ApiError::from_response(400, body);
            assert!(!error.is_json);
            assert_eq!(error.message(), message);
        }
    }

    #[test]
    fn another_parser_reads_the_same_shapes() {
        let body = b"\xef\xbb\xbf{\"detail\": \"Not authenticated\"}";
        let mut seen = Vec::new();
        let error = ApiError::from_response_with(403, body, |text| {
            seen = text.to_vec();
            serde_json::from_slice::<serde_json::Value>(text).ok()
        });
        assert_eq!(seen, br#"{"detail": "Not authenticated"}"#, "the parser gets the body without its BOM");
        assert_eq!(error, ApiError::from_response(403, body));
        let not_json = ApiError::from_response_with::<serde_json::Value>(502, b"<title>Bad</title>", |_| None);
        assert_eq!(not_json.message(), "HTTP 502 Bad Gateway: Bad");
    }

    #[test]
    fn an_excerpt_is_the_title_or_the_text_cut_short() {
        assert_eq!(excerpt("<HTML><Title>Bad  Gateway</TITLE><p>nginx</p>"), "Bad Gateway");
        assert_eq!(excerpt("</title> <b>no</b>  title <title>"), "no title");
        let long = "é".repeat(EXCERPT_CHARS + 1);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(EXCERPT_CHARS)));
        assert_eq!(excerpt(&long[2..]), long[2..]);
    }

    #[test]
    fn an_error_inside_a_success_takes_the_status_it_implies() {
        let read = |body: &str| ApiError::in_success(200, &serde_json::from_str::<serde_json::Value>(body).unwrap());
        let quota = read(r#"{"error": {"message": "quota exceeded", "type": "insufficient_quota"}}"#).unwrap();
        assert_eq!((quota.status, quota.message()), (429, "quota exceeded"));
        let key =
            read(r#"{"error": {"message": "bad key", "type": "invalid_request_error", "code": "invalid_api_key"}}"#);
        assert_eq!(key.unwrap().status, 401, "the code wins over the type");
        assert_eq!(read(r#"{"error": {"message": "x", "code": 503}}"#).unwrap().status, 503);
        assert_eq!(read(r#"{"error": "relay failed"}"#).unwrap().status, 200, "nothing implied: the status sent");
        for fine in [r#"{"data": []}"#, r#"{"error": null, "data": []}"#, r#"{"error": ""}"#, r#"{"error": {}}"#, "[]"]
        {
            assert_eq!(read(fine), None, "{fine}");
        }
    }

    #[test]
    fn implied_statuses_follow_code_then_type() {
        let status = |code: Option<&str>, kind: Option<&str>| {
            ErrorBody { code: code.map(Into::into), kind: kind.map(Into::into), ..ErrorBody::default() }
                .implied_status()
        };
        assert_eq!(status(Some("model_not_found"), Some("invalid_request_error")), Some(404));
        assert_eq!(status(None, Some("server_error")), Some(500));
        assert_eq!(status(Some("moderation_blocked"), None), Some(400));
        assert_eq!(status(Some("200"), None), None, "only error statuses");
        assert_eq!(status(Some("whatever"), Some("odd")), None);
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
