//! The gallery section: totals, search, favourites, the selection's
//! actions, import and export, and the cards a screenful at a time.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Gallery;
use super::card::Card;
use super::storage_note::StorageNote;
use super::undo_bar::UndoBar;
use super::viewer::Viewer;
use crate::archive;
use crate::store::Entry;
use crate::thread::ThreadLinks;

/// Cards added per "Show more".
const PAGE: usize = 48;

/// "1 image" or "3 images".
pub(super) fn images(count: usize) -> String {
    if count == 1 { "1 image".to_owned() } else { format!("{count} images") }
}

/// " and 1 conversation", " and 2 conversations", or nothing for none.
fn conversations(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => " and 1 conversation".to_owned(),
        count => format!(" and {count} conversations"),
    }
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
    let links = use_context::<ThreadLinks>();
    // The images runs on the page show are there, not here.
    let matching = Memo::new(move |_| {
        let words: Vec<String> = query.get().to_lowercase().split_whitespace().map(str::to_owned).collect();
        gallery.entries.with(|entries| {
            entries
                .iter()
                .filter(|entry| !entry.id.is_some_and(|id| gallery.shown.with(|shown| shown.contains(&id))))
                .filter(|entry| !favourites_only.get() || entry.favourite)
                .filter(|entry| {
                    let text = format!("{} {}", entry.request.prompt, entry.revised_prompt.as_deref().unwrap_or(""))
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
            let archive = gallery.archive(entries, chosen.is_empty()).await;
            status.set(match archive::export(&archive).await {
                Ok(()) => format!("Exported {}{}.", images(archive.images.len()), conversations(archive.threads.len())),
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
                Ok(archive) => {
                    let total = archive.images.len();
                    let (added, threads) = gallery.import_archive(archive).await;
                    if threads > 0 {
                        links.inspect(|links| links.imported.run(()));
                    }
                    if added == total {
                        format!("Imported {}{}.", images(added), conversations(threads))
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
