//! The client: one `fetch` per attempt, retries with backoff, timeouts,
//! and the headers of the last answer.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::FormData;

use crate::Error;
use crate::fetch::fetch;
use crate::meta::ResponseMeta;
use crate::options::{CallOptions, ClientOptions};
use crate::timer::{Attempt, js_message, sleep};
use gpt_image_core::FromJson;

/// A client of the Images API at one base URL. Cheap to clone: clones share
/// the record of the last answer.
#[derive(Debug, Clone)]
pub struct Client {
    options: ClientOptions,
    last: Rc<RefCell<Option<ResponseMeta>>>,
}

/// A request body, reusable across attempts.
pub(crate) enum Payload {
    /// `application/json`.
    Json(String),
    /// `multipart/form-data`; the browser writes the boundary.
    Form(FormData),
}

/// A 2xx answer whose body is still to be read, under its attempt's signal.
pub(crate) struct Answer {
    pub(crate) response: web_sys::Response,
    pub(crate) attempt: Attempt,
}

impl Answer {
    /// The whole body as text, read under the attempt's timeout and signal
    /// (`Response.text()` skips a byte order mark, as [`crate::wire::parse`] does).
    pub(crate) async fn text(self) -> Result<(String, web_sys::Response), Error> {
        let text = self.response.text().map_err(|error| self.attempt.failure(js_message(&error)))?;
        let text = JsFuture::from(text).await.map_err(|error| self.attempt.failure(js_message(&error)))?;
        Ok((text.as_string().unwrap_or_default(), self.response))
    }

    /// The whole body as an images response; an `error` in its place is the error.
    pub(crate) async fn images(self) -> Result<gpt_image_core::ImagesResponse, Error> {
        let (text, response) = self.text().await?;
        let status = response.status();
        let bad_response =
            |error: String| Error::BadResponse { status, message: format!("not an images response: {error}") };
        let parsed = crate::wire::parse(text.as_bytes()).ok_or_else(|| bad_response("the body is not JSON".into()))?;
        let value = crate::wire::Json(parsed);
        if let Some(error) = gpt_image_core::ApiError::in_success(status, &value) {
            let raw = crate::wire::error_object(&error, &value.0);
            return Err(Error::api(error, raw, Some(response.headers()), status, text));
        }
        gpt_image_core::ImagesResponse::from_json(&value).map_err(bad_response)
    }

    #[cfg(feature = "js")]
    /// The whole body, parsed by `JSON.parse`; an `error` in place of the
    /// images is the error.
    pub(crate) async fn json(self) -> Result<JsValue, Error> {
        let (text, response) = self.text().await?;
        let status = response.status();
        let parsed = js_sys::JSON::parse(&text)
            .map_err(|_| Error::BadResponse { status, message: "the body is not JSON".into() })?;
        match carried_error(&response, &parsed, &text) {
            Some(error) => Err(error),
            None => Ok(parsed),
        }
    }
}

/// The error a 2xx answer carries in place of its images
/// (`200 {"error": {…}}`, from some relays), if it carries one.
pub(crate) fn carried_error(response: &web_sys::Response, parsed: &JsValue, body: &str) -> Option<Error> {
    let status = response.status();
    let error = gpt_image_core::ApiError::in_success(status, &crate::wire::Json(parsed.clone()))?;
    let raw = crate::wire::error_object(&error, parsed);
    Some(Error::api(error, raw, Some(response.headers()), status, body.to_owned()))
}

impl Client {
    /// How to validate a call: its own mode, else the client's.
    pub fn validation(&self, call: &CallOptions) -> gpt_image_core::ValidationOptions {
        crate::options::validation_options(call.validation.unwrap_or(self.options.validation))
    }

    /// A client with these options. Options with an error (see
    /// [`ClientOptions::report`]) make every call fail with
    /// [`Error::Validation`] before anything is sent; [`Client::try_new`]
    /// refuses them at once.
    pub fn new(options: ClientOptions) -> Self {
        Client { options, last: Rc::default() }
    }

    /// A client with these options, unless they have an error (a base URL
    /// that is not an absolute `http(s)` URL): [`Error::Validation`] naming
    /// `baseURL`. Warnings are in [`ClientOptions::report`].
    pub fn try_new(options: ClientOptions) -> Result<Self, Error> {
        let report = options.report();
        if report.has_errors() {
            return Err(Error::Validation(report));
        }
        Ok(Client::new(options))
    }

    /// The options this client was made with.
    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// The status, request id and rate limits of the last answer received
    /// (errors included), if any.
    pub fn last_response(&self) -> Option<ResponseMeta> {
        self.last.borrow().clone()
    }

    /// Posts `payload` to `path`, trying again after failures worth
    /// retrying, and returns the first 2xx answer. Its body is read under
    /// the same attempt; a body that fails or stalls halfway ends the call
    /// without a retry, as part of it may already have been handed over.
    pub(crate) async fn send(&self, path: &str, payload: &Payload, call: &CallOptions) -> Result<Answer, Error> {
        let report = self.options.report();
        if report.has_errors() {
            return Err(Error::Validation(report));
        }
        let max_retries = call.max_retries.unwrap_or(self.options.max_retries);
        let timeout_ms = call.timeout_ms.unwrap_or(self.options.timeout_ms);
        let url = crate::url::call_url(&self.options.base_url, path, &self.options.default_query, &call.query);
        let mut retries_left = max_retries;
        loop {
            let attempt = Attempt::start(call.signal.as_ref(), timeout_ms)?;
            let body: JsValue = match payload {
                Payload::Json(text) => text.into(),
                Payload::Form(form) => form.into(),
            };
            let outcome = fetch("POST", &url, &self.headers(payload, call), Some(&body), &attempt.signal()).await;
            let error = match outcome {
                Ok(response) => {
                    let headers = response.headers();
                    let status = response.status();
                    self.last.replace(Some(ResponseMeta::read(status, &headers)));
                    if response.ok() {
                        return Ok(Answer { response, attempt });
                    }
                    let body = read_bytes(&response, &attempt).await?;
                    let (error, raw) = crate::wire::api_error(status, &body);
                    Error::api(error, raw, Some(headers), status, String::from_utf8_lossy(&body).into_owned())
                }
                Err(error) => attempt.failure(js_message(&error)),
            };
            drop(attempt);
            let delay = error.with_failure(|failure| {
                let (now, random) = (js_sys::Date::now(), js_sys::Math::random());
                failure.is_retryable().then(|| failure.delay_ms(retries_left, max_retries, now, random))
            });
            match delay.flatten() {
                Some(delay) if retries_left > 0 => {
                    sleep(delay, call.signal.as_ref()).await?;
                    retries_left -= 1;
                }
                _ => return Err(error),
            }
        }
    }

    /// One attempt's headers: only `Authorization` (when there is a key),
    /// `Content-Type` (for JSON) and the caller's own headers, so that no
    /// extra header fails a CORS preflight.
    fn headers(&self, payload: &Payload, call: &CallOptions) -> Vec<(String, String)> {
        let mut headers: Vec<(String, Option<String>)> = Vec::new();
        if let Some(key) = &self.options.api_key {
            headers.push(("authorization".into(), Some(format!("Bearer {key}"))));
        }
        if let Payload::Json(_) = payload {
            headers.push(("content-type".into(), Some("application/json".into())));
        }
        for (name, value) in self.options.default_headers.iter().chain(&call.headers) {
            let name = name.to_ascii_lowercase();
            headers.retain(|(kept, _)| *kept != name);
            headers.push((name, value.clone()));
        }
        headers.into_iter().filter_map(|(name, value)| Some((name, value?))).collect()
    }
}

/// The whole body of an answer, read under the attempt's timeout and signal.
async fn read_bytes(response: &web_sys::Response, attempt: &Attempt) -> Result<Vec<u8>, Error> {
    let buffer = response.array_buffer().map_err(|error| attempt.failure(js_message(&error)))?;
    let buffer = JsFuture::from(buffer).await.map_err(|error| attempt.failure(js_message(&error)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
