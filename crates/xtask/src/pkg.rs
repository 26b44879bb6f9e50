//! `cargo xtask pkg`: the npm package `gpt-image-wasm` in `crates/wasm/pkg/`,
//! ready for `npm publish`.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cmd::{Result, command, root, run};

/// The folder the package is built into.
pub fn dir() -> PathBuf {
    root().join("crates/wasm/pkg")
}

/// The files the package's JavaScript loads, in order: what a page fetches.
pub const LOADED_FILES: &[&str] = &["index.js", "gpt_image_wasm.js", "gpt_image_wasm_bg.wasm"];

/// The package's hand-written entries, in `crates/wasm/js/`: browsers' and
/// bundlers' (minified, as a page loads it), then Node's, Deno's and Bun's,
/// and edge workers' (a few lines each over the first, copied).
pub const ENTRIES: &[&str] = &["index.js", "node.js", "edge.js"];

/// Builds the package: the wasm (profile `pkg`), `wasm-bindgen` (ESM for
/// browsers), then `wasm-opt -Oz` on its output, then the hand-written entries
/// and `index.d.ts`, README, licences and `package.json`. `index.js` and
/// wasm-bindgen's glue are minified (see [`minify`]).
///
/// The wasm's names go before `wasm-bindgen` sees it: with them it exports
/// its shims under their long Rust names, in the wasm and in the glue.
/// Binaryen 132's `-Oz` runs after `wasm-bindgen`: before it, the module
/// traps (`unreachable`) on its first call.
pub fn build() -> Result {
    crate::generated::write_all()?;
    let pkg = dir();
    let js = root().join("crates/wasm/js");
    run(command(
        "cargo",
        &["build", "--profile", "pkg", "--package", "gpt-image-wasm", "--target", "wasm32-unknown-unknown"],
    ))?;
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|error| format!("{}: {error}", pkg.display()))?;
    }
    let built = target_dir().join("wasm32-unknown-unknown/pkg/gpt_image_wasm.wasm");
    let unnamed = built.with_extension("unnamed.wasm");
    wasm_opt(&built, &unnamed, &[])?;
    let unnamed = unnamed.to_string_lossy().into_owned();
    let out_dir = pkg.to_string_lossy().into_owned();
    // Without the name and producers sections wasm-bindgen writes: 0.6 KB gzipped less.
    #[rustfmt::skip]
    run(command("wasm-bindgen", &[
        "--target", "web", "--out-name", "gpt_image_wasm", "--out-dir", &out_dir,
        "--remove-name-section", "--remove-producers-section", &unnamed,
    ]))?;
    let wasm = pkg.join("gpt_image_wasm_bg.wasm");
    wasm_opt(&wasm, &wasm, &["-Oz"])?;
    let glue = pkg.join("gpt_image_wasm.js");
    minify(&glue, &glue)?;
    minify(&js.join("index.js"), &pkg.join("index.js"))?;
    for file in ENTRIES[1..].iter().chain(&["index.d.ts", "README.md"]) {
        copy(&js.join(file), &pkg.join(file))?;
    }
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        copy(&root().join(file), &pkg.join(file))?;
    }
    let template = read(&js.join("package.json"))?;
    let manifest =
        template.replace("\"version\": \"0.0.0\"", &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")));
    fs::write(pkg.join("package.json"), manifest).map_err(|error| error.to_string())?;
    let _ = fs::remove_file(pkg.join(".gitignore"));
    eprintln!("package: {} ({} bytes gzipped, loaded files)", pkg.display(), gzipped_size()?);
    Ok(())
}

/// Minifies an ES module with esbuild (`tests/node_modules`, installed by
/// `cargo xtask setup`), imports and exports kept: `input` into `output`
/// (the same file or not). Measured on `index.js` and the glue, gzipped:
/// 4.5 + 7.1 KB before, 2.2 + 4.9 KB after. `tests/wasm-pkg/declarations.test.mjs`
/// minifies `index.js` the same way to tell a stale package.
pub fn minify(input: &Path, output: &Path) -> Result {
    let esbuild = root().join("tests/node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!("{} is missing: run `cargo xtask setup`", esbuild.display()));
    }
    let (esbuild, input) = (esbuild.to_string_lossy().into_owned(), input.to_string_lossy().into_owned());
    let outfile = format!("--outfile={}", output.to_string_lossy());
    run(command(&esbuild, &[&input, "--minify", "--format=esm", "--allow-overwrite", "--log-level=warning", &outfile]))
}

/// Binaryen's `wasm-opt` with `passes` (none, or `-Oz`) and the features
/// wasm-bindgen's output uses; names, producers and debug sections dropped.
/// Binaryen 132 from npm (`tests/node_modules`, installed by `cargo xtask
/// setup`), not Debian's 108: the package's wasm came out 1.5 KB gzipped smaller.
pub fn wasm_opt(input: &Path, output: &Path, passes: &[&str]) -> Result {
    let wasm_opt = root().join("tests/node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!("{} is missing: run `cargo xtask setup`", wasm_opt.display()));
    }
    let (input, output) = (input.to_string_lossy().into_owned(), output.to_string_lossy().into_owned());
    let mut args = passes.to_vec();
    args.extend([
        "--strip-debug",
        "--strip-producers",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
        &input,
        "-o",
        &output,
    ]);
    run(command(&wasm_opt.to_string_lossy(), &args))
}

/// The gzipped (level 9) size of what a page loads: the two JavaScript
/// modules, the wasm-bindgen snippets and the wasm.
pub fn gzipped_size() -> Result<usize> {
    let pkg = dir();
    let mut files: Vec<PathBuf> = LOADED_FILES.iter().map(|file| pkg.join(file)).collect();
    files.extend(snippets(&pkg.join("snippets")));
    gzipped_total(&files)
}

/// The sum of the gzipped (level 9) sizes of `files`.
pub fn gzipped_total(files: &[PathBuf]) -> Result<usize> {
    files
        .iter()
        .map(|file| fs::read(file).map_err(|error| format!("{}: {error}", file.display())).map(|bytes| gzip(&bytes)))
        .sum()
}

/// The gzipped size of some bytes, at level 9.
pub fn gzip(bytes: &[u8]) -> usize {
    gzip_bytes(bytes).len()
}

/// Some bytes gzipped at level 9.
pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, else `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// Every script under a wasm-bindgen `snippets/` folder (none if it is missing).
pub fn snippets(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                snippets(&path)
            } else if path.extension().is_some_and(|extension| extension == "js") {
                vec![path]
            } else {
                Vec::new() // the precompressed copies `cargo xtask dist` writes beside them
            }
        })
        .collect()
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to).map(drop).map_err(|error| format!("copying {}: {error}", from.display()))
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}
