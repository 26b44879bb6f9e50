//! The relay: forwards the API to real providers, behind a gate that says
//! who may call, what they may ask and how much, and logs what it cost.

pub mod access_log;
pub mod ask;
pub mod clock;
pub mod counters;
pub mod forward;
pub mod gate;
pub mod keep_alive;
pub mod limits;
pub mod origins;
pub mod policy;
pub mod redis_store;
pub mod refusal;
pub mod spend;
pub mod tally;
pub mod tokens;
pub mod upstreams;

pub use forward::Forwarder;
pub use gate::Gate;
pub use keep_alive::KeepAlive;
pub use limits::{Limits, Rate};
pub use origins::OriginPattern;
pub use policy::{Caps, LogTarget, Policy, StoreConfig};
pub use tokens::Token;
pub use upstreams::{Upstream, Upstreams};
