//! The mask of an edit, drawn over the first input (see [`crate::drawing`])
//! or uploaded as a PNG. The form shows where the mask stands.
//!
//! Painted pixels are where the model may change the image: the mask sent
//! is an opaque PNG of the first input's size with those pixels made fully
//! transparent, as the API expects.

use gpt_image_wasm::Upload;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use web_sys::{Blob, HtmlCanvasElement};

use crate::drawing::{Colour, Drawing, DrawingEditor, png_of};
use crate::i18n::words;

/// The mask brush's one colour.
const COLOURS: &[Colour] = &[(|words| words.mask_colour, "#ff2d55")];

/// The mask being drawn or uploaded.
#[derive(Clone, Copy)]
pub struct Mask {
    /// What is drawn.
    pub drawing: Drawing,
    /// A mask file chosen instead of drawing.
    pub uploaded: RwSignal<Option<Upload>, LocalStorage>,
}

impl Mask {
    /// No mask.
    pub fn new() -> Self {
        Mask { drawing: Drawing::new(), uploaded: RwSignal::new_local(None) }
    }

    /// Whether there is a mask to send.
    pub fn is_set(&self) -> bool {
        self.uploaded.with(Option::is_some) || self.drawing.painted.get()
    }

    /// Wipes the drawing (undoable) and forgets an uploaded mask.
    pub fn clear(&self) {
        self.uploaded.set(None);
        self.drawing.clear();
    }

    /// The mask to send, if there is one: the uploaded file, or the drawing
    /// as a PNG the size of the first image.
    pub async fn upload(&self) -> Result<Option<Upload>, String> {
        if let Some(upload) = self.uploaded.get_untracked() {
            return Ok(Some(upload));
        }
        if !self.drawing.painted.get_untracked() {
            return Ok(None);
        }
        let Some(canvas) = self.drawing.canvas() else { return Ok(None) };
        let png = mask_png(&canvas).await.map_err(|_| words().mask_not_png.to_owned())?;
        Upload::from_blob(&png, Some("mask.png"), "mask", "mask").await.map(Some).map_err(|issue| issue.message)
    }
}

/// An opaque PNG the size of `drawing`, fully transparent where it is painted.
pub async fn mask_png(drawing: &HtmlCanvasElement) -> Result<Blob, JsValue> {
    let (width, height) = (drawing.width(), drawing.height());
    png_of(drawing, |context| {
        context.set_fill_style_str("#000");
        context.fill_rect(0.0, 0.0, width.into(), height.into());
        context.set_global_composite_operation("destination-out")
    })
    .await
}

/// The mask of `image` (the first input, `size` its width and height when
/// known): a line in the form saying where it stands, with buttons to draw
/// it (in a dialog), upload it or clear it. `blocked` says why there can be
/// no mask now (markup is drawn), if so.
#[component]
pub fn MaskEditor(
    mask: Mask,
    image: Blob,
    size: Option<(u32, u32)>,
    #[prop(into)] blocked: Signal<Option<&'static str>>,
) -> impl IntoView {
    let state = move || match mask.uploaded.get() {
        Some(upload) => (words().mask_uploaded)(&upload.file.filename),
        None if mask.drawing.painted.get() => words().mask_drawn.to_owned(),
        None => match blocked.get() {
            Some(why) => (words().no_mask_because)(why),
            None => words().no_mask.to_owned(),
        },
    };
    let nothing = move || !mask.is_set();
    let refused = move || blocked.get().is_some() && nothing();
    let on_mask_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            let name = file.name();
            if let Ok(upload) = Upload::from_blob(&file, Some(&name), "mask", "mask").await {
                mask.uploaded.set(Some(upload));
            }
        });
    };
    let controls = move |open: Callback<()>| {
        view! {
            <div class="mask">
                <p class="mask-state" role="status">{state}</p>
                <div class="mask-actions">
                    <button type="button" class="secondary" on:click=move |_| open.run(()) disabled=move || mask.uploaded.with(Option::is_some) || refused()>
                        {move || if mask.drawing.painted.get() { words().edit_mask } else { words().draw_mask }}
                    </button>
                    <label class="file-button" class:disabled=refused>
                        <span>{move || words().upload_mask}</span>
                        <input type="file" accept="image/png" on:change=on_mask_file disabled=refused />
                    </label>
                    <button type="button" class="secondary" on:click=move |_| mask.clear() disabled=nothing>{move || words().clear_mask}</button>
                </div>
            </div>
        }
    };
    view! {
        <DrawingEditor drawing=mask.drawing image size name="mask" title=|words| words.mask_title area=|words| words.mask_area colours=COLOURS controls />
    }
}
