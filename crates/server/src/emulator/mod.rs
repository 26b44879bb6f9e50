//! The emulator: answers as the Images API itself, with images drawn from
//! the prompt, streams of partial images, links that expire, image
//! conversations on the Responses API, and every provider failure on demand.

pub mod azure;
pub mod draw;
pub mod edit;
pub mod encode;
pub mod fault_layer;
pub mod fault_responses;
pub mod faults;
pub mod files;
pub mod generate;
pub mod job;
pub mod latency;
pub mod links;
pub mod models;
pub mod render;
pub mod respond;
pub mod response_events;
pub mod responses;
pub mod retouch;
pub mod state;
pub mod stream;
pub mod svg;
pub mod threads;
pub mod turn;

pub use fault_layer::FaultLayer;
pub use faults::{Fault, parse_fault_option};
pub use latency::Latency;
pub use links::Links;
pub use state::Emulator;
pub use threads::Threads;
