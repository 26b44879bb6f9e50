//! The page's inline style and script and the Content-Security-Policy.
//! `web/index.html` inlines the style sheet ([`crate::web`]), so
//! that the first response paints the page, and a few lines of script that
//! paint the iframe mode compact from the start; a policy without
//! `'unsafe-inline'` allows an inline `<style>` or `<script>` only by its
//! hash, which [`allow_inline`] adds to `dist/_headers` after each build.

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::cmd::Result;

/// Adds the `'sha256-…'` source of every inline `<style>` and `<script>`
/// of `dir/index.html` to the `style-src` and `script-src` of the policy in
/// `dir/_headers`.
pub fn allow_inline(dir: &Path) -> Result {
    let html = read(&dir.join("index.html"))?;
    let path = dir.join("_headers");
    let mut headers = read(&path)?;
    for (element, directive) in [("style", "style-src 'self'"), ("script", "script-src 'self'")] {
        let sources: Vec<String> = inline(&html, element)
            .into_iter()
            .map(|text| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text))))
            .collect();
        if sources.is_empty() {
            continue;
        }
        if !headers.contains(directive) {
            return Err(format!(
                "{}: the policy has no `{directive}` to add the inline {element}'s hash to",
                path.display()
            ));
        }
        headers = headers.replacen(directive, &format!("{directive} {}", sources.join(" ")), 1);
    }
    fs::write(&path, headers).map_err(|error| format!("{}: {error}", path.display()))
}

/// The text of each inline `element` (`style`, or `script` without `src`)
/// of `html`, as the browser hashes it.
fn inline<'a>(html: &'a str, element: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{element}"), format!("</{element}>"));
    html.split(open.as_str())
        .skip(1)
        .filter_map(|rest| {
            let tag_end = rest.find('>')?;
            let attributes = &rest[..tag_end];
            if !attributes.is_empty() && !attributes.starts_with([' ', '\n', '\t']) || attributes.contains("src=") {
                return None;
            }
            let body = &rest[tag_end + 1..];
            Some(&body[..body.find(close.as_str())?])
        })
        .collect()
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_inline_style_and_script() {
        let html = "<head><style>a{}</style><link rel=stylesheet><style nonce=x>\nb{}\n</style></head>";
        assert_eq!(inline(html, "style"), ["a{}", "\nb{}\n"]);
        let html = "<script src=\"boot.js\"></script><script>go()</script><scripts>no</scripts>";
        assert_eq!(inline(html, "script"), ["go()"], "not scripts from files, nor other elements");
    }

    #[test]
    fn hashes_as_browsers_do() {
        // `echo -n 'a{}' | openssl dgst -sha256 -binary | base64`
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest("a{}"));
        assert_eq!(hash, "X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk=");
    }
}
