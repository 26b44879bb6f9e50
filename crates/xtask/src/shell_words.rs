//! The first paint's words in Chinese: `web/index.html` marks each word of
//! its shell with `data-word="FIELD"` (or `data-word-placeholder`,
//! `data-word-aria-label`), a field of the playground's table of words;
//! this build writes those fields' Chinese (from `crates/app/src/i18n/zh.rs`)
//! and the key of the language a person picked (from `browser_storage.rs`)
//! into the page's script, so a Chinese reader's first paint is Chinese
//! and no word is written twice.

use std::collections::BTreeMap;

use crate::cmd::{Result, root};

/// The region of `web/index.html`'s script this build writes.
const REGION: (&str, &str) =
    ("// @generated begin: `cargo xtask dist` (crates/xtask/src/web.rs) writes these", "// @generated end");

/// The attributes that name a field of the table.
const MARKS: &[&str] = &["data-word=\"", "data-word-placeholder=\"", "data-word-aria-label=\""];

/// `html` with the Chinese of each field it marks, and the page title's.
pub fn write(html: &str) -> Result<String> {
    let chinese = read(&root().join("crates/app/src/i18n/zh.rs"))?;
    let storage = read(&root().join("crates/app/src/browser_storage.rs"))?;
    let mut words = BTreeMap::new();
    for field in fields(html).into_iter().chain(["page_title".to_owned()]) {
        let word = text_of(&chinese, &field).ok_or(format!("crates/app/src/i18n/zh.rs has no fixed text `{field}`"))?;
        words.insert(field, word);
    }
    let key = constant(&storage, "LANGUAGE").ok_or("browser_storage.rs has no `LANGUAGE` key")?;
    let (words, key) = (serde_json::to_string(&words), serde_json::to_string(&key));
    let line = format!(
        "    var CHINESE = {}, CHOSEN = {};\n",
        words.map_err(|e| e.to_string())?,
        key.map_err(|e| e.to_string())?
    );
    let start = html.find(REGION.0).ok_or("web/index.html has no region for the shell's words")?;
    let start = start + html[start..].find('\n').ok_or("web/index.html: the region's first line does not end")? + 1;
    let stop = start + html[start..].find(REGION.1).ok_or("web/index.html: the shell's words' region is not closed")?;
    let stop = html[..stop].rfind('\n').map_or(stop, |newline| newline + 1);
    Ok(format!("{}{line}{}", &html[..start], &html[stop..]))
}

/// The fields `html` marks, each once.
fn fields(html: &str) -> Vec<String> {
    let mut fields: Vec<String> = MARKS
        .iter()
        .flat_map(|mark| html.split(mark).skip(1).filter_map(|rest| rest.split('"').next().map(str::to_owned)))
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// The text of `field: "…",` in a table of words (a fixed text on one line).
fn text_of(table: &str, field: &str) -> Option<String> {
    let prefix = format!("    {field}: \"");
    let line = table.lines().find(|line| line.starts_with(&prefix))?;
    let literal = line.strip_prefix(&prefix)?.strip_suffix("\",")?;
    Some(literal.replace("\\\"", "\"").replace("\\\\", "\\"))
}

/// The value of `pub const NAME: &str = "…";`.
fn constant(source: &str, name: &str) -> Option<String> {
    let prefix = format!("pub const {name}: &str = \"");
    let line = source.lines().find(|line| line.starts_with(&prefix))?;
    Some(line.strip_prefix(&prefix)?.strip_suffix("\";")?.to_owned())
}

fn read(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_the_shell_marks_is_in_the_chinese_table() {
        let html = read(&root().join("web/index.html")).unwrap();
        let written = write(&html).unwrap();
        assert!(written.contains("\"page_title\":\"gpt-image 演练场\""), "{written}");
        assert!(written.contains("CHOSEN = \"gpt-image-playground.language\""));
        assert!(fields(&html).len() >= 15, "the shell marks its words");
    }

    #[test]
    fn a_field_missing_from_the_table_is_an_error() {
        let html = "<p data-word=\"no_such_field\">x</p><script>\n    // @generated begin: `cargo xtask dist` (crates/xtask/src/web.rs) writes these\n    var CHINESE = {};\n    // @generated end\n</script>";
        assert!(write(html).unwrap_err().contains("no_such_field"));
    }
}
