//! The page's inline style and the Content-Security-Policy. `web/index.html`
//! inlines the style sheet (Trunk's `rel="inline"`), so that the first
//! response paints the page; a policy without `'unsafe-inline'` allows an
//! inline `<style>` only by its hash, which [`allow_inline_styles`] adds to
//! `dist/_headers` after each build.

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::cmd::Result;

/// Adds the `'sha256-…'` source of every `<style>` element of
/// `dir/index.html` to the `style-src` of the policy in `dir/_headers`.
pub fn allow_inline_styles(dir: &Path) -> Result {
    let html = read(&dir.join("index.html"))?;
    let sources: Vec<String> = inline_styles(&html)
        .map(|style| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style))))
        .collect();
    if sources.is_empty() {
        return Ok(());
    }
    let path = dir.join("_headers");
    let headers = read(&path)?;
    let directive = "style-src 'self'";
    if !headers.contains(directive) {
        return Err(format!("{}: the policy has no `{directive}` to add the inline style's hash to", path.display()));
    }
    let allowed = format!("{directive} {}", sources.join(" "));
    fs::write(&path, headers.replacen(directive, &allowed, 1)).map_err(|error| format!("{}: {error}", path.display()))
}

/// The text of each `<style>` element of `html`, as the browser hashes it.
fn inline_styles(html: &str) -> impl Iterator<Item = &str> {
    html.split("<style").skip(1).filter_map(|rest| {
        let body = &rest[rest.find('>')? + 1..];
        Some(&body[..body.find("</style>")?])
    })
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_inline_style() {
        let html = "<head><style>a{}</style><link rel=stylesheet><style nonce=x>\nb{}\n</style></head>";
        assert_eq!(inline_styles(html).collect::<Vec<_>>(), ["a{}", "\nb{}\n"]);
    }

    #[test]
    fn hashes_as_browsers_do() {
        // `echo -n 'a{}' | openssl dgst -sha256 -binary | base64`
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest("a{}"));
        assert_eq!(hash, "X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk=");
    }
}
