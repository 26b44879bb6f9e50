//! What the emulator's handlers share.

use std::net::SocketAddr;
use std::time::Duration;

use super::latency::Latency;
use super::links::Links;
use super::threads::Threads;

/// The emulator's settings, the links it answered and the responses it keeps.
pub struct Emulator {
    /// Simulated generation time by quality.
    pub latency: Latency,
    /// Images answered as links.
    pub links: Links,
    /// How long a link answers (also its `cache-control` max-age).
    pub url_ttl: Duration,
    /// The largest request body, in bytes (for the 413's message).
    pub body_limit: usize,
    /// Where the server listens (for links when a request has no `Host`).
    pub local_addr: SocketAddr,
    /// The responses kept for `previous_response_id`.
    pub threads: Threads,
}
