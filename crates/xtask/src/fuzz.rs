//! `cargo xtask fuzz`: the core crate's fuzz targets under libFuzzer.
//!
//! `cargo fuzz` wants a nightly compiler for its sanitizer flags; the one
//! stable toolchain here accepts them with `RUSTC_BOOTSTRAP=1`.

use crate::cmd::{Result, command, root, run};

/// The fuzz targets of `crates/core/fuzz`: one per decoder.
const TARGETS: &[&str] = &["response_decoder", "sse_parser"];

/// Runs every target for `seconds` each; a disagreement or panic fails.
pub fn run_targets(seconds: u32) -> Result {
    for target in TARGETS {
        let time = format!("-max_total_time={seconds}");
        let mut fuzz = command("cargo", &["fuzz", "run", target, "--", &time]);
        fuzz.current_dir(root().join("crates/core")).env("RUSTC_BOOTSTRAP", "1");
        run(fuzz)?;
    }
    Ok(())
}
