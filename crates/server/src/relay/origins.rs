//! Where a request comes from: the web page's origin (`--allow-origin`) and
//! the client's address (`--trusted-proxy`).

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// An allowed web origin: `https://app.example.com`, any subdomain with
/// `https://*.example.com`, any port with `http://localhost:*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginPattern {
    scheme: String,
    /// The host, lower case, without the `*.` of a subdomain pattern.
    host: String,
    /// Whether any subdomain of `host` matches (not `host` itself).
    subdomains: bool,
    /// The port; `None` for any port.
    port: Option<u16>,
}

impl OriginPattern {
    /// Parses `SCHEME://HOST[:PORT]`, where the host may start with `*.` and the port may be `*`.
    pub fn parse(text: &str) -> Result<OriginPattern, String> {
        let bad = || {
            format!(
                "{text:?} is not an origin like https://app.example.com, https://*.example.com or http://localhost:*"
            )
        };
        let (scheme, rest) = text.trim().split_once("://").ok_or_else(bad)?;
        let scheme = scheme.to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https") || rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
            return Err(bad());
        }
        let (host, port) = split_host_port(rest).ok_or_else(bad)?;
        let port = match port {
            Some("*") => None,
            Some(port) => Some(port.parse::<u16>().map_err(|_| bad())?),
            None => Some(default_port(&scheme)),
        };
        let host = host.to_ascii_lowercase();
        let (host, subdomains) = match host.strip_prefix("*.") {
            Some(parent) => (parent.to_owned(), true),
            None => (host, false),
        };
        if host.is_empty() || host.contains('*') {
            return Err(bad());
        }
        Ok(OriginPattern { scheme, host, subdomains, port })
    }

    /// Whether an `Origin` header value is allowed.
    pub fn allows(&self, origin: &str) -> bool {
        let Some((scheme, rest)) = origin.split_once("://") else { return false };
        if !scheme.eq_ignore_ascii_case(&self.scheme) || rest.contains(['/', '@']) {
            return false;
        }
        let Some((host, port)) = split_host_port(rest) else { return false };
        let port = match port.map(str::parse::<u16>) {
            Some(Ok(port)) => port,
            Some(Err(_)) => return false,
            None => default_port(&self.scheme),
        };
        let host = host.to_ascii_lowercase();
        let host_matches = if self.subdomains {
            host.strip_suffix(&self.host).is_some_and(|label| label.len() > 1 && label.ends_with('.'))
        } else {
            host == self.host
        };
        host_matches && self.port.is_none_or(|wanted| wanted == port)
    }
}

impl fmt::Display for OriginPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wildcard = if self.subdomains { "*." } else { "" };
        write!(f, "{}://{wildcard}{}", self.scheme, self.host)?;
        match self.port {
            None => write!(f, ":*"),
            Some(port) if port == default_port(&self.scheme) => Ok(()),
            Some(port) => write!(f, ":{port}"),
        }
    }
}

/// `HOST[:PORT]` or `[IPV6][:PORT]`, split; `None` when there is no host.
fn split_host_port(text: &str) -> Option<(&str, Option<&str>)> {
    let (host, rest) = match text.strip_prefix('[') {
        Some(bracketed) => {
            let end = bracketed.find(']')? + 2;
            (&text[..end], &text[end..])
        }
        None => match text.split_once(':') {
            Some((host, _)) => (host, &text[host.len()..]),
            None => (text, ""),
        },
    };
    match rest {
        "" => Some((host, None)).filter(|(host, _)| !host.is_empty()),
        rest => {
            let port = rest.strip_prefix(':').filter(|port| !port.is_empty())?;
            Some((host, Some(port))).filter(|(host, _)| !host.is_empty())
        }
    }
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" { 443 } else { 80 }
}

/// Whether any pattern allows `origin`.
pub fn allowed(patterns: &[OriginPattern], origin: &str) -> bool {
    patterns.iter().any(|pattern| pattern.allows(origin))
}

/// The client's address: the peer's, or, when the peer is a trusted proxy,
/// the last address in `X-Forwarded-For` that is not one (proxies append
/// the address they saw, so the ones before it could be made up).
pub fn client_address(peer: Option<SocketAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let mut address = peer.map(|peer| canonical(peer.ip()))?;
    if !trusted.contains(&address) {
        return Some(address);
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok());
    let hops: Vec<&str> = forwarded.flat_map(|value| value.split(',')).map(str::trim).collect();
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(hop) => {
                address = canonical(hop);
                if !trusted.contains(&address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    Some(address)
}

/// What limits per address count under: IPv4 addresses whole, IPv6 ones by
/// their /64 (one home or one server gets a whole /64).
pub fn address_scope(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// IPv4 addresses mapped into IPv6 (`::ffff:1.2.3.4`) as IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_origins_subdomains_and_any_port() {
        let exact = OriginPattern::parse("https://App.Example.com").unwrap();
        assert!(exact.allows("https://app.example.com"));
        assert!(exact.allows("https://app.example.com:443"));
        assert!(!exact.allows("http://app.example.com"));
        assert!(!exact.allows("https://app.example.com:8443"));
        assert!(!exact.allows("https://app.example.com.evil.net"));
        assert!(!exact.allows("null"));
        let sub = OriginPattern::parse("https://*.example.com").unwrap();
        assert!(sub.allows("https://a.example.com") && sub.allows("https://a.b.example.com"));
        assert!(!sub.allows("https://example.com") && !sub.allows("https://badexample.com"));
        let any_port = OriginPattern::parse("http://127.0.0.1:*").unwrap();
        assert!(any_port.allows("http://127.0.0.1:4123") && any_port.allows("http://127.0.0.1"));
        assert!(!any_port.allows("http://127.0.0.10:4123"));
        let port = OriginPattern::parse("http://localhost:8080").unwrap();
        assert!(port.allows("http://localhost:8080") && !port.allows("http://localhost:8081"));
        assert_eq!(port.to_string(), "http://localhost:8080");
        assert_eq!(sub.to_string(), "https://*.example.com");
        assert!(OriginPattern::parse("http://[::1]:8080").unwrap().allows("http://[::1]:8080"));
        for bad in ["example.com", "ftp://x", "https://", "https://a/b", "https://*", "https://a.*.com", "https://a:x"]
        {
            assert!(OriginPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let peer = SocketAddr::new(proxy, 4000);
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        assert_eq!(client_address(Some(peer), &headers, &[]), Some(proxy));
        assert_eq!(client_address(Some(peer), &headers, &[proxy]), Some("203.0.113.7".parse().unwrap()));
        let v6: IpAddr = "2001:db8:1:2:3:4:5:6".parse().unwrap();
        assert_eq!(address_scope(v6), "2001:db8:1:2::/64");
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(client_address(Some(SocketAddr::new(mapped, 1)), &headers, &[]), Some("10.0.0.1".parse().unwrap()));
    }
}
