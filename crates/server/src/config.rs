//! What a server is told at startup: keys, limits, latency, faults, extras.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use gpt_image_core::Quality;

use crate::faults::Fault;
use crate::policy::Policy;

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
    /// Faults for every images request, in order: each entry fails that
    /// many requests (forever when `None`) before the next entry applies.
    pub faults: Vec<(Fault, Option<u32>)>,
    /// A built playground to serve at `/`.
    pub static_dir: Option<PathBuf>,
    /// Headers added to every static file (name, value), already checked.
    pub static_headers: Vec<(String, String)>,
    /// A real provider to relay `/v1/images/*` and `/v1/models` to.
    pub upstream: Option<Upstream>,
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
            faults: Vec::new(),
            static_dir: None,
            static_headers: Vec::new(),
            upstream: None,
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
        let Some(upstream) = &self.upstream else { return Ok(()) };
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

/// Simulated generation time per quality (zero by default), growing with
/// the effort: `low` < `medium` < `high` < `xhigh` < `max`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latency {
    /// For `low` quality.
    pub low: Duration,
    /// For `medium` quality (and `dall-e` models' `standard`).
    pub medium: Duration,
    /// For `high` quality (and `dall-e-3`'s `hd`).
    pub high: Duration,
    /// For `xhigh` quality (GPT Image 2.5).
    pub xhigh: Duration,
    /// For `max` quality (GPT Image 2.5).
    pub max: Duration,
}

/// The qualities [`Latency`] has a step for, from least to most effort.
const STEPS: [Quality; 5] = [Quality::Low, Quality::Medium, Quality::High, Quality::Xhigh, Quality::Max];

impl Latency {
    /// The latency of one quality (already resolved from `auto`).
    pub fn for_quality(&self, quality: &Quality) -> Duration {
        match quality {
            Quality::Low => self.low,
            Quality::High | Quality::Hd => self.high,
            Quality::Xhigh => self.xhigh,
            Quality::Max => self.max,
            _ => self.medium,
        }
    }

    /// Parses `low=100,medium=500,high=2000,xhigh=4000,max=8000`
    /// (milliseconds; any subset, or one bare number for every quality).
    /// Steps left out are zero, except `xhigh` and `max`: without a time of
    /// their own they take twice the step below, so that a spec written for
    /// `low`, `medium` and `high` still grows with the effort.
    pub fn parse(text: &str) -> Result<Self, String> {
        let millis = |value: &str| {
            value.trim().parse::<u64>().map(Duration::from_millis).map_err(|_| format!("{value:?} is not milliseconds"))
        };
        if !text.contains('=') {
            let all = millis(text)?;
            return Ok(Latency { low: all, medium: all, high: all, xhigh: all, max: all });
        }
        let mut latency = Latency::default();
        let (mut xhigh, mut max) = (None, None);
        for part in text.split(',').filter(|part| !part.trim().is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| format!("{part:?} is not QUALITY=MS"))?;
            let value = millis(value)?;
            match Quality::from(name.trim()) {
                Quality::Low => latency.low = value,
                Quality::Medium => latency.medium = value,
                Quality::High => latency.high = value,
                Quality::Xhigh => xhigh = Some(value),
                Quality::Max => max = Some(value),
                other => {
                    let names: Vec<&str> = STEPS.iter().map(Quality::as_str).collect();
                    return Err(format!("unknown quality {:?}: use {}", other.as_str(), names.join(", ")));
                }
            }
        }
        latency.xhigh = xhigh.unwrap_or(latency.high * 2);
        latency.max = max.unwrap_or(latency.xhigh * 2);
        Ok(latency)
    }
}

/// A real provider to relay to.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// The base URL, as the OpenAI clients take it: `https://api.openai.com/v1`.
    /// A request for `/v1/images/generations` goes to `BASE/images/generations`.
    pub base_url: String,
    /// The key added as `Authorization: Bearer …`; read from the environment, never from the command line.
    pub api_key: Option<String>,
}

/// Parses a `--fault NAME[:COUNT]` option.
pub fn parse_fault_option(text: &str) -> Result<(Fault, Option<u32>), String> {
    let (name, count) = match text.split_once(':') {
        Some((name, count)) => {
            (name, Some(count.trim().parse::<u32>().map_err(|_| format!("{count:?} is not a number of requests"))?))
        }
        None => (text, None),
    };
    Ok((Fault::parse(name.trim())?, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_takes_a_list_or_one_number() {
        let latency = Latency::parse("low=10, high=30").unwrap();
        assert_eq!(latency.for_quality(&Quality::Low), Duration::from_millis(10));
        assert_eq!(latency.for_quality(&Quality::Medium), Duration::ZERO);
        assert_eq!(latency.for_quality(&Quality::High), Duration::from_millis(30));
        assert_eq!(latency.for_quality(&Quality::Xhigh), Duration::from_millis(60));
        assert_eq!(latency.for_quality(&Quality::Max), Duration::from_millis(120));
        let explicit = Latency::parse("high=30,xhigh=40,max=50").unwrap();
        assert_eq!((explicit.xhigh, explicit.max), (Duration::from_millis(40), Duration::from_millis(50)));
        assert_eq!(Latency::parse("5").unwrap().max, Duration::from_millis(5));
        assert!(Latency::parse("ultra=5").unwrap_err().contains("xhigh"));
        assert!(Latency::parse("auto=5").is_err());
    }

    #[test]
    fn an_open_relay_on_a_public_address_is_refused() {
        let upstream = Upstream { base_url: "https://api.openai.com/v1".into(), api_key: None };
        let relay = Config { upstream: Some(upstream), ..Config::default() };
        let public: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(relay.check_exposure(public).unwrap_err().contains("--allow-open-relay"));
        for loopback in ["127.0.0.1", "::1"] {
            assert!(relay.check_exposure(loopback.parse().unwrap()).is_ok(), "{loopback}");
        }
        let with = |policy: Policy| Config { policy, ..relay.clone() };
        let limits = crate::policy::Limits::parse("usd=5/day").unwrap();
        assert!(with(Policy { total: limits, ..Policy::default() }).check_exposure(public).is_ok());
        let origin = crate::policy::OriginPattern::parse("https://app.example.com").unwrap();
        assert!(with(Policy { origins: vec![origin], ..Policy::default() }).check_exposure(public).is_ok());
        assert!(Config { api_key: Some("sk-shared".into()), ..relay.clone() }.check_exposure(public).is_ok());
        // Caps alone bound each request, not how many: still open.
        let caps = crate::policy::Caps { max_n: Some(1), ..Default::default() };
        assert!(with(Policy { caps, ..Policy::default() }).check_exposure(public).is_err());
        // A proxy in front makes loopback public.
        let proxied = with(Policy { trusted_proxies: vec!["127.0.0.1".parse().unwrap()], ..Policy::default() });
        assert!(proxied.check_exposure("127.0.0.1".parse().unwrap()).unwrap_err().contains("behind a proxy"));
        // The emulator spends nothing.
        assert!(Config::default().check_exposure(public).is_ok());
    }

    #[test]
    fn fault_options_name_a_fault_and_a_count() {
        assert_eq!(parse_fault_option("server_error:2").unwrap(), (Fault::ServerError, Some(2)));
        assert_eq!(parse_fault_option("reset").unwrap(), (Fault::Reset, None));
        assert!(parse_fault_option("nope").is_err());
        assert!(parse_fault_option("reset:x").is_err());
    }
}
