//! What a relay on the internet is told at startup: who may call
//! (origins, tokens), what they may ask (caps) and how much (limits), where
//! the counters live and what is logged. Every part is off by default.

use std::net::IpAddr;
use std::path::PathBuf;

use gpt_image_core::catalogue::{self, Match, ModelSpec};
use gpt_image_core::{Model, Quality};

use super::limits::Limits;
pub use super::origins::OriginPattern;
pub use super::tokens::Token;

/// The relay's rules; [`Policy::default`] lets everyone through and counts nothing.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Web origins allowed to call (CORS and every request's `Origin`); empty: any.
    pub origins: Vec<OriginPattern>,
    /// Named client tokens, sent as `Authorization: Bearer …` (besides the shared key).
    pub tokens: Vec<Token>,
    /// What one request may ask for.
    pub caps: Caps,
    /// Limits for each token (a token's own limits replace these one by one).
    pub per_token: Limits,
    /// Limits for each client address (IPv6 addresses by their /64).
    pub per_address: Limits,
    /// Limits for all callers together.
    pub total: Limits,
    /// Where the counters live.
    pub store: StoreConfig,
    /// Proxies in front of the server, whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Where the request log goes; `None`: no log.
    pub log: Option<LogTarget>,
    /// Whether the request log carries prompts.
    pub log_prompts: bool,
    /// The key for `GET /relay/spend`; without one the summary is not served.
    pub admin_key: Option<String>,
    /// Dollars per million text tokens of the answering model on
    /// `/v1/responses` (input and output alike); without a rate they are
    /// not counted in dollars, and a relay with a dollar ceiling refuses turns.
    pub text_usd_per_million: Option<f64>,
}

/// Where the counters live.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StoreConfig {
    /// In this process (the default): limits hold per process.
    #[default]
    Memory,
    /// In Redis, shared by every relay process that uses it.
    Redis {
        /// `redis://HOST:PORT[/DB]` (read from the environment: it may hold a password).
        url: String,
        /// Prepended to every key, so that several relays can share one Redis.
        prefix: String,
    },
}

/// Where the request log goes: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogTarget {
    /// Standard error.
    Stderr,
    /// Appended to a file.
    File(PathBuf),
}

impl LogTarget {
    /// Reads `--request-log`: `-` for standard error, else a file.
    pub fn parse(text: &str) -> LogTarget {
        match text {
            "-" => LogTarget::Stderr,
            path => LogTarget::File(path.into()),
        }
    }
}

/// Caps on one request; each refusal is a 400 naming the field and the cap.
#[derive(Debug, Clone, Default)]
pub struct Caps {
    /// The models that may be asked for (with their snapshots); empty: any.
    pub models: Vec<&'static ModelSpec>,
    /// The most images per request.
    pub max_n: Option<u32>,
    /// The most pixels per image (width × height).
    pub max_pixels: Option<u64>,
    /// The most effort: `low` < `medium` (`standard`) < `high` (`hd`) < `xhigh` < `max`.
    pub max_quality: Option<Quality>,
    /// Whether `stream: true` is refused.
    pub no_stream: bool,
}

impl Policy {
    /// Whether anything limits who may call or how much: an origin list,
    /// tokens, or a limit. Without one, a relay on the internet is an open wallet.
    pub fn restricts_callers(&self) -> bool {
        !self.origins.is_empty() || !self.tokens.is_empty() || self.has_limits()
    }

    /// Whether any request, image or spending limit is set.
    pub fn has_limits(&self) -> bool {
        let tokens = self.tokens.iter().map(|token| &token.limits);
        [&self.per_token, &self.per_address, &self.total].into_iter().chain(tokens).any(Limits::is_set)
    }

    /// Whether requests are read and counted (limits, caps or a log need the body).
    pub fn inspects(&self) -> bool {
        self.has_limits() || self.caps.is_set() || self.log.is_some() || self.admin_key.is_some()
    }

    /// The limits of a token: its own where it has them, else the per-token ones.
    pub fn limits_of(&self, token: Option<&Token>) -> Limits {
        let own = token.map(|token| token.limits).unwrap_or_default();
        Limits {
            requests: own.requests.or(self.per_token.requests),
            images_per_day: own.images_per_day.or(self.per_token.images_per_day),
            usd_per_day: own.usd_per_day.or(self.per_token.usd_per_day),
        }
    }
}

impl Caps {
    /// Whether any cap is set.
    pub fn is_set(&self) -> bool {
        !self.models.is_empty()
            || self.max_n.is_some()
            || self.max_pixels.is_some()
            || self.max_quality.is_some()
            || self.no_stream
    }

    /// Parses `--allow-model`: a catalogue name (id or snapshot, `provider/` allowed).
    pub fn parse_model(name: &str) -> Result<&'static ModelSpec, String> {
        match Model::from(name.trim()).resolve().matched {
            Match::Known(spec) => Ok(spec),
            _ => {
                let ids: Vec<&str> = catalogue::MODELS.iter().map(|spec| spec.id).collect();
                Err(format!("{name:?} is not in the model catalogue: use one of {}", ids.join(", ")))
            }
        }
    }

    /// Parses `--max-pixels`: a number (`1048576`) or an area (`1024x1024`).
    pub fn parse_pixels(text: &str) -> Result<u64, String> {
        let number = |part: &str| part.trim().replace('_', "").parse::<u64>().ok();
        let pixels = match text.split_once(['x', 'X']) {
            Some((width, height)) => number(width).zip(number(height)).map(|(w, h)| w * h),
            None => number(text),
        };
        pixels.filter(|pixels| *pixels > 0).ok_or_else(|| format!("{text:?} is not a pixel count or WIDTHxHEIGHT"))
    }

    /// Parses `--max-quality`: a quality with a rank (not `auto`).
    pub fn parse_quality(text: &str) -> Result<Quality, String> {
        let quality = Quality::from(text.trim());
        match effort(&quality) {
            Some(_) => Ok(quality),
            None => Err(format!("{text:?} is not a quality to cap at: use low, medium, high, xhigh or max")),
        }
    }
}

/// The effort of a quality, to compare with a cap: `low` 0, `medium` and
/// `standard` 1, `high` and `hd` 2, `xhigh` 3, `max` 4; `None` for `auto`
/// and names this crate does not know.
pub fn effort(quality: &Quality) -> Option<u8> {
    match quality {
        Quality::Low => Some(0),
        Quality::Medium | Quality::Standard => Some(1),
        Quality::High | Quality::Hd => Some(2),
        Quality::Xhigh => Some(3),
        Quality::Max => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_take_catalogue_names_areas_and_ranked_qualities() {
        assert_eq!(Caps::parse_model("gpt-image-2-2026-04-21").unwrap().id, "gpt-image-2");
        assert_eq!(Caps::parse_model("openai/gpt-image-1-mini").unwrap().id, "gpt-image-1-mini");
        assert!(Caps::parse_model("flux").unwrap_err().contains("gpt-image-2"));
        assert_eq!(Caps::parse_pixels("1024x1024").unwrap(), 1_048_576);
        assert_eq!(Caps::parse_pixels("2_000_000").unwrap(), 2_000_000);
        assert!(Caps::parse_pixels("big").is_err());
        assert_eq!(Caps::parse_quality("medium").unwrap(), Quality::Medium);
        assert!(Caps::parse_quality("auto").is_err());
        assert!(effort(&Quality::Hd) > effort(&Quality::Standard));
    }

    #[test]
    fn a_token_s_own_limits_replace_the_defaults_one_by_one() {
        let policy = Policy { per_token: Limits::parse("requests=10,images=5").unwrap(), ..Policy::default() };
        let token = Token::parse_line("alice sk-relay-0123456789abcdef images=50").unwrap();
        let limits = policy.limits_of(Some(&token));
        assert_eq!((limits.requests.unwrap().count, limits.images_per_day), (10, Some(50)));
        assert!(policy.has_limits() && policy.restricts_callers());
        assert!(!Policy::default().restricts_callers());
    }
}
