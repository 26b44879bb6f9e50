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

mod access_log;
mod app;
mod ask;
mod clock;
mod config;
mod connection;
mod counters;
mod draw;
mod edit;
mod encode;
mod error;
mod fault_responses;
mod faults;
mod form;
mod gate;
mod generate;
mod ids;
mod job;
mod links;
mod origins;
mod policy;
mod redis_store;
mod relay;
mod render;
mod respond;
mod retouch;
mod routes;
mod server;
mod spend;
mod static_files;
mod stream;
mod svg;
mod tally;
mod tokens;
mod usage;

pub use config::{Config, Latency, Upstream, parse_fault_option};
pub use faults::Fault;
pub use policy::{Caps, Limits, LogTarget, OriginPattern, Policy, Rate, StoreConfig, Token};
pub use server::{Ready, serve};
