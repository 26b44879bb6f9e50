//! `cargo xtask dist`: everything a static host needs, in `dist/`: the
//! playground ([`crate::web`]), `embed/` with `embed.js` and its wasm, the
//! example host pages, `_headers` with the Content-Security-Policy, the
//! glue minified and the wasm without custom sections (`slim.rs`), and a
//! Brotli (`.br`) and a gzip (`.gz`) copy of every text and wasm file, which
//! `gpt-image-server --static` (and most static hosts) send by `Accept-Encoding`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{Result, command, root, run, sh};
use crate::pkg::target_dir;

/// The folder a static host serves.
pub fn dir() -> PathBuf {
    root().join("dist")
}

/// Builds `dist/`.
pub fn build() -> Result {
    compile()?;
    crate::web::build(&dir())?;
    crate::csp::allow_inline(&dir())?;
    build_embed(&dir().join("embed"))?;
    crate::slim::trim(&dir().join("embed"), |_| true)?;
    precompress(&dir())
}

/// The endings of the files worth compressing: text and wasm (images and
/// fonts are compressed already).
const COMPRESSIBLE: &[&str] = &["html", "js", "mjs", "css", "wasm", "json", "svg", "txt", "ico"];

/// Writes `NAME.br` (Brotli, quality 11) and `NAME.gz` (gzip -9) beside
/// every compressible file under `dir`, where they are smaller than it.
fn precompress(dir: &Path) -> Result {
    for entry in fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))? {
        let path = entry.map_err(|error| error.to_string())?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ending = path.extension().and_then(|ending| ending.to_str()).unwrap_or_default();
        if !COMPRESSIBLE.contains(&ending) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        for (suffix, packed) in [("br", brotli(&bytes)), ("gz", crate::pkg::gzip_bytes(&bytes))] {
            let copy = PathBuf::from(format!("{}.{suffix}", path.display()));
            if packed.len() < bytes.len() {
                fs::write(&copy, packed).map_err(|error| format!("{}: {error}", copy.display()))?;
            } else {
                let _ = fs::remove_file(&copy);
            }
        }
    }
    Ok(())
}

/// Brotli at its best quality, with the largest window a browser reads.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut packed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut packed, &params).expect("compressing in memory");
    packed
}

/// The headers the built files need (`dist/_headers`: `web/_headers` with
/// the inline style's hash, in the format Netlify and Cloudflare Pages
/// read), as `Name: value` lines for `gpt-image-server --header`.
pub fn headers() -> Result<Vec<String>> {
    let text = read(&dir().join("_headers"))?;
    Ok(text.lines().filter(|line| line.starts_with("  ")).map(|line| line.trim().to_owned()).collect())
}

/// Compiles the playground and the embed in one cargo run, so that their two
/// link-time optimisations (one codegen unit each, so one core each) run side
/// by side.
fn compile() -> Result {
    #[rustfmt::skip]
    let args = [
        "build", "--profile", "web", "--target", "wasm32-unknown-unknown",
        "--package", crate::web::APP, "--bin", crate::web::APP, "--package", "gpt-image-embed", "--lib",
    ];
    run(command("cargo", &args))
}

/// `embed.js` and the wasm it loads: the `gpt-image-embed` crate (profile
/// `web`, as the playground) through `wasm-bindgen`, and
/// `crates/embed/js/embed.js` with the playground's style sheet put in front
/// of it as `STYLE`.
fn build_embed(out: &Path) -> Result {
    let built = target_dir().join("wasm32-unknown-unknown/web/gpt_image_embed.wasm");
    let (built, out_dir) = (built.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    sh(
        "wasm-bindgen",
        &["--target", "web", "--no-typescript", "--out-name", "gpt_image_embed", "--out-dir", &out_dir, &built],
    )?;
    let style = serde_json::to_string(&read(&root().join("web/style.css"))?).map_err(|error| error.to_string())?;
    let element = read(&root().join("crates/embed/js/embed.js"))?;
    write(&out.join("embed.js"), &format!("const STYLE = {style};\n{element}"))
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}
