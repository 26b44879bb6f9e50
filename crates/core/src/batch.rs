//! The prompts of a batch: a list, one prompt a line, where a line may be
//! a template whose `{a|b|c}` groups expand to every combination
//! (`a {red|blue|green} kite over a {harbour|hill}` is six prompts).
//! `{{` and `}}` stand for a brace itself.

use crate::issue::{Issue, Rule};

/// The most prompts one batch may expand to: beyond it a typo (a group
/// too many) would queue thousands of paid requests.
pub const MAX_BATCH_PROMPTS: usize = 500;

/// The field issues name: the batch's text.
const FIELD: &str = "prompts";

/// Every prompt of `text`: each non-blank line, trimmed, with its groups
/// expanded, in order. A line that is not a well-formed template, or a
/// batch of more than [`MAX_BATCH_PROMPTS`], is an issue naming the line.
pub fn prompts(text: &str) -> Result<Vec<String>, Issue> {
    let mut all = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let expanded = expand(line, MAX_BATCH_PROMPTS - all.len())
            .map_err(|(rule, message)| Issue::error(FIELD, rule, format!("line {}: {message}", index + 1)))?;
        all.extend(expanded);
    }
    if all.is_empty() {
        return Err(Issue::error(FIELD, Rule::Required, "write at least one prompt, one a line"));
    }
    Ok(all)
}

/// One line's prompts: every combination of its groups, at most `room` of them.
fn expand(line: &str, room: usize) -> Result<Vec<String>, (Rule, String)> {
    let parts = parse(line)?;
    let count = parts.iter().try_fold(1usize, |count, part| match part {
        Part::Text(_) => Some(count),
        Part::Group(choices) => count.checked_mul(choices.len()),
    });
    match count {
        Some(count) if count <= room => {}
        _ => {
            return Err((
                Rule::Range,
                format!("its groups make more prompts than a batch may hold ({MAX_BATCH_PROMPTS} in all)"),
            ));
        }
    }
    let mut prompts = vec![String::new()];
    for part in &parts {
        prompts = match part {
            Part::Text(text) => prompts.into_iter().map(|prompt| prompt + text).collect(),
            Part::Group(choices) => prompts
                .iter()
                .flat_map(|prompt| choices.iter().map(move |choice| format!("{prompt}{choice}")))
                .collect(),
        };
    }
    Ok(prompts)
}

/// A piece of a template line.
#[derive(Debug, PartialEq)]
enum Part {
    /// Text as it is.
    Text(String),
    /// `{a|b|c}`: one of its choices.
    Group(Vec<String>),
}

/// The pieces of a line; an unclosed `{`, a `}` without its `{`, or a
/// group inside a group is a malformed template.
fn parse(line: &str) -> Result<Vec<Part>, (Rule, String)> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut group: Option<Vec<String>> = None;
    let mut chars = line.chars().peekable();
    while let Some(char) = chars.next() {
        match (char, &mut group) {
            ('{', None) if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            ('}', None) if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            ('{', None) => {
                parts.push(Part::Text(std::mem::take(&mut text)));
                group = Some(Vec::new());
            }
            ('}', None) => return Err((Rule::Malformed, "a `}` closes no group (write `}}` for a brace)".into())),
            ('{', Some(_)) => return Err((Rule::Malformed, "a group inside a group: `{` before the `}`".into())),
            ('|', Some(choices)) => choices.push(std::mem::take(&mut text)),
            ('}', Some(choices)) => {
                choices.push(std::mem::take(&mut text));
                parts.push(Part::Group(std::mem::take(choices)));
                group = None;
            }
            (char, _) => text.push(char),
        }
    }
    if group.is_some() {
        return Err((Rule::Malformed, "a `{` is not closed (write `{{` for a brace)".into()));
    }
    parts.push(Part::Text(text));
    parts.retain(|part| *part != Part::Text(String::new()));
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_expand_to_every_combination_in_order() {
        let expanded = prompts("a {red|blue|green} kite over a {harbour|hill}").unwrap();
        assert_eq!(expanded.len(), 6);
        assert_eq!(expanded[0], "a red kite over a harbour");
        assert_eq!(expanded[1], "a red kite over a hill");
        assert_eq!(expanded[5], "a green kite over a hill");
    }

    #[test]
    fn lines_are_prompts_and_blank_ones_are_skipped() {
        let list = prompts("  a lighthouse \n\n a {cat|dog}\n").unwrap();
        assert_eq!(list, ["a lighthouse", "a cat", "a dog"]);
    }

    #[test]
    fn braces_written_twice_are_braces_and_an_empty_choice_is_allowed() {
        assert_eq!(prompts("json {{\"a\": 1}}").unwrap(), ["json {\"a\": 1}"]);
        assert_eq!(prompts("a{| big} kite").unwrap(), ["a kite", "a big kite"]);
    }

    #[test]
    fn a_malformed_line_is_named() {
        let issue = prompts("fine\na {red|blue kite").unwrap_err();
        assert_eq!((issue.field.as_str(), issue.rule), ("prompts", Rule::Malformed));
        assert!(issue.message.starts_with("line 2: a `{` is not closed"), "{}", issue.message);
        assert!(prompts("a } kite").unwrap_err().message.contains("closes no group"));
        assert!(prompts("a {b{c}|d} kite").unwrap_err().message.contains("inside a group"));
        assert_eq!(prompts(" \n ").unwrap_err().rule, Rule::Required);
    }

    #[test]
    fn a_batch_too_large_is_refused_before_it_is_written_out() {
        let ten = "{0|1|2|3|4|5|6|7|8|9}";
        let issue = prompts(&ten.repeat(20)).unwrap_err();
        assert_eq!(issue.rule, Rule::Range);
        assert!(issue.message.contains("500"), "{}", issue.message);
        let most = format!("{ten}{ten}{{0|1|2|3|4}}\nx");
        assert!(prompts(&most).is_err(), "500 from the first line and one more");
        assert_eq!(prompts(&format!("{ten}{ten}{{0|1|2|3|4}}")).unwrap().len(), 500);
    }
}
