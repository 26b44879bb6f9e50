//! A before/after comparison of an edit: the result laid over its input,
//! cut by a line you drag on the image itself (mouse, pen or finger), or
//! move with the slider under it (keyboard, assistive technology).

use leptos::prelude::*;
use web_sys::{Blob, PointerEvent};

use crate::i18n::words;
use crate::object_url::object_url;

/// The input (`before`) under the result (`after`, a URL); dragging on the
/// pair, or the slider, moves the line between them.
#[component]
pub fn Compare(before: Blob, #[prop(into)] after: Signal<String>, #[prop(into)] alt: Signal<String>) -> impl IntoView {
    let before = object_url(&before);
    let split = RwSignal::new(50_u32);
    let stage = NodeRef::<leptos::html::Div>::new();
    // The split at the pointer, in whole percent of the pair's width.
    let follow = move |ev: &PointerEvent| {
        let Some(stage) = stage.get_untracked() else { return };
        let rect = stage.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let at = (f64::from(ev.client_x()) - rect.left()) / rect.width() * 100.0;
            split.set(at.round().clamp(0.0, 100.0) as u32);
        }
    };
    view! {
        <div class="compare" style:--split=move || format!("{}%", split.get())>
            <div
                class="frame compare-stage"
                node_ref=stage
                on:pointerdown=move |ev| {
                    if ev.button() != 0 {
                        return;
                    }
                    ev.prevent_default();
                    if let Some(stage) = stage.get_untracked() {
                        let _ = stage.set_pointer_capture(ev.pointer_id());
                    }
                    follow(&ev);
                }
                on:pointermove=move |ev| {
                    if ev.buttons() & 1 == 1 {
                        follow(&ev);
                    }
                }
            >
                <img src=before alt=move || words().before_edit draggable="false" />
                <img class="after" src=move || after.get() alt=alt draggable="false" />
                <span class="compare-line" aria-hidden="true"></span>
            </div>
            <label class="compare-slider">
                <span>{move || words().before_after}</span>
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
