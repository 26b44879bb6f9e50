//! `cargo xtask fuzz`: the core crate's fuzz targets under libFuzzer.
//!
//! `cargo fuzz` wants a nightly compiler for its sanitizer flags; the one
//! stable toolchain here accepts them with `RUSTC_BOOTSTRAP=1`.

use crate::cmd::{Result, command, root, run};

/// The fuzz targets of `crates/core/fuzz`: one per decoder.
const TARGETS: &[&str] = &["response_decoder", "sse_parser"];

/// Builds every target, then runs them side by side for `seconds` each
/// (each fuzzer is one thread); a disagreement or panic fails.
pub fn run_targets(seconds: u32) -> Result {
    let fuzz = |args: &[&str]| {
        let mut fuzz = command("cargo", &[&["fuzz"], args].concat());
        fuzz.current_dir(root().join("crates/core")).env("RUSTC_BOOTSTRAP", "1");
        fuzz
    };
    run(fuzz(&["build"]))?;
    let time = format!("-max_total_time={seconds}");
    let mut running = Vec::new();
    for target in TARGETS {
        let child =
            fuzz(&["run", target, "--", &time]).spawn().map_err(|error| format!("cargo fuzz run {target}: {error}"))?;
        running.push((target, child));
    }
    let mut failed = Vec::new();
    for (target, mut child) in running {
        if !child.wait().is_ok_and(|status| status.success()) {
            failed.push(*target);
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(format!("fuzz targets failed: {}", failed.join(", "))) }
}
