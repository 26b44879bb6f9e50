//! The extra fields: fields the parameter list does not name, written as a
//! JSON object and sent exactly as written, read from the text the form
//! holds and written back to it from a stored request.

use gpt_image_wasm::Json;
use gpt_image_wasm::core::parameters::STRUCTURAL_FIELDS;
use gpt_image_wasm::core::{Extra, Issue, PARAMETERS, ParseJson, Rule};

/// The name of the extra fields in problems.
pub const EXTRA: &str = "extra";

/// The extra fields written in `text`: a JSON object (empty text is none).
/// Text that is not an object, or an object that names a parameter (which
/// has its own control) or a file field, is an error naming `extra`.
pub fn extra_fields_with<J: ParseJson>(text: &str) -> Result<Extra, Issue> {
    if text.trim().is_empty() {
        return Ok(Extra::new());
    }
    let refused = |why: String| {
        Issue::error(
            EXTRA,
            Rule::Malformed,
            format!("Extra fields must be a JSON object such as {{\"seed\": 7}}: {why}"),
        )
        .given(text.trim())
        .allowed("{\"seed\": 7}")
    };
    let json = J::parse(text).ok_or_else(|| refused("this is not JSON".into()))?;
    let serde_json::Value::Object(fields) = json.to_value() else {
        return Err(refused(format!("{} is not an object", json.json_text())));
    };
    let taken = fields.keys().find(|name| {
        PARAMETERS.iter().any(|parameter| parameter.name == name.as_str()) || STRUCTURAL_FIELDS.contains(&name.as_str())
    });
    match taken {
        Some(name) => Err(Issue::error(
            EXTRA,
            Rule::Conflict,
            format!("Extra fields: {name} has its own control; set it there, not here"),
        )
        .given(name)
        .other(name)),
        None => Ok(fields),
    }
}

/// [`extra_fields_with`] the browser's `JSON.parse`.
pub fn extra_fields(text: &str) -> Result<Extra, Issue> {
    extra_fields_with::<Json>(text)
}

/// The text of a request's extra fields for the form: those the parameter
/// list does not name (an edit's own parameters, kept in `extra` of a
/// generation's record, go to their controls), as JSON; empty when none.
pub fn extra_text(extra: &Extra) -> String {
    let mut unnamed = extra.clone();
    unnamed.retain(|name, _| !PARAMETERS.iter().any(|parameter| parameter.name == name.as_str()));
    if unnamed.is_empty() { String::new() } else { serde_json::to_string(&unnamed).unwrap_or_default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Native = serde_json::Value;

    #[test]
    fn extra_fields_are_a_json_object_of_names_the_list_lacks() {
        assert_eq!(extra_fields_with::<Native>("  "), Ok(Extra::new()));
        let fields = extra_fields_with::<Native>(r#"{"seed": 7, "safety": {"level": "strict"}}"#).unwrap();
        assert_eq!(serde_json::Value::Object(fields), serde_json::json!({"seed": 7, "safety": {"level": "strict"}}));
        for (text, said) in [
            ("{seed: 7}", "this is not JSON"),
            ("[1, 2]", "[1,2] is not an object"),
            (r#"{"quality": "high"}"#, "quality has its own control"),
            (r#"{"mask": "x"}"#, "mask has its own control"),
        ] {
            let issue = extra_fields_with::<Native>(text).unwrap_err();
            assert_eq!(issue.field, EXTRA);
            assert!(issue.is_error() && issue.message.contains(said), "{text}: {}", issue.message);
        }
    }

    #[test]
    fn stored_extra_fields_leave_the_parameters_to_their_controls() {
        let extra: Extra = serde_json::from_value(serde_json::json!({"input_fidelity": "high", "seed": 7})).unwrap();
        assert_eq!(extra_text(&extra), r#"{"seed":7}"#);
        assert_eq!(extra_text(&Extra::new()), "");
    }
}
