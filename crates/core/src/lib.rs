//! The OpenAI Images API as plain Rust: request and response types,
//! validation that names every problem before a request is sent, and the
//! wire decoders (server-sent events, incremental base64 image decoding).
//!
//! No I/O and no WebAssembly dependencies: the same code runs in the browser
//! (through `gpt-image-wasm`), in the local server and in native tools.
//!
//! ```
//! use gpt_image_core::{GenerateRequest, Model, Size};
//!
//! let request = GenerateRequest {
//!     model: Some(Model::from("gpt-image-2")),
//!     size: Some(Size::pixels(1000, 1000)),
//!     ..GenerateRequest::new("a lighthouse at dawn")
//! };
//! let report = request.validate();
//! assert!(report.has_errors());
//! assert_eq!(report.errors().next().unwrap().field, "size");
//! ```
#![deny(missing_docs)]

mod wire_enum;

pub mod answered;
pub mod api_error;
pub mod batch;
pub mod catalogue;
pub mod decode;
pub mod edit;
pub mod endpoint;
pub mod generate;
pub mod image_input;
pub mod issue;
pub mod json;
pub mod media;
pub mod model;
pub mod parameters;
pub mod params;
pub mod response;
pub mod responses;
pub mod size;
pub mod sse;
pub mod stream_event;
pub mod validate;

pub use api_error::{ApiError, ErrorBody, ErrorEnvelope};
pub use catalogue::MAX_EDIT_IMAGES;
pub use catalogue::{Family, Match, ModelSpec, Resolved};
pub use decode::{DecodeError, Decoded, DecodedImage, ResponseDecoder, decode_chunks, decode_whole};
pub use edit::EditRequest;
pub use endpoint::Endpoint;
pub use generate::GenerateRequest;
pub use image_input::{ImageInput, UploadedFile};
#[cfg(feature = "values")]
pub use issue::Values;
pub use issue::{Issue, Report, Rule, Severity};
pub use json::{Fields, FromJson, JsonValue, ParseJson};
pub use media::{HEAD_LEN, dimensions, sniff_format};
pub use model::Model;
pub use parameters::{Extra, Kind, PARAMETERS, Parameter, ParameterValue, SvgOptions};
pub use params::{Background, Complexity, ImageFormat, InputFidelity, Moderation, Quality, ResponseFormat, Style};
pub use response::{Image, ImagesResponse, TokenDetails, Usage};
pub use size::Size;
pub use sse::{SseEvent, SseParser};
pub use stream_event::{CompletedImage, ImageStreamEvent, PartialImage, StreamError, StreamItem};
pub use validate::{ValidationMode, ValidationOptions};
