//! How much the browser stores, and whether it may evict the gallery.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Gallery;
use crate::browser_storage::Estimate;
use crate::i18n::words;

/// Above this share of the quota, the gallery says it is nearly full.
const NEARLY_FULL: f64 = 0.8;

/// Bytes as people read them: `812 KB`, `2.3 MB`, `10.7 GB`.
fn bytes(count: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    match units.iter().find(|(_, size)| count >= *size) {
        Some((unit, size)) => format!("{:.1} {unit}", count / size),
        None => format!("{count:.0} {}", words().storage_bytes),
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
            let text = (words().storage_used)(&bytes(usage), &bytes(quota));
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
                    None => words().storage_unknown.to_owned(),
                }}
                {move || usage().is_some_and(|(_, full)| full).then(|| view! {
                    " "
                    <strong class="warning">{move || words().storage_nearly_full}</strong>
                })}
                " "
                <span class:warning=evictable>
                    {move || match storage().persisted {
                        Some(true) => words().storage_kept,
                        Some(false) => words().storage_not_kept,
                        None => words().storage_unsure,
                    }}
                </span>
            </p>
            <Show when=move || storage().persisted == Some(false)>
                <button type="button" class="secondary" on:click=ask disabled=move || asking.get()>{move || words().storage_ask}</button>
            </Show>
        </div>
    }
}
