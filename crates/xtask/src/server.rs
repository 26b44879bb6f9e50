//! A local `gpt-image-server` for tests and benchmarks, stopped on drop.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::cmd::{Result, sh};

/// Builds the release server binary (for benchmarks) and returns its path.
pub fn build_release() -> Result<PathBuf> {
    sh("cargo", &["build", "-p", "gpt-image-server", "--bin", "gpt-image-server", "--release"])?;
    let path = crate::pkg::target_dir().join("release").join("gpt-image-server");
    if path.is_file() { Ok(path) } else { Err(format!("{} was not built", path.display())) }
}

/// The debug server binary that `cargo test --workspace` built for the
/// server's own integration tests. Building it again with `cargo build -p`
/// would resolve the dependencies' features for that package alone and
/// compile most of them a second time (46 s on two cores).
pub fn built_by_tests() -> Result<PathBuf> {
    let path = crate::pkg::target_dir().join("debug").join("gpt-image-server");
    if path.is_file() { Ok(path) } else { Err(format!("{} was not built by `cargo test`", path.display())) }
}

/// A running server.
pub struct Server {
    child: Child,
    /// Its root URL, `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `binary` on `port` (0 picks a free one) with `args`; it exits
    /// by itself after ten minutes should this process die first.
    pub fn start(binary: &Path, port: u16, args: &[&str]) -> Result<Server> {
        let mut child = Command::new(binary)
            .args(["--port", &port.to_string(), "--exit-after", "600"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| format!("could not start {}: {error}", binary.display()))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().ok_or("no stdout")?).read_line(&mut line).map_err(|e| e.to_string())?;
        let url = line.trim().strip_prefix("listening on ").ok_or_else(|| format!("the server said {line:?}"))?;
        Ok(Server { url: url.to_owned(), child })
    }
}
