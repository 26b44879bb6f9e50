//! One image of the viewer.

use leptos::prelude::*;

use super::Gallery;
use crate::actions::Actions;
use crate::i18n::words;
use crate::store::Entry;
use crate::thread::{ThreadLinks, shown_title};

/// The image `id` of the viewer, with its facts and actions, and the
/// conversation it came from, if one made it (with a button that opens it).
/// Deleting it shows the next one (or the previous one at the end, or closes).
#[component]
pub fn ViewerImage(
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
    let links = use_context::<ThreadLinks>();
    let from = move || {
        let links = links?;
        let (thread, turn) = entry.with(|entry| Some((entry.thread.clone()?, entry.turn)))?;
        Some(match links.title.run(thread.clone()) {
            Some(title) => view! {
                <p class="from-thread">
                    <span>{move || (words().viewer_from)(&shown_title(&title), turn)}</span>
                    <button type="button" class="secondary" on:click=move |_| {
                        opened.set(None);
                        links.open.run(thread.clone());
                    }>{move || words().viewer_open_conversation}</button>
                </p>
            }
            .into_any(),
            None => view! { <p class="from-thread">{move || words().viewer_from_deleted}</p> }.into_any(),
        })
    };
    Some(view! {
        <div class="viewer-image">
            {move || image.get().flatten().map(|blob| view! { <Actions blob entry on_delete /> })}
            {from}
        </div>
    })
}
