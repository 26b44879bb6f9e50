//! Sharing the provider in use as a link: its name, base URL and model in
//! the URL's fragment (which no server sees), its key only when the person
//! ticks that, with a plain warning. Opening the link sets the endpoint up
//! (`setup.rs`).

use leptos::prelude::*;

use super::setup::{LINK_KEY, SharedEndpoint};
use super::state::Providers;
use crate::i18n::words;

/// The link that sets up the provider in use: this page's address with the
/// endpoint in its fragment.
fn link(providers: Providers, with_key: bool) -> String {
    let shared = SharedEndpoint::of(&providers.provider(), with_key);
    let json = serde_json::to_string(&shared).unwrap_or_default();
    let location = window().location();
    let page = format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
    format!("{page}#{LINK_KEY}={}", String::from(js_sys::encode_uri_component(&json)))
}

/// The dialog's "Share this endpoint": the link, a copy button, and whether the key goes with it.
#[component]
pub(super) fn ShareEndpoint(providers: Providers) -> impl IntoView {
    let with_key = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let shown = move || link(providers, with_key.get());
    // A new provider, or the key ticked, makes a new link.
    Effect::new(move |_| {
        shown();
        copied.set(false);
    });
    let copy = move |_| {
        let text = shown();
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            copied.set(wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await.is_ok());
        });
    };
    let has_key = move || !providers.provider().api_key.trim().is_empty();
    view! {
        <fieldset class="share">
            <legend>{move || words().share_endpoint}</legend>
            <div class="share-link">
                <input readonly aria-label=move || words().shareable_link prop:value=shown />
                <button type="button" class="secondary" on:click=copy>{move || if copied.get() { words().copied } else { words().copy_link }}</button>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=with_key disabled=move || !has_key() on:change=move |ev| with_key.set(event_target_checked(&ev)) />
                <span>{move || words().key_in_link}</span>
            </label>
            <p class="hint" class:warning=with_key>
                {move || if with_key.get() {
                    words().share_key_warning
                } else {
                    words().share_without_key
                }}
            </p>
        </fieldset>
    }
}
