//! The gallery's state: its entries as read from the store, what is being
//! written, the last storage problem and the browser's storage estimate.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use super::journal::Journal;
use super::trash::{Trash, set_trash_list, trash_list};
use crate::browser_storage::{self, Estimate};
use crate::store::{Entry, Store, StoreError};

/// What the browser says about the gallery's storage.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageStatus {
    /// Bytes used and allowed, when the browser says.
    pub estimate: Option<Estimate>,
    /// Whether the browser promised not to evict it, when it says.
    pub persisted: Option<bool>,
}

/// The stored images and the store they live in.
#[derive(Clone, Copy)]
pub struct Gallery {
    pub(super) store: LocalResource<Result<Store, StoreError>>,
    /// Every entry, newest first (deleted ones are in `trash`).
    pub entries: RwSignal<Vec<Entry>>,
    /// Whether the entries have been read.
    pub loaded: RwSignal<bool>,
    /// The last storage problem, said plainly.
    pub problem: RwSignal<Option<String>>,
    /// Writes to IndexedDB in flight (images, changes, erasing): the page
    /// asks before it is closed while there are any.
    pub storing: RwSignal<usize>,
    /// Deleted images that can still be brought back.
    pub trash: RwSignal<Trash>,
    /// Erases the trash when the undo time is over.
    pub(super) timer: StoredValue<Option<TimeoutHandle>>,
    /// Ids whose erasing transaction is in flight (still written down).
    pub(super) erasing: StoredValue<Vec<u32>>,
    /// The browser's estimate and promise, once asked.
    pub storage: RwSignal<Option<StorageStatus>>,
    /// The ids of the images runs on the page show; the gallery's own list
    /// leaves them out, so that each image is on the page once.
    pub shown: RwSignal<HashSet<u32>>,
    /// The image the viewer shows, if it is open: the one viewer of every
    /// image on the page (the gallery's cards, runs, conversations).
    pub opened: RwSignal<Option<u32>>,
    /// The images the viewer pages through when it was opened from outside
    /// the cards (a run's images, in the run's order).
    pub paging: RwSignal<Vec<u32>>,
}

impl Gallery {
    /// Opens the database and reads the entries, putting aside those deleted
    /// before the page was loaded (they can still be undone).
    pub fn new() -> Self {
        let gallery = Gallery {
            store: LocalResource::new(Store::open),
            entries: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            problem: RwSignal::new(None),
            storing: RwSignal::new(0),
            trash: RwSignal::new(Trash::default()),
            timer: StoredValue::new(None),
            erasing: StoredValue::new(Vec::new()),
            storage: RwSignal::new(None),
            shown: RwSignal::new(HashSet::new()),
            opened: RwSignal::new(None),
            paging: RwSignal::new(Vec::new()),
        };
        spawn_local(async move {
            let entries = gallery.with_store(|store| async move { store.entries().await }).await.unwrap_or_default();
            let trashed = trash_list();
            let (deleted, kept): (Vec<Entry>, Vec<Entry>) =
                entries.into_iter().partition(|entry| entry.id.is_some_and(|id| trashed.contains(&id)));
            let lost = Journal::unfinished(&kept, &deleted);
            gallery.entries.set(kept);
            if !deleted.is_empty() {
                gallery.trash.set(Trash { entries: deleted, from_before: true });
                gallery.restart_timer();
            } else if !trashed.is_empty() {
                // Erased already; only the list was left.
                set_trash_list(&[]);
            }
            if let Some(lost) = lost {
                gallery.problem.set(Some(lost));
            }
            gallery.loaded.set(true);
            gallery.check_storage(true).await;
        });
        gallery
    }

    /// Runs `task` on the open store; a failure is shown and gives `None`.
    pub async fn with_store<T, F: Future<Output = Result<T, StoreError>>>(
        &self,
        task: impl FnOnce(Store) -> F,
    ) -> Option<T> {
        let outcome = match self.store.await {
            Ok(store) => task(store).await,
            Err(error) => Err(error),
        };
        outcome.map_err(|error| self.problem.set(Some(error.to_string()))).ok()
    }

    /// Runs a write, counted in [`Gallery::storing`] while it is in flight.
    pub async fn writing<T>(&self, write: impl Future<Output = T>) -> T {
        self.storing.update(|storing| *storing += 1);
        let outcome = write.await;
        self.storing.update(|storing| *storing = storing.saturating_sub(1));
        outcome
    }

    /// Reads the browser's estimate and promise again; `ask` asks it first
    /// to keep the gallery, when it has not promised yet.
    pub async fn check_storage(&self, ask: bool) {
        let mut persisted = browser_storage::persisted().await;
        if ask && persisted == Some(false) {
            persisted = browser_storage::persist().await.or(persisted);
        }
        let estimate = browser_storage::estimate().await;
        self.storage.set(Some(StorageStatus { estimate, persisted }));
    }

    /// Writes an image and its entry; resolves to its entry id.
    pub(super) async fn write(&self, entry: Entry, image: Blob) -> Option<u32> {
        let journal = Journal::start(&entry);
        let stored = self
            .writing(async {
                let thumb = crate::reencode::thumbnail(&image).await.unwrap_or_else(|_| image.clone());
                self.with_store(|store| async move { store.add(entry, &image, &thumb).await }).await
            })
            .await;
        journal.finish();
        let stored = stored?;
        let id = stored.id;
        self.problem.set(None);
        self.entries.update(|entries| entries.insert(0, stored));
        let gallery = *self;
        spawn_local(async move { gallery.check_storage(false).await });
        id
    }

    /// Changes entry `id` and stores the change.
    pub fn amend(&self, id: u32, change: impl FnOnce(&mut Entry)) {
        let mut changed = None;
        self.entries.update(|entries| {
            if let Some(entry) = entries.iter_mut().find(|entry| entry.id == Some(id)) {
                change(entry);
                changed = Some(entry.clone());
            }
        });
        let Some(entry) = changed else { return };
        let gallery = *self;
        spawn_local(async move {
            gallery.writing(gallery.with_store(|store| async move { store.update(&entry).await })).await;
        });
    }

    /// The image of entry `id`.
    pub async fn image(&self, id: u32) -> Option<Blob> {
        self.with_store(|store| async move { store.image(id).await }).await.flatten()
    }

    /// The thumbnail of entry `id`.
    pub async fn thumb(&self, id: u32) -> Option<Blob> {
        self.with_store(|store| async move { store.thumb(id).await }).await.flatten()
    }

    /// Tokens and estimated dollars of every stored image.
    pub fn totals(&self) -> (u64, f64) {
        self.entries.with(|entries| {
            entries.iter().fold((0, 0.0), |(tokens, cost), entry| {
                (tokens + entry.tokens.unwrap_or(0), cost + entry.cost.unwrap_or(0.0))
            })
        })
    }
}
