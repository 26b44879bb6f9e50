//! The playground and the embed in headless Chromium against the local
//! server: the weight of `embed.js` and everything it loads, then
//! `tests/app/bench/load.mjs`: the first load on a phone (first-load bytes,
//! first paint, prompt ready, app ready; against a static page with one
//! textarea and against `floor-page`, the least Leptos page that generates),
//! the prompt ready on a desktop and the reopening of a gallery of 300
//! images. It prints its figures as ratios and writes them to
//! `tests/output/app-bench.json`.

use std::fs;
use std::path::PathBuf;

use crate::cmd::{self, Result, command, root};
use crate::pkg::{gzip, snippets, target_dir};

/// Builds `dist/`, the floor page and the release server, then measures.
pub fn run() -> Result {
    crate::dist::build()?;
    embed_weight()?;
    let floor = floor_page()?;
    let server = crate::server::build_release()?;
    let mut node = command("node", &["app/bench/load.mjs"]);
    node.current_dir(root().join("tests")).env("GPT_IMAGE_SERVER_BIN", &server).env("FLOOR_PAGE_DIR", &floor);
    cmd::run(node)
}

/// `floor-page` (`crates/xtask/floors/page`) built as the playground is
/// (profile `web`, wasm-bindgen for the web), as `cargo xtask floors` weighs
/// it; gives the folder of its script and wasm, which the benchmark serves.
fn floor_page() -> Result<PathBuf> {
    let profile = "web";
    cmd::run(command(
        "cargo",
        &["build", "--profile", profile, "--package", "floor-page", "--target", "wasm32-unknown-unknown"],
    ))?;
    let wasm = target_dir().join("wasm32-unknown-unknown").join(profile).join("floor-page.wasm");
    let out = target_dir().join("floors").join("page-bench");
    let _ = fs::remove_dir_all(&out);
    let (wasm, out_dir) = (wasm.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    cmd::run(command("wasm-bindgen", &["--target", "web", "--no-typescript", "--out-dir", &out_dir, &wasm]))?;
    Ok(out)
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
