//! Deleting, undoably: deleted entries wait in the trash for
//! [`UNDO_SECONDS`], then are erased in one IndexedDB transaction
//! ([`crate::store::Store::delete_all`]), so a delete never stops halfway.
//!
//! Their ids are written down first in a trash list in `localStorage`
//! ([`trash_list`]), synchronously, so that a reload or a closed tab right
//! after Delete cannot lose them or half-delete them: a page that closes
//! before the erasing finds the trash again when it reopens.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Gallery;
use crate::browser_storage::{self, TRASH};
use crate::store::Entry;

/// How long a delete can be undone before the images are erased.
pub const UNDO_SECONDS: u64 = 10;

/// The ids deleted but not yet erased, as written down (see the module's docs).
pub fn trash_list() -> Vec<u32> {
    let Some(text) = browser_storage::read(TRASH) else { return Vec::new() };
    text.split(',').filter_map(|id| id.trim().parse().ok()).collect()
}

/// Writes the trash list; `false` when the browser refused (storage off or full).
pub fn set_trash_list(ids: &[u32]) -> bool {
    if ids.is_empty() {
        return browser_storage::remove(TRASH);
    }
    let text = ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
    browser_storage::write(TRASH, &text)
}

/// Deleted images, hidden and waiting to be erased unless the delete is undone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trash {
    /// The entries, as they were.
    pub entries: Vec<Entry>,
    /// Whether they were deleted before the page was (re)loaded.
    pub from_before: bool,
}

impl Gallery {
    /// Deletes entry `id` (undoably, see [`Gallery::delete_all`]).
    pub fn delete(&self, id: u32) {
        self.delete_all(&[id]);
    }

    /// Deletes entries `ids`: they leave the gallery at once and can be
    /// brought back with [`Gallery::undo`] for [`UNDO_SECONDS`], then their
    /// files are erased. The ids are written down first, synchronously, so
    /// that a reload right after cannot lose them or half-delete them.
    pub fn delete_all(&self, ids: &[u32]) {
        let mut taken = Vec::new();
        self.entries.update(|entries| {
            entries.retain(|entry| {
                let chosen = entry.id.is_some_and(|id| ids.contains(&id));
                if chosen {
                    taken.push(entry.clone());
                }
                !chosen
            })
        });
        if taken.is_empty() {
            return;
        }
        self.trash.update(|trash| {
            // A new delete: what was left from before the reload goes with it.
            trash.from_before = false;
            trash.entries.extend(taken);
        });
        self.write_trash();
        self.restart_timer();
    }

    /// Writes down the ids in the trash (and those being erased).
    pub(super) fn write_trash(&self) {
        let ids: Vec<u32> =
            self.trash.with_untracked(|trash| trash.entries.iter().filter_map(|entry| entry.id).collect());
        let mut all = trash_list();
        all.retain(|id| ids.contains(id) || self.erasing.with_value(|erasing| erasing.contains(id)));
        for id in ids {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        set_trash_list(&all);
    }

    pub(super) fn restart_timer(&self) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let gallery = *self;
        let timer = set_timeout_with_handle(move || gallery.erase(), Duration::from_secs(UNDO_SECONDS));
        self.timer.set_value(timer.ok());
    }

    /// Brings every deleted image back.
    pub fn undo(&self) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let back = self.trash.try_update(std::mem::take).unwrap_or_default().entries;
        self.entries.update(|entries| {
            entries.extend(back);
            entries.sort_by_key(|entry| std::cmp::Reverse(entry.id));
        });
        self.write_trash();
    }

    /// Erases the images in the trash: entry, thumbnail and image of all of
    /// them in one transaction. Until it has committed, their ids stay
    /// written down, so a page closed meanwhile erases them when it reopens.
    pub fn erase(&self) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let entries = self.trash.try_update(std::mem::take).unwrap_or_default().entries;
        let ids: Vec<u32> = entries.iter().filter_map(|entry| entry.id).collect();
        if ids.is_empty() {
            return;
        }
        self.erasing.update_value(|erasing| erasing.extend(ids.iter().copied()));
        let gallery = *self;
        spawn_local(async move {
            let erased = {
                let ids = ids.clone();
                gallery.writing(gallery.with_store(|store| async move { store.delete_all(&ids).await })).await
            };
            gallery.erasing.update_value(|erasing| erasing.retain(|id| !ids.contains(id)));
            if erased.is_none() {
                // Still in the database: back into the gallery, with the problem shown.
                gallery.entries.update(|kept| {
                    kept.extend(entries);
                    kept.sort_by_key(|entry| std::cmp::Reverse(entry.id));
                });
            }
            gallery.write_trash();
            gallery.check_storage(false).await;
        });
    }
}
