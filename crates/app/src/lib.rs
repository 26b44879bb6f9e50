//! The playground: generate and edit images with the Images API in the
//! browser, against the local server or any OpenAI-compatible base URL,
//! refine them turn by turn in conversations, and keep them in a gallery in
//! IndexedDB.
//!
//! The binary (`src/main.rs`, built by `cargo xtask dist`) only calls [`mount`]; the
//! modules whose state needs a real DOM (and the trash list's reader and
//! writer) are public for the component tests in `tests/components/`.
//!
//! One image's way through the app, file by file:
//!
//! 1. `form/` checks what the person asked for (`form/request.rs`) and
//!    hands `app.rs` a `Job`.
//! 2. `app.rs` starts a run (`run/state.rs`) with the client of the
//!    provider in use (`settings/state.rs`); the run sends the job through
//!    `gpt-image-wasm` and shows each image the moment it arrives
//!    (`run/view.rs`).
//! 3. The run hands the image to the gallery (`gallery/kept.rs`:
//!    `Gallery::keep`), which writes it to IndexedDB (`store/`) and returns
//!    a `Kept` handle; the run settles it with the image's share of the
//!    usage, the estimated cost (`price.rs`) and the revised prompt once the
//!    answer says them.
//! 4. While the run is on the page, the gallery leaves the image out of its
//!    cards (`gallery/view.rs`); when the run is dismissed, `Kept::release`
//!    hands it back to them.
//!
//! In the conversation mode (`conversation/`) an image takes another way
//! to the same gallery:
//!
//! 1. The composer (`conversation/composer.rs`) hands `conversation/turn.rs`
//!    the turn's text and attached images; the turn is added to its thread
//!    (`thread/`) and stored at once (`store/threads.rs`).
//! 2. `conversation/send.rs` sends it with the form's image parameters
//!    (`form/request.rs`: `Form::turn_parameters`) through the Responses API
//!    or the Images API, as the provider takes (`settings/state.rs`).
//! 3. Each image goes to the gallery through `Gallery::keep`, its entry
//!    naming its conversation and turn, released to the gallery's cards at
//!    once; `Kept::when_stored` gives the turn its gallery id, and the
//!    answer's usage and cost settle both. The turn shows the image from
//!    then on, from the gallery after a reload (`conversation/turn_view.rs`).
//!
//! What the app keeps in the browser besides the IndexedDB database (the
//! providers, the form, the trash lists, the crash journal, the conversation
//! in view) is named in one place, `browser_storage.rs`.

mod actions;
mod app;
pub mod archive;
mod browser_storage;
mod compare;
mod conversation;
mod drawing;
pub mod embedding;
mod errors;
mod failure;
mod form;
pub mod frame;
mod gallery;
pub mod i18n;
mod inputs;
mod js_json;
mod link_image;
mod markup;
mod mask;
mod model_picker;
mod names;
mod object_url;
mod options;
mod price;
pub mod reencode;
mod run;
mod settings;
mod shell;
pub mod store;
pub mod thread;
mod values;
pub mod zip;

pub use gallery::{set_trash_list, trash_list};
pub use mask::mask_png;

pub use app::Generator;

/// Renders the playground into the page's `<body>`: the full page, or the
/// compact iframe mode when the URL asks for it (see [`frame`]).
///
/// The full playground refuses to run inside another page's frame: there it
/// would have the visitor's remembered key and gallery under a page that can
/// lay decoys over its buttons. The iframe mode has neither.
///
/// The page's first paint is its shell ([`shell`]): the playground takes
/// its place keeping what was typed into it; the other modes replace it.
pub fn mount() {
    i18n::own_page();
    let shell = shell::Shell::find();
    let playground = frame::Frame::from_location().is_none() && !frame::framed();
    match shell {
        Some(shell) if playground => {
            let app = || view_app(embedding::Embedding::playground(), None);
            return shell.hand_over(|parent| leptos::mount::mount_to(parent, app).forget());
        }
        Some(shell) => shell.remove(),
        None => {}
    }
    match frame::Frame::from_location() {
        Some(frame) => frame.mount(),
        None if frame::framed() => leptos::mount::mount_to_body(frame::OwnTab),
        None => leptos::mount::mount_to_body(|| view_app(embedding::Embedding::playground(), None)),
    }
}

/// Mounts a generator into `parent` (an element of a page or of a shadow
/// root); returns the handle to steer it and the mount, which unmounts when dropped.
pub fn mount_generator(
    parent: web_sys::HtmlElement,
    embedding: embedding::Embedding,
) -> (Generator, leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>) {
    let handle = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = handle.clone();
    let mounted = leptos::mount::mount_to(parent, move || {
        view_app(embedding, Some(std::rc::Rc::new(move |generator| out.set(Some(generator)))))
    });
    (handle.take().expect("the generator reports its handle while mounting"), mounted)
}

fn view_app(embedding: embedding::Embedding, out: Option<app::HandleOut>) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    view! { <app::App embedding out /> }
}
