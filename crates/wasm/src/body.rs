//! Reading a response body chunk by chunk into wasm memory.
//!
//! Where the browser allows it (fetch bodies are byte streams in Chromium
//! and Firefox), a BYOB reader fills one reused 64 KiB buffer, so reading a
//! large answer makes no garbage; elsewhere the default reader hands over a
//! new buffer per chunk.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamByobReader, ReadableStreamDefaultReader, ReadableStreamReadResult};

use crate::Error;
use crate::timer::{Attempt, js_message};

/// Bytes asked for per read. 256 KiB was tried: in interleaved runs of
/// `tests/wasm-pkg/bench/run.mjs` its a/d (1.09-1.15) was within the noise of
/// 64 KiB's (1.08-1.17), and wasm memory grew in some 100-call runs.
const CHUNK_BYTES: u32 = 65_536;

/// A reader of one body, and the chunk it read last.
pub(crate) struct BodyReader {
    source: Source,
    /// The last chunk, in wasm memory; reused, so a call allocates it once.
    chunk: Vec<u8>,
}

/// Where the chunks come from.
enum Source {
    /// Reads into `buffer`, which each read hands back.
    Byob { reader: ReadableStreamByobReader, buffer: Option<Uint8Array> },
    /// Reads whatever chunks the stream makes.
    Default(ReadableStreamDefaultReader),
}

impl BodyReader {
    pub(crate) fn new(body: &ReadableStream, attempt: &Attempt) -> Result<Self, Error> {
        match ReadableStreamByobReader::new(body) {
            // Every chunk fits: the buffer is allocated once, at its final size.
            Ok(reader) => Ok(BodyReader {
                source: Source::Byob { reader, buffer: None },
                chunk: Vec::with_capacity(CHUNK_BYTES as usize),
            }),
            Err(_) => ReadableStreamDefaultReader::new(body)
                .map(|reader| BodyReader { source: Source::Default(reader), chunk: Vec::new() })
                .map_err(|error| attempt.failure(js_message(&error))),
        }
    }

    /// The next chunk, copied into wasm memory; `None` at the end.
    pub(crate) async fn next(&mut self, attempt: &Attempt) -> Result<Option<&[u8]>, Error> {
        let promise = match &mut self.source {
            Source::Byob { reader, buffer } => {
                let view = buffer.take().unwrap_or_else(|| Uint8Array::new_with_length(CHUNK_BYTES));
                reader.read_with_array_buffer_view(&view)
            }
            Source::Default(reader) => reader.read(),
        };
        let result = JsFuture::from(promise).await.map_err(|error| attempt.failure(js_message(&error)))?;
        let result: ReadableStreamReadResult = result.unchecked_into();
        if result.get_done().unwrap_or(false) {
            return Ok(None);
        }
        let bytes: Uint8Array = result.get_value().unchecked_into();
        self.chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut self.chunk);
        if let Source::Byob { buffer, .. } = &mut self.source {
            // The read moved our buffer into `bytes`; all of it is ours again.
            *buffer = Some(Uint8Array::new(&bytes.buffer()));
        }
        Ok(Some(&self.chunk))
    }
}
