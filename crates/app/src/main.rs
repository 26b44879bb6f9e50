//! The playground: generate images with the Images API in the browser,
//! against the local server or any OpenAI-compatible base URL.

mod app;
mod errors;
mod form;
mod object_url;
mod price;
mod run;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
