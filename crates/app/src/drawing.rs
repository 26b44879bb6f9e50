//! Drawing over an edit's first input: a brush and an eraser (with a size,
//! undo and clear, and the keyboard), in a dialog as large as the screen
//! allows. The mask ([`crate::mask`]) and the markup ([`crate::markup`])
//! are both drawn here; each makes its own PNG of the drawing.
//!
//! The canvas has the image's exact pixel size and is scaled on screen, so
//! what is drawn is the first input's size.

use leptos::html::{Canvas, Dialog};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageData, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
    PointerEvent,
};

use crate::i18n::{Words, words};
use crate::object_url::object_url;

/// A brush's colour: its name, and its CSS colour.
pub type Colour = (fn(&Words) -> &'static str, &'static str);

/// Undo steps kept (each is a full-size copy of the canvas).
const UNDO_STEPS: usize = 20;

/// A brush or an eraser.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Brush,
    Eraser,
}

/// A drawing: its canvas, whether anything is painted, and its undo steps.
#[derive(Clone, Copy)]
pub struct Drawing {
    canvas: NodeRef<Canvas>,
    /// Whether anything is painted.
    pub painted: RwSignal<bool>,
    undo: StoredValue<Vec<(ImageData, bool)>, LocalStorage>,
}

impl Drawing {
    /// Nothing drawn.
    pub fn new() -> Self {
        Drawing { canvas: NodeRef::new(), painted: RwSignal::new(false), undo: StoredValue::new_local(Vec::new()) }
    }

    /// The canvas, while it is shown.
    pub fn canvas(&self) -> Option<HtmlCanvasElement> {
        self.canvas.get_untracked().map(|canvas| canvas.unchecked_into())
    }

    fn context(&self) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
        let canvas = self.canvas()?;
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

    /// Wipes the drawing (undoably).
    pub fn clear(&self) {
        let Some((canvas, context)) = self.context() else { return };
        self.snapshot();
        context.clear_rect(0.0, 0.0, canvas.width().into(), canvas.height().into());
        self.painted.set(false);
    }
}

/// What is drawn on `drawing`, composed onto a new canvas of its size by
/// `compose` (given the 2d context), as a PNG.
pub async fn png_of(
    drawing: &HtmlCanvasElement,
    compose: impl FnOnce(&OffscreenCanvasRenderingContext2d) -> Result<(), JsValue>,
) -> Result<Blob, JsValue> {
    let canvas = OffscreenCanvas::new(drawing.width(), drawing.height())?;
    let context: OffscreenCanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    compose(&context)?;
    context.draw_image_with_html_canvas_element(drawing, 0.0, 0.0)?;
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/png");
    JsFuture::from(canvas.convert_to_blob_with_options(&options)?).await?.dyn_into()
}

/// An editor of a drawing over `image` (the first input, `size` its width
/// and height when known), as the mask's and the markup's are: what the
/// form shows of it, made by `controls` (given what opens the dialog), and
/// the dialog the drawing is made in.
#[component]
pub fn DrawingEditor<V: IntoView + 'static>(
    /// The drawing.
    drawing: Drawing,
    /// The image drawn over.
    image: Blob,
    /// The image's width and height, when known.
    size: Option<(u32, u32)>,
    /// What the drawing is for: `mask`, `markup`.
    name: &'static str,
    /// The dialog's heading.
    title: fn(&Words) -> &'static str,
    /// The drawing area's name.
    area: fn(&Words) -> &'static str,
    /// The brush's colours, as a name and a CSS colour; the first is the brush's at first.
    colours: &'static [Colour],
    /// The line and buttons shown in the form; the callback opens the dialog.
    controls: impl FnOnce(Callback<()>) -> V + 'static,
) -> impl IntoView {
    let url = object_url(&image);
    let size = size.filter(|(width, height)| *width > 0 && *height > 0).unwrap_or((1, 1));
    let dialog = NodeRef::<Dialog>::new();
    let open = Callback::new(move |()| {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    });
    view! {
        {controls(open)}
        <DrawingDialog drawing dialog url size name title area colours />
    }
}

/// The dialog a drawing is made in, over the image at `url` (`size` its
/// width and height). `colours` are the brush's colours (a choice when
/// there are several); `name` tells its controls apart from another
/// drawing's on the same page.
#[component]
fn DrawingDialog(
    /// The drawing.
    drawing: Drawing,
    /// The dialog, for the button that opens it.
    dialog: NodeRef<Dialog>,
    /// The image drawn over (a `blob:` URL).
    url: String,
    /// The image's width and height.
    size: (u32, u32),
    /// What the drawing is for: `mask`, `markup`.
    name: &'static str,
    /// The dialog's heading.
    title: fn(&Words) -> &'static str,
    /// The drawing area's name.
    area: fn(&Words) -> &'static str,
    /// The brush's colours, as a name and a CSS colour; the first is the brush's at first.
    colours: &'static [Colour],
) -> impl IntoView {
    let (width, height) = size;
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let tool = RwSignal::new(Tool::Brush);
    let brush = RwSignal::new(if colours.len() > 1 { 16_u32 } else { 64 });
    let colour = RwSignal::new(colours.first().map_or("#ff2d55", |(_, css)| *css));
    let last = StoredValue::new(None::<(f64, f64)>);
    // A point of the pointer in the canvas's own pixels.
    let point = move |ev: &PointerEvent| {
        let canvas = drawing.canvas()?;
        let scale = f64::from(canvas.width()) / f64::from(canvas.client_width().max(1));
        Some((f64::from(ev.offset_x()) * scale, f64::from(ev.offset_y()) * scale))
    };
    let stroke = move |to: (f64, f64)| {
        let Some((_, context)) = drawing.context() else { return };
        let from = last.get_value().unwrap_or(to);
        let erase = tool.get_untracked() == Tool::Eraser;
        let _ = context.set_global_composite_operation(if erase { "destination-out" } else { "source-over" });
        context.set_stroke_style_str(colour.get_untracked());
        context.set_line_width(f64::from(brush.get_untracked()));
        context.set_line_cap("round");
        context.begin_path();
        context.move_to(from.0, from.1);
        context.line_to(to.0, to.1);
        context.stroke();
        last.set_value(Some(to));
        if !erase {
            drawing.painted.set(true);
        }
    };
    // The keyboard's brush: where it is (canvas pixels) while the canvas has
    // focus. Arrow keys move it, Shift+arrow paints along the way, Space paints a dot.
    let cursor = RwSignal::new(None::<(f64, f64)>);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (Some(canvas), Some(at)) = (drawing.canvas(), cursor.get_untracked()) else { return };
        let step = f64::from(brush.get_untracked()) / 2.0;
        let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
        let to = match ev.key().as_str() {
            "ArrowLeft" => ((at.0 - step).max(0.0), at.1),
            "ArrowRight" => ((at.0 + step).min(width), at.1),
            "ArrowUp" => (at.0, (at.1 - step).max(0.0)),
            "ArrowDown" => (at.0, (at.1 + step).min(height)),
            " " | "Enter" => {
                ev.prevent_default();
                drawing.snapshot();
                last.set_value(None);
                stroke(at);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if ev.shift_key() {
            drawing.snapshot();
            last.set_value(Some(at));
            stroke(to);
        }
        cursor.set(Some(to));
    };
    let ring = move || {
        let (x, y) = cursor.get()?;
        let canvas = drawing.canvas()?;
        let (width, height) = (f64::from(canvas.width().max(1)), f64::from(canvas.height().max(1)));
        let size = f64::from(brush.get()) / width * 100.0;
        Some((format!("{}%", x / width * 100.0), format!("{}%", y / height * 100.0), format!("{size}%")))
    };
    let on_load = move |ev: leptos::ev::Event| {
        let img: web_sys::HtmlImageElement = event_target(&ev);
        if let Some(canvas) = drawing.canvas()
            && (canvas.width(), canvas.height()) != (img.natural_width(), img.natural_height())
        {
            canvas.set_width(img.natural_width());
            canvas.set_height(img.natural_height());
            drawing.painted.set(false);
            drawing.undo.set_value(Vec::new());
        }
    };
    let palette = (colours.len() > 1).then(|| {
        let choices = colours
            .iter()
            .map(|(label, css)| {
                view! {
                    <label class="check swatch">
                        <input type="radio" name=format!("{name}-colour") prop:checked=move || colour.get() == *css on:change=move |_| colour.set(css) />
                        <span class="swatch-colour" style:background=*css aria-hidden="true"></span>
                        <span>{move || label(words())}</span>
                    </label>
                }
            })
            .collect_view();
        view! { <span class="tool-choice" role="radiogroup" aria-label=move || words().colour>{choices}</span> }
    });
    let title_id = format!("{name}-title");
    let heading_id = title_id.clone();
    let keys_id = format!("{name}-keys");
    let hint_id = keys_id.clone();
    view! {
        <dialog class=format!("drawing-dialog {name}-dialog") node_ref=dialog aria-labelledby=title_id>
            <div class="mask-head">
                <h2 id=heading_id>{move || title(words())}</h2>
                <button type="button" on:click=close>{move || words().drawing_done}</button>
            </div>
            <div class="mask-tools">
                <span class="tool-choice" role="radiogroup" aria-label=move || words().tool>
                    <label class="check">
                        <input type="radio" name=format!("{name}-tool") prop:checked=move || tool.get() == Tool::Brush on:change=move |_| tool.set(Tool::Brush) />
                        <span>{move || words().brush}</span>
                    </label>
                    <label class="check">
                        <input type="radio" name=format!("{name}-tool") prop:checked=move || tool.get() == Tool::Eraser on:change=move |_| tool.set(Tool::Eraser) />
                        <span>{move || words().eraser}</span>
                    </label>
                </span>
                {palette}
                <label class="brush-size">
                    <span>{move || words().brush_size}</span>
                    <input type="range" min="4" max="256" prop:value=move || brush.get().to_string() on:input=move |ev| brush.set(event_target_value(&ev).parse().unwrap_or(64)) />
                </label>
                <button type="button" class="secondary" on:click=move |_| drawing.undo()>{move || words().undo}</button>
                <button type="button" class="secondary" on:click=move |_| drawing.clear()>{move || words().clear}</button>
            </div>
            <p class="hint" id=hint_id>
                {move || words().drawing_keys}
            </p>
            <div class="mask-stage" style:--ratio=format!("{width} / {height}")>
                <img src=url alt=move || words().drawing_image on:load=on_load />
                <canvas
                    node_ref=drawing.canvas
                    tabindex="0"
                    aria-label=move || area(words())
                    aria-describedby=keys_id
                    on:focus=move |_| {
                        if let Some(canvas) = drawing.canvas() {
                            cursor.set(Some((f64::from(canvas.width()) / 2.0, f64::from(canvas.height()) / 2.0)));
                        }
                    }
                    on:blur=move |_| cursor.set(None)
                    on:keydown=on_key
                    on:pointerdown=move |ev| {
                        ev.prevent_default();
                        if let Some(canvas) = drawing.canvas() {
                            let _ = canvas.set_pointer_capture(ev.pointer_id());
                        }
                        drawing.snapshot();
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
