//! `cargo xtask setup`: installs what the project needs, idempotently. Each
//! step checks first and installs only what is missing or at the wrong version.

use std::fs;

use crate::cmd::{Result, output, root, sh};

/// The `cargo fuzz` release the fuzz targets were written for.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Debian's packages: headless Chromium and its driver for browser tests,
/// `redis-server` for the relay's shared counters (the server's tests start
/// their own on a free loopback port), and `unzip` to check the gallery
/// export's ZIP writer, and a Chinese font (1.6 MB, the smallest
/// Debian has) so the Chinese page's screenshots show characters, not
/// boxes. `wasm-opt` comes from npm (`binaryen` in `tests/package.json`):
/// Debian's is older and weighs more.
const DEBIAN_PACKAGES: &[&str] = &["chromium", "chromium-driver", "redis-server", "unzip", "fonts-wqy-microhei"];

/// Runs every step, one setup at a time: a second `cargo xtask` started
/// meanwhile waits for the first to finish, then finds everything in place.
pub fn run() -> Result {
    let lock_path = crate::pkg::target_dir().join("xtask-setup.lock");
    fs::create_dir_all(crate::pkg::target_dir()).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    let lock = fs::File::create(&lock_path).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("{}: {e}", lock_path.display()))?;
    wasm_target()?;
    // The two compiles of a fresh machine's setup, side by side: each has
    // single-threaded stretches (its last crates, its link) the other fills.
    let (bindgen, fuzz) = std::thread::scope(|scope| {
        let bindgen = scope.spawn(wasm_bindgen_cli);
        let fuzz = scope.spawn(cargo_fuzz);
        (bindgen.join(), fuzz.join())
    });
    bindgen.map_err(|_| "installing wasm-bindgen-cli panicked")??;
    fuzz.map_err(|_| "installing cargo-fuzz panicked")??;
    debian_packages(DEBIAN_PACKAGES)?;
    npm_packages()
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|target| target.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    sh("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// The `wasm-bindgen` version in `Cargo.lock`, which the CLI must equal.
pub fn wasm_bindgen_version() -> Option<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next()?.strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

fn wasm_bindgen_cli() -> Result {
    let Some(version) = wasm_bindgen_version() else {
        return Ok(()); // no crate uses wasm-bindgen yet
    };
    if output("wasm-bindgen", &["--version"]).is_some_and(|v| v.trim() == format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    sh("cargo", &["install", "wasm-bindgen-cli", "--version", &format!("={version}"), "--force"])
}

fn cargo_fuzz() -> Result {
    if output("cargo", &["fuzz", "--version"]).is_some() {
        return Ok(());
    }
    sh("cargo", &["install", "cargo-fuzz", "--version", CARGO_FUZZ_VERSION])
}

/// Installs those of Debian's `packages` that are missing.
pub fn debian_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            !output("dpkg-query", &["-W", "-f=${Status}", package]).is_some_and(|s| s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = output("id", &["-u"]).is_none_or(|uid| uid.trim() != "0");
    let apt = |args: &[&str]| {
        let mut full = vec!["apt-get"];
        full.extend_from_slice(args);
        if sudo { sh("sudo", &full) } else { sh(full[0], &full[1..]) }
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

/// `npm ci` in `tests/` unless `node_modules` holds what the lockfile
/// lists: the stamp of the last install matches the lockfile, and every
/// package the lockfile names is there (an install cut short leaves the
/// stamp of an older one, or folders without their `package.json`).
fn npm_packages() -> Result {
    let tests = root().join("tests");
    let lock = fs::read(tests.join("package-lock.json")).map_err(|e| format!("tests/package-lock.json: {e}"))?;
    let stamp = tests.join("node_modules/.xtask-lock");
    if fs::read(&stamp).is_ok_and(|installed| installed == lock) && missing_packages(&tests, &lock)?.is_empty() {
        return Ok(());
    }
    let _ = fs::remove_file(&stamp);
    let mut npm = crate::cmd::command("npm", &["ci", "--no-audit", "--no-fund"]);
    npm.current_dir(&tests);
    crate::cmd::run(npm)?;
    let missing = missing_packages(&tests, &lock)?;
    if !missing.is_empty() {
        return Err(format!(
            "npm ci left out {} packages of tests/package-lock.json: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// The packages of the lockfile (`packages` entries below `node_modules/`)
/// that every install has, yet have no `package.json` in `tests/`. Optional
/// ones (esbuild's, Bun's and Deno's binaries for other systems, and what
/// they need) may rightly be absent, so they are not missed.
fn missing_packages(tests: &std::path::Path, lock: &[u8]) -> Result<Vec<String>> {
    let lock: serde_json::Value = serde_json::from_slice(lock).map_err(|e| format!("tests/package-lock.json: {e}"))?;
    let packages = lock["packages"].as_object().ok_or("tests/package-lock.json has no packages")?;
    Ok(packages
        .iter()
        .filter_map(|(path, entry)| Some((path.strip_prefix("node_modules/")?, entry)))
        .filter(|(_, entry)| !entry["optional"].as_bool().unwrap_or(false))
        .filter(|(name, _)| !tests.join("node_modules").join(name).join("package.json").is_file())
        .map(|(name, _)| name.to_owned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::missing_packages;

    #[test]
    fn an_install_cut_short_is_found_and_optional_packages_are_not_missed() {
        let tests = std::env::temp_dir().join(format!("xtask-missing-packages-{}", std::process::id()));
        let lock = br#"{"packages": {"": {}, "node_modules/a": {}, "node_modules/@scope/b": {"dev": true},
            "node_modules/c": {}, "node_modules/for-macos": {"optional": true, "os": ["darwin"]}}}"#;
        for present in ["a", "@scope/b"] {
            let folder = tests.join("node_modules").join(present);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("package.json"), "{}").unwrap();
        }
        std::fs::create_dir_all(tests.join("node_modules/c")).unwrap();
        assert_eq!(missing_packages(&tests, lock).unwrap(), ["c"], "a folder without its package.json is missing");
        std::fs::write(tests.join("node_modules/c/package.json"), "{}").unwrap();
        assert!(missing_packages(&tests, lock).unwrap().is_empty());
        std::fs::remove_dir_all(&tests).unwrap();
    }
}
