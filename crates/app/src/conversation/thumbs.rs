//! Small pictures of a conversation's references: a gallery image by its
//! thumbnail, a file kept with the conversation, or a file attached just now.

use leptos::prelude::*;
use web_sys::Blob;

use super::references::Attached;
use super::state::Conversations;
use crate::object_url::image_src;
use crate::thread::Reference;

/// A blob shown as a small picture, once it is there.
#[component]
fn Thumb(blob: Option<Blob>, alt: String) -> impl IntoView {
    blob.map(|blob| {
        let src = image_src(&blob);
        view! { <img src=move || src.get() alt=alt.clone() decoding="async" /> }
    })
}

/// An attached image as a small picture: `alt` says which.
#[component]
pub fn AttachedThumb(conversations: Conversations, attached: Attached, alt: String) -> impl IntoView {
    let blob = LocalResource::new(move || {
        let attached = attached.clone();
        async move {
            match attached {
                Attached::New(blob) => Some(blob),
                Attached::Kept(Reference::Gallery { id }) => conversations.gallery.thumb(id).await,
                Attached::Kept(reference) => conversations.reference_blob(&reference).await,
            }
        }
    });
    move || blob.get().map(|blob| view! { <Thumb blob alt=alt.clone() /> })
}

/// Gallery image `id`'s thumbnail: `alt` says which.
#[component]
pub fn GalleryThumb(conversations: Conversations, id: u32, alt: String) -> impl IntoView {
    let blob = LocalResource::new(move || async move { conversations.gallery.thumb(id).await });
    move || blob.get().map(|blob| view! { <Thumb blob alt=alt.clone() /> })
}
