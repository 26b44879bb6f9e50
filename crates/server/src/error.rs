//! Error answers in OpenAI's shape, `{"error": {"message", "type", "param",
//! "code"}}`: core's [`ErrorEnvelope`] with an HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gpt_image_core::{ErrorBody, ErrorEnvelope, Issue, Report};
use serde_json::Value;

/// An error answer: the status and core's `error` object.
#[derive(Debug, Clone)]
pub struct ApiFailure {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `error` object, as in a body or an `error` stream event (boxed:
    /// failures travel in `Result`s, which stay small).
    pub error: Box<ErrorBody>,
}

impl ApiFailure {
    /// A 400 `invalid_request_error`.
    pub fn invalid(message: impl Into<String>, param: Option<&str>, code: &str) -> Self {
        let mut failure = ApiFailure::new(StatusCode::BAD_REQUEST, "invalid_request_error", message).with_code(code);
        failure.error.param = param.map(str::to_owned);
        failure
    }

    /// A 400 for a validation report with errors: every message, the first field.
    pub fn from_report(report: &Report) -> Self {
        let errors: Vec<&Issue> = report.errors().collect();
        let message = errors.iter().map(|issue| issue.message.as_str()).collect::<Vec<_>>().join("; ");
        ApiFailure::invalid(message, errors.first().map(|issue| issue.field.as_str()), "invalid_value")
    }

    /// A 400 for one issue (a form field that could not be read).
    pub fn from_issue(issue: &Issue) -> Self {
        ApiFailure::invalid(issue.message.clone(), Some(&issue.field), "invalid_value")
    }

    /// Any status with a message and a type, no param and no code.
    pub fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> Self {
        let error = ErrorBody { message: message.into(), kind: Some(kind.to_owned()), ..ErrorBody::default() };
        ApiFailure { status, error: Box::new(error) }
    }

    /// Sets the code.
    pub fn with_code(mut self, code: &str) -> Self {
        self.error.code = Some(code.to_owned());
        self
    }

    /// Adds a field to the `error` object (`moderation_details`).
    pub fn with_extra(mut self, name: &str, value: Value) -> Self {
        self.error.extra.insert(name.to_owned(), value);
        self
    }

    /// The body: `{"error": {…}}`.
    pub fn into_body(self) -> ErrorEnvelope {
        ErrorEnvelope { error: *self.error }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let status = self.status;
        (status, axum::Json(self.into_body())).into_response()
    }
}

/// Reads a request's JSON body with core's reader (`read_json`): a body
/// that is not a JSON object is a 400, and so is a value of the wrong kind,
/// naming its field (every such value is in the message).
pub fn read_json_body<R>(body: &[u8], read: impl FnOnce(&Value) -> (R, Vec<Issue>)) -> Result<R, ApiFailure> {
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        ApiFailure::invalid(format!("We could not parse the JSON body of your request: {error}"), None, "invalid_json")
    })?;
    if !value.is_object() {
        return Err(ApiFailure::invalid(
            format!("The request body must be a JSON object, not {value}"),
            None,
            "invalid_value",
        ));
    }
    let (request, issues) = read(&value);
    match issues.first() {
        None => Ok(request),
        Some(first) => {
            let message = issues.iter().map(|issue| issue.message.as_str()).collect::<Vec<_>>().join("; ");
            Err(ApiFailure::invalid(message, Some(&first.field), "invalid_type"))
        }
    }
}

/// A body that could not be read: 413 when it is over the limit, else 400.
pub fn unreadable_body(status: StatusCode, detail: &str, limit: usize) -> ApiFailure {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request_error",
            format!("The request body is too large: this server takes at most {limit} bytes."),
        )
        .with_code("request_too_large")
    } else {
        ApiFailure::invalid(format!("The request body could not be read: {detail}"), None, "invalid_body")
    }
}

/// A request's whole body, read up to `limit` bytes: 413 past it, 400 when it ends early.
pub async fn whole_body(body: axum::body::Body, limit: usize) -> Result<axum::body::Bytes, ApiFailure> {
    axum::body::to_bytes(body, limit).await.map_err(|error| {
        let status = match error.into_inner().is::<http_body_util::LengthLimitError>() {
            true => StatusCode::PAYLOAD_TOO_LARGE,
            false => StatusCode::BAD_REQUEST,
        };
        unreadable_body(status, "the body ended early", limit)
    })
}

/// The 401 for a missing key (`None`) or a wrong one.
pub fn invalid_api_key(token: Option<&str>) -> ApiFailure {
    let message = match token {
        None => "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).".to_owned(),
        Some(token) => {
            let shown: String = token.chars().take(6).collect();
            format!("Incorrect API key provided: {shown}***. You can find your API key at https://platform.openai.com/account/api-keys.")
        }
    };
    ApiFailure::new(StatusCode::UNAUTHORIZED, "invalid_request_error", message).with_code("invalid_api_key")
}

/// A 500 for something that went wrong inside the server.
pub fn internal(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", message)
}

/// The 404 answer for a path or file that does not exist.
pub fn not_found(what: &str) -> Response {
    ApiFailure::new(StatusCode::NOT_FOUND, "invalid_request_error", format!("{what} not found"))
        .with_code("not_found")
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gpt_image_core::Rule;

    /// The body as it goes on the wire.
    fn written(failure: ApiFailure) -> Value {
        serde_json::to_value(failure.into_body()).unwrap()
    }

    #[test]
    fn a_report_gives_every_message_and_the_first_field() {
        let report = Report {
            issues: vec![
                Issue::warning("response_format", Rule::ProviderSpecific, "only some"),
                Issue::error("size", Rule::SizeFormat, "bad size"),
                Issue::error("n", Rule::Range, "bad n"),
            ],
        };
        let body = written(ApiFailure::from_report(&report));
        assert_eq!(body["error"]["message"], "bad size; bad n");
        assert_eq!(body["error"]["param"], "size");
        assert_eq!(body["error"]["code"], "invalid_value");
        assert_eq!(body["error"]["type"], "invalid_request_error");
    }

    #[test]
    fn json_errors_name_the_field() {
        let read = |body: &[u8]| read_json_body(body, gpt_image_core::GenerateRequest::read_json::<Value>);
        let failure = read(br#"{"prompt": "x", "n": "two", "frame_count": true}"#).unwrap_err();
        assert_eq!(failure.error.param.as_deref(), Some("n"));
        assert!(failure.error.message.contains("frame_count must be a whole number"), "{}", failure.error.message);
        let failure = read(b"{\"prompt\": ").unwrap_err();
        assert_eq!(failure.error.code.as_deref(), Some("invalid_json"));
        assert_eq!(failure.error.param, None);
        assert_eq!(read(b"[1]").unwrap_err().error.code.as_deref(), Some("invalid_value"));
    }

    #[test]
    fn absent_param_and_code_are_null_not_missing() {
        let body = written(ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "boom"));
        assert!(body["error"].as_object().unwrap().contains_key("param"));
        assert_eq!(body["error"]["code"], Value::Null);
    }
}
