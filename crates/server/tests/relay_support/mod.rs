//! What the relay tests share: an upstream and a relay in-process, the
//! server binary as a process, a Redis of their own, and the request log.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gpt_image_server::{Config, LogTarget, Policy, Token, Upstream};
use serde_json::{Value, json};

use crate::common::start;

pub mod cutting_proxy;
mod redis;
#[allow(unused_imports)]
pub use redis::Redis;

/// The provider's key: the relay adds it; clients never see it.
pub const PROVIDER_KEY: &str = "sk-provider-0123456789";
/// The relay's shared key (`--api-key-env`).
pub const SHARED_KEY: &str = "sk-shared-key-0123456789";
/// Alice's token.
pub const ALICE: &str = "sk-relay-alice-0123456789";
/// Bob's token.
pub const BOB: &str = "sk-relay-bob-0123456789ab";

/// An upstream `gpt-image-server` that requires [`PROVIDER_KEY`]; its `/v1` URL.
pub async fn upstream() -> String {
    let provider = start(Config { api_key: Some(PROVIDER_KEY.into()), ..Config::default() }).await;
    format!("{provider}/v1")
}

/// Alice's and Bob's tokens, with any limits of their own (`alice LIMITS`).
pub fn tokens(alice: &str, bob: &str) -> Vec<Token> {
    Token::parse_list(&format!("alice {ALICE} {alice}\nbob {BOB} {bob}")).expect("tokens")
}

/// A temporary file path for a request log.
pub fn log_path(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("gpt-image-relay-{name}-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

/// A relay in front of `upstream` with `policy`, logging to `log`; its root URL.
pub async fn relay(upstream: &str, policy: Policy, log: Option<&PathBuf>) -> String {
    let policy = Policy { log: log.map(|path| LogTarget::File(path.clone())), ..policy };
    let upstream = Upstream::new(upstream.to_owned(), Some(PROVIDER_KEY.into()));
    start(Config { upstreams: vec![upstream], policy, ..Config::default() }).await
}

/// The lines of a request log once it has `count` of them (it is written by a thread of its own).
pub async fn log_lines(path: &PathBuf, count: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let lines: Vec<Value> = text.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect();
        if lines.len() >= count || Instant::now() > deadline {
            assert_eq!(lines.len(), count, "{text}");
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A small, quick generation (`dall-e-2`, 256x256: $0.016 an image) of `n` images.
pub fn small(n: u32) -> Value {
    json!({"model": "dall-e-2", "prompt": "a small fox", "size": "256x256", "n": n, "response_format": "b64_json"})
}

/// POSTs a generation to the relay with a token (or none) and an origin (or none).
pub async fn generate(relay: &str, token: Option<&str>, origin: Option<&str>, body: &Value) -> reqwest::Response {
    let mut request = crate::common::client().post(format!("{relay}/v1/images/generations")).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().await.expect("request")
}

/// The spend summary's rows (`GET /relay/spend` with the admin key).
pub async fn spend(relay: &str, admin_key: &str) -> Vec<Value> {
    let response = crate::common::client()
        .get(format!("{relay}/relay/spend?days=2"))
        .bearer_auth(admin_key)
        .send()
        .await
        .expect("summary");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    body["data"].as_array().expect("rows").clone()
}

/// The summary row of `token` today (`None` for the total).
pub fn row<'a>(rows: &'a [Value], token: Option<&str>) -> &'a Value {
    rows.iter().find(|row| row["token"].as_str() == token).unwrap_or_else(|| panic!("no row for {token:?} in {rows:?}"))
}

/// The server binary, started with `args` and `env`; ended when dropped.
pub struct Process {
    child: Child,
    /// Its root URL.
    pub url: String,
}

impl Process {
    /// Starts the binary and reads the address it listens on.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gpt-image-server"))
            .args(["--port", "0", "--exit-after", "120"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("its first line");
        let url = line.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("it said {line:?}")).to_owned();
        Process { child, url }
    }

    /// Runs the binary until it exits; returns its exit code and what it wrote to stderr.
    pub fn run(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_gpt-image-server"))
            .args(["--port", "0", "--exit-after", "5"])
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("the server binary");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
