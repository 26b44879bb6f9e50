//! The copies of the catalogue's facts that other files must spell out:
//! the npm package's TypeScript unions and parameter interfaces
//! (`crates/wasm/js/index.d.ts`, the interfaces from core's one list of
//! parameters, [`PARAMETERS`]), the README's table of models, and the npm
//! package's error classes (`index.js` and `index.d.ts`, from
//! gpt-image-wasm's [`ErrorClass`]). Each lives between two marker lines in
//! its file; `cargo xtask pkg` rewrites them from `gpt-image-core` and
//! `gpt-image-wasm`, and a test fails when a checked-in copy has drifted.

use std::fmt::Write as _;
use std::fs;

use gpt_image_core::catalogue::{self, Edits, Lifecycle, MODELS, ModelSpec, Pricing, SizeRule, Support};
use gpt_image_core::{
    Background, Complexity, Endpoint, ImageFormat, InputFidelity, Moderation, PARAMETERS, Quality, ResponseFormat,
    Rule, Size, Style, ValidationMode,
};

use gpt_image_wasm::ErrorClass;

use crate::cmd::{Result, root};

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

/// The body of the class `name` in a region as it is now: from the `{` of
/// its `export class {name} ` line to the first line that is `}` (or `{}`).
fn class_body<'a>(region: &'a str, name: &str) -> Option<&'a str> {
    let open = region.find(&format!("export class {name} "))?;
    let open = open + region[open..].find('{')?;
    if region[open..].starts_with("{}") {
        return Some("{}");
    }
    let close = open + region[open..].find("\n}\n")? + 2;
    Some(&region[open..close])
}

/// The statuses a class stands for, as its doc says them: `429`, `500 and above`.
fn statuses_label(class: ErrorClass) -> Option<String> {
    let statuses = class.statuses()?;
    Some(match (*statuses.start(), *statuses.end()) {
        (low, high) if low == high => low.to_string(),
        (low, u16::MAX) => format!("{low} and above"),
        (low, high) => format!("{low} to {high}"),
    })
}

/// A class's doc: [`ErrorClass::doc`], after its statuses (`429: too
/// many…`); for `APIError`, with the subclass of each status.
fn class_doc(class: ErrorClass) -> String {
    let doc = class.doc();
    if let Some(label) = statuses_label(class) {
        let mut chars = doc.chars();
        let first = chars.next().map(|first| first.to_lowercase().collect::<String>()).unwrap_or_default();
        return format!("{label}: {first}{}", chars.as_str());
    }
    if class != ErrorClass::Api {
        return doc.to_owned();
    }
    let subclasses: Vec<String> = ErrorClass::ALL
        .into_iter()
        .filter_map(|class| Some(format!("{{@link {}}} ({})", class.name(), statuses_label(class)?)))
        .collect();
    let mut sentence = String::from("Each status has its subclass:");
    let mut line_length = sentence.len();
    for (at, subclass) in subclasses.iter().enumerate() {
        let piece = format!("{subclass}{}", if at + 1 == subclasses.len() { "." } else { "," });
        if line_length + 1 + piece.len() > 72 {
            sentence.push('\n');
            line_length = 0;
        } else {
            sentence.push(' ');
            line_length += 1;
        }
        line_length += piece.len();
        sentence.push_str(&piece);
    }
    format!("{doc}\n{sentence}")
}

/// A class's doc as a comment: `/** … */` on one line when it fits.
fn class_comment(class: ErrorClass) -> String {
    match class_doc(class) {
        doc if !doc.contains('\n') && doc.len() <= 120 => format!("/** {doc} */\n"),
        doc => doc_comment("", &doc, None),
    }
}

/// `index.js`'s error classes, each after its parent with its doc (a
/// status's class has no body; the others keep theirs), then the table
/// `APIError.generate` reads and the classes by name.
fn error_classes_js(current: &str) -> String {
    let mut out = String::new();
    for class in ErrorClass::ALL {
        let parent = class.parent().map_or("Error", ErrorClass::name);
        let body = match class.statuses() {
            Some(_) => "{}",
            None => class_body(current, class.name()).unwrap_or("{}"),
        };
        let _ = writeln!(out, "{}export class {} extends {parent} {body}\n", class_comment(class), class.name());
    }
    out.push_str("/**\n * The class of an error answer by its HTTP status: `[lowest, highest, class]`.\n * A status in no range is an {@link APIError}'s.\n */\nconst STATUS_CLASSES = [\n");
    for class in ErrorClass::ALL {
        if let Some(statuses) = class.statuses() {
            let high = match *statuses.end() {
                u16::MAX => "Infinity".to_owned(),
                high => high.to_string(),
            };
            let _ = writeln!(out, "  [{}, {high}, {}],", statuses.start(), class.name());
        }
    }
    out.push_str("];\n\n/** Every error class, by its name. */\nconst classes = {\n");
    for class in ErrorClass::ALL {
        let _ = writeln!(out, "  {},", class.name());
    }
    out.push_str("};\n");
    out
}

/// `index.d.ts`'s declarations of the error classes, each after its parent
/// with its doc: a status's class with its `status` and `headers`, the
/// others with the members written by hand.
fn error_classes_ts(current: &str) -> String {
    let mut out = String::new();
    for (at, class) in ErrorClass::ALL.into_iter().enumerate() {
        let parent = class.parent().map_or("Error", ErrorClass::name);
        let body = match class.statuses() {
            Some(statuses) if statuses.start() == statuses.end() => {
                format!("{{\n  readonly status: {};\n  readonly headers: Headers;\n}}", statuses.start())
            }
            Some(_) => "{\n  readonly status: number;\n  readonly headers: Headers;\n}".to_owned(),
            None => class_body(current, class.name()).unwrap_or("{}").to_owned(),
        };
        let gap = if at == 0 { "" } else { "\n" };
        let _ = writeln!(out, "{gap}{}export class {} extends {parent} {body}", class_comment(class), class.name());
    }
    out
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
        "\n/**\n * The file format of the images ({gpt}; `png` by default): `gif` (an\n * animation) for {gif}, `svg` (written by a text model) for {svg}.\n */\nexport type ImageOutputFormat = {};\n",
        quoted(ImageFormat::KNOWN.iter().copied()).join(" | "),
        gif = ticked(ids(&|m| m.gif.is_some())),
        svg = ticked(ids(&|m| m.svg == Support::Yes)),
    );
    let mime_types: Vec<String> =
        ImageFormat::KNOWN.iter().map(|format| ImageFormat::from(*format).mime_type().to_owned()).collect();
    let _ = write!(
        out,
        "\n/** The type of an image file, read from its bytes: one per output format. */\nexport type ImageMimeType = {};\n",
        quoted(mime_types.iter().map(String::as_str)).join(" | ")
    );
    let _ = write!(
        out,
        "\n/**\n * How much the model plans the picture before drawing it, for {}:\n * `high` by default; independent of `quality`.\n */\nexport type ImageComplexity = {};\n",
        ticked(ids(&|m| m.complexity == Support::Yes)),
        quoted(Complexity::KNOWN.iter().copied()).join(" | ")
    );
    let svg_doc = PARAMETERS.iter().find(|parameter| parameter.name == "svg").map_or("", |parameter| parameter.doc);
    let _ = write!(
        out,
        "\n{}export interface ImageSvgOptions {{\n  /** The text model that writes the SVG from the image model's picture. */\n  model?: string | null;\n  /** The text model's reasoning. */\n  reasoning?: {{\n    /** Its reasoning effort. */\n    effort?: string | null;\n    [key: string]: unknown;\n  }} | null;\n  /** Members this package does not name are sent as written. */\n  [key: string]: unknown;\n}}\n",
        doc_comment("", svg_doc, None)
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

/// A `/** … */` comment of `doc`'s lines (trimmed), indented by `indent`,
/// with a last line `see` when there is one.
fn doc_comment(indent: &str, doc: &str, see: Option<String>) -> String {
    let mut out = format!("{indent}/**\n");
    for line in doc.trim().lines().map(|line| line.trim().to_owned()).chain(see) {
        let _ = writeln!(out, "{indent} *{}{line}", if line.is_empty() { "" } else { " " });
    }
    let _ = writeln!(out, "{indent} */");
    out
}

/// The prompt's limits, from the catalogue: `32000 characters for GPT
/// Image 2.6, …; 4000 for DALL·E 3`, by family.
fn prompt_limits(endpoint: Endpoint) -> String {
    let mut limits: Vec<(u32, Vec<&str>)> = Vec::new();
    for model in MODELS.iter().filter(|model| endpoint == Endpoint::Generate || model.edits != Edits::None) {
        let family = model.family_spec().name;
        match limits.iter_mut().find(|(limit, _)| *limit == model.prompt_limit) {
            Some((_, families)) if families.contains(&family) => {}
            Some((_, families)) => families.push(family),
            None => limits.push((model.prompt_limit, vec![family])),
        }
    }
    let parts: Vec<String> =
        limits.iter().map(|(limit, families)| format!("{limit} characters for {}", families.join(", "))).collect();
    parts.join("; ")
}

/// The parameter interfaces of both endpoints: `prompt`, then every
/// parameter of [`PARAMETERS`] the endpoint takes, each with its doc, typed
/// as its `typescript` says.
fn parameter_interfaces() -> String {
    let mut out = String::new();
    for (endpoint, name, what) in [
        (
            Endpoint::Generate,
            "ImageGenerateParamsBase",
            "The parameters of `images.generate` (`POST /images/generations`), as in\nthe API's `CreateImageRequest`.",
        ),
        (
            Endpoint::Edit,
            "ImageEditParamsCommon",
            "The fields of an edit (`POST /images/edits`) other than its images.",
        ),
    ] {
        let intro = format!(
            "{what}\n`null` is the same as leaving a field out.\n\nEvery field is checked before anything is sent; a request that breaks the\nrules is rejected with a {{@link ValidationError}}. Fields the package does\nnot know are sent as they are, with a warning that names each (a\nprovider's extensions, a parameter newer than this package): pass them in an\nobject typed with your own interface extending this one."
        );
        let _ = write!(out, "\n{}export interface {name} {{\n", doc_comment("", &intro, None));
        let prompt = match endpoint {
            Endpoint::Generate => "What to draw.",
            Endpoint::Edit => "What to change.",
        };
        let limits = format!("{prompt} Required; at most {}.", prompt_limits(endpoint));
        let _ = writeln!(out, "{}  prompt: string;", doc_comment("  ", &limits, None));
        for parameter in gpt_image_core::parameters::of(endpoint) {
            let typescript = match endpoint {
                Endpoint::Generate => parameter.typescript.0,
                Endpoint::Edit => parameter.typescript.1,
            };
            let mut see = typescript.starts_with(char::is_uppercase).then(|| format!("See {{@link {typescript}}}."));
            if parameter.name == "model" {
                see = Some(model_default(endpoint));
            }
            let _ =
                writeln!(out, "{}  {}?: {typescript} | null;", doc_comment("  ", parameter.doc, see), parameter.name);
        }
        out.push_str("}\n");
    }
    out.push_str(&edit_inputs());
    out
}

/// The two ways of giving an edit its images, with what the catalogue says
/// of how many each model takes and which take markup.
fn edit_inputs() -> String {
    let most = MODELS
        .iter()
        .filter_map(|model| match model.edits {
            Edits::Images(most) => Some(most),
            Edits::None | Edits::OneSquarePng => None,
        })
        .max()
        .unwrap_or(1);
    let one = ticked(MODELS.iter().filter(|model| model.edits == Edits::OneSquarePng).map(|model| model.id));
    let markup = ticked(MODELS.iter().filter(|model| model.markup == Support::Yes).map(|model| model.id));
    format!(
        "
/** An edit of uploaded files, sent as `multipart/form-data` (the API's `CreateImageEditRequest`). */
export interface ImageEditFiles {{
  /** The image to edit, or up to {most} of them (GPT image models; {one} takes one). */
  image: Uploadable | Uploadable[];
  /**
   * A PNG of the first image's size whose fully transparent pixels mark
   * where to edit; under 4 MB.
   */
  mask?: Uploadable | null;
  /**
   * For {markup}: a transparent PNG holding only marks (arrows, circles,
   * scribbles) that the prompt explains, the size of the first image; not
   * with `mask`.
   */
  markup?: Uploadable | null;
  images?: never;
}}

/** An edit of images given by reference, sent as JSON (the API's `EditImageBodyJsonParam`; GPT image models only). */
export interface ImageEditReferences {{
  /** The images to edit, 1 to {most}. */
  images: ImageReference[];
  /** The mask, by reference; see {{@link ImageEditFiles.mask}}. */
  mask?: ImageReference | null;
  /** The markup, by reference; see {{@link ImageEditFiles.markup}}. */
  markup?: ImageReference | null;
  image?: never;
}}
"
    )
}

/// What the API picks without a model, from the catalogue.
fn model_default(endpoint: Endpoint) -> String {
    match endpoint {
        Endpoint::Generate => format!(
            "The API's default: `{}`, or `{}` when a parameter only the GPT image models take is set ({}). See {{@link ImageModel}}.",
            catalogue::DEFAULT_GENERATE_MODEL,
            catalogue::DEFAULT_GPT_MODEL,
            ticked(catalogue::GPT_ONLY_PARAMETERS.iter().copied())
        ),
        Endpoint::Edit => {
            format!("The API's default: `{}`. See {{@link ImageModel}}.", catalogue::DEFAULT_EDIT_MODEL)
        }
    }
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
