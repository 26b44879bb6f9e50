//! The OpenAI Images API from any web page, on the browser's `fetch`.
//!
//! Two faces over one engine:
//! - a Rust API ([`Client`]) for Rust web apps such as the Leptos playground:
//!   [`Client::generate`], [`Client::edit`], their `_blobs` forms (images as
//!   `Blob`s, decoded while the answer arrives) and `_stream` forms (events),
//!   and [`Client::create_response`] for image conversations (the
//!   Responses API's `image_generation` tool);
//! - a JavaScript API (the [`js`] module, wrapped by `js/index.js` in the npm
//!   package) shaped like the official `openai` package's `client.images`
//!   and `client.responses`.
//!
//! Every request is validated by `gpt-image-core` before it is sent, failures
//! worth it are retried with the official client's backoff, and each attempt
//! has a timeout; an `AbortSignal` ends the call at any point.

mod blobs;
mod body;
mod class;
mod client;
mod error;
mod events;
mod fetch;
mod images;
mod meta;
mod options;
mod responses;
mod retry;
mod timer;
mod upload;
mod url;
mod wire;

#[cfg(feature = "js")]
pub mod js;

/// The npm package's allocator: talc, for one thread (see `Cargo.toml`).
#[cfg(all(feature = "js", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use blobs::{BlobsResponse, ImageBlob, LinkError};
pub use class::ErrorClass;
pub use client::Client;
pub use error::{ApiFailure, Error, status_class};
pub use events::{EventStream, StreamImage};
pub use gpt_image_core as core;
pub use images::Edit;
pub use meta::{RateLimit, ResponseMeta};
pub use options::{CallOptions, ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
pub use responses::{ResponseStream, response_image};
pub use retry::Failure;
pub use upload::Upload;
pub use wire::{Json, read_api_error};
