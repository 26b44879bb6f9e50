//! The bar that offers to undo a delete.

use leptos::prelude::*;

use super::Gallery;
use super::view::images;

/// "Deleted 3 images. Undo" while a delete can be undone.
#[component]
pub fn UndoBar(gallery: Gallery) -> impl IntoView {
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
