//! The markup of an edit (GPT Image 2.6): coloured marks (arrows, circles,
//! scribbles) drawn over the first input (see [`crate::drawing`]) that the
//! prompt explains. It is sent as what was drawn: a PNG of the first
//! input's size, transparent but for the marks. Never with a mask: the
//! form offers one or the other.

use gpt_image_wasm::Upload;
use leptos::prelude::*;
use web_sys::Blob;

use crate::drawing::{Colour, Drawing, DrawingEditor, png_of};
use crate::i18n::words;

/// The brush's colours: strong ones that stand out on most pictures.
const COLOURS: &[Colour] = &[
    (|words| words.red, "#ff2d55"),
    (|words| words.yellow, "#ffcc00"),
    (|words| words.green, "#34c759"),
    (|words| words.blue, "#0a84ff"),
];

/// The markup being drawn.
#[derive(Clone, Copy)]
pub struct Markup {
    /// What is drawn.
    pub drawing: Drawing,
}

impl Markup {
    /// No marks.
    pub fn new() -> Self {
        Markup { drawing: Drawing::new() }
    }

    /// Whether any mark is drawn.
    pub fn is_set(&self) -> bool {
        self.drawing.painted.get()
    }

    /// The markup to send, if any mark is drawn: a transparent PNG of the
    /// first image's size holding the marks.
    pub async fn upload(&self) -> Result<Option<Upload>, String> {
        if !self.drawing.painted.get_untracked() {
            return Ok(None);
        }
        let Some(canvas) = self.drawing.canvas() else { return Ok(None) };
        let png = png_of(&canvas, |_| Ok(())).await.map_err(|_| words().markup_not_png.to_owned())?;
        Upload::from_blob(&png, Some("markup.png"), "markup", "markup").await.map(Some).map_err(|issue| issue.message)
    }
}

/// The markup of `image` (the first input, `size` its width and height
/// when known): a line saying where it stands, and buttons to draw it (in a
/// dialog) or clear it. `blocked` says why there can be no markup now (a
/// mask is set), if so.
#[component]
pub fn MarkupEditor(
    markup: Markup,
    image: Blob,
    size: Option<(u32, u32)>,
    #[prop(into)] blocked: Signal<Option<&'static str>>,
) -> impl IntoView {
    let state = move || match (markup.is_set(), blocked.get()) {
        (true, _) => words().markup_drawn,
        (false, Some(why)) => why,
        (false, None) => words().no_markup,
    };
    let refused = move || blocked.get().is_some() && !markup.is_set();
    let controls = move |open: Callback<()>| {
        view! {
            <div class="mask markup">
                <p class="markup-state" role="status">{state}</p>
                <div class="mask-actions">
                    <button type="button" class="secondary" on:click=move |_| open.run(()) disabled=refused>
                        {move || if markup.is_set() { words().edit_markup } else { words().draw_markup }}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| markup.drawing.clear() disabled=move || !markup.is_set()>
                        {move || words().clear_markup}
                    </button>
                </div>
            </div>
        }
    };
    view! {
        <DrawingEditor drawing=markup.drawing image size name="markup" title=|words| words.markup_title area=|words| words.markup_area colours=COLOURS controls />
    }
}
