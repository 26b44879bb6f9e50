//! The bar that offers to undo a delete.

use leptos::prelude::*;

use super::Gallery;
use crate::i18n::words;

/// "Deleted 3 images. Undo" while a delete can be undone.
#[component]
pub fn UndoBar(gallery: Gallery) -> impl IntoView {
    let text = move || {
        gallery.trash.with(|trash| match (trash.entries.len(), trash.from_before) {
            (0, _) => None,
            (count, true) => Some((words().undo_deleted_before)(count)),
            (count, false) => Some((words().undo_deleted)(count)),
        })
    };
    view! {
        <div class="undo" role="status" class:active=move || text().is_some()>
            {move || text().map(|text| view! {
                <span>{text}</span>
                <button type="button" class="secondary" on:click=move |_| gallery.undo()>{move || words().undo_undo}</button>
                <button type="button" class="secondary" title=move || words().undo_erase_title on:click=move |_| gallery.erase()>
                    {move || words().dismiss}
                </button>
            })}
        </div>
    }
}
