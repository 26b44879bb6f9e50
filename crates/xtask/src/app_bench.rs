//! The playground and the embed in headless Chromium against the local
//! server: the weight of `embed.js` and everything it loads, then
//! `tests/app/bench/load.mjs` (first-load weight, time until the prompt
//! box takes input, time to reopen a gallery of 300 images), which prints
//! its figures as ratios and writes them to `tests/output/app-bench.json`.

use std::fs;

use crate::cmd::{self, Result, command, root};
use crate::pkg::{gzip, snippets};

/// Builds `dist/` and the release server, then measures.
pub fn run() -> Result {
    crate::dist::build()?;
    embed_weight()?;
    let server = crate::server::build(true)?;
    let mut node = command("node", &["app/bench/load.mjs"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", &server);
    cmd::run(node)
}

/// Prints the gzipped (level 9) size of what `<script src=".../embed.js">` loads.
fn embed_weight() -> Result {
    let dir = crate::dist::dir().join("embed");
    let mut files = vec![dir.join("embed.js"), dir.join("gpt_image_embed.js"), dir.join("gpt_image_embed_bg.wasm")];
    files.extend(snippets(&dir.join("snippets")));
    println!("\nembed.js and what it loads, gzipped -9:");
    let mut total = 0;
    for file in &files {
        let bytes = fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
        let size = gzip(&bytes);
        total += size;
        let name = file.strip_prefix(&dir).unwrap_or(file).display();
        println!("  {name:<48} {:>9.1} KB raw {:>8.1} KB gzipped", bytes.len() as f64 / 1e3, size as f64 / 1e3);
    }
    println!("  {:<48} {:>31.1} KB gzipped", "total", total as f64 / 1e3);
    Ok(())
}
