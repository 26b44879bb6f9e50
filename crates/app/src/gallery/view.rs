//! The gallery section: totals, search, favourites, the selection's
//! actions, import and export, and the cards a screenful at a time.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card::Card;
use super::storage_note::StorageNote;
use super::undo_bar::UndoBar;
use super::viewer::Viewer;
use super::{Gallery, Imported};
use crate::archive;
use crate::i18n::{Words, format, words};
use crate::store::Entry;
use crate::thread::ThreadLinks;

/// Cards added per "Show more".
const PAGE: usize = 48;

/// What the gallery says about an export or an import, in the words of the language in use.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    /// Packing this many images.
    Packing(usize),
    /// Exported this many images and conversations.
    Exported(usize, usize),
    /// Reading an imported ZIP.
    Reading,
    /// Imported this many images and conversations.
    Imported(usize, usize),
    /// Imported this many new images, skipped this many the gallery held
    /// already, and imported this many conversations.
    ImportedKnown(usize, usize, usize),
    /// Imported this many of the ZIP's new images; the rest did not fit.
    ImportedPartly(usize, usize),
    /// Export all, with no images to export.
    NothingToExport,
    /// The export failed, for this reason.
    ExportFailed(archive::Error),
    /// The import failed, for this reason.
    ImportFailed(archive::Error),
}

impl Status {
    fn say(&self, words: &Words) -> String {
        match self {
            Status::Packing(count) => (words.gallery_packing)(*count),
            Status::Exported(images, threads) => (words.gallery_exported)(*images, *threads),
            Status::Reading => words.gallery_reading_zip.to_owned(),
            Status::Imported(images, threads) => (words.gallery_imported)(*images, *threads),
            Status::ImportedKnown(added, known, threads) => (words.gallery_imported_known)(*added, *known, *threads),
            Status::ImportedPartly(added, total) => (words.gallery_imported_partly)(*added, *total),
            Status::NothingToExport => words.gallery_nothing_to_export.to_owned(),
            Status::ExportFailed(error) => (words.gallery_export_failed)(&error.say(words)),
            Status::ImportFailed(error) => (words.gallery_import_failed)(&error.say(words)),
        }
    }
}

/// The gallery section.
#[component]
pub fn GalleryView(gallery: Gallery) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let favourites_only = RwSignal::new(false);
    let shown = RwSignal::new(PAGE);
    let selected = RwSignal::new(HashSet::<u32>::new());
    let opened = gallery.opened;
    let status = RwSignal::new(None::<Status>);
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
        if entries.is_empty() {
            status.set(Some(Status::NothingToExport));
            return;
        }
        status.set(Some(Status::Packing(entries.len())));
        spawn_local(async move {
            let archive = gallery.archive(entries, chosen.is_empty()).await;
            status.set(Some(match archive::export(&archive).await {
                Ok(()) => Status::Exported(archive.images.len(), archive.threads.len()),
                Err(error) => Status::ExportFailed(error),
            }));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        status.set(Some(Status::Reading));
        spawn_local(async move {
            status.set(Some(match archive::import(&file).await {
                Ok(archive) => {
                    let Imported { new, added, known, threads } = gallery.import_archive(archive).await;
                    if threads > 0 {
                        links.inspect(|links| links.imported.run(()));
                    }
                    match (added == new, known) {
                        (false, _) => Status::ImportedPartly(added, new),
                        (true, 0) => Status::Imported(added, threads),
                        (true, known) => Status::ImportedKnown(added, known, threads),
                    }
                }
                Err(error) => Status::ImportFailed(error),
            }));
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
        (words().gallery_totals)(count, tokens, &format::usd(cost))
    };
    let count = move || selected.with(HashSet::len);
    // The viewer pages through the cards, or, opened from a run, through
    // the run's images (those are not among the cards), in its order.
    let viewing = Memo::new(move |_| {
        let Some(id) = opened.get() else { return matching.get() };
        if matching.with(|entries| entries.iter().any(|entry| entry.id == Some(id))) {
            return matching.get();
        }
        let mut paging = gallery.paging.get();
        if !paging.contains(&id) {
            paging = vec![id];
        }
        gallery.entries.with(|entries| {
            let find = |id: &u32| entries.iter().find(|entry| entry.id == Some(*id)).cloned();
            paging.iter().filter_map(find).collect()
        })
    });
    view! {
        <section class="gallery" aria-labelledby="gallery-title">
            <header>
                <h2 id="gallery-title">{move || words().gallery_title}</h2>
                <p class="gallery-totals">{totals}</p>
            </header>
            <div class="gallery-tools">
                <label class="search">
                    <span>{move || words().gallery_search}</span>
                    <input type="search" bind:value=query />
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=favourites_only />
                    <span>{move || words().gallery_favourites_only}</span>
                </label>
            </div>
            <div class="gallery-actions" role="group" aria-label=move || words().gallery_actions>
                <Show
                    when=move || { count() > 0 }
                    fallback=move || view! {
                        <button type="button" class="secondary" on:click=select_all disabled=move || matching.with(Vec::is_empty)>
                            {move || words().gallery_select_all}
                        </button>
                    }
                >
                    <span class="selection" role="status">{move || (words().gallery_selected)(count())}</span>
                    <button type="button" class="secondary danger" on:click=delete_selected>
                        {move || (words().gallery_delete_selected)(count())}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| selected.set(HashSet::new())>{move || words().gallery_clear_selection}</button>
                </Show>
                <button type="button" class="secondary" on:click=export>
                    {move || match count() {
                        0 => words().gallery_export_all.to_owned(),
                        count => (words().gallery_export_selected)(count),
                    }}
                </button>
                <label class="file-button">
                    <span>{move || words().gallery_import}</span>
                    <input type="file" accept=".zip,application/zip" on:change=import />
                </label>
            </div>
            <p class="gallery-status" role="status">{move || status.with(|status| status.as_ref().map(|status| status.say(words())))}</p>
            {move || gallery.problem.get().map(|problem| view! { <p class="storage-problem" role="alert">{problem}</p> })}
            <Show when=move || gallery.loaded.get() && gallery.entries.with(Vec::is_empty)>
                <p class="hint">{move || words().gallery_empty}</p>
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
                    {move || words().gallery_show_more}
                </button>
            </Show>
            // Last: it is known a moment after the rest, and moves nothing when it comes.
            <StorageNote gallery />
            <div class="undo-toast">
                <UndoBar gallery />
            </div>
            <Show when=move || opened.with(Option::is_some)>
                <Viewer gallery opened list=viewing />
            </Show>
        </section>
    }
}
