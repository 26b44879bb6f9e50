//! The gallery: every stored image, newest first, with search by prompt,
//! favourites, a selection to export, and import from a ZIP.
//!
//! Only the entries' metadata is read when the page opens; each card reads
//! its thumbnail when it is first shown, and cards are added a screenful at
//! a time, so hundreds of images open fast. A card's `blob:` URL is revoked
//! when the card goes away.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use crate::actions::Actions;
use crate::archive;
use crate::lifecycle::InRuns;
use crate::object_url::object_url;
use crate::store::{Entry, Store, StoreError};

/// Cards added per "Show more".
const PAGE: usize = 48;

/// The stored images and the store they live in.
#[derive(Clone, Copy)]
pub struct Gallery {
    store: LocalResource<Result<Store, StoreError>>,
    /// Every entry, newest first.
    pub entries: RwSignal<Vec<Entry>>,
    /// Whether the entries have been read.
    pub loaded: RwSignal<bool>,
    /// The last storage problem, said plainly.
    pub problem: RwSignal<Option<String>>,
    /// Images being stored right now.
    pub storing: RwSignal<usize>,
}

impl Gallery {
    /// Opens the database and reads the entries.
    pub fn new() -> Self {
        let gallery = Gallery {
            store: LocalResource::new(Store::open),
            entries: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            problem: RwSignal::new(None),
            storing: RwSignal::new(0),
        };
        // Ask the browser not to evict the gallery when the disk fills up (it may decline).
        if let Ok(promise) = window().navigator().storage().persist() {
            drop(promise);
        }
        spawn_local(async move {
            match gallery.with_store(|store| async move { store.entries().await }).await {
                Some(entries) => gallery.entries.set(entries),
                None => gallery.entries.set(Vec::new()),
            }
            gallery.loaded.set(true);
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

    /// Stores an image the moment it arrives; resolves to its entry id.
    pub async fn keep(&self, entry: Entry, image: Blob) -> Option<u32> {
        self.storing.update(|storing| *storing += 1);
        let thumb = crate::reencode::thumbnail(&image).await.unwrap_or_else(|_| image.clone());
        let stored = self.with_store(|store| async move { store.add(entry, &image, &thumb).await }).await;
        self.storing.update(|storing| *storing -= 1);
        let stored = stored?;
        let id = stored.id;
        self.problem.set(None);
        self.entries.update(|entries| entries.insert(0, stored));
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
            gallery.with_store(|store| async move { store.update(&entry).await }).await;
        });
    }

    /// Deletes entry `id` and its files.
    pub fn delete(&self, id: u32) {
        self.entries.update(|entries| entries.retain(|entry| entry.id != Some(id)));
        let gallery = *self;
        spawn_local(async move {
            gallery.with_store(|store| async move { store.delete(id).await }).await;
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

/// What the host page does with an image's actions.
#[derive(Clone, Copy)]
pub struct Handlers {
    /// Loads an entry's settings into the form.
    pub reuse: Callback<Entry>,
    /// Makes an image the input of an edit.
    pub edit: Callback<Blob>,
}

/// The gallery section.
#[component]
pub fn GalleryView(gallery: Gallery, handlers: Handlers) -> impl IntoView {
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
    let export = move |_| {
        let chosen = selected.get_untracked();
        let entries: Vec<Entry> = gallery
            .entries
            .get_untracked()
            .into_iter()
            .filter(|entry| chosen.is_empty() || entry.id.is_some_and(|id| chosen.contains(&id)))
            .collect();
        status.set(format!("Packing {} images…", entries.len()));
        spawn_local(async move {
            let mut items = Vec::new();
            for entry in entries.into_iter().rev() {
                if let Some(image) = gallery.image(entry.id.unwrap_or_default()).await {
                    items.push((entry, image));
                }
            }
            status.set(match archive::export(&items).await {
                Ok(()) => format!("Exported {} images.", items.len()),
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
                        format!("Imported {added} images.")
                    } else {
                        format!("Imported {added} of {total} images; the rest did not fit.")
                    }
                }
                Err(error) => format!("The import failed: {error}"),
            });
        });
    };
    let totals = move || {
        let (tokens, cost) = gallery.totals();
        let count = gallery.entries.with(Vec::len);
        let images = if count == 1 { "image" } else { "images" };
        format!("{count} {images} · {tokens} tokens · ≈ ${cost:.3}")
    };
    view! {
        <section class="gallery" aria-labelledby="gallery-title">
            <header>
                <h2 id="gallery-title">"Gallery"</h2>
                <p class="gallery-totals">{totals}</p>
                <label class="search">
                    <span>"Search prompts"</span>
                    <input type="search" bind:value=query />
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=favourites_only />
                    <span>"Favourites only"</span>
                </label>
                <button type="button" class="secondary" on:click=export>
                    {move || match selected.with(HashSet::len) {
                        0 => "Export all as ZIP".to_owned(),
                        count => format!("Export {count} selected as ZIP"),
                    }}
                </button>
                <label class="file-button">
                    <span>"Import ZIP"</span>
                    <input type="file" accept=".zip,application/zip" on:change=import />
                </label>
            </header>
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
            {move || opened.get().and_then(|id| gallery.entries.with(|entries| entries.iter().find(|entry| entry.id == Some(id)).cloned())).map(|entry| {
                view! { <Viewer gallery entry handlers on_close=Callback::new(move |()| opened.set(None)) /> }
            })}
        </section>
    }
}

/// One stored image: its thumbnail (read when the card is first shown), a
/// favourite star and a selection box.
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
        <li class="card">
            <button type="button" class="thumb" on:click=move |_| opened.set(Some(id)) aria-label=format!("Open: {prompt}")>
                {move || thumb.get().flatten().map(|blob| view! { <img src=object_url(&blob) alt=alt.clone() loading="lazy" decoding="async" /> })}
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

/// One stored image at full size, with its facts and actions.
#[component]
fn Viewer(gallery: Gallery, entry: Entry, handlers: Handlers, on_close: Callback<()>) -> impl IntoView {
    let id = entry.id.unwrap_or_default();
    let image = LocalResource::new(move || async move { gallery.image(id).await });
    let stored = entry.clone();
    // Focus moves into the dialog when it opens, so Escape and Tab work at once.
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div class="viewer" role="dialog" aria-modal="true" aria-label="Stored image" on:keydown=move |ev| {
            if ev.key() == "Escape" {
                on_close.run(());
            }
        }>
            <div class="viewer-body">
                <button type="button" class="secondary close" node_ref=close on:click=move |_| on_close.run(())>"Close"</button>
                {move || image.get().flatten().map(|blob| {
                    let entry = stored.clone();
                    let on_delete = Callback::new(move |()| {
                        gallery.delete(id);
                        on_close.run(());
                    });
                    view! { <Actions blob entry handlers on_delete /> }
                })}
            </div>
        </div>
    }
}
