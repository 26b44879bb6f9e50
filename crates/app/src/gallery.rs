//! The gallery: every stored image, newest first, with search by prompt,
//! favourites, a selection to export or delete, and import from a ZIP.
//!
//! Only the entries' metadata is read when the page opens; each card reads
//! its thumbnail when it is first shown, and cards are added a screenful at
//! a time, so hundreds of images open fast. A card's `blob:` URL is revoked
//! when the card goes away.
//!
//! Nothing is lost by a slip or an unload: a delete can be undone for
//! [`UNDO_SECONDS`] (and after a reload, see [`crate::store`]); an image
//! still being written when the page goes is reported when it comes back
//! ([`Journal`]); and the gallery says how much the browser stores and
//! whether it may evict it.

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use crate::actions::Actions;
use crate::archive;
use crate::lifecycle::InRuns;
use crate::object_url::image_src;
use crate::store::{self, Entry, Estimate, Store, StoreError};

/// Cards added per "Show more".
const PAGE: usize = 48;

/// How long a delete can be undone before the images are erased.
pub const UNDO_SECONDS: u64 = 10;

/// Above this share of the quota, the gallery says it is nearly full.
const NEARLY_FULL: f64 = 0.8;

/// What the browser says about the gallery's storage.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Storage {
    /// Bytes used and allowed, when the browser says.
    pub estimate: Option<Estimate>,
    /// Whether the browser promised not to evict it, when it says.
    pub persisted: Option<bool>,
}

/// Deleted images, hidden and waiting to be erased unless the delete is undone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trash {
    /// The entries, as they were.
    pub entries: Vec<Entry>,
    /// Whether they were deleted before the page was (re)loaded.
    pub from_before: bool,
}

/// The stored images and the store they live in.
#[derive(Clone, Copy)]
pub struct Gallery {
    store: LocalResource<Result<Store, StoreError>>,
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
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Ids whose erasing transaction is in flight (still written down).
    erasing: StoredValue<Vec<u32>>,
    /// The browser's estimate and promise, once asked.
    pub storage: RwSignal<Option<Storage>>,
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
        };
        spawn_local(async move {
            let entries = gallery.with_store(|store| async move { store.entries().await }).await.unwrap_or_default();
            let trashed = store::trash();
            let (deleted, kept): (Vec<Entry>, Vec<Entry>) =
                entries.into_iter().partition(|entry| entry.id.is_some_and(|id| trashed.contains(&id)));
            let lost = Journal::unfinished(&kept, &deleted);
            gallery.entries.set(kept);
            if !deleted.is_empty() {
                gallery.trash.set(Trash { entries: deleted, from_before: true });
                gallery.restart_timer();
            } else if !trashed.is_empty() {
                // Erased already; only the list was left.
                store::set_trash(&[]);
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
    async fn with_store<T, F: Future<Output = Result<T, StoreError>>>(
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
    async fn writing<T>(&self, write: impl Future<Output = T>) -> T {
        self.storing.update(|storing| *storing += 1);
        let outcome = write.await;
        self.storing.update(|storing| *storing = storing.saturating_sub(1));
        outcome
    }

    /// Reads the browser's estimate and promise again; `ask` asks it first
    /// to keep the gallery, when it has not promised yet.
    pub async fn check_storage(&self, ask: bool) {
        let mut persisted = store::persisted().await;
        if ask && persisted == Some(false) {
            persisted = store::persist().await.or(persisted);
        }
        let estimate = store::estimate().await;
        self.storage.set(Some(Storage { estimate, persisted }));
    }

    /// Stores an image the moment it arrives; resolves to its entry id.
    pub async fn keep(&self, entry: Entry, image: Blob) -> Option<u32> {
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
    fn write_trash(&self) {
        let ids: Vec<u32> =
            self.trash.with_untracked(|trash| trash.entries.iter().filter_map(|entry| entry.id).collect());
        let mut all = store::trash();
        all.retain(|id| ids.contains(id) || self.erasing.with_value(|erasing| erasing.contains(id)));
        for id in ids {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        store::set_trash(&all);
    }

    fn restart_timer(&self) {
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

    /// The image of entry `id`.
    pub async fn image(&self, id: u32) -> Option<Blob> {
        self.with_store(|store| async move { store.image(id).await }).await.flatten()
    }

    async fn thumb(&self, id: u32) -> Option<Blob> {
        self.with_store(|store| async move { store.thumb(id).await }).await.flatten()
    }

    /// Adds imported entries (oldest first) with their images.
    pub async fn import(&self, items: Vec<(Entry, Blob)>) -> usize {
        let mut count = 0;
        for (mut entry, image) in items {
            entry.id = None;
            if self.keep(entry, image).await.is_none() {
                break;
            }
            count += 1;
        }
        count
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

/// A note in `localStorage`, written synchronously before an image is
/// written to IndexedDB and removed once the write is over, so that a page
/// closed in between can say so when it opens again.
struct Journal(Option<String>);

/// The `localStorage` prefix of the notes: `…writing.<tab>.<n>`.
const JOURNAL: &str = "gpt-image-playground.writing.";

/// The `sessionStorage` key of this tab's name (kept across its reloads).
const TAB: &str = "gpt-image-playground.tab";

impl Journal {
    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// This tab's name: the notes of an earlier page of the same tab are
    /// known to be over; another tab's may still be in flight.
    fn tab() -> String {
        let session = window().session_storage().ok().flatten();
        if let Some(tab) = session.as_ref().and_then(|session| session.get_item(TAB).ok().flatten()) {
            return tab;
        }
        let tab = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
        if let Some(session) = session {
            let _ = session.set_item(TAB, &tab);
        }
        tab
    }

    /// Notes that `entry` is being written.
    fn start(entry: &Entry) -> Self {
        let key = format!("{JOURNAL}{}.{}", Self::tab(), js_sys::Math::random());
        let prompt: String = entry.settings.prompt.chars().take(60).collect();
        let note = format!("{}\n{}\n{prompt}", js_sys::Date::now(), entry.created);
        let written = Self::storage().is_some_and(|storage| storage.set_item(&key, &note).is_ok());
        Journal(written.then_some(key))
    }

    /// The write is over (done or failed, and a failure is shown).
    fn finish(self) {
        if let (Some(key), Some(storage)) = (self.0, Self::storage()) {
            let _ = storage.remove_item(&key);
        }
    }

    /// What was still being written when a page closed, and is not in the
    /// gallery, said plainly; the notes are cleared. Another tab's notes
    /// younger than a minute may be writes still in flight, and wait.
    fn unfinished(kept: &[Entry], deleted: &[Entry]) -> Option<String> {
        let storage = Self::storage()?;
        let (now, mine) = (js_sys::Date::now(), format!("{JOURNAL}{}.", Self::tab()));
        let mut lost = Vec::new();
        let keys: Vec<String> =
            (0..storage.length().unwrap_or(0)).filter_map(|index| storage.key(index).ok().flatten()).collect();
        for key in keys.into_iter().filter(|key| key.starts_with(JOURNAL)) {
            let note = storage.get_item(&key).ok().flatten().unwrap_or_default();
            let mut lines = note.splitn(3, '\n');
            let mut time = || lines.next().and_then(|time| time.parse::<f64>().ok()).unwrap_or(0.0);
            let (written, created) = (time(), time());
            let prompt = lines.next().unwrap_or_default();
            if !key.starts_with(&mine) && now - written < 60_000.0 {
                continue;
            }
            let _ = storage.remove_item(&key);
            if !kept.iter().chain(deleted).any(|entry| entry.created == created) {
                lost.push((written, format!("“{prompt}”")));
            }
        }
        lost.sort_by(|a, b| a.0.total_cmp(&b.0));
        let lost: Vec<String> = lost.into_iter().map(|(_, prompt)| prompt).collect();
        match lost.len() {
            0 => None,
            1 => Some(format!(
                "An image of {} was still being stored when the page closed, and is not in the gallery.",
                lost[0]
            )),
            count => Some(format!(
                "{count} images ({}) were still being stored when the page closed, and are not in the gallery.",
                lost.join(", ")
            )),
        }
    }
}

/// Bytes as people read them: `812 KB`, `2.3 MB`, `10.7 GB`.
fn bytes(count: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    match units.iter().find(|(_, size)| count >= *size) {
        Some((unit, size)) => format!("{:.1} {unit}", count / size),
        None => format!("{count:.0} bytes"),
    }
}

/// "1 image" or "3 images".
fn images(count: usize) -> String {
    if count == 1 { "1 image".to_owned() } else { format!("{count} images") }
}

/// The gallery section.
#[component]
pub fn GalleryView(gallery: Gallery) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let favourites_only = RwSignal::new(false);
    let shown = RwSignal::new(PAGE);
    let selected = RwSignal::new(HashSet::<u32>::new());
    let opened = RwSignal::new(None::<u32>);
    let status = RwSignal::new(String::new());
    // The images this session's runs show are there, not here (issue 14).
    let in_runs = use_context::<InRuns>();
    let matching = Memo::new(move |_| {
        let words: Vec<String> = query.get().to_lowercase().split_whitespace().map(str::to_owned).collect();
        gallery.entries.with(|entries| {
            entries
                .iter()
                .filter(|entry| !in_runs.is_some_and(|in_runs| in_runs.shows(entry.id)))
                .filter(|entry| !favourites_only.get() || entry.favourite)
                .filter(|entry| {
                    let text = format!("{} {}", entry.settings.prompt, entry.revised_prompt.as_deref().unwrap_or(""))
                        .to_lowercase();
                    words.iter().all(|word| text.contains(word.as_str()))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // A selection holds only images still in the gallery.
    Effect::new(move |_| {
        let present: HashSet<u32> =
            gallery.entries.with(|entries| entries.iter().filter_map(|entry| entry.id).collect());
        if selected.with_untracked(|selected| selected.iter().any(|id| !present.contains(id))) {
            selected.update(|selected| selected.retain(|id| present.contains(id)));
        }
    });
    let export = move |_| {
        let chosen = selected.get_untracked();
        let entries: Vec<Entry> = gallery
            .entries
            .get_untracked()
            .into_iter()
            .filter(|entry| chosen.is_empty() || entry.id.is_some_and(|id| chosen.contains(&id)))
            .collect();
        status.set(format!("Packing {}…", images(entries.len())));
        spawn_local(async move {
            let mut items = Vec::new();
            for entry in entries.into_iter().rev() {
                if let Some(image) = gallery.image(entry.id.unwrap_or_default()).await {
                    items.push((entry, image));
                }
            }
            status.set(match archive::export(&items).await {
                Ok(()) => format!("Exported {}.", images(items.len())),
                Err(error) => format!("The export failed: {error}"),
            });
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        status.set("Reading the ZIP…".into());
        spawn_local(async move {
            status.set(match archive::import(&file).await {
                Ok(items) => {
                    let total = items.len();
                    let added = gallery.import(items).await;
                    if added == total {
                        format!("Imported {}.", images(added))
                    } else {
                        format!("Imported {added} of {total} images; the rest did not fit.")
                    }
                }
                Err(error) => format!("The import failed: {error}"),
            });
        });
    };
    let select_all = move |_| {
        selected.set(matching.with_untracked(|entries| entries.iter().filter_map(|entry| entry.id).collect()));
    };
    let delete_selected = move |_| {
        let ids: Vec<u32> = selected.get_untracked().into_iter().collect();
        selected.set(HashSet::new());
        gallery.delete_all(&ids);
    };
    let totals = move || {
        let (tokens, cost) = gallery.totals();
        let count = gallery.entries.with(Vec::len);
        format!("{} · {tokens} tokens · ≈ ${cost:.3}", images(count))
    };
    let count = move || selected.with(HashSet::len);
    view! {
        <section class="gallery" aria-labelledby="gallery-title">
            <header>
                <h2 id="gallery-title">"Gallery"</h2>
                <p class="gallery-totals">{totals}</p>
            </header>
            <div class="gallery-tools">
                <label class="search">
                    <span>"Search prompts"</span>
                    <input type="search" bind:value=query />
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=favourites_only />
                    <span>"Favourites only"</span>
                </label>
            </div>
            <div class="gallery-actions" role="group" aria-label="Gallery actions">
                <Show
                    when=move || { count() > 0 }
                    fallback=move || view! {
                        <button type="button" class="secondary" on:click=select_all disabled=move || matching.with(Vec::is_empty)>
                            "Select all"
                        </button>
                    }
                >
                    <span class="selection" role="status">{move || format!("{} selected", count())}</span>
                    <button type="button" class="secondary danger" on:click=delete_selected>
                        {move || format!("Delete {} selected", count())}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
                </Show>
                <button type="button" class="secondary" on:click=export>
                    {move || match count() {
                        0 => "Export all as ZIP".to_owned(),
                        count => format!("Export {count} selected as ZIP"),
                    }}
                </button>
                <label class="file-button">
                    <span>"Import ZIP"</span>
                    <input type="file" accept=".zip,application/zip" on:change=import />
                </label>
            </div>
            <p class="gallery-status" role="status">{move || status.get()}</p>
            {move || gallery.problem.get().map(|problem| view! { <p class="storage-problem" role="alert">{problem}</p> })}
            <Show when=move || gallery.loaded.get() && gallery.entries.with(Vec::is_empty)>
                <p class="hint">"Images you generate are kept here, in this browser, until you delete them."</p>
            </Show>
            <ul class="cards">
                <For
                    each=move || matching.get().into_iter().take(shown.get())
                    key=|entry| (entry.id, entry.favourite)
                    children=move |entry| view! { <Card gallery entry selected opened /> }
                />
            </ul>
            <Show when=move || { matching.with(Vec::len) > shown.get() }>
                <button type="button" class="secondary" on:click=move |_| shown.update(|shown| *shown += PAGE)>
                    "Show more"
                </button>
            </Show>
            // Last: it is known a moment after the rest, and moves nothing when it comes.
            <StorageNote gallery />
            <div class="undo-toast">
                <UndoBar gallery />
            </div>
            <Show when=move || opened.with(Option::is_some)>
                <Viewer gallery opened list=matching />
            </Show>
        </section>
    }
}

/// How much the browser stores, and whether it may evict the gallery.
#[component]
fn StorageNote(gallery: Gallery) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        spawn_local(async move {
            gallery.check_storage(true).await;
            asking.set(false);
        });
    };
    let storage = move || gallery.storage.get().unwrap_or_default();
    let usage = move || {
        storage().estimate.map(|Estimate { usage, quota }| {
            let share = if quota > 0.0 { usage / quota } else { 0.0 };
            let text = format!("Stored in this browser: {} of the {} it allows this site.", bytes(usage), bytes(quota));
            (text, share >= NEARLY_FULL)
        })
    };
    let evictable = move || storage().persisted != Some(true);
    // Shown once the browser has answered, below everything: it moves nothing when it comes.
    view! {
        <div class="storage-note" hidden=move || gallery.storage.with(Option::is_none)>
            <p>
                {move || match usage() {
                    Some((text, _)) => text,
                    None => "This browser does not say how much it stores.".to_owned(),
                }}
                {move || usage().is_some_and(|(_, full)| full).then(|| view! {
                    " "
                    <strong class="warning">"It is nearly full: export and delete some images to make room."</strong>
                })}
                " "
                <span class:warning=evictable>
                    {move || match storage().persisted {
                        Some(true) => "Kept: the browser will not clear the gallery to make room.",
                        Some(false) => "Not kept for sure: the browser may clear the gallery when the disk runs low, \
                                        because it has not granted persistent storage. Export a ZIP to keep a copy.",
                        None => "The browser does not say whether it keeps the gallery: export a ZIP to keep a copy.",
                    }}
                </span>
            </p>
            <Show when=move || storage().persisted == Some(false)>
                <button type="button" class="secondary" on:click=ask disabled=move || asking.get()>"Ask to keep it"</button>
            </Show>
        </div>
    }
}

/// "Deleted 3 images. Undo" while a delete can be undone.
#[component]
fn UndoBar(gallery: Gallery) -> impl IntoView {
    let text = move || {
        gallery.trash.with(|trash| match (trash.entries.len(), trash.from_before) {
            (0, _) => None,
            (1, true) => Some("1 image was deleted just before the page was reloaded.".to_owned()),
            (count, true) => Some(format!("{count} images were deleted just before the page was reloaded.")),
            (count, false) => Some(format!("Deleted {}.", images(count))),
        })
    };
    view! {
        <div class="undo" role="status" class:active=move || text().is_some()>
            {move || text().map(|text| view! {
                <span>{text}</span>
                <button type="button" class="secondary" on:click=move |_| gallery.undo()>"Undo"</button>
                <button type="button" class="secondary" title="Erase them now: this cannot be undone" on:click=move |_| gallery.erase()>
                    "Dismiss"
                </button>
            })}
        </div>
    }
}

/// One stored image: its thumbnail, whole (read when the card is first
/// shown), a favourite star and a selection box.
#[component]
fn Card(
    gallery: Gallery,
    entry: Entry,
    selected: RwSignal<HashSet<u32>>,
    opened: RwSignal<Option<u32>>,
) -> impl IntoView {
    let id = entry.id.unwrap_or_default();
    let thumb = LocalResource::new(move || async move { gallery.thumb(id).await });
    let prompt = entry.settings.prompt.clone();
    let alt = format!("Stored image for: {prompt}");
    let favourite = entry.favourite;
    view! {
        <li class="card" class:chosen=move || selected.with(|selected| selected.contains(&id))>
            <button type="button" class="thumb" on:click=move |_| opened.set(Some(id)) aria-label=format!("Open: {prompt}")>
                {move || thumb.get().flatten().map(|blob| {
                    let src = image_src(&blob);
                    view! { <img src=move || src.get() alt=alt.clone() loading="lazy" decoding="async" /> }
                })}
            </button>
            <span class="card-prompt">{prompt.clone()}</span>
            <span class="card-actions">
                <button
                    type="button"
                    class="star"
                    aria-pressed=favourite.to_string()
                    aria-label="Favourite"
                    on:click=move |_| gallery.amend(id, |entry| entry.favourite = !entry.favourite)
                >
                    {if favourite { "★" } else { "☆" }}
                </button>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || selected.with(|selected| selected.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            selected.update(|selected| {
                                if on { selected.insert(id) } else { selected.remove(&id) };
                            });
                        }
                    />
                    <span>"Select"</span>
                </label>
            </span>
        </li>
    }
}

/// The stored images at full size, one at a time, in a dialog that fits the
/// screen: the image as large as it fits, its facts and actions below it,
/// Previous and Next (and the arrow keys) through `list`.
#[component]
fn Viewer(gallery: Gallery, opened: RwSignal<Option<u32>>, list: Memo<Vec<Entry>>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    let position = Memo::new(move |_| {
        let id = opened.get()?;
        list.with(|list| list.iter().position(|entry| entry.id == Some(id)))
    });
    let neighbour = move |by: isize| {
        let index = position.get_untracked()?.checked_add_signed(by)?;
        list.with_untracked(|list| list.get(index).and_then(|entry| entry.id))
    };
    let (previous, next) = (NodeRef::<leptos::html::Button>::new(), NodeRef::<leptos::html::Button>::new());
    let step = move |by: isize| {
        let Some(id) = neighbour(by) else { return };
        opened.set(Some(id));
        // At either end, the button that goes out of use hands the focus to the other.
        if neighbour(by).is_none() {
            let (leaving, other) = if by < 0 { (previous, next) } else { (next, previous) };
            let focused = document().active_element();
            if leaving.get_untracked().is_some_and(|button| focused.as_deref() == Some(&button))
                && let Some(other) = other.get_untracked()
            {
                let _ = other.focus();
            }
        }
    };
    let has = move |by: isize| {
        let Some(index) = position.get().and_then(|index| index.checked_add_signed(by)) else { return false };
        list.with(|list| index < list.len())
    };
    let close = move || opened.set(None);
    // The arrow keys page through, wherever the focus is (but in a text field).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| element.closest("input, textarea, select").ok().flatten().is_some());
        match ev.key().as_str() {
            "ArrowLeft" if !typing => step(-1),
            "ArrowRight" if !typing => step(1),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    let counter = move || {
        let total = list.with(Vec::len);
        position.get().map(|index| format!("{} of {total}", index + 1)).unwrap_or_default()
    };
    view! {
        <dialog class="viewer" node_ref=dialog aria-label="Stored image" on:close=move |_| close()>
            <div class="viewer-bar">
                <button type="button" class="secondary" aria-label="Previous image" node_ref=previous disabled=move || !has(-1) on:click=move |_| step(-1)>
                    "‹ Previous"
                </button>
                <span class="viewer-count" aria-live="polite">{counter}</span>
                <button type="button" class="secondary" aria-label="Next image" node_ref=next disabled=move || !has(1) on:click=move |_| step(1)>
                    "Next ›"
                </button>
                <button type="button" class="secondary close" autofocus=true on:click=move |_| close()>"Close"</button>
            </div>
            {move || opened.get().map(|id| view! { <ViewerImage gallery id opened neighbour=Callback::new(neighbour) /> })}
            <UndoBar gallery />
        </dialog>
    }
}

/// The image `id` of the viewer, with its facts and actions. Deleting it
/// shows the next one (or the previous one at the end, or closes).
#[component]
fn ViewerImage(
    gallery: Gallery,
    id: u32,
    opened: RwSignal<Option<u32>>,
    neighbour: Callback<isize, Option<u32>>,
) -> impl IntoView {
    let find = move |entries: &Vec<Entry>| entries.iter().find(|entry| entry.id == Some(id)).cloned();
    let first = gallery.entries.with_untracked(find)?;
    let image = LocalResource::new(move || async move { gallery.image(id).await });
    let entry = Signal::derive(move || gallery.entries.with(find).unwrap_or_else(|| first.clone()));
    let on_delete = Callback::new(move |()| {
        let next = neighbour.run(1).or_else(|| neighbour.run(-1));
        gallery.delete(id);
        opened.set(next);
    });
    Some(view! {
        <div class="viewer-image">
            {move || image.get().flatten().map(|blob| view! { <Actions blob entry on_delete /> })}
        </div>
    })
}
