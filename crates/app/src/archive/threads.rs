//! A ZIP's conversations name their images by number, not by database id
//! (an export holds no ids): an export numbers each turn's images and
//! gallery references by their place in the ZIP's list of images; an
//! import gives each conversation a new id, so that it never overwrites a
//! conversation of this browser (nor one imported before), with its images'
//! entries, its files' keys and its references following, and once the
//! images are written, each number becomes the image's new gallery id.

use super::Archive;
use crate::thread::{Reference, Thread};

/// `key` (`OLD/TURN/N`) under thread `new`, when it is one of thread `old`'s.
fn moved(key: &mut String, old: &str, new: &str) {
    if let Some(rest) = key.strip_prefix(&format!("{old}/")) {
        *key = format!("{new}/{rest}");
    }
}

/// Each turn's images and gallery references by `renamed` (`None`: left out).
fn rename(threads: &mut [Thread], renamed: impl Fn(u32) -> Option<u32>) {
    for turn in threads.iter_mut().flat_map(|thread| &mut thread.turns) {
        turn.images = turn.images.iter().filter_map(|id| renamed(*id)).collect();
        turn.references.retain_mut(|reference| match reference {
            Reference::Gallery { id } => renamed(*id).map(|found| *id = found).is_some(),
            Reference::File { .. } => true,
        });
    }
}

impl Archive {
    /// The conversations as a ZIP lists them: each image and gallery
    /// reference by its number in the list of images (from 1); one the ZIP
    /// does not hold is left out.
    pub(super) fn numbered_threads(&self) -> Vec<Thread> {
        let mut threads = self.threads.clone();
        rename(&mut threads, |id| {
            let index = self.images.iter().position(|(entry, _)| entry.id == Some(id))?;
            u32::try_from(index + 1).ok()
        });
        threads
    }

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

    /// Once the images are written (`written`: the new gallery id of each,
    /// in the ZIP's order), each turn names its images by their new ids; a
    /// number the import did not write is left out.
    pub fn relink(&mut self, written: &[u32]) {
        rename(&mut self.threads, |number| written.get(usize::try_from(number).ok()?.checked_sub(1)?).copied());
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
        let other = Entry { id: Some(8), thread: Some("tgone".into()), ..full_entry() };
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
    fn a_zip_numbers_the_images_and_an_import_names_them_as_written() {
        let mut archive = archive();
        let numbered = archive.numbered_threads();
        let turns = &numbered[0].turns;
        assert_eq!((turns[0].images.clone(), turns[1].images.clone()), (vec![1], vec![2]));
        assert_eq!(turns[1].references.len(), 1, "gallery image 7 is not in the ZIP");
        archive.threads = numbered;
        archive.relink(&[101, 102, 103]);
        let turns = &archive.threads[0].turns;
        assert_eq!((turns[0].images.clone(), turns[1].images.clone()), (vec![101], vec![102]));
        archive.relink(&[]);
        assert!(archive.threads[0].turns[0].images.is_empty(), "an image not written is left out");
    }
}
