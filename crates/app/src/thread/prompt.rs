//! A turn's prompt for a provider that has only the Images API: it cannot
//! read the earlier turns, so they are summed up in the prompt, oldest
//! first, before what this turn asks. The previous turn's image is the
//! edit's input, so the summary only has to keep the thread's intent.

/// The most characters of one earlier turn kept in the summary.
const EARLIER_CHARS: usize = 200;

/// `text`, with the `earlier` turns' texts (oldest first) summed up before
/// it, in at most `limit` characters: the oldest earlier turns go first
/// when they do not fit, and `text` itself is cut only when it alone is
/// too long.
pub fn images_prompt(earlier: &[&str], text: &str, limit: usize) -> String {
    let text = text.trim();
    let short = |said: &str| {
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        if said.chars().count() <= EARLIER_CHARS {
            said
        } else {
            format!("{}…", said.chars().take(EARLIER_CHARS - 1).collect::<String>().trim_end())
        }
    };
    let mut kept: Vec<String> = earlier.iter().map(|said| short(said)).filter(|said| !said.is_empty()).collect();
    loop {
        let prompt = match kept.len() {
            0 => text.to_owned(),
            _ => format!("Earlier in this conversation: {}. Now: {text}", kept.join("; then ")),
        };
        if prompt.chars().count() <= limit || kept.is_empty() {
            return prompt.chars().take(limit).collect();
        }
        kept.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_turns_come_first_oldest_first() {
        assert_eq!(images_prompt(&[], " a red kite ", 1000), "a red kite");
        assert_eq!(
            images_prompt(&["a red kite", "make it blue"], "add a boat", 1000),
            "Earlier in this conversation: a red kite; then make it blue. Now: add a boat"
        );
    }

    #[test]
    fn the_oldest_go_when_the_prompt_is_too_long() {
        let prompt = images_prompt(&["a red kite over a long beach", "make it blue"], "add a boat", 70);
        assert_eq!(prompt, "Earlier in this conversation: make it blue. Now: add a boat");
        assert_eq!(images_prompt(&["x"], &"y".repeat(80), 50).chars().count(), 50, "the turn's own text is cut last");
        let long = "word ".repeat(100);
        assert!(images_prompt(&[&long], "now", 10_000).contains('…'), "each earlier turn is shortened");
    }
}
