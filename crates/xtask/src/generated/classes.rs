//! The npm package's error classes, in `index.js` and `index.d.ts`, from
//! gpt-image-wasm's [`ErrorClass`]: each class's doc and line, the status
//! table, and the hand-written bodies kept.

use std::fmt::Write as _;

use gpt_image_wasm::ErrorClass;

use super::doc_comment;

/// The body of the class `name` in a region as it is now: from the `{` of
/// its `export class {name} ` line to the first line that is `}` (or `{}`).
pub(super) fn class_body<'a>(region: &'a str, name: &str) -> Option<&'a str> {
    let open = region.find(&format!("export class {name} "))?;
    let open = open + region[open..].find('{')?;
    if region[open..].starts_with("{}") {
        return Some("{}");
    }
    let close = open + region[open..].find("\n}\n")? + 2;
    Some(&region[open..close])
}

/// The statuses a class stands for, as its doc says them: `429`, `500 and above`.
pub(super) fn statuses_label(class: ErrorClass) -> Option<String> {
    let statuses = class.statuses()?;
    Some(match (*statuses.start(), *statuses.end()) {
        (low, high) if low == high => low.to_string(),
        (low, u16::MAX) => format!("{low} and above"),
        (low, high) => format!("{low} to {high}"),
    })
}

/// A class's doc: [`ErrorClass::doc`], after its statuses (`429: too
/// many…`); for `APIError`, with the subclass of each status.
pub(super) fn class_doc(class: ErrorClass) -> String {
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
pub(super) fn class_comment(class: ErrorClass) -> String {
    match class_doc(class) {
        doc if !doc.contains('\n') && doc.len() <= 120 => format!("/** {doc} */\n"),
        doc => doc_comment("", &doc, None),
    }
}

/// `index.js`'s error classes, each after its parent with its doc (a
/// status's class has no body; the others keep theirs), then the table
/// `APIError.generate` reads and the classes by name.
pub(super) fn error_classes_js(current: &str) -> String {
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
pub(super) fn error_classes_ts(current: &str) -> String {
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
