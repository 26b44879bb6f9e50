//! One request and what came of it: placeholders and an elapsed-time
//! counter while it runs, partial images as they stream in, then the images
//! with their metadata and actions, or a message and Retry. Every image is
//! handed to the gallery the moment it arrives.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gpt_image_wasm::core::{GenerateRequest, ImageStreamEvent, Model, Usage};
use gpt_image_wasm::{BlobsResponse, CallOptions, Client, Edit, Error, EventStream, ImageBlob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, Blob};

use crate::actions::Actions;
use crate::embedding::{Happening, Listener};
use crate::errors::explain;
use crate::gallery::{Gallery, Handlers};
use crate::object_url::object_url;
use crate::price::estimate;
use crate::store::Entry;

/// What to send: the form's settings, and for an edit the files (and the
/// first input, for the before/after comparison).
#[derive(Clone)]
pub struct Job {
    pub settings: GenerateRequest,
    pub edit: Option<(Edit, Option<Blob>)>,
}

/// Where a request is.
#[derive(Clone, PartialEq)]
pub enum Status {
    Running,
    Done,
    Failed(String),
    Cancelled,
}

/// An image of a run and what is kept of it; `slot` is its arrival number.
#[derive(Clone)]
pub struct Picture {
    pub slot: usize,
    pub blob: Blob,
    pub entry: Entry,
}

/// One request of the session.
#[derive(Clone, Copy)]
pub struct Run {
    pub id: u64,
    job: StoredValue<Job, LocalStorage>,
    pub settings: StoredValue<GenerateRequest>,
    pub started: RwSignal<f64>,
    pub finished: RwSignal<Option<f64>>,
    pub status: RwSignal<Status>,
    pub partial: RwSignal<Option<Blob>, LocalStorage>,
    pub pictures: RwSignal<Vec<Picture>, LocalStorage>,
    pub tokens: RwSignal<Option<u64>>,
    pub cost: RwSignal<Option<f64>>,
    arrived: StoredValue<usize>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    gallery: Option<Gallery>,
    listener: StoredValue<Option<Listener>, LocalStorage>,
}

impl Run {
    /// A run of `job`; its images go to `gallery` (when kept) and its
    /// happenings to `listener` (when embedded).
    pub fn new(id: u64, job: Job, gallery: Option<Gallery>, listener: Option<Listener>) -> Self {
        Run {
            id,
            settings: StoredValue::new(job.settings.clone()),
            job: StoredValue::new_local(job),
            started: RwSignal::new(js_sys::Date::now()),
            finished: RwSignal::new(None),
            status: RwSignal::new(Status::Running),
            partial: RwSignal::new_local(None),
            pictures: RwSignal::new_local(Vec::new()),
            tokens: RwSignal::new(None),
            cost: RwSignal::new(None),
            arrived: StoredValue::new(0),
            controller: StoredValue::new_local(None),
            gallery,
            listener: StoredValue::new_local(listener),
        }
    }

    fn is_edit(&self) -> bool {
        self.job.with_value(|job| job.edit.is_some())
    }

    /// Sends the request; images arrive in `pictures` (and the gallery) as they are decoded.
    pub fn start(self, client: Client) {
        let controller = AbortController::new().ok();
        let call = CallOptions { signal: controller.as_ref().map(AbortController::signal), ..CallOptions::default() };
        self.controller.set_value(controller);
        self.started.set(js_sys::Date::now());
        self.finished.set(None);
        self.status.set(Status::Running);
        self.tell(Happening::Started(self.settings.get_value()));
        spawn_local(async move {
            let outcome = self.send(&client, &call).await;
            self.partial.set(None);
            self.finished.set(Some(js_sys::Date::now()));
            self.status.set(match outcome {
                Ok(()) => Status::Done,
                Err(Error::Aborted) => {
                    self.tell(Happening::Cancelled);
                    Status::Cancelled
                }
                Err(error) => {
                    self.tell(Happening::failed(&error));
                    Status::Failed(explain(&error))
                }
            });
        });
    }

    fn tell(&self, happening: Happening) {
        self.listener.with_value(|listener| {
            if let Some(listener) = listener {
                listener(happening);
            }
        });
    }

    async fn send(&self, client: &Client, call: &CallOptions) -> Result<(), Error> {
        let Job { settings, edit } = self.job.get_value();
        let on_image = |image: &ImageBlob| {
            self.arrive(image);
        };
        match (edit, settings.stream == Some(true)) {
            (None, false) => self.settle_all(client.generate_blobs(&settings, call, on_image).await?),
            (Some((edit, _)), false) => self.settle_all(client.edit_blobs(&edit, call, on_image).await?),
            (None, true) => self.stream(client.generate_stream(&settings, call).await?).await?,
            (Some((edit, _)), true) => self.stream(client.edit_stream(&edit, call).await?).await?,
        }
        Ok(())
    }

    async fn stream(&self, mut events: EventStream) -> Result<(), Error> {
        while let Some(event) = events.next().await? {
            let Some(bytes) = event.b64_json().and_then(|text| STANDARD.decode(text).ok()) else { continue };
            let image = ImageBlob::from_bytes(self.arrived.get_value(), &bytes);
            let usage = match &event {
                ImageStreamEvent::GenerationCompleted(completed) => completed.usage.as_ref(),
                ImageStreamEvent::EditCompleted(completed) => completed.usage.as_ref(),
                _ => {
                    self.partial.set(Some(image.blob));
                    continue;
                }
            };
            let slot = self.arrive(&image);
            let (tokens, cost) = self.account(usage, 1);
            self.settle(slot, None, tokens, cost);
        }
        Ok(())
    }

    /// A new image: shown at once, and stored.
    fn arrive(&self, image: &ImageBlob) -> usize {
        let slot = self.arrived.get_value();
        self.arrived.set_value(slot + 1);
        let entry = Entry {
            id: None,
            created: js_sys::Date::now(),
            edit: self.is_edit(),
            settings: self.settings.get_value(),
            revised_prompt: image.revised_prompt.clone(),
            mime_type: image.mime_type.clone(),
            width: image.width,
            height: image.height,
            bytes: image.blob.size() as u64,
            tokens: None,
            cost: None,
            favourite: false,
        };
        self.pictures
            .update(|pictures| pictures.push(Picture { slot, blob: image.blob.clone(), entry: entry.clone() }));
        self.tell(Happening::Image {
            blob: image.blob.clone(),
            mime_type: image.mime_type.clone(),
            settings: entry.settings.clone(),
            revised_prompt: image.revised_prompt.clone(),
        });
        let Some(gallery) = self.gallery else { return slot };
        let run = *self;
        let blob = image.blob.clone();
        spawn_local(async move {
            let Some(id) = gallery.keep(entry, blob).await else { return };
            run.with_picture(slot, |picture| picture.entry.id = Some(id));
            // What became known while it was being stored.
            if let Some(entry) =
                run.pictures.with_untracked(|pictures| find(pictures, slot).map(|picture| picture.entry.clone()))
            {
                run.store_known(id, &entry);
            }
        });
        slot
    }

    /// The whole answer is in: revised prompts and each image's share of the usage.
    fn settle_all(&self, response: BlobsResponse) {
        let count = response.data.len().max(1);
        let (tokens, cost) = self.account(response.usage.as_ref(), count);
        for (slot, image) in response.data.into_iter().enumerate() {
            self.settle(
                slot,
                image.revised_prompt,
                tokens.map(|tokens| tokens / count as u64),
                cost.map(|cost| cost / count as f64),
            );
        }
    }

    fn settle(&self, slot: usize, revised_prompt: Option<String>, tokens: Option<u64>, cost: Option<f64>) {
        let mut stored = None;
        self.with_picture(slot, |picture| {
            picture.entry.revised_prompt = revised_prompt.or(picture.entry.revised_prompt.take());
            picture.entry.tokens = tokens;
            picture.entry.cost = cost;
            stored = picture.entry.id.map(|id| (id, picture.entry.clone()));
        });
        if let Some((id, entry)) = stored {
            self.store_known(id, &entry);
        }
    }

    fn store_known(&self, id: u32, known: &Entry) {
        if known.tokens.is_none() && known.revised_prompt.is_none() {
            return;
        }
        let Some(gallery) = self.gallery else { return };
        let known = known.clone();
        gallery.amend(id, move |entry| {
            entry.revised_prompt = known.revised_prompt;
            entry.tokens = known.tokens;
            entry.cost = known.cost;
        });
    }

    fn with_picture(&self, slot: usize, change: impl FnOnce(&mut Picture)) {
        self.pictures.update(|pictures| {
            if let Some(picture) = pictures.iter_mut().find(|picture| picture.slot == slot) {
                change(picture);
            }
        });
    }

    /// Adds a response's usage to the run; returns its tokens and estimated cost.
    fn account(&self, usage: Option<&Usage>, images: usize) -> (Option<u64>, Option<f64>) {
        let request = self.settings.get_value();
        let model = request.effective_model();
        let tokens = usage.map(|usage| usage.total_tokens);
        let cost = estimate(&model, usage, request.quality.as_ref(), request.size.as_ref(), images as u32);
        self.tokens.update(|total| *total = tokens.map(|tokens| total.unwrap_or(0) + tokens).or(*total));
        self.cost.update(|total| *total = cost.map(|cost| total.unwrap_or(0.0) + cost).or(*total));
        (tokens, cost)
    }

    /// Drops a picture from the run and from the gallery.
    pub fn remove(&self, slot: usize) {
        let mut removed = None;
        self.pictures.update(|pictures| {
            if let Some(index) = pictures.iter().position(|picture| picture.slot == slot) {
                removed = pictures.remove(index).entry.id;
            }
        });
        if let (Some(id), Some(gallery)) = (removed, self.gallery) {
            gallery.delete(id);
        }
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

fn find(pictures: &[Picture], slot: usize) -> Option<&Picture> {
    pictures.iter().find(|picture| picture.slot == slot)
}

/// A run: its prompt, state, placeholders or pictures, and its buttons.
#[component]
pub fn RunView(
    run: Run,
    now: ReadSignal<f64>,
    client: Signal<Client, LocalStorage>,
    handlers: Handlers,
) -> impl IntoView {
    let request = run.settings.get_value();
    let n = request.n.unwrap_or(1) as usize;
    let model =
        request.model.clone().map_or_else(|| "default model".to_owned(), |model: Model| model.as_str().to_owned());
    let kind = if run.is_edit() { "edit" } else { "generation" };
    let before = run.job.with_value(|job| job.edit.as_ref().and_then(|(_, before)| before.clone()));
    let elapsed = move || {
        let end = run.finished.get().unwrap_or_else(|| now.get());
        format!("{:.1} s", ((end - run.started.get()) / 1000.0).max(0.0))
    };
    let running = move || run.status.get() == Status::Running;
    view! {
        <article class="run" aria-busy=move || running().to_string()>
            <header>
                <p class="run-prompt">{request.prompt.clone()}</p>
                <p class="run-facts">
                    <span>{format!("{model} {kind}")}</span>
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
                    each=move || run.pictures.get()
                    key=|picture| picture.slot
                    children=move |picture| {
                        let Picture { slot, blob, entry: first } = picture;
                        // Facts arrive after the image: they change in place, the image stays.
                        let entry = Signal::derive(move || {
                            run.pictures.with(|pictures| find(pictures, slot).map(|picture| picture.entry.clone()))
                                .unwrap_or_else(|| first.clone())
                        });
                        let on_delete = Callback::new(move |()| run.remove(slot));
                        view! { <Actions blob entry handlers on_delete before=before.clone() /> }
                    }
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
