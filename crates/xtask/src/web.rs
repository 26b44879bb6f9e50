//! The playground's page: `web/` and the `gpt-image-app` binary built into
//! `dist/`, as a static host serves them.
//!
//! 1. The app is compiled for `wasm32-unknown-unknown` (profile `web`) and
//!    bound with `wasm-bindgen --target web`, the same CLI the npm package
//!    and the embed use.
//! 2. The glue is minified and the wasm loses its custom sections
//!    ([`crate::slim`]); then each file is named by the hash of what it
//!    holds (`gpt-image-app-<hash>.js`, `…_bg.wasm`, `boot-<hash>.js`), so
//!    a host can cache them for ever.
//! 3. `web/index.html` gets its style sheet inline (the first response
//!    paints the page; `_headers` allows it by its hash, [`crate::csp`]),
//!    and, before `</head>`, preloads of the glue, its snippets and the
//!    wasm with their `integrity`, and the loader as a file of its own (a
//!    policy without `'unsafe-inline'` blocks an inline one).
//! 4. Everything else in `web/` is copied as it is, the app icons are
//!    drawn ([`crate::icons`]), and `sw.js`, the service worker that lets
//!    the playground open without a network, is given the list of the
//!    shell's files and a version made from what they hold.
//!
//! Built here rather than by Trunk: installing Trunk took 7 of the 10
//! minutes a fresh machine spent on tools, and Trunk 0.21 cannot split a wasm. No `wasm-opt`
//! runs here: `-Oz` took only 0.2 KB off the Brotli wasm (docs/size.md).

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};

use crate::cmd::{Result, command, root, run};
use crate::pkg::{snippets, target_dir};

/// The app's binary, and the stem of its files in `dist/`.
pub const APP: &str = "gpt-image-app";

/// The tag in `web/index.html` that the style sheet replaces, inline.
const STYLE_TAG: &str = r#"<link rel="stylesheet" href="style.css" data-inline>"#;

/// The files of `web/` that are not copied as they are.
const BUILT_FROM: &[&str] = &["index.html", "style.css", SERVICE_WORKER];

/// The service worker, in `web/` and in `dist/`.
const SERVICE_WORKER: &str = "sw.js";

/// What of `dist/` the service worker does not keep: the host's headers,
/// itself, and the example host pages (the embed is built after the page).
const NOT_SHELL: &[&str] = &["_headers", SERVICE_WORKER, "examples"];

/// The part of `web/sw.js` this build writes.
const SHELL_REGION: (&str, &str) = (
    "// @generated begin: `cargo xtask dist` (crates/xtask/src/web.rs) writes the shell's files and its version.\n",
    "// @generated end\n",
);

/// Builds the playground into `out` (emptied first).
pub fn build(out: &Path) -> Result {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    }
    let bound = bind()?;
    crate::slim::trim(&bound, |_| true)?;
    fs::create_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    let script = hashed_copy(&bound.join(format!("{APP}.js")), out, APP, "js")?;
    let wasm = hashed_copy(&bound.join(format!("{APP}_bg.wasm")), out, APP, "_bg.wasm")?;
    copy_dir(&bound.join("snippets"), &out.join("snippets"))?;
    let boot = format!("import init from './{script}';\nawait init({{ module_or_path: './{wasm}' }});\n");
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    write(&out.join(&boot_name), &boot)?;

    let mut head = String::new();
    let modules = std::iter::once(out.join(&script)).chain(snippets(&out.join("snippets")));
    for module in modules {
        let href = relative(out, &module)?;
        head.push_str(&format!(
            r#"<link rel="modulepreload" href="./{href}" crossorigin="anonymous" integrity="{}">"#,
            integrity(&module)?
        ));
    }
    head.push_str(&format!(
        r#"<link rel="preload" href="./{wasm}" crossorigin="anonymous" integrity="{}" as="fetch" type="application/wasm">"#,
        integrity(&out.join(&wasm))?
    ));
    head.push_str(&format!(r#"<script type="module" src="./{boot_name}"></script>"#));

    let web = root().join("web");
    let html = crate::shell_words::write(&read(&web.join("index.html"))?)?;
    let style = read(&web.join("style.css"))?;
    write(&out.join("index.html"), &page(&html, &style, &head)?)?;
    for entry in fs::read_dir(&web).map_err(|error| format!("{}: {error}", web.display()))? {
        let path = entry.map_err(|error| error.to_string())?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if BUILT_FROM.contains(&name) {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &out.join(name))?;
        } else {
            fs::copy(&path, out.join(name)).map_err(|error| format!("{}: {error}", path.display()))?;
        }
    }
    crate::icons::write(out)?;
    let worker = service_worker(&read(&web.join(SERVICE_WORKER))?, &shell(out)?)?;
    write(&out.join(SERVICE_WORKER), &worker)
}

/// The shell's files (`./` for the page), each with what it holds, in order.
fn shell(out: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).map_err(|error| format!("{}: {error}", folder.display()))? {
            let path = entry.map_err(|error| error.to_string())?.path();
            let name = relative(out, &path)?;
            if NOT_SHELL.contains(&name.as_str()) {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = fs::read(&path).map_err(|error| format!("{}: {error}", path.display()))?;
                files.push((if name == "index.html" { "./".to_owned() } else { format!("./{name}") }, bytes));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// `web/sw.js` with the shell's files and a version made from them.
fn service_worker(template: &str, shell: &[(String, Vec<u8>)]) -> Result<String> {
    let (begin, end) = SHELL_REGION;
    let start = template.find(begin).ok_or("web/sw.js has no @generated region for the shell")? + begin.len();
    let stop = start + template[start..].find(end).ok_or("web/sw.js: the @generated region is not closed")?;
    let mut everything = Vec::new();
    for (name, bytes) in shell {
        everything.extend(name.as_bytes());
        everything.extend(bytes);
    }
    let names: Vec<String> = shell.iter().map(|(name, _)| format!("'{name}'")).collect();
    let generated = format!("const VERSION = '{}';\nconst SHELL = [{}];\n", short_hash(&everything), names.join(", "));
    Ok(format!("{}{generated}{}", &template[..start], &template[stop..]))
}

/// Binds the compiled app ([`crate::dist::compile`]); returns the folder
/// wasm-bindgen wrote.
fn bind() -> Result<PathBuf> {
    let built = target_dir().join(format!("wasm32-unknown-unknown/web/{APP}.wasm"));
    let bound = target_dir().join("web-page");
    if bound.exists() {
        fs::remove_dir_all(&bound).map_err(|error| format!("{}: {error}", bound.display()))?;
    }
    let (built, out_dir) = (built.to_string_lossy().into_owned(), bound.to_string_lossy().into_owned());
    let args = ["--target", "web", "--no-typescript", "--out-name", APP, "--out-dir", &out_dir, &built];
    run(command("wasm-bindgen", &args))?;
    Ok(bound)
}

/// `html` with the style sheet inline in place of [`STYLE_TAG`] and `head`
/// before `</head>`.
fn page(html: &str, style: &str, head: &str) -> Result<String> {
    if !html.contains(STYLE_TAG) {
        return Err(format!("web/index.html has no `{STYLE_TAG}` to put the style sheet in"));
    }
    let html = html.replacen(STYLE_TAG, &format!("<style>{style}</style>"), 1);
    let end = html.find("</head>").ok_or("web/index.html has no </head>")?;
    Ok(format!("{}{head}{}", &html[..end], &html[end..]))
}

/// Copies `file` into `out` as `<stem>-<hash><ending>`; returns the name.
fn hashed_copy(file: &Path, out: &Path, stem: &str, ending: &str) -> Result<String> {
    let bytes = fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
    let ending = if ending.starts_with('_') { ending.to_owned() } else { format!(".{ending}") };
    let name = format!("{stem}-{}{ending}", short_hash(&bytes));
    fs::write(out.join(&name), &bytes).map_err(|error| format!("{}: {error}", out.display()))?;
    Ok(name)
}

/// The first 16 hex digits of the SHA-256 of `bytes`: a file's name part.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

/// The `integrity` value of a file: `sha384-` and its base64 digest.
fn integrity(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))))
}

/// `path` relative to `dir`, with `/` between its parts.
fn relative(dir: &Path, path: &Path) -> Result<String> {
    let inner = path.strip_prefix(dir).map_err(|_| format!("{} is not under {}", path.display(), dir.display()))?;
    Ok(inner.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// Copies a folder and everything in it (nothing if it is missing).
fn copy_dir(from: &Path, to: &Path) -> Result {
    let Ok(entries) = fs::read_dir(from) else { return Ok(()) };
    fs::create_dir_all(to).map_err(|error| format!("{}: {error}", to.display()))?;
    for entry in entries {
        let path = entry.map_err(|error| error.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|error| format!("{}: {error}", path.display()))?;
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_goes_inline_and_the_loader_before_head_ends() {
        let html = format!("<head><title>t</title>{STYLE_TAG}</head><body></body>");
        let built = page(&html, "a{}", "<script src=\"./boot.js\"></script>").unwrap();
        assert_eq!(
            built,
            "<head><title>t</title><style>a{}</style><script src=\"./boot.js\"></script></head><body></body>"
        );
        assert!(page("<head></head>", "a{}", "").is_err_and(|error| error.contains("style sheet")));
    }

    #[test]
    fn the_service_worker_gets_the_shell_and_a_version_that_follows_it() {
        let template = read(&root().join("web").join(SERVICE_WORKER)).unwrap();
        let shell = vec![("./".to_owned(), b"<html>".to_vec()), ("./app.wasm".to_owned(), b"\0asm".to_vec())];
        let worker = service_worker(&template, &shell).unwrap();
        assert!(worker.contains("const SHELL = ['./', './app.wasm'];"), "{worker}");
        let changed = service_worker(&template, &[shell[0].clone(), ("./app.wasm".to_owned(), b"\0asm2".to_vec())]);
        assert_ne!(worker, changed.unwrap(), "another wasm, another version");
        assert!(service_worker("no region", &shell).is_err());
    }

    #[test]
    fn names_follow_the_bytes() {
        assert_eq!(short_hash(b"a"), "ca978112ca1bbdca", "`printf a | sha256sum`");
        assert_ne!(short_hash(b"a"), short_hash(b"b"));
    }
}
