//! "Attach image": a dialog of the images a turn can take, this
//! conversation's (numbered as `@` names them) and the gallery's (newest
//! first, a screenful at a time); one click attaches one and closes it.

use leptos::prelude::*;

use super::state::Conversations;
use super::thumbs::GalleryThumb;
use crate::i18n::words;
use crate::thread::Numbered;

/// Gallery images shown per "Show more".
const PAGE: usize = 24;

/// One image to pick: its thumbnail and what it is.
#[component]
fn Choice(conversations: Conversations, id: u32, label: String, on_pick: Callback<u32>) -> impl IntoView {
    view! {
        <li>
            <button type="button" class="pick" aria-label=label.clone() on:click=move |_| on_pick.run(id)>
                <GalleryThumb conversations id alt=String::new() />
                <span>{label.clone()}</span>
            </button>
        </li>
    }
}

/// The picker, open while shown. `on_pick` gets the gallery id of the
/// image chosen; `on_close` is called when it closes (after a pick too).
#[component]
pub fn Picker(
    conversations: Conversations,
    /// The images of the branch in view.
    numbered: Memo<Vec<Numbered>>,
    on_pick: Callback<u32>,
    on_close: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
    });
    let shown = RwSignal::new(PAGE);
    let close = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let pick = Callback::new(move |id| {
        on_pick.run(id);
        close();
    });
    let gallery = conversations.gallery;
    let entries = move || {
        gallery.entries.with(|entries| {
            entries
                .iter()
                .filter_map(|entry| Some((entry.id?, entry.request.prompt.clone())))
                .take(shown.get())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <dialog class="picker" node_ref=dialog aria-labelledby="picker-title" on:close=move |_| on_close.run(())>
            <div class="dialog-head">
                <h2 id="picker-title">{move || words().picker_title}</h2>
                <button type="button" class="secondary" autofocus=true on:click=move |_| close()>{move || words().close}</button>
            </div>
            <section hidden=move || numbered.with(Vec::is_empty) aria-labelledby="picker-thread">
                <h3 id="picker-thread">{move || words().picker_thread}</h3>
                <ul class="picks">
                    {move || numbered.get().into_iter().map(|image| {
                        let label = (words().picker_from_turn)(image.number, image.turn);
                        view! { <Choice conversations id=image.id label on_pick=pick /> }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="picker-gallery">
                <h3 id="picker-gallery">{move || words().gallery_title}</h3>
                <Show when=move || gallery.entries.with(Vec::is_empty)>
                    <p class="hint">{move || words().picker_empty}</p>
                </Show>
                <ul class="picks">
                    {move || entries().into_iter().map(|(id, prompt)| {
                        let label = (words().picker_gallery_image)(&prompt);
                        view! { <Choice conversations id label on_pick=pick /> }
                    }).collect_view()}
                </ul>
                <Show when=move || { gallery.entries.with(Vec::len) > shown.get() }>
                    <button type="button" class="secondary" on:click=move |_| shown.update(|shown| *shown += PAGE)>{move || words().gallery_show_more}</button>
                </Show>
            </section>
        </dialog>
    }
}
