//! `cargo xtask play`: the playground on the local server, in release mode.

use crate::cmd::{Result, sh};

/// Builds the local server in release mode and runs it in the foreground.
pub fn run(port: u16) -> Result {
    let port = port.to_string();
    sh("cargo", &["run", "--release", "-p", "gpt-image-server", "--", "--port", &port])
}
