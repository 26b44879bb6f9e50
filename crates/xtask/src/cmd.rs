//! Running commands from the workspace root, and reading their output.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// What went wrong, for a person.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (where the top `Cargo.toml` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root exists")
}

/// A command to run from the workspace root.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    command
}

/// Runs a command, showing its output; fails if it fails.
pub fn run(mut command: Command) -> Result {
    let shown = describe(&command);
    eprintln!("$ {shown}");
    let status = command.status().map_err(|error| format!("could not start `{shown}`: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{shown}` failed ({status})")) }
}

/// Runs `program args…` from the root, showing its output.
pub fn sh(program: &str, args: &[&str]) -> Result {
    run(command(program, args))
}

/// The standard output of a command that succeeded, or `None`.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let output = command(program, args).stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
