//! One image shown in full with its facts and everything that can be done
//! with it: download, copy, open, reuse its settings, edit it, delete it.

use gpt_image_wasm::core::ImageFormat;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use crate::compare::Compare;
use crate::gallery::Handlers;
use crate::object_url::object_url;
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
        _ => entry.settings.size.as_ref().map_or_else(|| "size unknown".to_owned(), ToString::to_string),
    };
    let mut facts = format!("{size} · {} · {}", format_name(&entry.mime_type), byte_size(entry.bytes));
    if let Some(tokens) = entry.tokens {
        facts.push_str(&format!(" · {tokens} tokens"));
    }
    if let Some(cost) = entry.cost {
        facts.push_str(&format!(" · ≈ ${cost:.3}"));
    }
    facts
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

/// An image with its facts and actions. `entry` may change while it is shown
/// (its id once stored, its tokens once known) without the image being
/// redrawn. `before` (an edit's input) adds a before/after slider.
#[component]
pub fn Actions(
    blob: Blob,
    #[prop(into)] entry: Signal<Entry>,
    handlers: Handlers,
    on_delete: Callback<()>,
    #[prop(default = None)] before: Option<Blob>,
) -> impl IntoView {
    let url = object_url(&blob);
    let transparent = entry.with_untracked(|entry| {
        entry.settings.background.as_ref().is_some_and(|background| background.as_str() == "transparent")
    });
    let alt = Signal::derive(move || {
        entry.with(|entry| {
            let prompt = entry.revised_prompt.as_ref().unwrap_or(&entry.settings.prompt);
            format!("Generated image for: {prompt}")
        })
    });
    let file_name = move || {
        entry.with(|entry| {
            let stamp = entry.id.map_or(entry.created as u64, u64::from);
            format!("gpt-image-{stamp}.{}", extension(&entry.mime_type))
        })
    };
    let copied = RwSignal::new(String::new());
    let on_copy = {
        let blob = blob.clone();
        move |_| {
            let blob = blob.clone();
            spawn_local(async move {
                copied.set(match copy(blob).await {
                    Ok(()) => "Copied.".into(),
                    Err(_) => "This browser did not allow copying the image.".into(),
                });
            });
        }
    };
    let picture = match before {
        Some(before) => view! { <Compare before after=url.clone() alt /> }.into_any(),
        None => view! {
            <a href=url.clone() target="_blank" rel="noopener" aria-label="Open full size">
                <img src=url.clone() alt=alt />
            </a>
        }
        .into_any(),
    };
    let edited = blob.clone();
    view! {
        <figure class="picture" class:transparent=transparent>
            {picture}
            <figcaption>
                <span class="facts">{move || entry.with(facts)}</span>
                {move || entry.with(|entry| entry.revised_prompt.clone()).map(|text| view! { <span class="revised">{text}</span> })}
                <span class="image-actions">
                    <a href=url.clone() download=file_name>"Download"</a>
                    <a href=url target="_blank" rel="noopener">"Open"</a>
                    <button type="button" on:click=on_copy>"Copy"</button>
                    <button type="button" on:click=move |_| handlers.reuse.run(entry.get_untracked())>"Reuse settings"</button>
                    <button type="button" on:click=move |_| handlers.edit.run(edited.clone())>"Edit this image"</button>
                    <button type="button" on:click=move |_| on_delete.run(())>"Delete"</button>
                    <span class="hint" role="status">{move || copied.get()}</span>
                </span>
            </figcaption>
        </figure>
    }
}
