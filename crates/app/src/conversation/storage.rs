//! The conversations in IndexedDB ([`crate::store`]): read when the page
//! opens, each written again whenever it changes, and deleted undoably as
//! the gallery deletes images: the id goes to a trash list in
//! `localStorage` first (synchronously), the record and its files are
//! erased once the undo time is over, and a page closed before then erases
//! them when it opens again. Its images stay in the gallery unless the
//! person asked for them to go too (then the gallery's own undoable delete
//! takes them, and Undo brings both back).
//!
//! While the conversation mode is open, the conversation in view is
//! remembered ([`browser_storage::CONVERSATION`]), so that a reload opens it again.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{Conversations, Deleted};
use crate::browser_storage::{self, CONVERSATION, THREAD_TRASH};
use crate::form::Mode;
use crate::gallery::UNDO_SECONDS;
use crate::thread::Thread;

/// The ids written down as deleted but not yet erased.
fn trash_list() -> Vec<String> {
    browser_storage::read(THREAD_TRASH)
        .map(|text| text.split(',').filter(|id| !id.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default()
}

fn set_trash_list(ids: &[String]) {
    if ids.is_empty() {
        browser_storage::remove(THREAD_TRASH);
    } else {
        browser_storage::write(THREAD_TRASH, &ids.join(","));
    }
}

impl Conversations {
    /// Reads the stored conversations, erasing those deleted just before
    /// the page was closed, and opens the one in view when it closed.
    pub(super) fn load(&self) {
        let conversations = *self;
        spawn_local(async move {
            let gallery = conversations.gallery;
            let mut threads =
                gallery.with_store(|store| async move { store.threads().await }).await.unwrap_or_default();
            let entries = gallery.with_store(|store| async move { store.entries().await }).await.unwrap_or_default();
            let linked: Vec<(u32, &str, u32)> =
                entries.iter().filter_map(|entry| Some((entry.id?, entry.thread.as_deref()?, entry.turn?))).collect();
            for thread in &mut threads {
                if thread.adopt(&linked) {
                    conversations.save(thread.clone());
                }
            }
            let trashed = trash_list();
            for id in &trashed {
                let id = id.clone();
                gallery.writing(gallery.with_store(|store| async move { store.delete_thread(&id).await })).await;
            }
            set_trash_list(&[]);
            threads.retain(|thread| !trashed.contains(&thread.id));
            let remembered = browser_storage::read(CONVERSATION);
            conversations.threads.set(threads);
            if let Some(id) = remembered {
                conversations.form.mode.set(Mode::Conversation);
                if conversations.title(&id).is_some() {
                    conversations.open.set(Some(id));
                }
            }
            conversations.loaded.set(true);
            // From now on, what is in view is remembered.
            Effect::new(move |_| {
                if conversations.form.mode.get() == Mode::Conversation {
                    browser_storage::write(CONVERSATION, &conversations.open.get().unwrap_or_default());
                } else {
                    browser_storage::remove(CONVERSATION);
                }
            });
        });
    }

    /// Reads the stored conversations again (after an import added some).
    pub fn reload(&self) {
        let conversations = *self;
        spawn_local(async move {
            let gallery = conversations.gallery;
            let threads = gallery.with_store(|store| async move { store.threads().await }).await.unwrap_or_default();
            let trashed = conversations.deleted.with_untracked(|deleted| deleted.as_ref().map(|d| d.thread.id.clone()));
            conversations
                .threads
                .set(threads.into_iter().filter(|thread| Some(&thread.id) != trashed.as_ref()).collect());
        });
    }

    /// Writes a conversation to the database.
    pub(super) fn save(&self, thread: Thread) {
        let gallery = self.gallery;
        spawn_local(async move {
            gallery.writing(gallery.with_store(|store| async move { store.put_thread(&thread).await })).await;
        });
    }

    /// Adds a new conversation (first in the list) and stores it.
    pub(super) fn add(&self, thread: Thread) {
        self.threads.update(|threads| threads.insert(0, thread.clone()));
        self.save(thread);
    }

    /// Deletes conversation `id`, with its images when `with_images`: undoably
    /// for [`UNDO_SECONDS`] (see the module's docs).
    pub fn delete(&self, id: &str, with_images: bool) {
        self.erase();
        let mut taken = None;
        self.threads.update(|threads| {
            if let Some(index) = threads.iter().position(|thread| thread.id == id) {
                taken = Some(threads.remove(index));
            }
        });
        let Some(thread) = taken else { return };
        let mut trashed = trash_list();
        trashed.push(thread.id.clone());
        set_trash_list(&trashed);
        let images = if with_images {
            let ids = thread.images();
            self.gallery.delete_all(&ids);
            ids.len()
        } else {
            0
        };
        if self.open.get_untracked().as_deref() == Some(id) {
            self.open.set(None);
        }
        self.deleted.set(Some(Deleted { thread, images }));
        let conversations = *self;
        let timer = set_timeout_with_handle(move || conversations.erase(), Duration::from_secs(UNDO_SECONDS));
        self.timer.set_value(timer.ok());
    }

    /// Brings the deleted conversation back (and its images, if they went with it), in view.
    pub fn undo_delete(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        let Some(Deleted { thread, images }) = self.deleted.try_update(Option::take).flatten() else { return };
        let mut trashed = trash_list();
        trashed.retain(|id| *id != thread.id);
        set_trash_list(&trashed);
        if images > 0 {
            self.gallery.undo();
        }
        self.open.set(Some(thread.id.clone()));
        self.threads.update(|threads| {
            threads.push(thread);
            threads.sort_by(|a, b| b.updated.total_cmp(&a.updated));
        });
    }

    /// Erases the deleted conversation now: its record and its files.
    pub fn erase(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        let Some(Deleted { thread, .. }) = self.deleted.try_update(Option::take).flatten() else { return };
        let gallery = self.gallery;
        spawn_local(async move {
            let id = thread.id.clone();
            let erased =
                gallery.writing(gallery.with_store(|store| async move { store.delete_thread(&id).await })).await;
            if erased.is_some() {
                let mut trashed = trash_list();
                trashed.retain(|id| *id != thread.id);
                set_trash_list(&trashed);
            }
        });
    }
}
