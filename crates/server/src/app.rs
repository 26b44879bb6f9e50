//! The state the router is built from: the emulator's or the relay's, the
//! gate in front of both, the playground, and the `x-ratelimit-*` window.

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::emulator::{Emulator, FaultLayer, Links, Threads};
use crate::relay::{Forwarder, Gate, Upstreams};
use crate::static_files::StaticFiles;

/// The server's state: its configuration and what it remembers between requests.
pub struct App {
    /// The configuration it started with.
    pub config: Config,
    /// What the emulator answers with, when it is not a relay.
    pub emulator: Arc<Emulator>,
    /// Which image requests fail.
    pub faults: Arc<FaultLayer>,
    /// The provider to relay to, with `--upstream`.
    pub forwarder: Option<Arc<Forwarder>>,
    /// Requests counted for the `x-ratelimit-*` headers.
    pub window: RateWindow,
    /// The playground, with `--static`.
    pub statics: Option<StaticFiles>,
    /// Who may call the API, what they may ask and how much; the request log.
    pub gate: Arc<Gate>,
}

impl App {
    /// The state for `config`, listening on `local_addr`, behind `gate`.
    pub fn new(config: Config, local_addr: SocketAddr, gate: Gate) -> io::Result<Self> {
        let forwarder = match config.upstreams.is_empty() {
            true => None,
            false => {
                let (store, keys) = gate.store();
                let upstreams = Upstreams::new(config.upstreams.clone(), config.upstream_rest, store, keys);
                Some(Arc::new(Forwarder::new(upstreams, config.keep_alive, config.body_limit)?))
            }
        };
        let emulator = Emulator {
            latency: config.latency,
            links: Links::new(config.url_ttl, config.url_max_bytes),
            url_ttl: config.url_ttl,
            body_limit: config.body_limit,
            local_addr,
            threads: Threads::new(config.response_ttl, config.response_max),
        };
        Ok(App {
            emulator: Arc::new(emulator),
            faults: Arc::new(FaultLayer::new(config.faults.clone(), config.body_limit)),
            forwarder,
            window: RateWindow::new(),
            statics: config.static_dir.as_deref().map(|dir| StaticFiles::new(dir, &config.static_headers)),
            gate: Arc::new(gate),
            config,
        })
    }
}

/// A one-minute window of requests, for the `x-ratelimit-*` headers.
pub struct RateWindow(Mutex<(Instant, u32)>);

/// The length of a rate-limit window.
const WINDOW: Duration = Duration::from_secs(60);

impl RateWindow {
    /// A window starting now.
    pub fn new() -> Self {
        RateWindow(Mutex::new((Instant::now(), 0)))
    }

    /// Counts one request; returns how many the window has seen and the time until it resets.
    pub fn count(&self) -> (u32, Duration) {
        let mut window = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if now.duration_since(window.0) >= WINDOW {
            *window = (now, 0);
        }
        window.1 = window.1.saturating_add(1);
        (window.1, WINDOW.saturating_sub(now.duration_since(window.0)))
    }
}

impl Default for RateWindow {
    fn default() -> Self {
        Self::new()
    }
}
