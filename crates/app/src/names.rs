//! File names people can read: a gallery export is named by its date, and
//! each image in it by its number and its prompt.

/// The longest prompt part of an image's file name, in characters.
const PROMPT_CHARS: usize = 48;

/// An export's file name on `today` (`YYYY-MM-DD`): `gpt-image-gallery-2026-11-30.zip`.
pub fn archive_name(today: &str) -> String {
    format!("gpt-image-gallery-{today}.zip")
}

/// The file of image `number` (from 1) in an export:
/// `0001-a-lighthouse-at-dawn-watercolour.png`. The prompt is lowercased,
/// keeps its letters and digits (in any script) and is cut at a word
/// boundary; the number keeps names unique and in order.
pub fn entry_file(number: usize, prompt: &str, extension: &str) -> String {
    let mut slug = String::new();
    for word in prompt.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
        let word = word.to_lowercase();
        let needed = word.chars().count() + usize::from(!slug.is_empty());
        if slug.chars().count() + needed > PROMPT_CHARS {
            if slug.is_empty() {
                slug = word.chars().take(PROMPT_CHARS).collect();
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() { format!("{number:04}.{extension}") } else { format!("{number:04}-{slug}.{extension}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_named_by_its_date() {
        assert_eq!(archive_name("2026-11-30"), "gpt-image-gallery-2026-11-30.zip");
    }

    #[test]
    fn images_are_named_by_number_and_prompt() {
        assert_eq!(
            entry_file(1, "A lighthouse at dawn, watercolour", "png"),
            "0001-a-lighthouse-at-dawn-watercolour.png"
        );
        assert_eq!(entry_file(12, "  «Café» über Zürich!  ", "jpg"), "0012-café-über-zürich.jpg");
        assert_eq!(entry_file(3, "!!!", "webp"), "0003.webp", "no words, just the number");
        let long = entry_file(4, &"word ".repeat(40), "png");
        assert!(long.chars().count() <= 4 + 1 + PROMPT_CHARS + 4, "{long}");
        assert!(long.ends_with("-word.png"), "cut between words: {long}");
        assert_eq!(entry_file(5, &"x".repeat(100), "png"), format!("0005-{}.png", "x".repeat(PROMPT_CHARS)));
    }
}
