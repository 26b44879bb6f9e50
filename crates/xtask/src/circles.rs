//! Import circles between a crate's modules: module A naming module B
//! (`use crate::b::…`, `crate::b::f()`, or a name the crate root re-exports
//! from B) while B names A, directly or through others. A circle means
//! neither can be read, changed or moved without the other; `cargo test`
//! (so `cargo xtask test`) fails on one in the crates listed below. A test
//! module only: nothing else calls it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The crates whose modules must not import in circles, from the root.
pub const CHECKED: &[&str] = &["crates/core", "crates/wasm", "crates/app", "crates/server"];

/// Which top-level modules each top-level module of a crate names.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph of the crate in `dir` (its `src/`): a module is a file or a
/// folder directly below `src/`; `lib.rs` and `main.rs` are the root, whose
/// `pub use module::{Name, …}` lines say where re-exported names come from.
pub fn graph(dir: &Path) -> Graph {
    let src = dir.join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let module_of = |path: &Path| {
        let relative = path.strip_prefix(&src).ok()?;
        let first = relative.components().next()?.as_os_str().to_str()?;
        let name = first.strip_suffix(".rs").unwrap_or(first);
        (!matches!(name, "lib" | "main")).then(|| name.to_owned())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|path| module_of(path)).collect();
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for root in ["lib.rs", "main.rs"] {
        let text = fs::read_to_string(src.join(root)).unwrap_or_default();
        for statement in statements(&text).filter(|s| s.starts_with("pub use ")) {
            let path = statement.trim_start_matches("pub use ").trim_start_matches("crate::");
            let Some((module, names)) = path.split_once("::") else { continue };
            if modules.contains(module) {
                for name in top_level_names(names) {
                    reexported.insert(name, module.to_owned());
                }
            }
        }
    }
    let mut graph = Graph::new();
    for path in &files {
        let Some(from) = module_of(path) else { continue };
        let text = fs::read_to_string(path).unwrap_or_default();
        // A module's own tests may use any other module: they are not imports of the module.
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
        let edges = graph.entry(from.clone()).or_default();
        for target in named_after_crate(text) {
            let to = if modules.contains(&target) { Some(target) } else { reexported.get(&target).cloned() };
            if let Some(to) = to.filter(|to| *to != from) {
                edges.insert(to);
            }
        }
    }
    graph
}

/// Every circle of the graph, each as the modules along it (A, B, …, A),
/// each found once.
pub fn circles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        walk(graph, start, &mut path, &mut found);
    }
    found
}

fn walk(graph: &Graph, start: &str, path: &mut Vec<String>, found: &mut Vec<Vec<String>>) {
    let here = path.last().cloned().unwrap_or_default();
    for next in graph.get(&here).into_iter().flatten() {
        if next == start {
            // Each circle once: reported from its smallest module.
            if path.iter().all(|module| module.as_str() >= start) {
                let mut circle = path.clone();
                circle.push(start.to_owned());
                found.push(circle);
            }
        } else if !path.contains(next) && next.as_str() > start {
            path.push(next.clone());
            walk(graph, start, path, found);
            path.pop();
        }
    }
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// The statements of some Rust text, `;` to `;`, comments left out.
fn statements(text: &str) -> impl Iterator<Item = String> + '_ {
    let code: String =
        text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join(" ");
    code.split(';')
        .map(|statement| statement.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The first names of a `use` tail: `a::B` is `a`; `{a::B, c}` is `a`, `c`.
fn top_level_names(tail: &str) -> Vec<String> {
    let tail = tail.trim();
    let Some(inner) = tail.strip_prefix('{') else {
        return vec![ident(tail)].into_iter().filter(|name| !name.is_empty()).collect();
    };
    let mut names = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, character) in inner.char_indices() {
        match character {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&inner[start..at]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&inner[start..at]));
                start = at + 1;
            }
            _ => {}
        }
    }
    names.into_iter().filter(|name| !name.is_empty()).collect()
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> String {
    text.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The first names after every `crate::` of some Rust text (comments left out).
fn named_after_crate(text: &str) -> Vec<String> {
    let code: String =
        text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    code.match_indices("crate::")
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .flat_map(|(at, found)| top_level_names(&code[at + found.len()..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_module_imports_in_a_circle() {
        let mut report = Vec::new();
        for krate in CHECKED {
            for circle in circles(&graph(&crate::cmd::root().join(krate))) {
                report.push(format!("{krate}: {}", circle.join(" -> ")));
            }
        }
        assert!(report.is_empty(), "modules that import each other in a circle:\n{}", report.join("\n"));
    }

    #[test]
    fn uses_paths_and_reexports_make_edges() {
        let dir = std::env::temp_dir().join(format!("xtask-circles-{}", std::process::id()));
        let src = dir.join("src");
        fs::create_dir_all(src.join("d")).unwrap();
        fs::write(src.join("lib.rs"), "mod a; mod b; mod c; mod d;\npub use c::{Thing, other::Deep};").unwrap();
        fs::write(src.join("a.rs"), "use crate::{b::B, Thing};\n// crate::d is a comment\n").unwrap();
        fs::write(src.join("b.rs"), "pub struct B;\nfn f() { crate::a::g(); }").unwrap();
        fs::write(src.join("c.rs"), "pub struct Thing;").unwrap();
        fs::write(src.join("d/mod.rs"), "use super::x; use $crate::c::Thing;").unwrap();
        let graph = graph(&dir);
        assert_eq!(graph["a"], BTreeSet::from(["b".to_owned(), "c".to_owned()]));
        assert_eq!(graph["d"], BTreeSet::from(["c".to_owned()]));
        assert_eq!(circles(&graph), [vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
