//! `index.d.ts`'s unions (models, sizes, qualities, …) and the parameter
//! interfaces of both endpoints, from the catalogue and core's one list of
//! parameters.

use std::fmt::Write as _;

use gpt_image_core::catalogue::{self, Edits, MODELS, ModelSpec, Support};
use gpt_image_core::{
    Background, Complexity, Endpoint, ImageFormat, InputFidelity, Moderation, PARAMETERS, Quality, ResponseFormat,
    Rule, Size, Style, ValidationMode,
};

use super::{doc_comment, lifecycle_note, qualities_of, quoted, sizes_of, ticked, union};

/// The TypeScript unions and their documentation.
pub(super) fn typescript() -> String {
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

/// The prompt's limits, from the catalogue: `32000 characters for GPT
/// Image 2.6, …; 4000 for DALL·E 3`, by family.
pub(super) fn prompt_limits(endpoint: Endpoint) -> String {
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
pub(super) fn parameter_interfaces() -> String {
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
pub(super) fn edit_inputs() -> String {
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
pub(super) fn model_default(endpoint: Endpoint) -> String {
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
