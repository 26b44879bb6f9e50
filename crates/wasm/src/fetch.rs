//! The browser's `fetch`, called directly through `web-sys`.
//!
//! This crate first used gloo-net's request builder; calling `fetch` itself
//! takes as few lines and left 3 KB (gzipped) of URL and query handling
//! that these calls never need out of the bundle.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (window or worker alike).
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &Request) -> Promise;
}

/// Sends a request; resolves at the answer's headers. A rejection is the
/// browser's error (a `TypeError` for network failures, an `AbortError`).
pub(crate) async fn fetch(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&JsValue>,
    signal: &AbortSignal,
) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(signal));
    if let Some(body) = body {
        init.set_body(body);
    }
    let header_list = Headers::new()?;
    for (name, value) in headers {
        header_list.append(name, value)?;
    }
    init.set_headers(&header_list);
    let request = Request::new_with_str_and_init(url, &init)?;
    Ok(JsFuture::from(global_fetch(&request)).await?.unchecked_into())
}
