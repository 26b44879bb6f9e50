//! One image of the viewer.

use leptos::prelude::*;

use super::Gallery;
use crate::actions::Actions;
use crate::store::Entry;

/// The image `id` of the viewer, with its facts and actions. Deleting it
/// shows the next one (or the previous one at the end, or closes).
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
    Some(view! {
        <div class="viewer-image">
            {move || image.get().flatten().map(|blob| view! { <Actions blob entry on_delete /> })}
        </div>
    })
}
