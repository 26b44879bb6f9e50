//! The copies of the catalogue's facts that other files must spell out:
//! the npm package's TypeScript unions (`crates/wasm/js/index.d.ts`) and the
//! README's table of models. Each lives between two marker lines in its
//! file; `cargo xtask pkg` rewrites them from `gpt-image-core`, and a test
//! fails when a checked-in copy has drifted.

use std::fmt::Write as _;
use std::fs;

use gpt_image_core::catalogue::{self, Edits, Lifecycle, MODELS, ModelSpec, Pricing, SizeRule, Support};
use gpt_image_core::{
    Background, ImageFormat, InputFidelity, Moderation, Quality, ResponseFormat, Rule, Size, Style, ValidationMode,
};

use crate::cmd::{Result, root};

/// A generated part of a checked-in file.
struct Region {
    /// The file, from the repository's root.
    file: &'static str,
    /// The line before the part.
    begin: &'static str,
    /// The line after it.
    end: &'static str,
    /// The part itself.
    render: fn() -> String,
}

const REGIONS: [Region; 3] = [
    Region {
        file: "crates/wasm/js/index.d.ts",
        begin: "// @generated begin: `cargo xtask pkg` writes what follows from gpt-image-core's catalogue.",
        end: "// @generated end",
        render: typescript,
    },
    Region {
        file: "README.md",
        begin: "<!-- @generated begin: `cargo xtask pkg` writes this table from gpt-image-core's catalogue. -->",
        end: "<!-- @generated end -->",
        render: readme_table,
    },
    Region {
        file: "web/index.html",
        begin: "<!-- @generated begin: `cargo xtask pkg` writes the suggested model's option from gpt-image-core's catalogue. -->",
        end: "<!-- @generated end -->",
        render: suggested_model_option,
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
    Ok(format!("{}\n{}{}", &text[..start], (region.render)(), &text[stop..]))
}

/// `'a'\n  | 'b'` lines of a union.
fn union(values: impl IntoIterator<Item = String>) -> String {
    values.into_iter().map(|value| format!("  | {value}\n")).collect()
}

fn quoted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
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
fn ticked<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values.into_iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
}

fn lifecycle_note(model: &ModelSpec) -> String {
    match model.lifecycle(None) {
        Lifecycle::Current => String::new(),
        Lifecycle::Retiring(day) => format!(" Retiring at OpenAI on {day}."),
        Lifecycle::Retired(day) => format!(" Retired at OpenAI on {day}."),
    }
}

fn sizes_of(model: &ModelSpec) -> String {
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

fn qualities_of(model: &ModelSpec) -> String {
    ticked(model.qualities.iter().map(Quality::as_str))
}

/// The TypeScript unions and their documentation.
fn typescript() -> String {
    let mut out = String::new();
    let ids =
        |filter: &dyn Fn(&ModelSpec) -> bool| MODELS.iter().filter(|m| filter(m)).map(|m| m.id).collect::<Vec<_>>();
    let _ = writeln!(out, "\n/**\n * The model. Any string is sent as it is; the names this package knows:\n *");
    for model in MODELS {
        let snapshots = if model.snapshots.is_empty() {
            String::new()
        } else {
            format!(" (also {})", ticked(model.snapshots.iter().copied()))
        };
        let _ = writeln!(out, " * - `{}`{snapshots}: {}.{}", model.id, model.summary, lifecycle_note(model));
    }
    let _ = writeln!(
        out,
        " *\n * A `provider/` prefix (`openai/{first}`) and dated snapshots this package\n * does not list yet follow their model's rules. Any other name is sent with a\n * warning, and only what the API itself or every model of its family refuses\n * stops it.\n */",
        first = MODELS[0].id
    );
    out.push_str("export type ImageModel =\n");
    out.push_str(&union(quoted(catalogue::known_names()).into_iter().chain(["(string & {})".to_owned()])));
    out.pop();
    out.push_str(";\n\n/**\n * The size of the images. By model:\n *\n");
    for model in MODELS {
        let _ = writeln!(out, " * - `{}`: {}.", model.id, sizes_of(model));
    }
    out.push_str(" */\nexport type ImageSize =\n");
    let presets: Vec<String> = MODELS.iter().flat_map(|m| m.size_presets()).map(Size::to_string).collect();
    let sizes = quoted(presets.iter().map(String::as_str))
        .into_iter()
        .chain(["`${number}x${number}`".to_owned(), "(string & {})".to_owned()]);
    out.push_str(&union(sizes));
    out.pop();
    out.push_str(";\n\n/**\n * The quality of a generation; `auto` (the default) lets the model pick. By model:\n *\n");
    for model in MODELS {
        let _ = writeln!(out, " * - `{}`: {}.", model.id, qualities_of(model));
    }
    out.push_str(" *\n * A quality this package does not know yet is sent with a warning.\n */\nexport type ImageGenerateQuality =\n");
    let all: Vec<&Quality> = catalogue::known_qualities();
    out.push_str(&union(quoted(all.iter().map(|q| q.as_str())).into_iter().chain(["(string & {})".to_owned()])));
    out.pop();
    let editing: Vec<&str> = MODELS
        .iter()
        .filter(|m| m.edits != Edits::None)
        .flat_map(|m| m.qualities.iter().map(Quality::as_str))
        .collect();
    let editors = ids(&|m| m.edits != Edits::None);
    let _ = writeln!(out, ";\n\n/** The quality of an edit, for the models that edit ({}). */", ticked(editors));
    out.push_str("export type ImageEditQuality =\n");
    out.push_str(&union(quoted(editing).into_iter().chain(["(string & {})".to_owned()])));
    out.pop();
    let gpt = ticked(ids(&|m| m.gpt_parameters));
    let transparent = ticked(ids(&|m| m.transparency == Support::Yes));
    let preview = ticked(ids(&|m| m.transparency == Support::Preview));
    let _ = write!(
        out,
        ";\n\n/**\n * The background ({gpt}): `transparent` needs `output_format` `png` or\n * `webp`; supported by {transparent}, a preview for {preview}.\n */\nexport type ImageBackground = {};\n",
        quoted(Background::KNOWN.iter().copied()).join(" | ")
    );
    let _ = write!(
        out,
        "\n/** Content moderation ({gpt}): `auto` (the default) or the less strict `low`. */\nexport type ImageModeration = {};\n",
        quoted(Moderation::KNOWN.iter().copied()).join(" | ")
    );
    let _ = write!(
        out,
        "\n/** The file format of the images ({gpt}; `png` by default). */\nexport type ImageOutputFormat = {};\n",
        quoted(ImageFormat::KNOWN.iter().copied()).join(" | ")
    );
    let _ = write!(
        out,
        "\n/**\n * How images come back: `url` or `b64_json`. OpenAI's GPT image models\n * always answer with `b64_json`; some providers send links.\n */\nexport type ImageResponseFormat = {};\n",
        quoted(ResponseFormat::KNOWN.iter().copied()).join(" | ")
    );
    let _ = write!(
        out,
        "\n/** The look of the images, for {}: `vivid` (the default) or `natural`. */\nexport type ImageStyle = {};\n",
        ticked(ids(&|m| m.style)),
        quoted(Style::KNOWN.iter().copied()).join(" | ")
    );
    let no_fidelity = ticked(ids(&|m| m.gpt_parameters && m.input_fidelity == Support::No));
    let _ = write!(
        out,
        "\n/**\n * How closely an edit keeps the style and features (faces above all) of its\n * inputs: `low` (the default) or `high`. Not for {no_fidelity}.\n */\nexport type ImageInputFidelity = {};\n",
        quoted(InputFidelity::KNOWN.iter().copied()).join(" | ")
    );
    out.push_str("\n/**\n * The rules validation checks:\n *\n");
    for rule in Rule::ALL {
        let _ = writeln!(out, " * - `{}`: {}.", rule.name(), rule.meaning());
    }
    out.push_str(" */\nexport type IssueRule =\n");
    out.push_str(&union(quoted(Rule::ALL.map(Rule::name))));
    out.pop();
    let _ = writeln!(
        out,
        ";\n\n/**\n * What validation may stop, per client and per call: `full` (the default:\n * errors stop the request), `warn` (every problem is a warning; for providers\n * with rules of their own) or `off` (no checks).\n */\nexport type ValidationMode = {};",
        quoted(ValidationMode::NAMES).join(" | ")
    );
    out
}

/// The first paint's model picker (`web/index.html`): the model the
/// playground starts with, labelled as the app labels it.
fn suggested_model_option() -> String {
    let model = catalogue::find(catalogue::SUGGESTED_MODEL).expect("the suggested model is in the catalogue");
    format!("<option>{} — {}</option>\n", model.id, model.summary)
}

/// The README's table: one row per model.
fn readme_table() -> String {
    let mut out = String::from(
        "| model | what it is | sizes | qualities | price per 1M tokens (text in / image in / image out) | at OpenAI |\n|---|---|---|---|---|---|\n",
    );
    for model in MODELS {
        let names = std::iter::once(format!("`{}`", model.id))
            .chain(model.snapshots.iter().map(|s| format!("`{s}`")))
            .collect::<Vec<_>>()
            .join("<br>");
        let sizes = match model.sizes {
            SizeRule::Standard(_) => sizes_of(model),
            SizeRule::Custom(limits) => format!("custom, up to {} on the longest edge", limits.max_edge),
        };
        let price = match &model.prices {
            Pricing::Tokens(p) => format!("${} / ${} / ${}", p.text_input, p.image_input, p.image_output),
            Pricing::PerImage(_) => "per image".to_owned(),
        };
        let status = match model.lifecycle(None) {
            Lifecycle::Current => "current".to_owned(),
            Lifecycle::Retiring(day) => format!("retiring {day}"),
            Lifecycle::Retired(day) => format!("retired {day}"),
        };
        let _ =
            writeln!(out, "| {names} | {} | {sizes} | {} | {price} | {status} |", model.summary, qualities_of(model));
    }
    out
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn the_unions_name_every_model_and_quality() {
        let declarations = typescript();
        for name in catalogue::known_names() {
            assert!(declarations.contains(&format!("| '{name}'")), "{name}");
        }
        for quality in ["xhigh", "max", "hd"] {
            assert!(declarations.contains(&format!("| '{quality}'")), "{quality}");
        }
    }
}
