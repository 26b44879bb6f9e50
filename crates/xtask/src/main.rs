//! `cargo xtask …`: installs what the project needs, runs every test and
//! benchmark, and starts the playground.

mod app_bench;
mod bench;
#[cfg(test)]
mod circles;
mod cmd;
mod csp;
mod dist;
mod floors;
mod fuzz;
mod generated;
mod icons;
mod pkg;
mod pkg_bench;
mod play;
mod server;
mod server_bench;
mod setup;
mod shell_words;
mod slim;
mod test;
mod web;

use clap::{Parser, Subcommand};

/// The project's task runner.
#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install the toolchain pieces, system packages and npm packages the
    /// project needs; only what is missing or at the wrong version.
    Setup,
    /// Every check and test: formatting, clippy (host and wasm32), native
    /// tests, and the JavaScript tests against the local server.
    Test,
    /// Benchmarks, printed as ratios against a baseline measured in the same run.
    Bench,
    /// The size floors alone: the least the package and the playground's
    /// stacks can weigh, next to what they weigh (builds both first).
    Floors,
    /// Run the fuzz targets (response decoder, SSE parser).
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 300)]
        seconds: u32,
    },
    /// Build the npm package `gpt-image-wasm` into `crates/wasm/pkg/`
    /// (first rewrites the files that repeat the catalogue, as `generated` does).
    Pkg,
    /// Rewrite the parts of files that repeat gpt-image-core's catalogue:
    /// the package's TypeScript unions and parameter interfaces, the README's model table.
    Generated,
    /// Build everything a static host needs into `dist/`: the playground,
    /// `embed/embed.js` with its wasm, example host pages and `_headers`.
    Dist,
    /// Build in release mode and start the local server with the playground.
    Play {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8787)]
        port: u16,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = setup::run().and_then(|()| match cli.task {
        Task::Setup => Ok(()),
        Task::Test => test::run(),
        Task::Bench => bench::run(),
        Task::Floors => pkg::build().and_then(|()| dist::build()).and_then(|()| floors::run_all()),
        Task::Fuzz { seconds } => fuzz::run_targets(seconds),
        Task::Pkg => pkg::build(),
        Task::Generated => generated::write_all(),
        Task::Dist => dist::build(),
        Task::Play { port } => play::run(port),
    });
    if let Err(error) = result {
        eprintln!("xtask: {error}");
        std::process::exit(1);
    }
}
