//! The copies of the catalogue's facts that other files must spell out:
//! the npm package's TypeScript unions and parameter interfaces
//! (`crates/wasm/js/index.d.ts`, the interfaces from core's one list of
//! parameters, [`PARAMETERS`]), the README's table of models, and the npm
//! package's error classes (`index.js` and `index.d.ts`, from
//! gpt-image-wasm's [`ErrorClass`]). Each lives between two marker lines in
//! its file; `cargo xtask pkg` rewrites them from `gpt-image-core` and
//! `gpt-image-wasm`, and a test fails when a checked-in copy has drifted.
//!
//! By file: this one holds the regions, how they are rewritten, and the
//! helpers every part writes with; `typescript.rs` the unions and the
//! parameter interfaces, `classes.rs` the error classes, `readme.rs` the
//! README's table and the first paint's model option.

mod classes;
mod readme;
mod typescript;

use std::fmt::Write as _;
use std::fs;

use gpt_image_core::catalogue::{Lifecycle, ModelSpec, SizeRule};
use gpt_image_core::{Quality, Size};

use crate::cmd::{Result, root};

#[cfg(test)]
use classes::{class_body, statuses_label};
use classes::{error_classes_js, error_classes_ts};
use readme::{readme_table, suggested_model_option};
use typescript::{parameter_interfaces, typescript};

/// A generated part of a checked-in file.
struct Region {
    /// The file, from the repository's root.
    file: &'static str,
    /// The line before the part.
    begin: &'static str,
    /// The line after it.
    end: &'static str,
    /// The part itself, given the part as it is now.
    render: fn(&str) -> String,
}

const REGIONS: [Region; 6] = [
    Region {
        file: "crates/wasm/js/index.d.ts",
        begin: "// @generated begin: `cargo xtask pkg` writes what follows from gpt-image-core's catalogue.",
        end: "// @generated end",
        render: |_| typescript(),
    },
    Region {
        file: "crates/wasm/js/index.d.ts",
        begin: "// @generated begin: `cargo xtask pkg` writes the parameters from gpt-image-core's list of parameters.",
        end: "// @generated end",
        render: |_| parameter_interfaces(),
    },
    Region {
        file: "README.md",
        begin: "<!-- @generated begin: `cargo xtask pkg` writes this table from gpt-image-core's catalogue. -->",
        end: "<!-- @generated end -->",
        render: |_| readme_table(),
    },
    Region {
        file: "web/index.html",
        begin: "<!-- @generated begin: `cargo xtask pkg` writes the suggested model's option from gpt-image-core's catalogue. -->",
        end: "<!-- @generated end -->",
        render: |_| suggested_model_option(),
    },
    Region {
        file: "crates/wasm/js/index.js",
        begin: "// @generated begin: `cargo xtask pkg` writes each error class's doc and line, the status table and the classes by name from gpt-image-wasm's `ErrorClass`; the bodies of the classes no status picks are written by hand, and kept.",
        end: "// @generated end",
        render: error_classes_js,
    },
    Region {
        file: "crates/wasm/js/index.d.ts",
        begin: "// @generated begin: `cargo xtask pkg` writes each error class's doc and line from gpt-image-wasm's `ErrorClass`, and the members of the classes a status picks; the members of the others are written by hand, and kept.",
        end: "// @generated end",
        render: error_classes_ts,
    },
];

/// Rewrites every generated part in place.
pub fn write_all() -> Result {
    for region in &REGIONS {
        let path = root().join(region.file);
        let text = fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        let updated = splice(&text, region)?;
        if updated != text {
            fs::write(&path, updated).map_err(|error| format!("{}: {error}", path.display()))?;
            eprintln!("generated: rewrote the catalogue's part of {}", region.file);
        }
    }
    Ok(())
}

/// `text` with the region's part replaced by what the catalogue says now.
fn splice(text: &str, region: &Region) -> Result<String> {
    let missing = |marker: &str| format!("{}: no line {marker:?}", region.file);
    let start = text.find(region.begin).ok_or_else(|| missing(region.begin))? + region.begin.len();
    let stop = start + text[start..].find(region.end).ok_or_else(|| missing(region.end))?;
    Ok(format!("{}\n{}{}", &text[..start], (region.render)(&text[start..stop]), &text[stop..]))
}

/// `'a'\n  | 'b'` lines of a union.
pub(super) fn union(values: impl IntoIterator<Item = String>) -> String {
    values.into_iter().map(|value| format!("  | {value}\n")).collect()
}

pub(super) fn quoted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        let value = format!("'{value}'");
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen
}

/// `` `a`, `b` ``.
pub(super) fn ticked<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values.into_iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
}

/// A `/** … */` comment of `doc`'s lines (trimmed), indented by `indent`,
/// with a last line `see` when there is one.
pub(super) fn doc_comment(indent: &str, doc: &str, see: Option<String>) -> String {
    let mut out = format!("{indent}/**\n");
    for line in doc.trim().lines().map(|line| line.trim().to_owned()).chain(see) {
        let _ = writeln!(out, "{indent} *{}{line}", if line.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
    out
}

pub(super) fn lifecycle_note(model: &ModelSpec) -> String {
    match model.lifecycle(None) {
        Lifecycle::Current => String::new(),
        Lifecycle::Retiring(day) => format!(" Retiring at OpenAI on {day}."),
        Lifecycle::Retired(day) => format!(" Retired at OpenAI on {day}."),
    }
}

pub(super) fn sizes_of(model: &ModelSpec) -> String {
    match model.sizes {
        SizeRule::Standard(sizes) => {
            ticked(sizes.iter().map(Size::to_string).collect::<Vec<_>>().iter().map(String::as_str))
        }
        SizeRule::Custom(limits) => format!(
            "`auto` or any `WIDTHxHEIGHT` with sides multiples of {}, 1:{r} to {r}:1, at most {} on the longest edge, {} to {} pixels",
            limits.step,
            limits.max_edge,
            limits.min_pixels,
            limits.max_pixels,
            r = limits.max_aspect_ratio
        ),
    }
}

pub(super) fn qualities_of(model: &ModelSpec) -> String {
    ticked(model.qualities.iter().map(Quality::as_str))
}

#[cfg(test)]
mod tests {
    use gpt_image_core::{Endpoint, PARAMETERS, catalogue};
    use gpt_image_wasm::ErrorClass;

    use super::*;

    #[test]
    fn checked_in_copies_match_the_catalogue() {
        for region in &REGIONS {
            let path = root().join(region.file);
            let text = fs::read_to_string(&path).unwrap();
            let expected = splice(&text, region).unwrap();
            assert!(
                expected == text,
                "{} has drifted from gpt-image-core's catalogue: run `cargo xtask pkg` and commit the result",
                region.file
            );
        }
    }

    /// Adding a parameter cannot be half done: every entry of core's one
    /// list of parameters is declared in the interface of each endpoint that
    /// takes it (and in no other), typed as the list says, and each type it
    /// names is declared in `index.d.ts`. The server's parser and the
    /// playground's stored form are made from the same list by
    /// `gpt-image-core`'s macro; this test holds what xtask generates.
    #[test]
    fn every_parameter_is_declared_for_the_endpoints_that_take_it() {
        let interfaces = parameter_interfaces();
        let body = |name: &str| {
            let start = interfaces.find(&format!("export interface {name} {{")).expect(name);
            let end = start + interfaces[start..].find("\n}\n").expect("the interface ends");
            interfaces[start..end].to_owned()
        };
        let index = fs::read_to_string(root().join("crates/wasm/js/index.d.ts")).unwrap();
        for (endpoint, interface) in
            [(Endpoint::Generate, "ImageGenerateParamsBase"), (Endpoint::Edit, "ImageEditParamsCommon")]
        {
            let declared = body(interface);
            for parameter in PARAMETERS {
                let typescript = match endpoint {
                    Endpoint::Generate => parameter.typescript.0,
                    Endpoint::Edit => parameter.typescript.1,
                };
                let field = format!("\n  {}?: {typescript} | null;", parameter.name);
                assert_eq!(
                    declared.contains(&field),
                    parameter.applies.to(endpoint),
                    "{interface} and `{}`: declared where the endpoint takes it, and only there",
                    parameter.name
                );
                assert!(!parameter.doc.trim().is_empty(), "`{}` has a doc for its declaration", parameter.name);
                if typescript.starts_with(char::is_uppercase) {
                    let (as_type, as_interface) =
                        (format!("export type {typescript} "), format!("export interface {typescript} "));
                    assert!(
                        index.contains(&as_type) || index.contains(&as_interface),
                        "`{}` is typed {typescript}, which index.d.ts does not declare",
                        parameter.name
                    );
                }
            }
        }
    }

    /// `export class Name extends Parent` of every error class in a file.
    fn declared_classes(text: &str) -> Vec<(String, String)> {
        text.lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("export class ")?;
                let mut words = rest.split_whitespace();
                let (name, extends, parent) = (words.next()?, words.next()?, words.next()?);
                (extends == "extends" && name.ends_with("Error")).then(|| (name.to_owned(), parent.to_owned()))
            })
            .collect()
    }

    /// Neither file can name a class `ErrorClass` does not, extend another
    /// parent, or class a status otherwise: each declares every class once
    /// with its parent, `index.js`'s table picks `ErrorClass::of_status`'s
    /// class for every status, and each status's class is declared with its
    /// status in `index.d.ts`.
    #[test]
    fn the_error_classes_and_the_status_table_cannot_drift() {
        let expected: Vec<(String, String)> = ErrorClass::ALL
            .into_iter()
            .map(|class| (class.name().to_owned(), class.parent().map_or("Error", ErrorClass::name).to_owned()))
            .collect();
        let js = fs::read_to_string(root().join("crates/wasm/js/index.js")).unwrap();
        let ts = fs::read_to_string(root().join("crates/wasm/js/index.d.ts")).unwrap();
        assert_eq!(declared_classes(&js), expected, "index.js");
        assert_eq!(declared_classes(&ts), expected, "index.d.ts");

        let table = &js[js.find("const STATUS_CLASSES = [").expect("index.js has the status table")..];
        let ranges: Vec<(f64, f64, &str)> = table
            .lines()
            .skip(1)
            .take_while(|line| *line != "];")
            .map(|line| {
                let fields: Vec<&str> =
                    line.trim().trim_start_matches('[').trim_end_matches("],").split(", ").collect();
                let bound = |field: &str| if field == "Infinity" { f64::INFINITY } else { field.parse().unwrap() };
                (bound(fields[0]), bound(fields[1]), fields[2])
            })
            .collect();
        for status in 0..=u16::MAX {
            let value = f64::from(status);
            let picked =
                ranges.iter().find(|(low, high, _)| value >= *low && value <= *high).map_or("APIError", |r| r.2);
            assert_eq!(picked, ErrorClass::of_status(status).name(), "index.js classes {status} otherwise");
        }
        let map = &js[js.find("const classes = {").expect("index.js has the classes by name")..];
        let map = &map[..map.find("};").unwrap()];
        for class in ErrorClass::ALL {
            assert!(map.contains(&format!("\n  {},\n", class.name())), "{} is in index.js's classes", class.name());
        }

        for class in ErrorClass::ALL {
            let Some(statuses) = class.statuses() else { continue };
            let status =
                if statuses.start() == statuses.end() { statuses.start().to_string() } else { "number".into() };
            let body = class_body(&ts, class.name()).unwrap();
            assert!(body.contains(&format!("readonly status: {status};")), "{}: {body}", class.name());
            let doc_line = format!("{}: ", statuses_label(class).unwrap());
            let declaration = ts.find(&format!("export class {} ", class.name())).unwrap();
            let comment = &ts[ts[..declaration].rfind("/**").unwrap()..declaration];
            assert!(comment.contains(&doc_line), "{}'s doc names its statuses", class.name());
        }
    }

    #[test]
    fn a_class_keeps_its_hand_written_body_and_a_new_one_starts_empty() {
        let current = "export class ImagesError extends Error {}\n\nexport class ValidationError extends Error {\n  get errors() {\n    return [];\n  }\n}\n";
        let written = error_classes_js(current);
        assert!(written.contains(
            "export class ValidationError extends ImagesError {\n  get errors() {\n    return [];\n  }\n}\n"
        ));
        assert!(written.contains("export class APIConnectionTimeoutError extends APIConnectionError {}\n"));
        assert!(written.contains("export class RateLimitError extends APIError {}\n"));
        assert_eq!(error_classes_js(&written), written);
    }

    #[test]
    fn the_unions_name_every_model_and_quality() {
        let declarations = typescript();
        for name in catalogue::known_names() {
            assert!(declarations.contains(&format!("| '{name}'")), "{name}");
        }
        for quality in ["xhigh", "max", "hd"] {
            assert!(declarations.contains(&format!("| '{quality}'")), "{quality}");
        }
        for known in ["'gif'", "'svg'", "'image/svg+xml'", "'image/gif'", "'low' | 'medium' | 'high'"] {
            assert!(declarations.contains(known), "{known}");
        }
    }
}
