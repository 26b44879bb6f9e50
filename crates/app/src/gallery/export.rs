//! The gallery's ZIP with its conversations: what an export of some images
//! holds (the conversations that made them, or every conversation when the
//! whole gallery goes, with their files), and an import written back: the
//! images, then the conversations linked to them again under new ids
//! ([`Archive::renew_threads`], [`Archive::relink`]). An import skips
//! the images the gallery holds already (`Gallery::holds`: the same id
//! and time, or the same prompt and bytes), so importing a
//! ZIP twice adds no image the second time (its conversations are added again).

use leptos::prelude::GetUntracked;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::Gallery;
use crate::archive::Archive;
use crate::store::Entry;
use crate::thread::{Reference, Thread, new_thread_id};

impl Gallery {
    /// The archive of `entries` (newest first, as the gallery lists them)
    /// with their conversations; `all`: every conversation, as the whole gallery goes.
    pub async fn archive(&self, entries: Vec<Entry>, all: bool) -> Archive {
        let mut images = Vec::new();
        for entry in entries.into_iter().rev() {
            if let Some(image) = self.image(entry.id.unwrap_or_default()).await {
                images.push((entry, image));
            }
        }
        let threads: Vec<Thread> =
            self.with_store(|store| async move { store.threads().await }).await.unwrap_or_default();
        let threads: Vec<Thread> = threads
            .into_iter()
            .filter(|thread| all || images.iter().any(|(entry, _)| entry.thread.as_ref() == Some(&thread.id)))
            .collect();
        let keys: Vec<String> = threads
            .iter()
            .flat_map(|thread| &thread.turns)
            .flat_map(|turn| &turn.references)
            .filter_map(|reference| match reference {
                Reference::File { key, .. } => Some(key.clone()),
                Reference::Gallery { .. } => None,
            })
            .collect();
        let mut files: Vec<(String, Blob)> = Vec::new();
        for key in keys {
            let read = key.clone();
            if let Some(file) = self.with_store(|store| async move { store.file(&read).await }).await.flatten() {
                files.push((key, file));
            }
        }
        Archive { images, threads, files }
    }

    /// Writes an imported archive: its images the gallery does not hold
    /// yet, then its conversations and their files (linked to the images
    /// held already as to those written). The images stop at the first that
    /// does not fit.
    pub async fn import_archive(&self, mut archive: Archive) -> Imported {
        archive.renew_threads(new_thread_id);
        let mut imported = Imported::default();
        // The gallery id of each image of the ZIP, in its order: written now or held already.
        let mut ids = Vec::new();
        // What the gallery held before: images repeated within the ZIP are all written.
        let held = self.entries.get_untracked();
        let mut images = std::mem::take(&mut archive.images).into_iter();
        while let Some((mut entry, image)) = images.next() {
            if let Some(id) = self.holds(&held, &entry, &image).await {
                imported.known += 1;
                ids.push(id);
                continue;
            }
            entry.id = None;
            let Some(id) = self.write(entry, image).await else {
                // The storage is full: this image and the rest are not written (nor compared).
                imported.new += 1 + images.len();
                break;
            };
            imported.new += 1;
            imported.added += 1;
            ids.push(id);
        }
        archive.relink(&ids);
        for (key, file) in std::mem::take(&mut archive.files) {
            self.writing(self.with_store(|store| async move { store.put_file(&key, &file).await })).await;
        }
        for thread in archive.threads {
            let stored = self.writing(self.with_store(|store| async move { store.put_thread(&thread).await })).await;
            imported.threads += usize::from(stored.is_some());
        }
        imported
    }

    /// The id of the image of `held` (the gallery's entries) that `entry`
    /// (with `image`, from a ZIP) is already: the one with its id and time
    /// ([`same_id`]), or with its prompt and the very same bytes.
    async fn holds(&self, held: &[Entry], entry: &Entry, image: &Blob) -> Option<u32> {
        if let Some(same) = held.iter().find(|held| same_id(held, entry)) {
            return same.id;
        }
        let size = image.size() as u64;
        let mut bytes = None;
        for held in held.iter().filter(|held| held.request.prompt == entry.request.prompt) {
            let Some(id) = held.id else { continue };
            let Some(stored) = self.image(id).await.filter(|stored| stored.size() as u64 == size) else { continue };
            if bytes.is_none() {
                bytes = Some(bytes_of(image).await?);
            }
            if bytes_of(&stored).await.is_some_and(|stored| Some(&stored) == bytes.as_ref()) {
                return Some(id);
            }
        }
        None
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The ZIP's images the gallery did not hold (after a write that did
    /// not fit, the rest of the ZIP's images count as new).
    pub new: usize,
    /// How many of those were written (fewer when the storage filled up).
    pub added: usize,
    /// The ZIP's images the gallery held already, skipped.
    pub known: usize,
    /// The conversations written.
    pub threads: usize,
}

/// Whether an imported entry is a held one by its id: the same id and the
/// same moment of making (an id alone is only a number in the browser that
/// gave it; another browser's image 3 is another image).
fn same_id(held: &Entry, entry: &Entry) -> bool {
    held.id.is_some() && held.id == entry.id && held.created == entry.created
}

/// The bytes of a blob, when the browser reads them.
async fn bytes_of(blob: &Blob) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::full_entry;

    #[test]
    fn an_id_is_the_same_image_only_with_its_time() {
        let held = full_entry();
        assert!(same_id(&held, &full_entry()));
        assert!(!same_id(&held, &Entry { created: held.created + 1.0, ..full_entry() }), "another browser's image 7");
        assert!(!same_id(&held, &Entry { id: None, ..full_entry() }), "a ZIP without ids");
        assert!(!same_id(&Entry { id: None, ..full_entry() }, &Entry { id: None, ..full_entry() }));
    }
}
