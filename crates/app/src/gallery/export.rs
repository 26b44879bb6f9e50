//! The gallery's ZIP with its conversations: what an export of some images
//! holds (the conversations that made them, or every conversation when the
//! whole gallery goes, with their files), and an import written back: the
//! images, then the conversations linked to them again under new ids
//! ([`Archive::renew_threads`], [`Archive::relink`]).

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

    /// Writes an imported archive: its images, then its conversations and
    /// their files; returns how many images were written and how many
    /// conversations (the images stop at the first that does not fit).
    pub async fn import_archive(&self, mut archive: Archive) -> (usize, usize) {
        archive.renew_threads(new_thread_id);
        let written = self.import(std::mem::take(&mut archive.images)).await;
        archive.relink(&written);
        for (key, file) in std::mem::take(&mut archive.files) {
            self.writing(self.with_store(|store| async move { store.put_file(&key, &file).await })).await;
        }
        let mut threads = 0;
        for thread in archive.threads {
            let stored = self.writing(self.with_store(|store| async move { store.put_thread(&thread).await })).await;
            threads += usize::from(stored.is_some());
        }
        (written.len(), threads)
    }
}
