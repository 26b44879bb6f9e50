//! Size floors: the least each size budget's stack can weigh, built the way
//! its product is built, so that each product's size reads against it.
//! - `floor-core` (`crates/xtask/floors/core`): `gpt-image-core`'s
//!   validation and decoders in wasm, nothing else; against the npm
//!   package and its 62 KB budget.
//! - `floor-page` (`crates/xtask/floors/page`): a Leptos page that
//!   generates an image with `gpt-image-wasm`; against the playground's
//!   scripts and wasm, and the 260 KB first-load target (bytes
//!   over the wire, so Brotli, as `gpt-image-server --static` sends them;
//!   `cargo xtask bench` measures the whole first load on a phone).

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{Result, command, run};
use crate::pkg::{gzipped_total, snippets, target_dir, wasm_opt};

/// The package's budget, gzipped bytes of the files as published: 0.72 of
/// the official `openai` package's bundle for the same call.
const PACKAGE_BUDGET: usize = 62_000;
/// The playground's first-load target, bytes over the wire (Brotli): a
/// Leptos page cannot weigh less than `floor-page`, and a phone on a slow
/// link must have the app ready within two seconds.
const PLAYGROUND_TARGET: usize = 260_000;

/// Builds both floors and prints them next to the package and the
/// playground, which must be built already (`pkg` and `dist`).
pub fn run_all() -> Result {
    let core = weigh_core()?;
    let package = crate::pkg::gzipped_size()?;
    let page = weigh_page()?;
    let playground = scripts_and_wasm(&crate::dist::dir())?;
    let (page_br, playground_br) =
        (brotli_total(&target_dir().join("floors").join("page"))?, brotli_total(&crate::dist::dir())?);
    let kb = |bytes: usize| bytes as f64 / 1e3;
    let ratio = |part: usize, whole: usize| part as f64 / whole as f64;
    println!("\nSize floors, gzipped -9 (wasm and its JavaScript):");
    println!(
        "  {:<66} {:>6.1} KB  {:.2} of the package's budget ({} KB)",
        "floor-core: gpt-image-core's validation and decoders, nothing else",
        kb(core),
        ratio(core, PACKAGE_BUDGET),
        PACKAGE_BUDGET / 1000
    );
    println!(
        "  {:<66} {:>6.1} KB  {:.2} x floor-core",
        "the npm package (what a page loads)",
        kb(package),
        ratio(package, core)
    );
    println!(
        "  {:<66} {:>6.1} KB  {:.1} KB as Brotli: {:.2} of the playground's first-load target ({} KB)",
        "floor-page: a Leptos page that generates with gpt-image-wasm",
        kb(page),
        kb(page_br),
        ratio(page_br, PLAYGROUND_TARGET),
        PLAYGROUND_TARGET / 1000
    );
    println!(
        "  {:<66} {:>6.1} KB  {:.1} KB as Brotli: {:.2} x floor-page, {:.2} of the target",
        "the playground's scripts and wasm",
        kb(playground),
        kb(playground_br),
        ratio(playground_br, page_br),
        ratio(playground_br, PLAYGROUND_TARGET)
    );
    Ok(())
}

/// `floor-core` as the package is built: profile `pkg`, names dropped,
/// wasm-bindgen, `wasm-opt -Oz`.
fn weigh_core() -> Result<usize> {
    let built = build("floor-core", "pkg")?.with_file_name("floor_core.wasm");
    let unnamed = built.with_extension("unnamed.wasm");
    wasm_opt(&built, &unnamed, &[])?;
    let out = bindgen(&unnamed, "core")?;
    let wasm = out.join("core_bg.wasm");
    wasm_opt(&wasm, &wasm, &["-Oz"])?;
    scripts_and_wasm(&out)
}

/// `floor-page` as the playground is built: profile `web`, wasm-bindgen.
fn weigh_page() -> Result<usize> {
    scripts_and_wasm(&bindgen(&build("floor-page", "web")?.with_file_name("floor-page.wasm"), "page")?)
}

/// Builds `package` for the browser; gives the folder's path as a file in it.
fn build(package: &str, profile: &str) -> Result<PathBuf> {
    run(command(
        "cargo",
        &["build", "--profile", profile, "--package", package, "--target", "wasm32-unknown-unknown"],
    ))?;
    Ok(target_dir().join("wasm32-unknown-unknown").join(profile).join(package))
}

/// Runs wasm-bindgen on `wasm` into a fresh `target/floors/<name>` (`<name>.js`,
/// `<name>_bg.wasm`), which it gives.
fn bindgen(wasm: &Path, name: &str) -> Result<PathBuf> {
    let out = target_dir().join("floors").join(name);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|error| format!("{}: {error}", out.display()))?;
    }
    let (wasm, out_dir) = (wasm.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    #[rustfmt::skip]
    run(command("wasm-bindgen", &[
        "--target", "web", "--no-typescript", "--out-name", name, "--out-dir", &out_dir, &wasm,
    ]))?;
    Ok(out)
}

/// The gzipped size of what a page loads of a wasm-bindgen build in `dir`.
fn scripts_and_wasm(dir: &Path) -> Result<usize> {
    gzipped_total(&loaded_files(dir)?)
}

/// The Brotli (quality 11) size of what a page loads of a wasm-bindgen build in `dir`.
fn brotli_total(dir: &Path) -> Result<usize> {
    let mut total = 0;
    for file in loaded_files(dir)? {
        total += crate::dist::brotli(&fs::read(&file).map_err(|error| format!("{}: {error}", file.display()))?).len();
    }
    Ok(total)
}

/// The `.js` and `.wasm` files in `dir` and its wasm-bindgen snippets.
fn loaded_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "js" || extension == "wasm"))
        .collect();
    files.extend(snippets(&dir.join("snippets")));
    Ok(files)
}
