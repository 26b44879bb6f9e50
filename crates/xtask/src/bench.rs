//! `cargo xtask bench`: benchmarks printed as ratios against a baseline
//! measured in the same run.

use std::fs;

use crate::cmd::{Result, sh};

/// Runs every benchmark and prints a summary.
pub fn run() -> Result {
    decoder()?;
    crate::server_bench::run()?;
    crate::pkg_bench::run()?;
    crate::app_bench::run()?;
    crate::floors::run_all()
}

/// The core decoder against `serde_json` + `base64` on the same body.
fn decoder() -> Result {
    sh("cargo", &["bench", "-p", "gpt-image-core", "--bench", "decode"])?;
    let whole = estimate("decode/serde_json+base64 (whole body)")?;
    let incremental = estimate("decode/incremental (64 KiB chunks)")?;
    println!("\nDecoder, n=10 images of 1.5 MB, body {:.1} MB:", whole.bytes / 1e6);
    for (name, bench) in [("serde_json + base64, whole body", &whole), ("incremental, 64 KiB chunks", &incremental)] {
        println!("  {name:<34} {:>8.2} ms  {:>7.0} MB/s", bench.nanos / 1e6, bench.bytes / bench.nanos * 1e3);
    }
    println!("  incremental time / whole-body time: {:.2}", incremental.nanos / whole.nanos);
    Ok(())
}

struct Estimate {
    nanos: f64,
    bytes: f64,
}

/// Criterion's mean estimate for a benchmark, and the bytes it processed.
fn estimate(id: &str) -> Result<Estimate> {
    let dir = crate::pkg::target_dir().join("criterion").join(id).join("new");
    let read = |file: &str| -> Result<serde_json::Value> {
        let text = fs::read_to_string(dir.join(file)).map_err(|e| format!("{}/{file}: {e}", dir.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}/{file}: {e}", dir.display()))
    };
    let nanos = read("estimates.json")?["mean"]["point_estimate"].as_f64().ok_or("no mean estimate")?;
    let bytes = read("benchmark.json")?["throughput"]["Bytes"].as_f64().ok_or("no throughput")?;
    Ok(Estimate { nanos, bytes })
}
