//! A before/after comparison of an edit: the result laid over its input,
//! cut by a slider.

use leptos::prelude::*;
use web_sys::Blob;

use crate::object_url::object_url;

/// The input (`before`) under the result (`after`, a URL); the slider moves
/// the line between them.
#[component]
pub fn Compare(before: Blob, after: String, #[prop(into)] alt: Signal<String>) -> impl IntoView {
    let before = object_url(&before);
    let split = RwSignal::new(50_u32);
    view! {
        <div class="compare" style:--split=move || format!("{}%", split.get())>
            <img src=before alt="The input image, before the edit" />
            <img class="after" src=after alt=alt />
            <label class="compare-slider">
                <span>"Before / after"</span>
                <input
                    type="range"
                    min="0"
                    max="100"
                    prop:value=move || split.get().to_string()
                    on:input=move |ev| split.set(event_target_value(&ev).parse().unwrap_or(50))
                />
            </label>
        </div>
    }
}
