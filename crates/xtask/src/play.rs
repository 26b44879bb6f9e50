//! `cargo xtask play`: the playground on the local server, in release mode.

use crate::cmd::{Result, root, sh};

/// Builds `dist/` (see [`crate::dist`]) and runs the release server in the
/// foreground, serving it at `/` with the headers a static host would send,
/// next to the Images API on the same origin.
pub fn run(port: u16) -> Result {
    crate::dist::build()?;
    let port = port.to_string();
    let dist = root().join("dist").display().to_string();
    let mut args = vec!["run", "--release", "-p", "gpt-image-server", "--", "--port", &port, "--static", &dist];
    let headers = crate::dist::headers()?;
    for header in &headers {
        args.extend(["--header", header]);
    }
    sh("cargo", &args)
}
