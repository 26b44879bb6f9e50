//! The dialog's connection test: `GET {base}/models` (Azure OpenAI:
//! `/openai/models` of the resource) with the provider's key, headers and
//! query, on the browser's own `fetch` (the client speaks only the Images
//! API), said for a person: whether the provider answers, takes the key,
//! and which image models it lists.

use gpt_image_wasm::{ApiFailure, Error};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::state::{Provider, at_field};
use crate::errors::explain;
use crate::i18n::words;

/// How long the connection test waits for an answer.
const TEST_TIMEOUT_MS: i32 = 15_000;

/// The outcome of a connection test, for a person.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tested {
    /// Asked, no answer yet.
    Running,
    /// The provider answered: what it lists.
    Passed(String),
    /// No answer, or a refusal: what happened and what to do.
    Failed(String),
}

/// `GET {base}/models` with the provider's key: whether the provider
/// answers, takes the key, and which image models it lists.
pub(super) async fn test_connection(provider: Provider) -> Tested {
    let options = provider.options();
    if let Some(issue) = options.report().errors().next() {
        return Tested::Failed(at_field(issue));
    }
    let mut listing = options.clone();
    if provider.is_azure() {
        // Azure OpenAI lists a resource's models at `/openai/models`, not below a deployment.
        if let Some((resource, _)) = listing.base_url.split_once("/openai/") {
            listing.base_url = format!("{resource}/openai");
        }
    }
    let url = listing.url_of("/models");
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    if let Ok(headers) = web_sys::Headers::new() {
        if let Some(key) = &options.api_key {
            let _ = headers.set("authorization", &format!("Bearer {key}"));
        }
        for (name, value) in &options.default_headers {
            if let Some(value) = value {
                let _ = headers.set(name, value);
            }
        }
        init.set_headers(&headers);
    }
    let timer = controller.clone().map(|controller| {
        set_timeout_with_handle(move || controller.abort(), std::time::Duration::from_millis(TEST_TIMEOUT_MS as u64))
    });
    let answer = JsFuture::from(window().fetch_with_str_and_init(&url, &init)).await;
    let outcome = match answer.and_then(|response| response.dyn_into::<web_sys::Response>()) {
        Err(error) => {
            let message = error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .unwrap_or_else(|| "no answer".into());
            if controller.as_ref().is_some_and(|controller| controller.signal().aborted()) {
                Tested::Failed(explain(&Error::Timeout))
            } else {
                Tested::Failed(explain(&Error::Connection(message)))
            }
        }
        Ok(response) => read_models(&url, response).await,
    };
    if let Some(Ok(timer)) = timer {
        timer.clear();
    }
    outcome
}

/// What an answer to `GET /models` says.
async fn read_models(url: &str, response: web_sys::Response) -> Tested {
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    if !response.ok() {
        let error = gpt_image_wasm::read_api_error(status, text.as_bytes());
        let headers = response.headers();
        let request_id = headers.get("x-request-id").ok().flatten();
        let failure = ApiFailure {
            error,
            http_status: status,
            request_id,
            headers: Some(headers),
            raw: JsValue::UNDEFINED,
            body: text,
        };
        let advice = explain(&Error::Api(Box::new(failure)));
        return Tested::Failed((words().connection_refused)(url, status, &advice));
    }
    let ids: Vec<String> = js_sys::JSON::parse(&text)
        .ok()
        .map(|body| js_sys::Reflect::get(&body, &"data".into()).unwrap_or_default())
        .filter(js_sys::Array::is_array)
        .map(|data| {
            js_sys::Array::from(&data)
                .iter()
                .filter_map(|model| js_sys::Reflect::get(&model, &"id".into()).ok()?.as_string())
                .collect()
        })
        .unwrap_or_default();
    // Image models by name, without their dated snapshots (`gpt-image-1-2025-04-15`).
    let snapshot = |id: &str| {
        let tail = id.rsplitn(4, '-').take(3).collect::<Vec<_>>();
        tail.len() == 3 && tail.iter().all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
    };
    let images: Vec<&str> =
        ids.iter().map(String::as_str).filter(|id| id.contains("image") && !snapshot(id)).take(4).collect();
    let words = words();
    Tested::Passed(match (ids.len(), images.is_empty()) {
        (0, _) => (words.connected_without_list)(url, status),
        (count, true) => (words.connected_no_image_model)(count),
        (count, false) => (words.connected_image_models)(count, &images.join(", ")),
    })
}
