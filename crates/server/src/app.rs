//! The state every handler shares.

use std::io;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::faults::Faults;
use crate::gate::Gate;
use crate::links::Links;
use crate::relay::Relay;
use crate::static_files::StaticFiles;

/// The server's state: its configuration and what it remembers between requests.
pub struct App {
    /// The configuration it started with.
    pub config: Config,
    /// Images answered as links.
    pub links: Links,
    /// Which requests fail.
    pub faults: Faults,
    /// Requests counted for the `x-ratelimit-*` headers.
    pub window: RateWindow,
    /// The provider to relay to, with `--upstream`.
    pub relay: Option<Relay>,
    /// The playground, with `--static`.
    pub statics: Option<StaticFiles>,
    /// Where the server listens (for links when a request has no `Host`).
    pub local_addr: SocketAddr,
    /// Who may call the API, what they may ask and how much; the request log.
    pub gate: Gate,
}

impl App {
    /// The state for `config`, listening on `local_addr`, behind `gate`.
    pub fn new(config: Config, local_addr: SocketAddr, gate: Gate) -> io::Result<Self> {
        let relay = config.upstream.as_ref().map(Relay::new).transpose()?;
        Ok(App {
            links: Links::new(config.url_ttl, config.url_max_bytes),
            faults: Faults::new(config.faults.clone()),
            window: RateWindow::new(),
            relay,
            statics: config.static_dir.as_deref().map(|dir| StaticFiles::new(dir, &config.static_headers)),
            local_addr,
            gate,
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
