//! One request and what came of it: placeholders and an elapsed-time
//! counter while it runs, partial images as they stream in, then the images
//! with their metadata and actions, or a message and Retry.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gpt_image_wasm::core::{GenerateRequest, ImageFormat, ImageStreamEvent, Model};
use gpt_image_wasm::{CallOptions, Client, Error, ImageBlob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, Blob};

use crate::errors::explain;
use crate::object_url::object_url;
use crate::price::estimate;

/// Where a request is.
#[derive(Clone, PartialEq)]
pub enum Status {
    Running,
    Done,
    Failed(String),
    Cancelled,
}

/// One request of the session.
#[derive(Clone, Copy)]
pub struct Run {
    pub id: u64,
    pub request: StoredValue<GenerateRequest>,
    pub started: RwSignal<f64>,
    pub finished: RwSignal<Option<f64>>,
    pub status: RwSignal<Status>,
    pub partial: RwSignal<Option<Blob>, LocalStorage>,
    pub pictures: RwSignal<Vec<ImageBlob>, LocalStorage>,
    pub tokens: RwSignal<Option<u64>>,
    pub cost: RwSignal<Option<f64>>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
}

impl Run {
    pub fn new(id: u64, request: GenerateRequest) -> Self {
        Run {
            id,
            request: StoredValue::new(request),
            started: RwSignal::new(js_sys::Date::now()),
            finished: RwSignal::new(None),
            status: RwSignal::new(Status::Running),
            partial: RwSignal::new_local(None),
            pictures: RwSignal::new_local(Vec::new()),
            tokens: RwSignal::new(None),
            cost: RwSignal::new(None),
            controller: StoredValue::new_local(None),
        }
    }

    /// Sends the request; images arrive in `pictures` as they are decoded.
    pub fn start(self, client: Client) {
        let controller = AbortController::new().ok();
        let call = CallOptions { signal: controller.as_ref().map(AbortController::signal), ..CallOptions::default() };
        self.controller.set_value(controller);
        self.started.set(js_sys::Date::now());
        self.finished.set(None);
        self.status.set(Status::Running);
        spawn_local(async move {
            let request = self.request.get_value();
            let outcome = if request.stream == Some(true) {
                self.stream(&client, &request, &call).await
            } else {
                client
                    .generate_blobs(&request, &call, |image| {
                        self.pictures.update(|pictures| pictures.push(image.clone()))
                    })
                    .await
                    .map(|response| {
                        // Now the revised prompts are known too.
                        self.pictures.set(response.data);
                        self.account(&request, response.usage.as_ref());
                    })
            };
            self.finished.set(Some(js_sys::Date::now()));
            self.status.set(match outcome {
                Ok(()) => Status::Done,
                Err(Error::Aborted) => Status::Cancelled,
                Err(error) => Status::Failed(explain(&error)),
            });
        });
    }

    async fn stream(&self, client: &Client, request: &GenerateRequest, call: &CallOptions) -> Result<(), Error> {
        let mut events = client.generate_stream(request, call).await?;
        while let Some(event) = events.next().await? {
            let Some(bytes) = event.b64_json().and_then(|text| STANDARD.decode(text).ok()) else { continue };
            let image = ImageBlob::from_bytes(self.pictures.with_untracked(Vec::len), &bytes);
            match event {
                ImageStreamEvent::GenerationCompleted(completed) => {
                    self.pictures.update(|pictures| pictures.push(image));
                    self.account(request, completed.usage.as_ref());
                }
                _ => self.partial.set(Some(image.blob)),
            }
        }
        self.partial.set(None);
        Ok(())
    }

    fn account(&self, request: &GenerateRequest, usage: Option<&gpt_image_wasm::core::Usage>) {
        let model = request.effective_model();
        self.tokens.update(|tokens| *tokens = usage.map(|usage| tokens.unwrap_or(0) + usage.total_tokens).or(*tokens));
        let cost = estimate(&model, usage, request.quality.as_ref(), request.size.as_ref(), request.n.unwrap_or(1));
        self.cost.update(|total| *total = cost.map(|cost| total.unwrap_or(0.0) + cost).or(*total));
    }

    /// Drops picture `index` (its `blob:` URL is revoked with its card).
    pub fn remove(&self, index: usize) {
        self.pictures.update(|pictures| {
            if index < pictures.len() {
                pictures.remove(index);
            }
        });
    }

    /// Aborts the request.
    pub fn cancel(&self) {
        self.controller.with_value(|controller| {
            if let Some(controller) = controller {
                controller.abort();
            }
        });
    }
}

/// Bytes as `12.3 KB` or `1.2 MB`.
fn byte_size(bytes: f64) -> String {
    if bytes >= 1_000_000.0 { format!("{:.1} MB", bytes / 1_000_000.0) } else { format!("{:.1} KB", bytes / 1_000.0) }
}

/// The file extension of a MIME type (`png` when unknown).
fn extension(mime_type: &str) -> String {
    ImageFormat::from_mime_type(mime_type).unwrap_or(ImageFormat::Png).extension().to_owned()
}

/// One image of a run, with its facts and actions.
#[component]
fn PictureCard(run: Run, picture: ImageBlob, index: usize, on_reuse: Callback<GenerateRequest>) -> impl IntoView {
    let url = object_url(&picture.blob);
    let request = run.request.get_value();
    let transparent = request.background.as_ref().is_some_and(|background| background.as_str() == "transparent");
    let alt = format!(
        "Generated image {} for: {}",
        index + 1,
        picture.revised_prompt.clone().unwrap_or(request.prompt.clone())
    );
    let file_name = format!("gpt-image-{}-{}.{}", run.id, index + 1, extension(&picture.mime_type));
    let facts = format!(
        "{} · {} · {}",
        match (picture.width, picture.height) {
            (Some(width), Some(height)) => format!("{width}x{height}"),
            _ => request.size.as_ref().map(ToString::to_string).unwrap_or_else(|| "size unknown".into()),
        },
        extension(&picture.mime_type).to_ascii_uppercase(),
        byte_size(picture.blob.size()),
    );
    view! {
        <figure class="picture" class:transparent=transparent>
            <a href=url.clone() target="_blank" rel="noopener" aria-label="Open full size">
                <img src=url.clone() alt=alt />
            </a>
            <figcaption>
                <span class="facts">{facts}</span>
                {picture.revised_prompt.map(|text| view! { <span class="revised">{text}</span> })}
                <span class="image-actions">
                    <a href=url download=file_name>"Download"</a>
                    <button type="button" on:click=move |_| on_reuse.run(run.request.get_value())>"Reuse settings"</button>
                    <button type="button" on:click=move |_| run.remove(index)>"Delete"</button>
                </span>
            </figcaption>
        </figure>
    }
}

/// A run: its prompt, state, placeholders or pictures, and its buttons.
#[component]
pub fn RunView(
    run: Run,
    now: ReadSignal<f64>,
    client: Signal<Client, LocalStorage>,
    on_reuse: Callback<GenerateRequest>,
) -> impl IntoView {
    let request = run.request.get_value();
    let n = request.n.unwrap_or(1) as usize;
    let model =
        request.model.clone().map_or_else(|| "default model".to_owned(), |model: Model| model.as_str().to_owned());
    let elapsed = move || {
        let end = run.finished.get().unwrap_or_else(|| now.get());
        format!("{:.1} s", ((end - run.started.get()) / 1000.0).max(0.0))
    };
    let running = move || run.status.get() == Status::Running;
    let numbered = move || run.pictures.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <article class="run" aria-busy=move || running().to_string()>
            <header>
                <p class="run-prompt">{request.prompt.clone()}</p>
                <p class="run-facts">
                    <span>{model}</span>
                    " · "
                    <span class="elapsed">{elapsed}</span>
                    {move || run.tokens.get().map(|tokens| format!(" · {tokens} tokens"))}
                    {move || run.cost.get().map(|cost| format!(" · ≈ ${cost:.3}"))}
                </p>
                <Show when=running>
                    <button type="button" class="cancel" on:click=move |_| run.cancel()>"Cancel"</button>
                </Show>
            </header>
            {move || match run.status.get() {
                Status::Failed(message) => Some(view! {
                    <div class="failure" role="alert">
                        <p>{message}</p>
                        <button type="button" on:click=move |_| run.start(client.get())>"Retry"</button>
                    </div>
                }.into_any()),
                Status::Cancelled => Some(view! { <p class="cancelled" role="status">"Cancelled."</p> }.into_any()),
                _ => None,
            }}
            <div class="pictures">
                <For
                    each=numbered
                    key=|(index, picture)| (*index, picture.blob.size() as u64)
                    children=move |(index, picture)| view! { <PictureCard run picture index on_reuse /> }
                />
                {move || {
                    let missing = if running() { n.saturating_sub(run.pictures.with(Vec::len)) } else { 0 };
                    let partial = run.partial.get().map(|blob| object_url(&blob));
                    (0..missing)
                        .map(|slot| {
                            let partial = if slot == 0 { partial.clone() } else { None };
                            view! {
                                <div class="placeholder" role="img" aria-label="Image being generated">
                                    {partial.map(|url| view! { <img src=url alt="Partial image, still being refined" /> })}
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </article>
    }
}
