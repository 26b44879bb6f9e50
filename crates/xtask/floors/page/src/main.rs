//! The least a Leptos page can be that generates an image with
//! `gpt-image-wasm`: a prompt box, a button, then the image or the error.
//! `cargo xtask bench` weighs it against the playground's first-load budget.

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{CallOptions, Client, ClientOptions};
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(Page);
}

/// The page.
#[component]
fn Page() -> impl IntoView {
    let prompt = RwSignal::new(String::new());
    let image = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let generate = move |_| {
        let request = GenerateRequest::new(prompt.get_untracked());
        leptos::task::spawn_local(async move {
            let client = Client::new(ClientOptions::default());
            match client.generate_blobs(&request, &CallOptions::default(), |_| {}).await {
                Ok(response) => image.set(
                    response.data.first().and_then(|image| web_sys::Url::create_object_url_with_blob(&image.blob).ok()),
                ),
                Err(error) => failure.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <textarea aria-label="Prompt" prop:value=prompt on:input=move |ev| prompt.set(event_target_value(&ev))></textarea>
        <button on:click=generate>"Generate"</button>
        <p>{move || failure.get()}</p>
        {move || image.get().map(|src| view! { <img src=src alt="The generated image" /> })}
    }
}
