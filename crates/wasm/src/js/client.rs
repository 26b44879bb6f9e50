//! `WasmClient`: the calls of `client.images`, as promises.

use std::rc::Rc;

use gpt_image_core::{Endpoint, Issue, Report, Rule, ValidationOptions};
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{self, set};
use super::params::{call_options, client_options, edit, form_fields, generate_request};
use super::stream::WasmStream;
use crate::Error;
use crate::blobs::read_blobs;
use crate::client::{Answer, Client, Payload};
use crate::events::{EventStream, Source};
use crate::options::validation_options;
use crate::wire::get;

/// The engine of `ImagesClient`: one per client, shared by its calls.
#[wasm_bindgen]
pub struct WasmClient {
    client: Rc<Client>,
}

/// How the answer is read.
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Json,
    Blobs,
    Stream,
}

/// A checked request, ready to send: its body and its warnings.
struct Prepared {
    path: &'static str,
    payload: Payload,
    warnings: JsValue,
}

#[wasm_bindgen]
impl WasmClient {
    /// A client from `{ baseURL, apiKey, defaultHeaders, timeout, maxRetries, validation }`;
    /// throws a validation error naming `baseURL` when it is not an absolute `http(s)` URL.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<WasmClient, JsValue> {
        let options = client_options(&options).map_err(convert::error)?;
        Ok(WasmClient { client: Rc::new(Client::try_new(options).map_err(convert::error)?) })
    }

    /// `images.generate`: resolves to `{ body, warnings, requestID }`.
    pub fn generate(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Generate, Reading::Json, params, options)
    }

    /// `images.edit`: resolves to `{ body, warnings, requestID }`.
    pub fn edit(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Edit, Reading::Json, params, options)
    }

    /// `images.generateBlobs`: `body` holds `Blob`s; `options.onImage` gets each as it is ready.
    #[wasm_bindgen(js_name = generateBlobs)]
    pub fn generate_blobs(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Generate, Reading::Blobs, params, options)
    }

    /// `images.editBlobs`.
    #[wasm_bindgen(js_name = editBlobs)]
    pub fn edit_blobs(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Edit, Reading::Blobs, params, options)
    }

    /// `images.generate({ stream: true })`: resolves to a `WasmStream` once the answer starts.
    #[wasm_bindgen(js_name = generateStream)]
    pub fn generate_stream(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Generate, Reading::Stream, params, options)
    }

    /// `images.edit({ stream: true })`.
    #[wasm_bindgen(js_name = editStream)]
    pub fn edit_stream(&self, params: JsValue, options: JsValue) -> Promise {
        self.call(Endpoint::Edit, Reading::Stream, params, options)
    }

    /// Every issue of a generation's parameters, errors and warnings, without
    /// sending; `options.validation` as for a call.
    #[wasm_bindgen(js_name = validateGenerate)]
    pub fn validate_generate(params: JsValue, options: JsValue) -> JsValue {
        let report = validation_of(&options).and_then(|validation| {
            let checked = generate_request(&params)?;
            Ok(checked.report(checked.request.validate_with(&validation)))
        });
        convert::issues(&report.unwrap_or_else(report_of).issues)
    }

    /// Every issue of an edit's parameters (reads the files' first bytes).
    #[wasm_bindgen(js_name = validateEdit)]
    pub fn validate_edit(params: JsValue, options: JsValue) -> Promise {
        future_to_promise(async move {
            let report = match validation_of(&options) {
                Ok(validation) => edit(&params)
                    .await
                    .map(|checked| checked.report(checked.request.request.validate_with(&validation))),
                Err(error) => Err(error),
            };
            Ok(convert::issues(&report.unwrap_or_else(report_of).issues))
        })
    }

    /// `{ status, requestID, rateLimit }` of the last answer, or `undefined`.
    #[wasm_bindgen(getter, js_name = lastResponse)]
    pub fn last_response(&self) -> JsValue {
        self.client.last_response().map_or(JsValue::UNDEFINED, |meta| convert::meta(&meta))
    }
}

impl WasmClient {
    fn call(&self, endpoint: Endpoint, reading: Reading, params: JsValue, options: JsValue) -> Promise {
        let client = self.client.clone();
        future_to_promise(async move {
            let call = call_options(&options).map_err(convert::error)?;
            let validation = client.validation(&call);
            let mut prepared = prepare(endpoint, reading, &params, &validation).await.map_err(convert::error)?;
            let settings = client.options().report();
            if settings.warnings().next().is_some() {
                // The client's own warnings (a key over plain http) come first.
                let warnings = js_sys::Array::from(&convert::issues(settings.warnings()));
                prepared.warnings = warnings.concat(&js_sys::Array::from(&prepared.warnings)).into();
            }
            let answer = client.send(prepared.path, &prepared.payload, &call).await.map_err(convert::error)?;
            let request_id = answer.response.headers().get("x-request-id").ok().flatten();
            let body = read(answer, endpoint, reading, &get(&options, "onImage")).await.map_err(convert::error)?;
            let result = Object::new();
            set(&result, "body", body);
            set(&result, "warnings", prepared.warnings);
            set(&result, "requestID", request_id);
            Ok(result.into())
        })
    }
}

/// Reads the parameters, validates them and writes the body. What is sent
/// is the caller's own object, so parameters this crate does not know
/// (a provider's extensions) still reach the server.
async fn prepare(
    endpoint: Endpoint,
    reading: Reading,
    params: &JsValue,
    validation: &ValidationOptions,
) -> Result<Prepared, Error> {
    let streaming = get(params, "stream").as_bool() == Some(true);
    let (report, payload) = match endpoint {
        Endpoint::Generate => {
            let checked = generate_request(params)?;
            (checked.report(checked.request.validate_with(validation)), json_payload(params)?)
        }
        Endpoint::Edit => {
            let checked = edit(params).await?;
            let report = checked.report(checked.request.request.validate_with(validation));
            let edit = checked.request;
            let payload =
                if edit.request.is_multipart() { edit.form(form_fields(params))? } else { json_payload(params)? };
            (report, payload)
        }
    };
    let mut report = report;
    if reading == Reading::Blobs && streaming {
        report.issues.push(Issue::error(
            "stream",
            Rule::Conflict,
            "the Blob calls read whole images: leave out stream, or call generate/edit with stream: true for events",
        ));
    }
    let warnings = convert::issues(report.warnings());
    report.into_result().map_err(Error::Validation)?;
    Ok(Prepared { path: endpoint.path(), payload, warnings })
}

/// Reads a 2xx answer the way the call asked for.
async fn read(answer: Answer, endpoint: Endpoint, reading: Reading, on_image: &JsValue) -> Result<JsValue, Error> {
    match reading {
        Reading::Json => answer.json().await,
        Reading::Blobs => {
            let on_image = on_image.dyn_ref::<Function>();
            let response = read_blobs(answer, &mut |image| {
                if let Some(callback) = on_image {
                    let _ = callback.call1(&JsValue::UNDEFINED, &convert::image_blob(image));
                }
            })
            .await?;
            let data = response.images.iter().map(convert::image_blob).collect::<js_sys::Array>();
            set(response.parsed.unchecked_ref(), "data", data);
            Ok(response.parsed)
        }
        Reading::Stream => Ok(WasmStream::new(EventStream::new(answer, Source::Images(endpoint))?).into()),
    }
}

/// The error class of an answer with this HTTP status (`RateLimitError` for
/// 429): the table `index.js`'s `APIError.generate` follows, exported so
/// that a test can hold the two together.
#[wasm_bindgen(js_name = statusClass)]
pub fn status_class(status: u16) -> String {
    crate::error::status_class(status).into()
}

/// Validation as `options.validation` asks, for a call that has no client.
fn validation_of(options: &JsValue) -> Result<ValidationOptions, Error> {
    Ok(validation_options(call_options(options)?.validation.unwrap_or_default()))
}

/// The issues of a request that could not even be read.
fn report_of(error: Error) -> Report {
    match error {
        Error::Validation(report) => report,
        other => Report { issues: vec![Issue::error("params", Rule::Malformed, other.to_string())] },
    }
}

/// A JSON body of a JavaScript value.
fn json_payload(value: &JsValue) -> Result<Payload, Error> {
    js_sys::JSON::stringify(value)
        .map(|text| Payload::Json(text.into()))
        .map_err(|_| Error::Connection("the request could not be written as JSON".into()))
}
