//! The npm package in headless Chromium against the local server: its
//! gzipped size next to the `openai` package's bundle, the time to get images
//! as `Blob`s next to `openai` and a bare `fetch` of the same answer (the
//! floor), and the page's memory. The work is `tests/wasm-pkg/bench/run.mjs`;
//! it prints the figures and writes them to `tests/output/pkg-bench.json`.

use crate::cmd::{self, Result, command, root};

/// Builds the package and the release server, then runs the page benchmark.
pub fn run() -> Result {
    crate::pkg::build()?;
    let server = crate::server::build_release()?;
    let mut node = command("node", &["wasm-pkg/bench/run.mjs"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", &server);
    cmd::run(node)
}
