//! What was asked against what the answer says was done: the size,
//! quality, format and background an Images API answer reports, beside the
//! request's. A provider may pick for `auto` (or for a field left out),
//! round a size, or ignore a value it does not take; people comparing
//! images want to see which.

use std::fmt::Display;

use crate::parameters::Shared;
use crate::response::ImagesResponse;

/// One reported fact of an answer, beside what was asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// The parameter: `size`, `quality`, `output_format` or `background`.
    pub field: &'static str,
    /// What the request asked (`None`: left out, the provider's default).
    pub asked: Option<String>,
    /// What the answer says was done.
    pub answered: String,
    /// Whether the answer is other than what was asked: a value asked for
    /// and not given. Leaving a field out, or asking `auto`, lets the
    /// provider choose, and its choice is no difference.
    pub differs: bool,
}

/// The facts an answer reports, each beside what `asked` asked; facts the
/// answer does not report are left out.
pub fn answered(asked: Shared<'_>, answer: &ImagesResponse) -> Vec<Answered> {
    let mut facts = Vec::new();
    push(&mut facts, "size", asked.size, answer.size.as_ref());
    push(&mut facts, "quality", asked.quality, answer.quality.as_ref());
    push(&mut facts, "output_format", asked.output_format, answer.output_format.as_ref());
    push(&mut facts, "background", asked.background, answer.background.as_ref());
    facts
}

fn push<T: Display + PartialEq>(facts: &mut Vec<Answered>, field: &'static str, asked: Option<&T>, answer: Option<&T>) {
    let Some(answer) = answer else { return };
    let asked = asked.map(ToString::to_string);
    let chosen_by_provider = asked.as_deref().is_none_or(|asked| asked == "auto");
    let answered = answer.to_string();
    let differs = !chosen_by_provider && asked.as_deref() != Some(answered.as_str());
    facts.push(Answered { field, asked, answered, differs });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::GenerateRequest;
    use crate::params::{Background, ImageFormat, Quality};
    use crate::size::Size;

    #[test]
    fn a_provider_that_chose_for_auto_differs_from_nothing_and_one_that_changed_a_value_does() {
        let request = GenerateRequest {
            size: Some(Size::from("1536x1024")),
            quality: Some(Quality::Auto),
            output_format: Some(ImageFormat::Webp),
            ..GenerateRequest::default()
        };
        let answer = ImagesResponse {
            size: Some(Size::from("1024x1024")),
            quality: Some(Quality::High),
            output_format: Some(ImageFormat::Png),
            background: Some(Background::Opaque),
            ..ImagesResponse::default()
        };
        let facts = answered(request.shared(), &answer);
        let by = |field: &str| facts.iter().find(|fact| fact.field == field).unwrap().clone();
        assert_eq!(by("size").asked.as_deref(), Some("1536x1024"));
        assert!(by("size").differs, "a size asked and not given");
        assert!(!by("quality").differs, "auto let the provider pick high");
        assert_eq!(by("quality").answered, "high");
        assert!(by("output_format").differs);
        assert_eq!(
            (by("background").asked, by("background").differs),
            (None, false),
            "left out: the provider's default"
        );
    }

    #[test]
    fn what_the_answer_does_not_report_is_left_out() {
        let request = GenerateRequest { size: Some(Size::from("1024x1024")), ..GenerateRequest::default() };
        assert!(answered(request.shared(), &ImagesResponse::default()).is_empty());
    }
}
