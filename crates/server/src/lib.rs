//! A local OpenAI Images API: real images drawn from the prompt, streams of
//! partial images, links that expire, every provider failure on demand, and
//! a relay to a real provider.
//!
//! Start it in-process on a free port:
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("listening on http://{}", listener.local_addr()?);
//! gpt_image_server::serve(gpt_image_server::Config::default(), listener).await
//! # }
//! ```
#![deny(missing_docs)]

mod app;
mod config;
mod connection;
mod emulator;
mod error;
mod form;
mod ids;
mod relay;
mod routes;
mod server;
mod static_files;
mod usage;

pub use config::Config;
pub use emulator::{Fault, Latency, parse_fault_option};
pub use relay::{Caps, KeepAlive, Limits, LogTarget, OriginPattern, Policy, Rate, StoreConfig, Token, Upstream};
pub use server::{Ready, serve};
