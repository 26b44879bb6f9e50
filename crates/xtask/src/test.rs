//! `cargo xtask test`: every check and every test of every crate.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::cmd::{self, Result, command, root, sh};
use crate::server::Server;

/// Crates that also build for `wasm32-unknown-unknown`, checked there too,
/// with the targets that build there.
const WASM_CRATES: &[(&str, &str)] = &[
    ("gpt-image-core", "--lib"),
    ("gpt-image-wasm", "--all-targets"),
    ("gpt-image-app", "--all-targets"),
    ("gpt-image-embed", "--all-targets"),
];

/// The port the browser tests' server prefers: the tests are compiled with
/// its URL, so a steady port spares a rebuild on every run.
const BROWSER_TEST_PORT: u16 = 18787;

/// The port the browser tests' relay prefers, for the same reason.
const BROWSER_RELAY_PORT: u16 = 18788;

/// The browser tests' relay: its tokens (the names and secrets
/// `crates/wasm/tests/browser/relay.rs` sends) and its caps.
const RELAY_TOKENS: &str = "\
browser-ok      sk-relay-browser-ok-000001
browser-quick   sk-relay-browser-quick-0001  requests=1/s
browser-daily   sk-relay-browser-daily-0001  images=1/day
browser-thrifty sk-relay-browser-thrifty-01  usd=0.008/day
";

/// How long each fuzz target runs in a test run (`cargo xtask fuzz` runs longer).
const FUZZ_SECONDS: u32 = 15;

/// Runs formatting and lint checks, native tests, a short run of each fuzz
/// target, then JavaScript tests; prints each stage's time at the end,
/// whether or not it passed, so the next slowdown is visible.
pub fn run() -> Result {
    let mut stages = Stages::default();
    stages.run("fmt", || sh("cargo", &["fmt", "--all", "--check"]))?;
    stages.run("clippy (host)", || sh("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    stages.run("clippy (wasm32)", || {
        for (krate, targets) in WASM_CRATES {
            let args = ["clippy", "-p", krate, targets, "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"];
            sh("cargo", &args)?;
        }
        Ok(())
    })?;
    stages.run("cargo test", || sh("cargo", &["test", "--workspace"]))?;
    stages.run("fuzz", || crate::fuzz::run_targets(FUZZ_SECONDS))?;
    let server = crate::server::built_by_tests()?;
    stages.run("browser tests", || browser_tests(&server))?;
    // Before the server's Node tests: they also read a provider error through the built package.
    stages.run("npm package build", crate::pkg::build)?;
    stages.run("server and package node tests", || node_tests(&["server/", "wasm-pkg/"], &server))?;
    stages.run("playground build", crate::dist::build)?;
    stages.run("page tests", || node_tests(&["app/", "embed/"], &server))
}

/// How long each stage of a run took, printed when the run ends.
#[derive(Default)]
struct Stages {
    times: Vec<(&'static str, Duration)>,
    started: Option<Instant>,
}

impl Stages {
    /// Runs one stage and notes its time.
    fn run<T>(&mut self, name: &'static str, stage: impl FnOnce() -> Result<T>) -> Result<T> {
        self.started.get_or_insert_with(Instant::now);
        let start = Instant::now();
        let result = stage();
        self.times.push((name, start.elapsed()));
        result
    }
}

impl Drop for Stages {
    fn drop(&mut self) {
        eprintln!("\nxtask test: time per stage");
        for (name, time) in &self.times {
            eprintln!("  {name:<24} {:>7.1} s", time.as_secs_f64());
        }
        if let Some(started) = self.started {
            eprintln!("  {:<24} {:>7.1} s", "all stages", started.elapsed().as_secs_f64());
        }
    }
}

/// The `wasm-bindgen-test` suites in headless Chromium: the library's
/// against a local server and a relay in front of it (`GPT_IMAGE_RELAY_URL`,
/// with tokens, a cap and limits), the playground's components on their own.
fn browser_tests(server_binary: &Path) -> Result {
    let server =
        Server::start(server_binary, BROWSER_TEST_PORT, &[]).or_else(|_| Server::start(server_binary, 0, &[]))?;
    let tokens = std::env::temp_dir().join("gpt-image-browser-relay-tokens");
    std::fs::write(&tokens, RELAY_TOKENS).map_err(|error| format!("{}: {error}", tokens.display()))?;
    let upstream = format!("{}/v1", server.url);
    let tokens = tokens.to_string_lossy();
    #[rustfmt::skip]
    let relay_args = [
        "--upstream", &upstream, "--tokens-file", &tokens, "--allow-origin", "http://127.0.0.1:*",
        "--max-n", "2", "--request-log", "off",
    ];
    let relay = Server::start(server_binary, BROWSER_RELAY_PORT, &relay_args)
        .or_else(|_| Server::start(server_binary, 0, &relay_args))?;
    for (krate, suite) in [("gpt-image-wasm", "browser"), ("gpt-image-app", "components")] {
        let mut cargo = command("cargo", &["test", "-p", krate, "--target", "wasm32-unknown-unknown", "--test", suite]);
        cargo
            .env("GPT_IMAGE_SERVER_URL", &server.url)
            .env("GPT_IMAGE_RELAY_URL", &relay.url)
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "600");
        cmd::run(cargo)?;
    }
    Ok(())
}

/// How many Node test files run at once. Each starts its own server on a
/// free port (and its own browser), so they share nothing; a page test mostly
/// waits on its browser, so two at a time halve the time on two cores
/// (three gain little more).
const NODE_TEST_FILES_AT_ONCE: &str = "--test-concurrency=2";

/// Folders of Node tests in `tests/`, given the server binary to spawn:
/// `server/` (the API against the spec and the `openai` package),
/// `wasm-pkg/` (the built npm package), `app/` (the playground's release
/// build) and `embed/` (the custom element and the iframe mode on host pages).
fn node_tests(dirs: &[&str], server_binary: &Path) -> Result {
    let mut node = command("node", &[&["--test", NODE_TEST_FILES_AT_ONCE], dirs].concat());
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", server_binary);
    cmd::run(node)
}
