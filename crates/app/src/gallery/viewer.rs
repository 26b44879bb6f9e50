//! The dialog that shows the stored images at full size.

use leptos::prelude::*;

use super::Gallery;
use super::undo_bar::UndoBar;
use super::viewer_image::ViewerImage;
use crate::i18n::words;
use crate::store::Entry;

/// The stored images at full size, one at a time, in a dialog that fits the
/// screen: the image as large as it fits, its facts and actions below it,
/// Previous and Next (and the arrow keys) through `list`.
#[component]
pub fn Viewer(gallery: Gallery, opened: RwSignal<Option<u32>>, list: Memo<Vec<Entry>>) -> impl IntoView {
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
        position.get().map(|index| (words().viewer_position)(index + 1, total)).unwrap_or_default()
    };
    view! {
        <dialog class="viewer" node_ref=dialog aria-label=move || words().viewer_label on:close=move |_| close()>
            <div class="viewer-bar">
                <button type="button" class="secondary" aria-label=move || words().viewer_previous_label node_ref=previous disabled=move || !has(-1) on:click=move |_| step(-1)>
                    {move || words().viewer_previous}
                </button>
                <span class="viewer-count" aria-live="polite">{counter}</span>
                <button type="button" class="secondary" aria-label=move || words().viewer_next_label node_ref=next disabled=move || !has(1) on:click=move |_| step(1)>
                    {move || words().viewer_next}
                </button>
                <button type="button" class="secondary close" autofocus=true on:click=move |_| close()>{move || words().close}</button>
            </div>
            {move || opened.get().map(|id| view! { <ViewerImage gallery id opened neighbour=Callback::new(neighbour) /> })}
            <UndoBar gallery />
        </dialog>
    }
}
