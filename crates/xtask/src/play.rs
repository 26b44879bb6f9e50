//! `cargo xtask play`: the playground on the local server, in release mode.

use crate::cmd::{Result, root, sh};

/// Builds the playground (`trunk build --release` into `dist/`) and the local
/// server in release mode, and runs the server in the foreground, serving
/// the playground at `/` next to the Images API on the same origin.
pub fn run(port: u16) -> Result {
    build_playground()?;
    let port = port.to_string();
    let dist = root().join("dist").display().to_string();
    sh("cargo", &["run", "--release", "-p", "gpt-image-server", "--", "--port", &port, "--static", &dist])
}

/// `trunk build --release` of `web/index.html` (the Leptos app in `crates/app`) into `dist/`.
pub fn build_playground() -> Result {
    sh("trunk", &["build", "--release", "--offline"])
}
