//! `cargo xtask play`: the playground on the local server, in release mode.

use crate::cmd::{Result, root, sh};

/// Builds the local server in release mode and runs it in the foreground,
/// serving `web/` at `/` next to the Images API on the same origin.
pub fn run(port: u16) -> Result {
    let port = port.to_string();
    let web = root().join("web").display().to_string();
    sh("cargo", &["run", "--release", "-p", "gpt-image-server", "--", "--port", &port, "--static", &web])
}
