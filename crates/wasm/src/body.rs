//! Reading a response body chunk by chunk into wasm memory.
//!
//! Where the browser allows it (fetch bodies are byte streams in Chromium
//! and Firefox), a BYOB reader fills one reused 256 KiB buffer, so reading a
//! large answer makes no garbage; elsewhere the default reader hands over a
//! new buffer per chunk.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamByobReader, ReadableStreamDefaultReader, ReadableStreamReadResult};

use crate::Error;
use crate::timer::{Attempt, js_message};

/// Bytes asked for per read. Against 64 KiB, a quarter of the reads brought
/// `generateBlobs` from 1.13-1.18 to 1.11-1.13 times a bare `fetch` (three
/// runs each of `tests/wasm-pkg/bench/run.mjs`), for a peak of 0.48 times the
/// image bytes instead of 0.21.
const CHUNK_BYTES: u32 = 262_144;

/// A reader of one body.
pub(crate) enum BodyReader {
    /// Reads into `buffer`, which each read hands back.
    Byob { reader: ReadableStreamByobReader, buffer: Option<Uint8Array> },
    /// Reads whatever chunks the stream makes.
    Default(ReadableStreamDefaultReader),
}

impl BodyReader {
    pub(crate) fn new(body: &ReadableStream, attempt: &Attempt) -> Result<Self, Error> {
        match ReadableStreamByobReader::new(body) {
            Ok(reader) => Ok(BodyReader::Byob { reader, buffer: None }),
            Err(_) => ReadableStreamDefaultReader::new(body)
                .map(BodyReader::Default)
                .map_err(|error| attempt.failure(js_message(&error))),
        }
    }

    /// The next chunk, copied into wasm memory; `None` at the end.
    pub(crate) async fn next(&mut self, attempt: &Attempt) -> Result<Option<Vec<u8>>, Error> {
        let promise = match self {
            BodyReader::Byob { reader, buffer } => {
                let view = buffer.take().unwrap_or_else(|| Uint8Array::new_with_length(CHUNK_BYTES));
                reader.read_with_array_buffer_view(&view)
            }
            BodyReader::Default(reader) => reader.read(),
        };
        let result = JsFuture::from(promise).await.map_err(|error| attempt.failure(js_message(&error)))?;
        let result: ReadableStreamReadResult = result.unchecked_into();
        if result.get_done().unwrap_or(false) {
            return Ok(None);
        }
        let bytes: Uint8Array = result.get_value().unchecked_into();
        let chunk = bytes.to_vec();
        if let BodyReader::Byob { buffer, .. } = self {
            // The read moved our buffer into `bytes`; all of it is ours again.
            *buffer = Some(Uint8Array::new(&bytes.buffer()));
        }
        Ok(Some(chunk))
    }
}
