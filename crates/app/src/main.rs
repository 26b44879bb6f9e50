//! The playground: generate and edit images with the Images API in the
//! browser, against the local server or any OpenAI-compatible base URL, and
//! keep them in a gallery in IndexedDB.

mod actions;
mod app;
mod archive;
mod compare;
mod errors;
mod form;
mod gallery;
mod inputs;
mod mask;
mod object_url;
mod price;
mod reencode;
mod run;
mod settings;
mod store;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
