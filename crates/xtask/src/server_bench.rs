//! Requests per second of the local server under `wrk`, for 1024x1024 PNG
//! generation, next to `GET /v1/models` (the server's own floor: routing,
//! headers, JSON) measured in the same run.

use std::process::Command;

use crate::cmd::Result;
use crate::server::Server;

/// Seconds each load runs.
const SECONDS: &str = "10";
/// Concurrent connections (the machine has 2 cores; wrk takes one thread).
const CONNECTIONS: &str = "8";

fn start_server() -> Result<Server> {
    Server::start(&crate::server::build_release()?, 0, &[])
}

/// Requests per second from one wrk run.
fn requests_per_second(url: &str, script: Option<&str>) -> Result<f64> {
    let mut args = vec!["-t1", "-c", CONNECTIONS, "-d", SECONDS, "--latency"];
    if let Some(script) = script {
        args.extend(["-s", script]);
    }
    args.push(url);
    let out = Command::new("wrk").args(&args).output().map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    if text.contains("Non-2xx") {
        return Err(format!("wrk saw error answers from {url}"));
    }
    text.lines()
        .find_map(|line| line.strip_prefix("Requests/sec:"))
        .and_then(|value| value.trim().parse().ok())
        .ok_or_else(|| format!("no Requests/sec in wrk's output for {url}"))
}

/// Runs both loads and prints the figures and their ratio.
pub fn run() -> Result {
    crate::setup::debian_packages(&["wrk"])?;
    let server = start_server()?;
    let script = std::env::temp_dir().join("gpt-image-generate.lua");
    std::fs::write(
        &script,
        r#"wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"gpt-image-2","prompt":"a lighthouse at dawn","size":"1024x1024","quality":"low","output_format":"png"}'
"#,
    )
    .map_err(|e| e.to_string())?;
    let models = requests_per_second(&format!("{}/v1/models", server.url), None)?;
    let generate = requests_per_second(&format!("{}/v1/images/generations", server.url), script.to_str())?;
    println!("\nServer, release build, {CONNECTIONS} connections, {SECONDS} s each (wrk):");
    println!("  GET /v1/models (floor)                       {models:>9.0} req/s");
    println!("  POST /v1/images/generations 1024x1024 PNG    {generate:>9.0} req/s");
    println!("  generation / floor: {:.4}", generate / models);
    Ok(())
}
