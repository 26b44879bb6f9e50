//! The request log: one JSON object per line, written by a thread of its
//! own so that no request waits on a disk or a pipe.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};

use super::policy::LogTarget;

/// A handle that queues lines for the writer thread.
#[derive(Debug, Clone)]
pub struct AccessLog {
    lines: Sender<String>,
}

impl AccessLog {
    /// Starts the writer for `target` (a file is opened for appending now, so a bad path fails at startup).
    pub fn start(target: &LogTarget) -> io::Result<AccessLog> {
        let mut out: Box<dyn Write + Send> = match target {
            LogTarget::Stderr => Box::new(io::stderr()),
            LogTarget::File(path) => {
                Box::new(OpenOptions::new().create(true).append(true).open(path).map_err(|error| {
                    io::Error::new(error.kind(), format!("cannot open the request log {}: {error}", path.display()))
                })?)
            }
        };
        let (lines, queue) = mpsc::channel::<String>();
        std::thread::Builder::new().name("request-log".into()).spawn(move || write_all(&mut out, &queue))?;
        Ok(AccessLog { lines })
    }

    /// Queues one line (an object without line breaks: `serde_json` writes none).
    pub fn write(&self, line: &serde_json::Value) {
        let _ = self.lines.send(line.to_string());
    }
}

/// Writes lines as they come, flushing whenever the queue runs dry.
fn write_all(out: &mut dyn Write, queue: &Receiver<String>) {
    while let Ok(line) = queue.recv() {
        let mut ok = writeln!(out, "{line}").is_ok();
        while let Ok(line) = queue.try_recv() {
            ok &= writeln!(out, "{line}").is_ok();
        }
        if !(ok && out.flush().is_ok()) {
            eprintln!("the request log could not be written");
        }
    }
}
