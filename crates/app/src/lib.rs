//! The playground: generate and edit images with the Images API in the
//! browser, against the local server or any OpenAI-compatible base URL, and
//! keep them in a gallery in IndexedDB.
//!
//! The binary (`src/main.rs`, built by Trunk) only calls [`mount`]; the
//! modules whose state needs a real DOM are public for the component tests
//! in `tests/components/`.

mod actions;
mod app;
pub mod archive;
mod compare;
mod errors;
mod form;
mod gallery;
mod inputs;
mod mask;
mod object_url;
mod price;
pub mod reencode;
mod run;
mod settings;
pub mod store;

pub use mask::mask_png;

/// Renders the playground into the page's `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
