//! One card of the gallery's list.

use std::collections::HashSet;

use leptos::prelude::*;

use super::Gallery;
use crate::i18n::words;
use crate::object_url::image_src;
use crate::store::Entry;

/// One stored image: its thumbnail, whole (read when the card is first
/// shown), a favourite star and a selection box.
#[component]
pub fn Card(
    gallery: Gallery,
    entry: Entry,
    selected: RwSignal<HashSet<u32>>,
    opened: RwSignal<Option<u32>>,
) -> impl IntoView {
    let id = entry.id.unwrap_or_default();
    let thumb = LocalResource::new(move || async move { gallery.thumb(id).await });
    let prompt = entry.request.prompt.clone();
    let (alt, open) = (prompt.clone(), prompt.clone());
    let alt = move || (words().card_alt)(&alt);
    let open = move || (words().card_open)(&open);
    let favourite = entry.favourite;
    view! {
        <li class="card" class:chosen=move || selected.with(|selected| selected.contains(&id))>
            <button type="button" class="thumb" on:click=move |_| opened.set(Some(id)) aria-label=open>
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
                    aria-label=move || words().card_favourite
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
                    <span>{move || words().card_select}</span>
                </label>
            </span>
        </li>
    }
}
