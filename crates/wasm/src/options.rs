//! Settings of a client and of one call, with the official client's defaults.

use gpt_image_core::{Issue, Report, Rule, ValidationMode, ValidationOptions, with_values};
use web_sys::AbortSignal;

/// OpenAI's API.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// Ten minutes per attempt: a high-quality `gpt-image-2` image takes minutes.
pub const DEFAULT_TIMEOUT_MS: f64 = 600_000.0;
/// Retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// How a client reaches the API.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// The API root, such as `https://api.openai.com/v1` or a relay's `/v1`;
    /// paths like `/images/generations` are appended to it. It must be an
    /// absolute `http(s)` URL (see [`ClientOptions::report`]).
    pub base_url: String,
    /// Sent as `Authorization: Bearer …`; `None` sends no `Authorization`
    /// at all (a same-origin relay adds the key).
    pub api_key: Option<String>,
    /// Headers sent with every call; a `None` value removes a header.
    pub default_headers: Vec<(String, Option<String>)>,
    /// Query parameters of every call's URL (Azure OpenAI's `api-version`),
    /// after the base URL's own; a `None` value removes one.
    pub default_query: Vec<(String, Option<String>)>,
    /// Milliseconds one attempt may take, answer included.
    pub timeout_ms: f64,
    /// Attempts after the first one, for failures worth retrying.
    pub max_retries: u32,
    /// What validation may stop: everything certain (the default), nothing
    /// (`WarningsOnly`, for providers with rules of their own), or no check.
    pub validation: ValidationMode,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            base_url: DEFAULT_BASE_URL.into(),
            api_key: None,
            default_headers: Vec::new(),
            default_query: Vec::new(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: DEFAULT_MAX_RETRIES,
            validation: ValidationMode::Full,
        }
    }
}

impl ClientOptions {
    /// Options for `base_url` with `api_key`, defaults for the rest.
    pub fn new(base_url: impl Into<String>, api_key: Option<String>) -> Self {
        ClientOptions { base_url: base_url.into(), api_key, ..Default::default() }
    }

    /// The URL a call to `path` (`/images/generations`, `/models`) goes to:
    /// the base URL, the path, the base's own query and `default_query`.
    pub fn url_of(&self, path: &str) -> String {
        crate::url::call_url(&self.base_url, path, &self.default_query, &[])
    }
}

impl ClientOptions {
    /// What is wrong with these options, found before anything is sent: an
    /// error when the base URL is not an absolute `http(s)` URL (without its
    /// scheme, `api.openai.com` would be read relative to the page, and the
    /// key sent to the page's own server), and a warning when the key would
    /// cross the network over plain `http` (any host but this machine).
    /// Every call refuses to start while there is an error.
    pub fn report(&self) -> Report {
        let issues = match BaseUrl::parse(&self.base_url) {
            None => vec![with_values!(
                Issue::error("baseURL", Rule::Malformed, base_url_message(&self.base_url)),
                given = &self.base_url,
                allowed = "http(s)://host"
            )],
            Some(url) if !url.secure && self.api_key.is_some() && !url.is_this_machine() => vec![with_values!(
                Issue::warning(
                    "baseURL",
                    Rule::Conflict,
                    format!(
                        "the API key is sent over plain http to {}, where anyone on the network can read it: use https",
                        url.host
                    ),
                ),
                given = format_args!("http://{}", url.host),
                other = "API key"
            )],
            Some(_) => Vec::new(),
        };
        Report { issues }
    }
}

/// The error for a base URL that cannot be used. `index.js` writes the same
/// sentence (a test compares the two).
fn base_url_message(url: &str) -> String {
    format!(
        "baseURL must be an absolute http:// or https:// URL with a host, such as {DEFAULT_BASE_URL}, not \"{url}\""
    )
}

/// The parts of a base URL that decide where a key may go.
#[derive(Debug, PartialEq)]
struct BaseUrl<'a> {
    /// `https:`.
    secure: bool,
    /// The host as written: a name, an IPv4 address or a bracketed IPv6 one.
    host: &'a str,
}

impl<'a> BaseUrl<'a> {
    /// `http(s)://HOST[:PORT][/…]`, with no user name or password (which
    /// `fetch` refuses); `None` for anything else. Written by hand: a URL
    /// crate would weigh more in the bundle than these rules. `index.js`
    /// checks the same rules (a test compares the two).
    fn parse(url: &'a str) -> Option<Self> {
        let (scheme, rest) = url.split_once(':')?;
        let rest = rest.strip_prefix("//")?;
        let secure = if scheme.eq_ignore_ascii_case("https") {
            true
        } else if scheme.eq_ignore_ascii_case("http") {
            false
        } else {
            return None;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        // No user name or password (`fetch` refuses them), no space or control character.
        if authority.bytes().any(|byte| byte == b'@' || byte <= b' ' || byte == 0x7f) {
            return None;
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(inside) => {
                let (address, after) = inside.split_once(']')?;
                let port = match after {
                    "" => None,
                    after => Some(after.strip_prefix(':')?),
                };
                (authority.get(..address.len() + 2)?, port)
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let port_ok =
            port.is_none_or(|port| !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
        (!host.is_empty() && host != "[]" && port_ok).then_some(BaseUrl { secure, host })
    }

    /// Whether the host is this machine (`localhost`, `127.0.0.1`, `[::1]`),
    /// where plain `http` never leaves it.
    fn is_this_machine(&self) -> bool {
        ["localhost", "127.0.0.1", "[::1]"].iter().any(|local| self.host.eq_ignore_ascii_case(local))
    }
}

/// Settings of one call, each overriding the client's.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Aborts the call, any attempt in flight and any wait between attempts.
    pub signal: Option<AbortSignal>,
    /// Milliseconds one attempt may take.
    pub timeout_ms: Option<f64>,
    /// Attempts after the first one.
    pub max_retries: Option<u32>,
    /// Extra headers; a `None` value removes a header.
    pub headers: Vec<(String, Option<String>)>,
    /// Query parameters for this call, over the client's `default_query`;
    /// a `None` value removes one.
    pub query: Vec<(String, Option<String>)>,
    /// What validation may stop, for this call.
    pub validation: Option<ValidationMode>,
}

/// Validation in `mode`, knowing today's date (for retired models).
pub fn validation_options(mode: ValidationMode) -> ValidationOptions {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    ValidationOptions { mode, today: iso.get(..10).map(str::to_owned) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(base_url: &str, key: Option<&str>) -> Vec<(String, Rule, gpt_image_core::Severity)> {
        let options = ClientOptions::new(base_url, key.map(str::to_owned));
        options.report().issues.into_iter().map(|issue| (issue.field, issue.rule, issue.severity)).collect()
    }

    #[test]
    fn absolute_http_urls_with_a_host_are_the_only_base_urls() {
        for good in [
            "https://api.openai.com/v1",
            "HTTPS://API.OPENAI.COM/v1",
            "http://localhost:8787/v1",
            "http://127.0.0.1:18787/v1/",
            "http://[::1]:8787/v1",
            "https://relay.example/openai/v1?x=1",
            "https://relay.example",
        ] {
            assert_eq!(report(good, None), [], "{good}");
        }
        for bad in [
            "api.openai.com",
            "api.openai.com/v1",
            "localhost:8787/v1",
            "/v1",
            "v1",
            "",
            "//api.openai.com/v1",
            "ftp://api.openai.com/v1",
            "https://",
            "https:///v1",
            "https://user:secret@api.openai.com/v1",
            "https://api.openai.com:port/v1",
            "https://api.openai.com:/v1",
            "https://[::1/v1",
            "https://[]/v1",
            " https://api.openai.com/v1",
            "https://api openai.com/v1",
        ] {
            let issues = report(bad, Some("sk-test"));
            assert_eq!(issues.len(), 1, "{bad:?}");
            assert_eq!(issues[0].0, "baseURL", "{bad:?}");
            assert_eq!(issues[0].2, gpt_image_core::Severity::Error, "{bad:?}");
        }
        let message = ClientOptions::new("api.openai.com", None).report().issues[0].message.clone();
        assert_eq!(
            message,
            "baseURL must be an absolute http:// or https:// URL with a host, such as https://api.openai.com/v1, not \"api.openai.com\""
        );
    }

    #[test]
    fn a_key_over_plain_http_off_this_machine_is_a_warning() {
        let warned = report("http://192.168.1.20:8787/v1", Some("sk-test"));
        assert_eq!(warned, [("baseURL".into(), Rule::Conflict, gpt_image_core::Severity::Warning)]);
        assert_eq!(report("http://192.168.1.20:8787/v1", None), [], "no key, nothing to leak");
        for local in ["http://localhost:8787/v1", "http://LOCALHOST/v1", "http://127.0.0.1/v1", "http://[::1]:1/v1"] {
            assert_eq!(report(local, Some("sk-test")), [], "{local}");
        }
        assert_eq!(report("https://api.openai.com/v1", Some("sk-test")), []);
    }
}
