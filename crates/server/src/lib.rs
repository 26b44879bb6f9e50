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

pub mod app;
pub mod config;
pub mod draw;
pub mod edit;
pub mod encode;
pub mod error;
pub mod fault_responses;
pub mod faults;
pub mod generate;
pub mod ids;
pub mod job;
pub mod links;
pub mod relay;
pub mod respond;
pub mod retouch;
pub mod routes;
pub mod server;
pub mod static_files;
pub mod stream;
pub mod usage;

pub use config::{Config, Latency, Upstream};
pub use faults::Fault;
pub use server::serve;
