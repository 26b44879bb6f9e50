//! The SSE parser gives the same events for any bytes, whole or in chunks of
//! the sizes the first byte picks, and never panics.
#![no_main]

use gpt_image_core::SseParser;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&size, stream)) = input.split_first() else { return };
    let whole = SseParser::new().push(stream);
    let mut parser = SseParser::new();
    let mut chunked = Vec::new();
    for chunk in stream.chunks(1 + size as usize % 17) {
        chunked.extend(parser.push(chunk));
    }
    assert_eq!(whole, chunked);
});
