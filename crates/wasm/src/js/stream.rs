//! `WasmStream`: the events of a streamed call, one promise at a time.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gpt_image_core::ApiError;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortController;

use super::convert;
use crate::Error;
use crate::events::EventStream;
use crate::wire::{self, get};

/// The events of one streamed generation or edit. `index.js` makes it an
/// async iterable.
#[wasm_bindgen]
pub struct WasmStream {
    events: Rc<RefCell<Option<EventStream>>>,
    canceller: AbortController,
    cancelled: Rc<Cell<bool>>,
}

impl WasmStream {
    pub(crate) fn new(events: EventStream) -> Self {
        WasmStream {
            canceller: events.canceller(),
            events: Rc::new(RefCell::new(Some(events))),
            cancelled: Rc::default(),
        }
    }
}

#[wasm_bindgen]
impl WasmStream {
    /// The next event object as the server sent it, or `undefined` at the
    /// end. An `error` event rejects with an API error.
    pub fn next(&self) -> Promise {
        let (events, cancelled) = (self.events.clone(), self.cancelled.clone());
        future_to_promise(async move {
            let Some(mut stream) = events.borrow_mut().take() else {
                return if cancelled.get() {
                    Ok(JsValue::UNDEFINED)
                } else {
                    Err(convert::error(Error::Connection("next() was called before the last one settled".into())))
                };
            };
            let next = next_event(&mut stream).await;
            if !cancelled.get() {
                events.replace(Some(stream));
            }
            match next {
                Err(_) if cancelled.get() => Ok(JsValue::UNDEFINED),
                other => other.map_err(convert::error),
            }
        })
    }

    /// Stops the stream and closes the connection; a pending `next()` resolves to `undefined`.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        self.canceller.abort();
        self.events.take();
    }
}

/// The next event that is not `[DONE]`; errors of the stream are thrown,
/// and so is an end before the `completed` event.
async fn next_event(stream: &mut EventStream) -> Result<JsValue, Error> {
    let status = stream.status();
    let event = match stream.next_sse().await? {
        Some(event) if !event.is_done() => event,
        _ => return stream.end().map(|()| JsValue::UNDEFINED),
    };
    let value = js_sys::JSON::parse(&event.data)
        .map_err(|_| Error::BadResponse { status, message: "an event of the stream is not JSON".into() })?;
    let kind = get(&value, "type").as_string();
    let is_error =
        event.event.as_deref() == Some("error") || kind.as_deref() == Some("error") || get(&value, "error").is_object();
    if is_error {
        let error = ApiError::from_response_with(0, event.data.as_bytes(), |_| Some(wire::Json(value.clone())));
        let raw = wire::error_object(&error, &value);
        return Err(Error::api(error, raw, None, status, event.data));
    }
    if let Some(kind) = kind {
        stream.saw(&kind);
    }
    Ok(value)
}
