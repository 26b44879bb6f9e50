//! How much the browser stores, and whether it may evict the gallery.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Gallery;
use crate::browser_storage::Estimate;

/// Above this share of the quota, the gallery says it is nearly full.
const NEARLY_FULL: f64 = 0.8;

/// Bytes as people read them: `812 KB`, `2.3 MB`, `10.7 GB`.
fn bytes(count: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    match units.iter().find(|(_, size)| count >= *size) {
        Some((unit, size)) => format!("{:.1} {unit}", count / size),
        None => format!("{count:.0} bytes"),
    }
}

/// How much the browser stores, and whether it may evict the gallery.
#[component]
pub fn StorageNote(gallery: Gallery) -> impl IntoView {
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        spawn_local(async move {
            gallery.check_storage(true).await;
            asking.set(false);
        });
    };
    let storage = move || gallery.storage.get().unwrap_or_default();
    let usage = move || {
        storage().estimate.map(|Estimate { usage, quota }| {
            let share = if quota > 0.0 { usage / quota } else { 0.0 };
            let text = format!("Stored in this browser: {} of the {} it allows this site.", bytes(usage), bytes(quota));
            (text, share >= NEARLY_FULL)
        })
    };
    let evictable = move || storage().persisted != Some(true);
    // Shown once the browser has answered, below everything: it moves nothing when it comes.
    view! {
        <div class="storage-note" hidden=move || gallery.storage.with(Option::is_none)>
            <p>
                {move || match usage() {
                    Some((text, _)) => text,
                    None => "This browser does not say how much it stores.".to_owned(),
                }}
                {move || usage().is_some_and(|(_, full)| full).then(|| view! {
                    " "
                    <strong class="warning">"It is nearly full: export and delete some images to make room."</strong>
                })}
                " "
                <span class:warning=evictable>
                    {move || match storage().persisted {
                        Some(true) => "Kept: the browser will not clear the gallery to make room.",
                        Some(false) => "Not kept for sure: the browser may clear the gallery when the disk runs low, \
                                        because it has not granted persistent storage. Export a ZIP to keep a copy.",
                        None => "The browser does not say whether it keeps the gallery: export a ZIP to keep a copy.",
                    }}
                </span>
            </p>
            <Show when=move || storage().persisted == Some(false)>
                <button type="button" class="secondary" on:click=ask disabled=move || asking.get()>"Ask to keep it"</button>
            </Show>
        </div>
    }
}
