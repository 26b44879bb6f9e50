//! Throughput of the incremental decoder against the straightforward way,
//! serde's derive over the whole body, then `base64`, on the same body in the same run: an
//! `n = 10` response of incompressible 1.5 MB images (what 1536x1024 PNGs weigh),
//! fed in the 64 KiB chunks a network stream delivers.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gpt_image_core::ResponseDecoder;
use serde::Deserialize;

const IMAGES: usize = 10;
const IMAGE_BYTES: usize = 1_500_000;
const CHUNK: usize = 64 * 1024;

/// The images of a body as serde's derive reads them (the baseline; core
/// reads responses with `FromJson`, and its `decode_whole`, the tests'
/// reference, copies each string once more out of a `serde_json::Value`).
#[derive(Deserialize)]
struct Whole {
    data: Vec<WholeImage>,
}

#[derive(Deserialize)]
struct WholeImage {
    b64_json: Option<String>,
}

/// The baseline: the whole body, then each image's base64.
fn decode_whole(body: &[u8]) -> Vec<Option<Vec<u8>>> {
    let whole: Whole = serde_json::from_slice(body).expect("valid body");
    whole.data.into_iter().map(|image| image.b64_json.map(|text| STANDARD.decode(text).expect("base64"))).collect()
}

fn body() -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let items: Vec<String> = (0..IMAGES)
        .map(|_| {
            let bytes: Vec<u8> = (0..IMAGE_BYTES)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            format!(r#"{{"b64_json":"{}","revised_prompt":"a lighthouse at dawn"}}"#, STANDARD.encode(bytes))
        })
        .collect();
    format!(
        r#"{{"created":1713833628,"data":[{}],"size":"1536x1024","quality":"high","usage":{{"total_tokens":6240,"input_tokens":10,"output_tokens":6230}}}}"#,
        items.join(",")
    )
    .into_bytes()
}

fn decode(c: &mut Criterion) {
    let body = body();
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64)).sample_size(10);
    group.bench_function("serde_json+base64 (whole body)", |b| b.iter(|| black_box(decode_whole(black_box(&body)))));
    group.bench_function("incremental (64 KiB chunks)", |b| {
        b.iter(|| {
            let mut decoder = ResponseDecoder::new();
            let mut images = Vec::with_capacity(IMAGES);
            for chunk in body.chunks(CHUNK) {
                images.extend(decoder.push(black_box(chunk)));
            }
            black_box((decoder.finish().expect("valid body"), images))
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
