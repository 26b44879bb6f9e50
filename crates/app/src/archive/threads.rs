//! Linking an imported archive's conversations to what the import wrote:
//! each conversation gets a new id, so that importing never overwrites a
//! conversation of this browser (nor one imported before), and its images'
//! entries, its files' keys and its references follow; once the images are
//! written under their new gallery ids, each turn's images and gallery
//! references name those.

use super::Archive;
use crate::thread::Reference;

/// `key` (`OLD/TURN/N`) under thread `new`, when it is one of thread `old`'s.
fn moved(key: &mut String, old: &str, new: &str) {
    if let Some(rest) = key.strip_prefix(&format!("{old}/")) {
        *key = format!("{new}/{rest}");
    }
}

impl Archive {
    /// Gives every conversation a new id from `new_id`, with its images'
    /// entries, its files and its file references following it; an image
    /// linked to a conversation the archive does not hold loses the link.
    pub fn renew_threads(&mut self, new_id: impl Fn() -> String) {
        for thread in &mut self.threads {
            let old = std::mem::replace(&mut thread.id, new_id());
            for (entry, _) in &mut self.images {
                if entry.thread.as_deref() == Some(old.as_str()) {
                    entry.thread = Some(thread.id.clone());
                }
            }
            for (key, _) in &mut self.files {
                moved(key, &old, &thread.id);
            }
            for reference in thread.turns.iter_mut().flat_map(|turn| &mut turn.references) {
                if let Reference::File { key, .. } = reference {
                    moved(key, &old, &thread.id);
                }
            }
        }
        for (entry, _) in &mut self.images {
            if !self.threads.iter().any(|thread| entry.thread.as_ref() == Some(&thread.id)) {
                (entry.thread, entry.turn) = (None, None);
            }
        }
    }

    /// Once the images are written (`written`: each one's id in the archive,
    /// if it had one, and its new gallery id), each turn names its images'
    /// new ids; an image or a gallery reference the archive did not hold is left out.
    pub fn relink(&mut self, written: &[(Option<u32>, u32)]) {
        let new = |old: u32| written.iter().find(|(was, _)| *was == Some(old)).map(|(_, id)| *id);
        for turn in self.threads.iter_mut().flat_map(|thread| &mut thread.turns) {
            turn.images = turn.images.iter().filter_map(|id| new(*id)).collect();
            turn.references.retain_mut(|reference| match reference {
                Reference::Gallery { id } => new(*id).map(|found| *id = found).is_some(),
                Reference::File { .. } => true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Entry;
    use crate::store::tests::full_entry;
    use crate::thread::tests::thread;
    use web_sys::Blob;

    /// An archive of `thread()` (turn 1 made image 10, turn 2 image 20 and
    /// references gallery image 7 and file `tabc/2/0`) with its two images.
    fn archive() -> Archive {
        let image =
            |id: u32, turn: u32| Entry { id: Some(id), thread: Some("tabc".into()), turn: Some(turn), ..full_entry() };
        let blob = || Blob::from(wasm_bindgen::JsValue::NULL);
        let mut other = full_entry();
        other.thread = Some("tgone".into());
        Archive {
            images: vec![(image(10, 1), blob()), (image(20, 2), blob()), (other, blob())],
            threads: vec![thread()],
            files: vec![("tabc/2/0".into(), blob())],
        }
    }

    #[test]
    fn conversations_get_new_ids_and_their_links_follow() {
        let mut archive = archive();
        archive.renew_threads(|| "tnew".to_owned());
        assert_eq!(archive.threads[0].id, "tnew");
        assert_eq!(archive.images[0].0.thread.as_deref(), Some("tnew"));
        assert_eq!(
            (archive.images[2].0.thread.clone(), archive.images[2].0.turn),
            (None, None),
            "no such conversation here"
        );
        assert_eq!(archive.files[0].0, "tnew/2/0");
        assert!(matches!(&archive.threads[0].turns[1].references[1], Reference::File { key, .. } if key == "tnew/2/0"));
    }

    #[test]
    fn turns_name_the_images_as_written() {
        let mut archive = archive();
        archive.relink(&[(Some(10), 101), (Some(20), 102), (None, 103)]);
        let turns = &archive.threads[0].turns;
        assert_eq!((turns[0].images.clone(), turns[1].images.clone()), (vec![101], vec![102]));
        assert_eq!(turns[1].references.len(), 1, "gallery image 7 was not in the archive");
    }
}
