//! `cargo xtask test`: every check and every test of every crate.

use std::path::Path;

use crate::cmd::{self, Result, command, root, sh};
use crate::server::Server;

/// Crates that also build for `wasm32-unknown-unknown`, checked there too,
/// with the targets that build there.
const WASM_CRATES: &[(&str, &str)] =
    &[("gpt-image-core", "--lib"), ("gpt-image-wasm", "--all-targets"), ("gpt-image-app", "--all-targets")];

/// The port the browser tests' server prefers: the tests are compiled with
/// its URL, so a steady port spares a rebuild on every run.
const BROWSER_TEST_PORT: u16 = 18787;

/// How long each fuzz target runs in a test run (`cargo xtask fuzz` runs longer).
const FUZZ_SECONDS: u32 = 15;

/// Runs formatting and lint checks, native tests, a short run of each fuzz target, then JavaScript tests.
pub fn run() -> Result {
    sh("cargo", &["fmt", "--all", "--check"])?;
    sh("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    for (krate, targets) in WASM_CRATES {
        sh("cargo", &["clippy", "-p", krate, targets, "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])?;
    }
    sh("cargo", &["test", "--workspace"])?;
    crate::fuzz::run_targets(FUZZ_SECONDS)?;
    browser_tests()?;
    javascript_tests()?;
    package_tests()?;
    playground_tests()
}

/// The playground's release build in headless Chromium (`tests/app/`).
fn playground_tests() -> Result {
    crate::play::build_playground()?;
    let mut node = command("node", &["--test", "--test-concurrency=1", "app/"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", server_binary()?);
    cmd::run(node)
}

/// The npm package built as users get it: its declarations against the
/// checked-in ones, a strict TypeScript consumer, and pages that import it
/// (bundled by esbuild, and as a plain module) in headless Chromium.
fn package_tests() -> Result {
    crate::pkg::build()?;
    let mut node = command("node", &["--test", "--test-concurrency=1", "wasm-pkg/"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", server_binary()?);
    cmd::run(node)
}

/// The `wasm-bindgen-test` suites in headless Chromium, against a local server.
fn browser_tests() -> Result {
    let binary = Path::new(&server_binary()?).to_path_buf();
    let server = Server::start(&binary, BROWSER_TEST_PORT, &[]).or_else(|_| Server::start(&binary, 0, &[]))?;
    let mut cargo =
        command("cargo", &["test", "-p", "gpt-image-wasm", "--target", "wasm32-unknown-unknown", "--test", "browser"]);
    cargo
        .env("GPT_IMAGE_SERVER_URL", &server.url)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "600");
    cmd::run(cargo)
}

/// The Node tests in `tests/server/`, against the server binary.
fn javascript_tests() -> Result {
    if !root().join("tests/server").is_dir() {
        return Ok(());
    }
    let server = server_binary()?;
    let mut node = command("node", &["--test", "--test-concurrency=1", "server/"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", &server);
    cmd::run(node)
}

/// Builds the local server (debug) and returns the path of its binary.
pub fn server_binary() -> Result<String> {
    sh("cargo", &["build", "-p", "gpt-image-server", "--bin", "gpt-image-server"])?;
    let path = crate::pkg::target_dir().join("debug/gpt-image-server");
    Path::new(&path)
        .is_file()
        .then(|| path.display().to_string())
        .ok_or_else(|| format!("{} was not built", path.display()))
}
