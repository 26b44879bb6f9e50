//! Named client tokens: `--tokens-file PATH` and `--tokens-env NAME`, never
//! the command line (where `ps` and shell histories would show them).
//!
//! One token per line (or per `;` in an environment variable):
//!
//! ```text
//! # NAME  SECRET                      [LIMITS]
//! alice   sk-relay-5b0e4c1f9d2a7e33   requests=10/min,usd=2/day
//! kiosk   sk-relay-93ad0c6e1f4b8d27
//! ```
//!
//! The format is read by hand: three fields a line, where a TOML or JSON
//! file would ask more of the people who write it and add a dependency.

use std::fmt;

use super::limits::Limits;

/// The shortest secret taken: shorter ones are guessable.
pub const MIN_SECRET_LEN: usize = 16;

/// The name a request authorised by the shared key (`--api-key-env`) is logged and counted under.
pub const SHARED_NAME: &str = "shared";

/// The name requests are logged and counted under when the relay takes no tokens.
pub const ANONYMOUS_NAME: &str = "anonymous";

/// One client's token.
#[derive(Clone)]
pub struct Token {
    /// The name it is logged and counted under (`[A-Za-z0-9._-]`).
    pub name: String,
    /// What the client sends as `Authorization: Bearer …`.
    pub secret: String,
    /// Its own limits, each replacing the per-token one.
    pub limits: Limits,
}

/// Never shows the secret.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token").field("name", &self.name).field("limits", &self.limits).finish_non_exhaustive()
    }
}

impl Token {
    /// Reads `NAME SECRET [LIMITS]`. Errors name the token, never its secret.
    pub fn parse_line(line: &str) -> Result<Token, String> {
        let mut fields = line.split_whitespace();
        let name = fields.next().unwrap_or_default();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            return Err(format!("{name:?} is not a token name: use letters, digits, '.', '_' and '-'"));
        }
        if name == SHARED_NAME || name == ANONYMOUS_NAME {
            return Err(format!(
                "the token names {SHARED_NAME:?} and {ANONYMOUS_NAME:?} are kept for the shared key and for callers without a token"
            ));
        }
        let secret = fields.next().ok_or_else(|| format!("token {name}: the secret is missing"))?;
        if secret.chars().count() < MIN_SECRET_LEN {
            return Err(format!("token {name}: the secret must be at least {MIN_SECRET_LEN} characters"));
        }
        let limits =
            Limits::parse(&fields.collect::<Vec<_>>().join(",")).map_err(|error| format!("token {name}: {error}"))?;
        Ok(Token { name: name.to_owned(), secret: secret.to_owned(), limits })
    }

    /// Reads a list: one token per line or per `;`, `#` comments and blank lines skipped.
    pub fn parse_list(text: &str) -> Result<Vec<Token>, String> {
        let mut tokens: Vec<Token> = Vec::new();
        for line in text.split(['\n', ';']).map(|line| line.split('#').next().unwrap_or_default().trim()) {
            if line.is_empty() {
                continue;
            }
            let token = Token::parse_line(line)?;
            if tokens.iter().any(|other| other.name == token.name) {
                return Err(format!("the token name {} is used twice", token.name));
            }
            if tokens.iter().any(|other| other.secret == token.secret) {
                return Err(format!("tokens {} and {} have the same secret", find_secret(&tokens, &token), token.name));
            }
            tokens.push(token);
        }
        Ok(tokens)
    }
}

fn find_secret<'a>(tokens: &'a [Token], token: &Token) -> &'a str {
    tokens.iter().find(|other| other.secret == token.secret).map_or("", |other| other.name.as_str())
}

/// The token whose secret is `sent`, compared in constant time (each
/// comparison takes as long whether it fails early or late).
pub fn find<'a>(tokens: &'a [Token], sent: &str) -> Option<&'a Token> {
    tokens
        .iter()
        .fold(None, |found, token| if same(token.secret.as_bytes(), sent.as_bytes()) { Some(token) } else { found })
}

/// Byte strings compared without an early exit.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |difference, (x, y)| difference | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_lines_semicolons_comments_and_limits() {
        let text = "# who may call\nalice sk-relay-aaaaaaaaaaaaaaaa requests=10/min usd=2\n\nkiosk sk-relay-bbbbbbbbbbbbbbbb # the lobby\n";
        let tokens = Token::parse_list(text).unwrap();
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[0].limits.usd_per_day, Some(2.0));
        assert_eq!(Token::parse_list("a sk-relay-aaaaaaaaaaaaaaaa; b sk-relay-bbbbbbbbbbbbbbbb").unwrap().len(), 2);
        assert_eq!(find(&tokens, "sk-relay-bbbbbbbbbbbbbbbb").unwrap().name, "kiosk");
        assert!(find(&tokens, "sk-relay-bbbbbbbbbbbbbbb").is_none());
    }

    #[test]
    fn errors_name_the_token_and_never_its_secret() {
        for (text, expected) in [
            ("alice short", "at least 16"),
            ("alice", "missing"),
            ("al/ce sk-relay-aaaaaaaaaaaaaaaa", "not a token name"),
            ("shared sk-relay-aaaaaaaaaaaaaaaa", "kept for the shared key"),
            ("anonymous sk-relay-aaaaaaaaaaaaaaaa", "kept for the shared key"),
            ("a sk-relay-aaaaaaaaaaaaaaaa\na sk-relay-bbbbbbbbbbbbbbbb", "used twice"),
            ("a sk-relay-aaaaaaaaaaaaaaaa\nb sk-relay-aaaaaaaaaaaaaaaa", "same secret"),
            ("a sk-relay-aaaaaaaaaaaaaaaa nope=1", "unknown limit"),
        ] {
            let error = Token::parse_list(text).unwrap_err();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(!error.contains("sk-relay"), "{error}");
        }
        let token = Token::parse_line("alice sk-relay-aaaaaaaaaaaaaaaa").unwrap();
        assert!(!format!("{token:?}").contains("sk-relay"));
    }
}
