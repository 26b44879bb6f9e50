//! The page: settings, the form, and the requests of this session.

use std::time::Duration;

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{Client, ClientOptions};
use leptos::prelude::*;

use crate::form::{Form, GenerateForm};
use crate::run::{Run, RunView};

/// The API root of the server the page came from.
fn same_origin_api() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/v1")
}

/// The playground.
#[component]
pub fn App() -> impl IntoView {
    let base_url = RwSignal::new(same_origin_api());
    let api_key = RwSignal::new(String::new());
    let client = Signal::derive_local(move || {
        let key = Some(api_key.get().trim().to_owned()).filter(|key| !key.is_empty());
        Client::new(ClientOptions::new(base_url.get().trim().to_owned(), key))
    });
    let form = Form::new();
    let runs = RwSignal::new(Vec::<Run>::new());
    let next_id = StoredValue::new(1_u64);
    let (now, set_now) = signal(js_sys::Date::now());
    let _ = set_interval_with_handle(move || set_now.set(js_sys::Date::now()), Duration::from_millis(100));

    let on_generate = Callback::new(move |request: GenerateRequest| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let run = Run::new(id, request);
        runs.update(|runs| runs.insert(0, run));
        run.start(client.get_untracked());
    });
    let on_reuse = Callback::new(move |request: GenerateRequest| form.load(&request));
    let total_tokens = move || runs.get().iter().filter_map(|run| run.tokens.get()).sum::<u64>();
    let total_cost = move || runs.get().iter().filter_map(|run| run.cost.get()).sum::<f64>();

    view! {
        <header class="top">
            <h1>"gpt-image playground"</h1>
            <p class="totals" aria-live="polite">
                {move || format!("This session: {} tokens · ≈ ${:.3}", total_tokens(), total_cost())}
            </p>
            <details class="settings">
                <summary>"Settings"</summary>
                <form on:submit=|ev| ev.prevent_default()>
                <label>
                    <span>"Base URL"</span>
                    <input type="url" bind:value=base_url />
                </label>
                <label>
                    <span>"API key"</span>
                    <input type="password" autocomplete="off" placeholder="none: the server adds it" bind:value=api_key />
                </label>
                <p class="hint">"The key stays in this tab's memory: it is never stored, logged or put in a URL."</p>
                </form>
            </details>
        </header>
        <main>
            <GenerateForm form on_generate />
            <section class="runs" aria-label="Results">
                <For each=move || runs.get() key=|run| run.id children=move |run| view! { <RunView run now client on_reuse /> } />
            </section>
        </main>
    }
}
