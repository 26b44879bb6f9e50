//! Images attached to a turn: a gallery image or an earlier turn's image
//! (by the picker, or by typing `@` and its number in the branch in view),
//! or a file pasted or dropped in, kept with the conversation when the turn
//! is sent. Each goes out as the turn's input: an `input_image` data URL on
//! the Responses API, an input of the edit on the Images API.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use super::state::Conversations;
use crate::thread::Reference;

/// An image attached to a turn being written.
#[derive(Clone, Debug, PartialEq)]
pub enum Attached {
    /// An image the gallery or the conversation already keeps.
    Kept(Reference),
    /// A file pasted or dropped in, kept when the turn is sent.
    New(Blob),
}

impl Conversations {
    /// The file of a reference: a gallery image, or a file kept with a
    /// conversation (from this session's memory, else the database).
    pub async fn reference_blob(&self, reference: &Reference) -> Option<Blob> {
        match reference {
            Reference::Gallery { id } => self.gallery.image(*id).await,
            Reference::File { key, .. } => {
                if let Some(blob) = self.files.with_value(|files| files.get(key).cloned()) {
                    return Some(blob);
                }
                let key = key.clone();
                self.gallery.with_store(|store| async move { store.file(&key).await }).await.flatten()
            }
        }
    }

    /// The references of turn `turn` of conversation `thread`: the kept
    /// ones as they are, the new files kept under `THREAD/TURN/N`.
    pub(super) fn keep_references(&self, thread: &str, turn: u32, attached: Vec<Attached>) -> Vec<Reference> {
        attached
            .into_iter()
            .enumerate()
            .map(|(index, attached)| match attached {
                Attached::Kept(reference) => reference,
                Attached::New(blob) => {
                    let key = format!("{thread}/{turn}/{index}");
                    self.files.update_value(|files| {
                        files.insert(key.clone(), blob.clone());
                    });
                    let (gallery, stored) = (self.gallery, key.clone());
                    let file = blob.clone();
                    spawn_local(async move {
                        gallery
                            .writing(gallery.with_store(|store| async move { store.put_file(&stored, &file).await }))
                            .await;
                    });
                    Reference::File { key, mime_type: blob.type_() }
                }
            })
            .collect()
    }
}

/// The `@` mention being typed before `caret` (in UTF-16 units, as text
/// fields count): where its `@` is (in UTF-16 units) and the digits typed
/// after it. An `@` counts at the start or after a space only.
pub fn mention_at(text: &str, caret: usize) -> Option<(usize, String)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let before = units.get(..caret)?;
    let at = before.iter().rposition(|unit| *unit == u16::from(b'@'))?;
    let typed = String::from_utf16(&before[at + 1..]).ok()?;
    let starts_word = at == 0 || String::from_utf16(&before[at - 1..at]).is_ok_and(|c| c.trim().is_empty());
    (starts_word && typed.chars().all(|c| c.is_ascii_digit())).then_some((at, typed))
}

/// `text` with the mention from `start` to `caret` (UTF-16 units) replaced
/// by `@number `; returns the text and the caret after it.
pub fn complete_mention(text: &str, start: usize, caret: usize, number: usize) -> (String, usize) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let inserted: Vec<u16> = format!("@{number} ").encode_utf16().collect();
    let caret = caret.min(units.len());
    let mut out = units[..start.min(caret)].to_vec();
    out.extend(&inserted);
    let after = out.len();
    out.extend(&units[caret..]);
    (String::from_utf16_lossy(&out), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_is_an_at_and_digits_at_a_word_start() {
        assert_eq!(mention_at("use @", 5), Some((4, String::new())));
        assert_eq!(mention_at("use @12", 7), Some((4, "12".into())));
        assert_eq!(mention_at("@2", 2), Some((0, "2".into())));
        assert_eq!(mention_at("mail a@b", 8), None, "not inside a word");
        assert_eq!(mention_at("use @x", 6), None, "digits only");
        assert_eq!(mention_at("é @", 3), Some((2, String::new())), "UTF-16 units, as a text field counts");
    }

    #[test]
    fn completing_puts_the_number_and_a_space() {
        assert_eq!(complete_mention("like @ please", 5, 6, 2), ("like @2  please".into(), 8));
        assert_eq!(complete_mention("@1", 0, 2, 3), ("@3 ".into(), 3));
    }
}
