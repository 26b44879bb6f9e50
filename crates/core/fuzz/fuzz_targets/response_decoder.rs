//! The incremental decoder agrees with `serde_json` + `base64` on the whole
//! body, for any bytes cut into chunks of the sizes the first byte picks.
#![no_main]

use gpt_image_core::{DecodeError, decode_chunks, decode_whole};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&sizes, body)) = input.split_first() else { return };
    let sizes = [1 + (sizes & 0x0f) as usize, 1 + (sizes >> 4) as usize * 7];
    let mut chunks = Vec::new();
    let mut rest = body;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, tail) = rest.split_at((*size).min(rest.len()));
        chunks.push(chunk);
        rest = tail;
    }
    match (decode_whole(body), decode_chunks(chunks)) {
        (Ok(whole), Ok(chunked)) => assert_eq!(whole, chunked),
        (Err(DecodeError::Json(_)), Err(DecodeError::Json(_))) => {}
        (whole, chunked) => assert_eq!(whole, chunked),
    }
});
