//! One image, as large as its column and the screen allow, with its facts
//! and one row of actions: Download, Copy and Edit, and a menu for the rest
//! (open full size, reuse its settings, delete).

use std::cell::Cell;

use gpt_image_wasm::core::ImageFormat;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::compare::Compare;
use crate::i18n::{format, words};
use crate::object_url::{file_url, image_src, is_document};
use crate::store::Entry;

/// Bytes as `12.3 KB` or `1.2 MB`.
fn byte_size(bytes: u64) -> String {
    let bytes = bytes as f64;
    if bytes >= 1_000_000.0 { format!("{:.1} MB", bytes / 1_000_000.0) } else { format!("{:.1} KB", bytes / 1_000.0) }
}

/// The format a MIME type names (PNG when unknown).
fn format_of(mime_type: &str) -> ImageFormat {
    ImageFormat::from_mime_type(mime_type).unwrap_or(ImageFormat::Png)
}

/// The file extension of a MIME type (`jpg`, `webp`; `png` when unknown).
pub fn extension(mime_type: &str) -> String {
    format_of(mime_type).extension().to_owned()
}

/// The name of a MIME type's format, as people write it: `PNG`, `JPEG`, `WEBP`.
fn format_name(mime_type: &str) -> String {
    format_of(mime_type).as_str().to_ascii_uppercase()
}

/// The size, format and byte size of an image, and its share of tokens and cost.
fn facts(entry: &Entry) -> String {
    let size = match (entry.width, entry.height) {
        (Some(width), Some(height)) => format!("{width}x{height}"),
        _ => entry.request.size.as_ref().map_or_else(|| words().image_size_unknown.to_owned(), ToString::to_string),
    };
    let mut facts = format!("{size} · {} · {}", format_name(&entry.mime_type), byte_size(entry.bytes));
    if let Some(tokens) = entry.tokens {
        facts.push_str(&format!(" · {}", (words().image_tokens)(tokens)));
    }
    if let Some(cost) = entry.cost {
        facts.push_str(&format!(" · {}", (words().image_cost)(&format::usd(cost))));
    }
    facts
}

/// The CSS aspect ratio of an image (`1536 / 1024`), square when its size is unknown.
pub fn ratio(entry: &Entry) -> String {
    match (entry.width, entry.height) {
        (Some(width), Some(height)) if width > 0 && height > 0 => format!("{width} / {height}"),
        _ => "1 / 1".to_owned(),
    }
}

/// Puts an image on the clipboard (as PNG, the one image type browsers accept there).
async fn copy(blob: Blob) -> Result<(), JsValue> {
    let png = crate::reencode::as_png(&blob).await?;
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &"image/png".into(), &js_sys::Promise::resolve(&png))?;
    let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&items)?;
    let clipboard = window().navigator().clipboard();
    JsFuture::from(clipboard.write(&js_sys::Array::of1(&item))).await.map(drop)
}

thread_local! {
    /// Numbers the action menus, whose ids tie them to their buttons.
    static MENUS: Cell<u64> = const { Cell::new(0) };
}

/// What the page does with an image's Edit and Reuse actions, given
/// through context by the app to every [`Actions`].
#[derive(Clone, Copy)]
pub struct Handlers {
    /// Loads an entry's settings into the form.
    pub reuse: Callback<Entry>,
    /// Makes an image the input of an edit.
    pub edit: Callback<Blob>,
    /// Opens gallery image `id` in the viewer, paging through the images
    /// given with it, when it is not one of the gallery's cards (`None`: no
    /// gallery, so an image opens as a file in a new tab).
    pub view: Option<Callback<(u32, Vec<u32>)>>,
}

/// An image with its facts and actions. `entry` may change while it is shown
/// (its id once stored, its tokens once known) without the image being
/// redrawn. `before` (an edit's input) shows a before/after comparison.
///
/// Clicking the image opens it in the gallery's viewer once it is stored
/// there; without a gallery (or in the viewer itself) it opens full size
/// in a new tab.
#[component]
pub fn Actions(
    blob: Blob,
    #[prop(into)] entry: Signal<Entry>,
    on_delete: Callback<()>,
    #[prop(default = None)] before: Option<Blob>,
    /// Shown by the viewer: its facts are the viewer's, and the image opens full size.
    #[prop(default = false)]
    in_viewer: bool,
    /// The gallery ids of the images shown with it (a run's), which the
    /// viewer pages through when it opens from this one.
    #[prop(optional, into)]
    siblings: Option<Signal<Vec<u32>>>,
) -> impl IntoView {
    let handlers = expect_context::<Handlers>();
    // An SVG is shown from a `data:` URL and handed over as a file: never opened as a page of this origin.
    let document = is_document(&blob);
    let src = image_src(&blob);
    let url = if document { String::new() } else { src.get_untracked() };
    let file = file_url(&blob);
    let (transparent, shape, size) = entry.with_untracked(|entry| {
        let transparent =
            entry.request.background.as_ref().is_some_and(|background| background.as_str() == "transparent");
        (transparent, ratio(entry), (entry.width, entry.height))
    });
    let alt = Signal::derive(move || {
        entry.with(|entry| {
            let prompt = entry.revised_prompt.as_ref().unwrap_or(&entry.request.prompt);
            (words().image_alt)(prompt)
        })
    });
    let file_name = move || {
        entry.with(|entry| {
            let stamp = entry.id.map_or(entry.created as u64, u64::from);
            format!("gpt-image-{stamp}.{}", extension(&entry.mime_type))
        })
    };
    // Whether the copy was done (`Some(true)`) or refused (`Some(false)`).
    let copied = RwSignal::new(None::<bool>);
    let on_copy = {
        let blob = blob.clone();
        move |_| {
            let blob = blob.clone();
            spawn_local(async move {
                copied.set(Some(copy(blob).await.is_ok()));
            });
        }
    };
    // Opening an image is a new tab, but an SVG's is a download (the same link, other attributes).
    let open = if document { file.clone() } else { url.clone() };
    let (tab, saved) = (move || (!document).then_some("_blank"), move || document.then(file_name));
    let open_label = move || if document { words().image_open_file } else { words().image_open_full };
    // A plain click opens the viewer; the link stays for a new tab or a download.
    let view = handlers.view.filter(|_| !in_viewer);
    let on_open = move |ev: leptos::ev::MouseEvent| {
        let plain = ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if let (Some(view), Some(id), true) = (view, entry.with_untracked(|entry| entry.id), plain) {
            ev.prevent_default();
            view.run((id, siblings.map(|siblings| siblings.get_untracked()).unwrap_or_default()));
        }
    };
    let picture = match before {
        Some(before) => view! { <Compare before after=src alt /> }.into_any(),
        None => view! {
            <a class="frame" href=open.clone() target=tab rel="noopener" download=saved on:click=on_open aria-label=move || {
                if view.is_some() && entry.with(|entry| entry.id.is_some()) {
                    words().viewer_open
                } else if document {
                    words().image_download_svg
                } else {
                    words().image_open_full
                }
            }>
                <img src=move || src.get() alt=alt width=size.0 height=size.1 />
            </a>
        }
        .into_any(),
    };
    let menu = format!("image-menu-{}", MENUS.with(|menus| menus.replace(menus.get() + 1)));
    let edited = blob.clone();
    view! {
        <figure class="picture" class:transparent=transparent style:--ratio=shape>
            {picture}
            <figcaption>
                <span class="facts">{move || entry.with(facts)}</span>
                {move || {
                    entry
                        .with(|entry| entry.revised_prompt.clone().filter(|text| !in_viewer && *text != entry.request.prompt))
                        .map(|text| view! { <span class="revised">{text}</span> })
                }}
                <div class="image-actions">
                    <a class="button" href=file.clone() download=file_name>{move || words().image_download}</a>
                    <button type="button" class="secondary" on:click=on_copy>{move || words().image_copy}</button>
                    <button type="button" class="secondary" aria-label=move || words().image_edit_label on:click=move |_| handlers.edit.run(edited.clone())>
                        {move || words().edit}
                    </button>
                    <button type="button" class="secondary more" popovertarget=menu.clone() aria-label=move || words().image_more_label>
                        {move || words().image_more}
                    </button>
                    <div class="menu" popover="auto" id=menu.clone()>
                        <a href=open target=tab rel="noopener" download=saved>{open_label}</a>
                        <button type="button" popovertarget=menu.clone() popovertargetaction="hide" on:click=move |_| handlers.reuse.run(entry.get_untracked())>
                            {move || words().image_reuse}
                        </button>
                        <button type="button" class="danger" popovertarget=menu.clone() popovertargetaction="hide" on:click=move |_| on_delete.run(())>
                            {move || words().delete}
                        </button>
                    </div>
                </div>
                <span class="image-status" role="status">{move || copied.get().map(|done| if done { words().image_copied } else { words().image_copy_refused })}</span>
            </figcaption>
        </figure>
    }
}
