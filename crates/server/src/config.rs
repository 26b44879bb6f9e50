//! What a server is told at startup: keys, limits, latency, faults, extras.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::emulator::{Fault, Latency};
use crate::relay::{KeepAlive, Policy, Upstream};

/// Everything a server needs to start; [`Config::default`] is what tests use.
#[derive(Debug, Clone)]
pub struct Config {
    /// When set (and not empty), requests must send `Authorization: Bearer <key>`.
    pub api_key: Option<String>,
    /// The largest request body accepted, in bytes; larger ones get 413.
    pub body_limit: usize,
    /// Simulated generation time by quality.
    pub latency: Latency,
    /// How long a `response_format: url` link answers before it gives 404.
    pub url_ttl: Duration,
    /// The most bytes kept for links; the oldest are dropped first.
    pub url_max_bytes: usize,
    /// How long a response is kept for `previous_response_id`.
    pub response_ttl: Duration,
    /// The most responses kept; the oldest are dropped first.
    pub response_max: usize,
    /// Faults for every images request, in order: each entry fails that
    /// many requests (forever when `None`) before the next entry applies.
    pub faults: Vec<(Fault, Option<u32>)>,
    /// A built playground to serve at `/`.
    pub static_dir: Option<PathBuf>,
    /// Headers added to every static file (name, value), already checked.
    pub static_headers: Vec<(String, String)>,
    /// Real providers to relay `/v1/images/*` and `/v1/models` to, in the
    /// order they are tried; none: the server emulates the API itself.
    pub upstreams: Vec<Upstream>,
    /// How long an upstream that failed rests before it is tried again.
    pub upstream_rest: Duration,
    /// How relayed answers are kept moving while a provider works.
    pub keep_alive: KeepAlive,
    /// The request budget per minute advertised in `x-ratelimit-*` headers.
    pub rate_limit_requests: u32,
    /// The token budget per minute advertised in `x-ratelimit-*` headers.
    pub rate_limit_tokens: u64,
    /// Who may call, what they may ask, how much, and what is logged (all off by default).
    pub policy: Policy,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_key: None,
            body_limit: 64 * 1024 * 1024,
            latency: Latency::default(),
            url_ttl: Duration::from_secs(3600),
            url_max_bytes: 256 * 1024 * 1024,
            response_ttl: Duration::from_secs(3600),
            response_max: 256,
            faults: Vec::new(),
            static_dir: None,
            static_headers: Vec::new(),
            upstreams: Vec::new(),
            upstream_rest: Duration::from_secs(30),
            keep_alive: KeepAlive::default(),
            rate_limit_requests: 5000,
            rate_limit_tokens: 4_000_000,
            policy: Policy::default(),
        }
    }
}

impl Config {
    /// Refuses a relay that anyone who reaches `host` could spend through:
    /// `--upstream` on an address other than loopback (or behind a trusted
    /// proxy, which makes loopback public), with no origin list, no key or
    /// tokens and no limits. The error says what to add.
    pub fn check_exposure(&self, host: IpAddr) -> Result<(), String> {
        let Some(upstream) = self.upstreams.first() else { return Ok(()) };
        let keyed = self.api_key.as_deref().is_some_and(|key| !key.is_empty());
        let proxied = !self.policy.trusted_proxies.is_empty();
        if (host.is_loopback() && !proxied) || keyed || self.policy.restricts_callers() {
            return Ok(());
        }
        let reach = if proxied { format!("behind a proxy (--trusted-proxy), on {host}") } else { format!("on {host}") };
        Err(format!(
            "refusing to start: listening {reach} with --upstream {}, anyone who can reach this address could spend through the relay.\n\
             Add at least one of:\n  \
             --allow-origin https://your.site          (only web pages there may call)\n  \
             --tokens-file FILE or --tokens-env NAME   (named tokens; or one shared key with --api-key-env NAME)\n  \
             --limit-per-token, --limit-per-address or --limit-total SPEC   (e.g. requests=30/min,images=100/day,usd=5/day)\n\
             or pass --allow-open-relay to run it open anyway.",
            upstream.base_url
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_relay_on_a_public_address_is_refused() {
        let upstream = Upstream::new("https://api.openai.com/v1", None);
        let relay = Config { upstreams: vec![upstream], ..Config::default() };
        let public: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(relay.check_exposure(public).unwrap_err().contains("--allow-open-relay"));
        for loopback in ["127.0.0.1", "::1"] {
            assert!(relay.check_exposure(loopback.parse().unwrap()).is_ok(), "{loopback}");
        }
        let with = |policy: Policy| Config { policy, ..relay.clone() };
        let limits = crate::relay::Limits::parse("usd=5/day").unwrap();
        assert!(with(Policy { total: limits, ..Policy::default() }).check_exposure(public).is_ok());
        let origin = crate::relay::OriginPattern::parse("https://app.example.com").unwrap();
        assert!(with(Policy { origins: vec![origin], ..Policy::default() }).check_exposure(public).is_ok());
        assert!(Config { api_key: Some("sk-shared".into()), ..relay.clone() }.check_exposure(public).is_ok());
        // Caps alone bound each request, not how many: still open.
        let caps = crate::relay::Caps { max_n: Some(1), ..Default::default() };
        assert!(with(Policy { caps, ..Policy::default() }).check_exposure(public).is_err());
        // A proxy in front makes loopback public.
        let proxied = with(Policy { trusted_proxies: vec!["127.0.0.1".parse().unwrap()], ..Policy::default() });
        assert!(proxied.check_exposure("127.0.0.1".parse().unwrap()).unwrap_err().contains("behind a proxy"));
        // The emulator spends nothing.
        assert!(Config::default().check_exposure(public).is_ok());
    }
}
