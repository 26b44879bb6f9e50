//! The mask of an edit, drawn over the first input with a brush and an
//! eraser (with a size, undo and clear) in a dialog as large as the screen
//! allows, or uploaded as a PNG. The form shows where the mask stands.
//!
//! The drawing canvas has the image's exact pixel size and is scaled on
//! screen. Painted pixels are where the model may change the image: the
//! mask sent is an opaque PNG of that size with those pixels made fully
//! transparent, as the API expects.

use gpt_image_wasm::Upload;
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageData, OffscreenCanvas, PointerEvent};

use crate::object_url::object_url;

/// Undo steps kept (each is a full-size copy of the canvas).
const UNDO_STEPS: usize = 20;

/// A brush or an eraser.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Brush,
    Eraser,
}

/// The mask being drawn or uploaded.
#[derive(Clone, Copy)]
pub struct Mask {
    canvas: NodeRef<Canvas>,
    /// Whether anything is painted.
    pub painted: RwSignal<bool>,
    /// A mask file chosen instead of drawing.
    pub uploaded: RwSignal<Option<Upload>, LocalStorage>,
    undo: StoredValue<Vec<(ImageData, bool)>, LocalStorage>,
}

impl Mask {
    /// No mask.
    pub fn new() -> Self {
        Mask {
            canvas: NodeRef::new(),
            painted: RwSignal::new(false),
            uploaded: RwSignal::new_local(None),
            undo: StoredValue::new_local(Vec::new()),
        }
    }

    fn context(&self) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
        let canvas = self.canvas.get_untracked()?;
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some((canvas, context))
    }

    fn snapshot(&self) {
        let Some((canvas, context)) = self.context() else { return };
        let Ok(data) = context.get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into()) else { return };
        let painted = self.painted.get_untracked();
        self.undo.update_value(|steps| {
            if steps.len() == UNDO_STEPS {
                steps.remove(0);
            }
            steps.push((data, painted));
        });
    }

    fn undo(&self) {
        let Some((_, context)) = self.context() else { return };
        if let Some((data, painted)) = self.undo.try_update_value(Vec::pop).flatten() {
            let _ = context.put_image_data(&data, 0.0, 0.0);
            self.painted.set(painted);
        }
    }

    /// Wipes the drawing (undoable) and forgets an uploaded mask.
    pub fn clear(&self) {
        self.uploaded.set(None);
        let Some((canvas, context)) = self.context() else { return };
        self.snapshot();
        context.clear_rect(0.0, 0.0, canvas.width().into(), canvas.height().into());
        self.painted.set(false);
    }

    /// The mask to send, if there is one: the uploaded file, or the drawing
    /// as a PNG the size of the first image.
    pub async fn upload(&self) -> Result<Option<Upload>, String> {
        if let Some(upload) = self.uploaded.get_untracked() {
            return Ok(Some(upload));
        }
        if !self.painted.get_untracked() {
            return Ok(None);
        }
        let Some((canvas, _)) = self.context() else { return Ok(None) };
        let png = mask_png(&canvas).await.map_err(|_| "the drawn mask could not be made into a PNG".to_owned())?;
        Upload::from_blob(&png, Some("mask.png"), "mask", "mask").await.map(Some).map_err(|issue| issue.message)
    }
}

/// An opaque PNG the size of `drawing`, fully transparent where it is painted.
pub async fn mask_png(drawing: &HtmlCanvasElement) -> Result<Blob, JsValue> {
    let (width, height) = (drawing.width(), drawing.height());
    let mask = OffscreenCanvas::new(width, height)?;
    let context: web_sys::OffscreenCanvasRenderingContext2d =
        mask.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    context.set_fill_style_str("#000");
    context.fill_rect(0.0, 0.0, width.into(), height.into());
    context.set_global_composite_operation("destination-out")?;
    context.draw_image_with_html_canvas_element(drawing, 0.0, 0.0)?;
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/png");
    JsFuture::from(mask.convert_to_blob_with_options(&options)?).await?.dyn_into()
}

/// The mask of `image` (the first input, `size` its width and height when
/// known): a line in the form saying where it stands, with buttons to draw
/// it (in a dialog), upload it or clear it.
#[component]
pub fn MaskEditor(mask: Mask, image: Blob, size: Option<(u32, u32)>) -> impl IntoView {
    let url = object_url(&image);
    let (width, height) = size.filter(|(width, height)| *width > 0 && *height > 0).unwrap_or((1, 1));
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let state = move || match mask.uploaded.get() {
        Some(upload) => format!("Mask: the uploaded {}.", upload.file.filename),
        None if mask.painted.get() => "Mask: drawn; only the painted area may change.".to_owned(),
        None => "No mask: the whole image may change.".to_owned(),
    };
    let nothing = move || mask.uploaded.with(Option::is_none) && !mask.painted.get();
    let tool = RwSignal::new(Tool::Brush);
    let brush = RwSignal::new(64_u32);
    let last = StoredValue::new(None::<(f64, f64)>);
    // A point of the pointer in the canvas's own pixels.
    let point = move |ev: &PointerEvent| {
        let canvas = mask.canvas.get_untracked()?;
        let scale = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
        Some((f64::from(ev.offset_x()) * scale, f64::from(ev.offset_y()) * scale))
    };
    let stroke = move |to: (f64, f64)| {
        let Some((_, context)) = mask.context() else { return };
        let from = last.get_value().unwrap_or(to);
        let erase = tool.get_untracked() == Tool::Eraser;
        let _ = context.set_global_composite_operation(if erase { "destination-out" } else { "source-over" });
        context.set_stroke_style_str("#ff2d55");
        context.set_line_width(f64::from(brush.get_untracked()));
        context.set_line_cap("round");
        context.begin_path();
        context.move_to(from.0, from.1);
        context.line_to(to.0, to.1);
        context.stroke();
        last.set_value(Some(to));
        if !erase {
            mask.painted.set(true);
        }
    };
    // The keyboard's brush: where it is (canvas pixels) while the canvas has
    // focus. Arrow keys move it, Shift+arrow paints along the way, Space paints a dot.
    let cursor = RwSignal::new(None::<(f64, f64)>);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (Some(canvas), Some(at)) = (mask.canvas.get_untracked(), cursor.get_untracked()) else { return };
        let step = f64::from(brush.get_untracked()) / 2.0;
        let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
        let to = match ev.key().as_str() {
            "ArrowLeft" => ((at.0 - step).max(0.0), at.1),
            "ArrowRight" => ((at.0 + step).min(width), at.1),
            "ArrowUp" => (at.0, (at.1 - step).max(0.0)),
            "ArrowDown" => (at.0, (at.1 + step).min(height)),
            " " | "Enter" => {
                ev.prevent_default();
                mask.snapshot();
                last.set_value(None);
                stroke(at);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if ev.shift_key() {
            mask.snapshot();
            last.set_value(Some(at));
            stroke(to);
        }
        cursor.set(Some(to));
    };
    let ring = move || {
        let (x, y) = cursor.get()?;
        let canvas = mask.canvas.get_untracked()?;
        let (width, height) = (f64::from(canvas.width().max(1)), f64::from(canvas.height().max(1)));
        let size = f64::from(brush.get()) / width * 100.0;
        Some((format!("{}%", x / width * 100.0), format!("{}%", y / height * 100.0), format!("{size}%")))
    };
    let on_load = move |ev: leptos::ev::Event| {
        let img: web_sys::HtmlImageElement = event_target(&ev);
        if let Some(canvas) = mask.canvas.get_untracked()
            && (canvas.width(), canvas.height()) != (img.natural_width(), img.natural_height())
        {
            canvas.set_width(img.natural_width());
            canvas.set_height(img.natural_height());
            mask.painted.set(false);
            mask.undo.set_value(Vec::new());
        }
    };
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
    view! {
        <div class="mask">
            <p class="mask-state" role="status">{state}</p>
            <div class="mask-actions">
                <button type="button" class="secondary" on:click=open disabled=move || mask.uploaded.with(Option::is_some)>
                    {move || if mask.painted.get() { "Edit the mask" } else { "Draw a mask" }}
                </button>
                <label class="file-button">
                    <span>"Upload a mask"</span>
                    <input type="file" accept="image/png" on:change=on_mask_file />
                </label>
                <button type="button" class="secondary" on:click=move |_| mask.clear() disabled=nothing>"Clear mask"</button>
            </div>
        </div>
        <dialog class="mask-dialog" node_ref=dialog aria-labelledby="mask-title">
            <div class="mask-head">
                <h2 id="mask-title">"Paint where the image may change"</h2>
                <button type="button" on:click=close>"Done"</button>
            </div>
            <div class="mask-tools">
                <span class="tool-choice" role="radiogroup" aria-label="Tool">
                    <label class="check">
                        <input type="radio" name="mask-tool" prop:checked=move || tool.get() == Tool::Brush on:change=move |_| tool.set(Tool::Brush) />
                        <span>"Brush"</span>
                    </label>
                    <label class="check">
                        <input type="radio" name="mask-tool" prop:checked=move || tool.get() == Tool::Eraser on:change=move |_| tool.set(Tool::Eraser) />
                        <span>"Eraser"</span>
                    </label>
                </span>
                <label class="brush-size">
                    <span>"Brush size"</span>
                    <input type="range" min="4" max="256" prop:value=move || brush.get().to_string() on:input=move |ev| brush.set(event_target_value(&ev).parse().unwrap_or(64)) />
                </label>
                <button type="button" class="secondary" on:click=move |_| mask.undo()>"Undo"</button>
                <button type="button" class="secondary" on:click=move |_| mask.clear()>"Clear"</button>
            </div>
            <p class="hint" id="mask-keys">
                "With the keyboard: focus the image, move with the arrow keys, paint with Shift+arrows or Space."
            </p>
            <div class="mask-stage" style:--ratio=format!("{width} / {height}")>
                <img src=url alt="The first input image, under the mask" on:load=on_load />
                <canvas
                    node_ref=mask.canvas
                    tabindex="0"
                    aria-label="Mask drawing area"
                    aria-describedby="mask-keys"
                    on:focus=move |_| {
                        if let Some(canvas) = mask.canvas.get_untracked() {
                            cursor.set(Some((f64::from(canvas.width()) / 2.0, f64::from(canvas.height()) / 2.0)));
                        }
                    }
                    on:blur=move |_| cursor.set(None)
                    on:keydown=on_key
                    on:pointerdown=move |ev| {
                        ev.prevent_default();
                        if let Some(canvas) = mask.canvas.get_untracked() {
                            let _ = canvas.set_pointer_capture(ev.pointer_id());
                        }
                        mask.snapshot();
                        last.set_value(None);
                        if let Some(to) = point(&ev) {
                            stroke(to);
                        }
                    }
                    on:pointermove=move |ev| {
                        if ev.buttons() & 1 == 1 && let Some(to) = point(&ev) {
                            stroke(to);
                        }
                    }
                    on:pointerup=move |_| last.set_value(None)
                ></canvas>
                {move || ring().map(|(left, top, size)| view! {
                    <div class="mask-cursor" style:left=left style:top=top style:width=size></div>
                })}
            </div>
        </dialog>
    }
}
