//! The Rust face of `gpt-image-wasm` in headless Chromium, against the local
//! server (`cargo xtask test` starts it and passes its URL at build time in
//! `GPT_IMAGE_SERVER_URL`).
#![cfg(target_arch = "wasm32")]

mod edit;
mod errors;
mod generate;
mod relay;
mod reliability;
mod responses;
mod retries;
mod stream;
mod support;
mod wire;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
