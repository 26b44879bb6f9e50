//! The input images of an edit: added with a file picker, by dropping files
//! or by pasting, up to the API's limit (16; validation says so past it).
//! Each file is named and typed from its own bytes by `Upload::from_blob`.

use std::cell::Cell;

use gpt_image_wasm::Upload;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ClipboardEvent, Element, File, FileList, Node, ShadowRoot};

use crate::i18n::words;
use crate::object_url::object_url;

/// The edit's input images, in order; the first is the one a mask applies to.
#[derive(Clone, Copy)]
pub struct Inputs {
    /// The files, ready to send.
    pub uploads: RwSignal<Vec<Upload>, LocalStorage>,
    /// A file that could not be read, said plainly.
    pub problem: RwSignal<Option<String>>,
}

impl Inputs {
    /// No inputs yet.
    pub fn new() -> Self {
        Inputs { uploads: RwSignal::new_local(Vec::new()), problem: RwSignal::new(None) }
    }

    /// Adds an image (a file, a pasted image, or a result to edit further).
    pub fn add(&self, blob: Blob, name: Option<String>) {
        let inputs = *self;
        spawn_local(async move {
            let index = inputs.uploads.with_untracked(Vec::len);
            let field = format!("image[{index}]");
            match Upload::from_blob(&blob, name.as_deref(), "image", &field).await {
                Ok(upload) => {
                    inputs.problem.set(None);
                    inputs.uploads.update(|uploads| uploads.push(upload));
                }
                Err(issue) => inputs.problem.set(Some((words().issue)(&issue))),
            }
        });
    }

    /// Adds every file of a list (from the picker or a drop).
    pub fn add_files(&self, files: Option<FileList>) {
        let Some(files) = files else { return };
        for index in 0..files.length() {
            if let Some(file) = files.get(index) {
                self.add_file(file);
            }
        }
    }

    fn add_file(&self, file: File) {
        let name = file.name();
        self.add(file.unchecked_into(), Some(name));
    }

    fn remove(&self, index: usize) {
        self.uploads.update(|uploads| {
            if index < uploads.len() {
                uploads.remove(index);
            }
        });
    }
}

thread_local! {
    /// How many pickers are shown (several embedded generators may share a page).
    static PICKERS: Cell<usize> = const { Cell::new(0) };
}

/// Whether a paste is meant for the picker in `zone`: the focus is inside
/// the picker's generator, or nothing has focus and this is the only picker.
fn pasted_here(event: &ClipboardEvent, zone: &Element) -> bool {
    let Ok(Some(root)) = zone.closest(".gpt-image") else { return false };
    // Seen from the window, a paste inside a shadow root comes from its host.
    let scope: Node = match root.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(shadow) => shadow.host().into(),
        Err(_) => root.into(),
    };
    let path = event.composed_path();
    if path.includes(&scope, 0) {
        return true;
    }
    let document = document();
    let nothing_focused = match (document.active_element(), document.body()) {
        (Some(active), Some(body)) => active == *body,
        _ => true,
    };
    nothing_focused && PICKERS.get() == 1
}

/// The drop zone, the picker and the list of inputs. Pasting an image adds
/// it while this is shown, if the focus is in this generator (or nowhere,
/// when it is the page's only one).
#[component]
pub fn InputPicker(inputs: Inputs) -> impl IntoView {
    let over = RwSignal::new(false);
    let zone = NodeRef::<leptos::html::Div>::new();
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        let (Some(data), Some(zone)) = (ev.clipboard_data(), zone.get_untracked()) else { return };
        if data.files().is_some_and(|files| files.length() > 0) && pasted_here(&ev, &zone) {
            ev.prevent_default();
            inputs.add_files(data.files());
        }
    });
    PICKERS.set(PICKERS.get() + 1);
    on_cleanup(move || {
        paste.remove();
        PICKERS.set(PICKERS.get() - 1);
    });
    let numbered = move || inputs.uploads.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <div
            node_ref=zone
            class="drop-zone"
            class:over=move || over.get()
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                over.set(false);
                inputs.add_files(ev.data_transfer().and_then(|data| data.files()));
            }
        >
            <label class="file-button">
                <span>{move || words().add_images}</span>
                <input
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    multiple
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        inputs.add_files(input.files());
                        input.set_value("");
                    }
                />
            </label>
            <span class="hint">{move || words().drop_hint}</span>
        </div>
        {move || inputs.problem.get().map(|problem| view! { <p class="problem error" role="alert">{problem}</p> })}
        <ol class="inputs" aria-label=move || words().input_images>
            <For
                each=numbered
                key=|(index, upload)| (*index, upload.file.filename.clone(), upload.file.len)
                children=move |(index, upload)| {
                    let url = object_url(&upload.blob);
                    let name = upload.file.filename.clone();
                    let size = upload.file.dimensions.map(|(width, height)| format!("{width}x{height}")).unwrap_or_default();
                    let shown = format!("{name} {size}");
                    view! {
                        <li>
                            <img src=url alt=move || (words().input_image)(index + 1, &name) />
                            <span class="hint">{shown}</span>
                            <button type="button" class="secondary" on:click=move |_| inputs.remove(index) aria-label=move || (words().remove_input_image)(index + 1)>
                                {move || words().remove}
                            </button>
                        </li>
                    }
                }
            />
        </ol>
    }
}
