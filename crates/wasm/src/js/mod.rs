//! The JavaScript API's engine, exported with `wasm-bindgen`. The npm
//! package's `index.js` wraps it in the shape of the official client:
//! classes for errors, an async iterator for streams, automatic loading.
//! Values cross as plain objects; errors are thrown as `{kind, message, …}`
//! objects that `index.js` turns into `Error` subclasses.

mod client;
mod convert;
mod params;
mod stream;

pub use client::WasmClient;
pub use stream::WasmStream;
