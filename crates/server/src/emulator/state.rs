//! What the emulator's handlers share.

use std::net::SocketAddr;
use std::time::Duration;

use super::latency::Latency;
use super::links::Links;

/// The emulator's settings and the links it answered.
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
}
