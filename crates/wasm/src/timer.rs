//! JavaScript timers, and the abort signal that ends one attempt: the
//! caller's signal or the timeout, whichever fires first.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::Error;

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (window or worker alike).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, milliseconds: f64) -> JsValue;
    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A `setTimeout` that is cleared when dropped.
struct Timeout {
    id: JsValue,
    _handler: Closure<dyn FnMut()>,
}

impl Timeout {
    fn start(milliseconds: f64, handler: impl FnMut() + 'static) -> Self {
        let handler = Closure::<dyn FnMut()>::new(handler);
        Timeout { id: set_timeout(handler.as_ref().unchecked_ref(), milliseconds), _handler: handler }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// An `abort` listener on a signal, removed when dropped.
struct AbortListener {
    signal: AbortSignal,
    handler: Closure<dyn FnMut()>,
}

impl AbortListener {
    fn add(signal: &AbortSignal, handler: impl FnMut() + 'static) -> Self {
        let handler = Closure::<dyn FnMut()>::new(handler);
        let _ = signal.add_event_listener_with_callback("abort", handler.as_ref().unchecked_ref());
        AbortListener { signal: signal.clone(), handler }
    }
}

impl Drop for AbortListener {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", self.handler.as_ref().unchecked_ref());
    }
}

/// One attempt's own abort signal. It fires when the caller's signal fires
/// or the timeout passes, and tells afterwards which of the two it was.
pub(crate) struct Attempt {
    controller: AbortController,
    caller: Option<AbortSignal>,
    timed_out: Rc<Cell<bool>>,
    timeout: Option<Timeout>,
    _listener: Option<AbortListener>,
}

impl Attempt {
    /// Starts the clock; fails at once when the caller has already aborted.
    pub(crate) fn start(caller: Option<&AbortSignal>, timeout_ms: f64) -> Result<Self, Error> {
        if caller.is_some_and(AbortSignal::aborted) {
            return Err(Error::Aborted);
        }
        let controller = AbortController::new().map_err(|_| Error::Connection("AbortController is missing".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Timeout::start(timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let listener = caller.map(|signal| {
            let controller = controller.clone();
            AbortListener::add(signal, move || controller.abort())
        });
        Ok(Attempt { controller, caller: caller.cloned(), timed_out, timeout: Some(timeout), _listener: listener })
    }

    /// The signal to give `fetch`.
    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Stops the clock: from now on only the caller (or [`Attempt::abort`]) ends it.
    pub(crate) fn stop_clock(&mut self) {
        self.timeout = None;
    }

    #[cfg(feature = "js")]
    /// The controller behind [`Attempt::signal`].
    pub(crate) fn controller(&self) -> AbortController {
        self.controller.clone()
    }

    /// Ends the attempt now (a stream the reader no longer wants).
    pub(crate) fn abort(&self) {
        self.controller.abort();
    }

    /// What a rejected `fetch` or body read means: the caller's abort, the
    /// timeout, or a connection failure.
    pub(crate) fn failure(&self, message: String) -> Error {
        if self.caller.as_ref().is_some_and(AbortSignal::aborted) {
            Error::Aborted
        } else if self.timed_out.get() {
            Error::Timeout
        } else {
            Error::Connection(message)
        }
    }
}

/// Waits `milliseconds` on a real timer; the caller's signal ends the wait at once.
pub(crate) async fn sleep(milliseconds: f64, caller: Option<&AbortSignal>) -> Result<(), Error> {
    if caller.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("the Promise executor runs at once");
    let _timeout = Timeout::start(milliseconds, move || {
        let _ = resolve.call0(&JsValue::UNDEFINED);
    });
    let _listener = caller.map(|signal| {
        AbortListener::add(signal, move || {
            let _ = reject.call0(&JsValue::UNDEFINED);
        })
    });
    JsFuture::from(promise).await.map(drop).map_err(|_| Error::Aborted)
}

/// The message of a JavaScript error, or its text.
pub(crate) fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
