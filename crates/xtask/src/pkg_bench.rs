//! The npm package in headless Chromium against the local server: its
//! gzipped size next to the `openai` package's bundle, the time to get images
//! as `Blob`s next to `openai` and a bare `fetch` of the same answer (the
//! floor), and the page's memory. The work is `tests/wasm-pkg/bench/run.mjs`;
//! it prints the figures and writes them to `tests/output/pkg-bench.json`.

use std::path::PathBuf;

use crate::cmd::{self, Result, command, root, sh};

/// Builds the package and the release server, then runs the page benchmark.
pub fn run() -> Result {
    crate::pkg::build()?;
    let server = release_server()?;
    let mut node = command("node", &["wasm-pkg/bench/run.mjs"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", &server);
    cmd::run(node)
}

/// Builds the local server (release) and returns the path of its binary.
fn release_server() -> Result<PathBuf> {
    sh("cargo", &["build", "--release", "-p", "gpt-image-server", "--bin", "gpt-image-server"])?;
    let path = crate::pkg::target_dir().join("release/gpt-image-server");
    if path.is_file() { Ok(path) } else { Err(format!("{} was not built", path.display())) }
}
