//! One request and what came of it: placeholders in the shape of the asked
//! size and an elapsed-time counter while it runs, partial images as they
//! stream in ("partial 1 of 2"), then the images with their facts and
//! actions, or a message and Retry.
//!
//! A run sends and reports: every image goes to the gallery the moment it
//! arrives ([`Gallery::keep`]), and the run settles the [`Kept`] handle it
//! gets back with the image's share of the usage and its revised prompt.

use gpt_image_wasm::core::{GenerateRequest, Model, Usage};
use gpt_image_wasm::{BlobsResponse, CallOptions, Client, Edit, Error, EventStream, ImageBlob, StreamImage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, Blob};

use crate::actions::Actions;
use crate::embedding::{Happening, Listener};
use crate::errors::{Advice, Sent, advise};
use crate::failure::Failure;
use crate::gallery::{Facts, Gallery, Kept, shares};
use crate::link_image::LinkImage;
use crate::object_url::object_url;
use crate::price::estimate;
use crate::store::Entry;

/// What to send: the form's settings, and for an edit the files (and the
/// first input, for the before/after comparison).
#[derive(Clone)]
pub struct Job {
    pub settings: GenerateRequest,
    pub edit: Option<(Edit, Option<Blob>)>,
    /// The width and height the images are expected to have, for the
    /// placeholders: the size asked for, or for `auto` an edit's first input.
    pub shape: Option<(u32, u32)>,
}

/// Where a request is.
#[derive(Clone, PartialEq)]
pub enum Status {
    Running,
    Done,
    /// What to tell the person, and whether Retry can help.
    Failed(Advice),
    Cancelled,
}

/// An image of a run: its arrival number, its file, what is known of it
/// (shown as it becomes known) and, when the gallery keeps it, its handle.
#[derive(Clone)]
pub struct Picture {
    pub slot: usize,
    pub blob: Blob,
    pub entry: Entry,
    kept: Option<Kept>,
    /// For an image whose link the page could not fetch: the link and why.
    link: Option<(String, String)>,
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
    /// The latest partial image and its number (from 0).
    pub partial: RwSignal<Option<(Blob, u32)>, LocalStorage>,
    pub pictures: RwSignal<Vec<Picture>, LocalStorage>,
    /// Images arrived so far (deleted ones included).
    arrived: RwSignal<usize>,
    pub tokens: RwSignal<Option<u64>>,
    pub cost: RwSignal<Option<f64>>,
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
            arrived: RwSignal::new(0),
            tokens: RwSignal::new(None),
            cost: RwSignal::new(None),
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
        self.partial.set(None);
        self.status.set(Status::Running);
        self.tell(Happening::Started(self.settings.get_value()));
        let max_retries = client.options().max_retries;
        spawn_local(async move {
            let outcome = self.send(&client, &call).await;
            let now = js_sys::Date::now();
            // A stream that fails keeps the last partial image it received.
            if outcome.is_ok() {
                self.partial.set(None);
            }
            self.finished.set(Some(now));
            self.status.set(match outcome {
                Ok(()) => Status::Done,
                Err(Error::Aborted) => {
                    self.tell(Happening::Cancelled);
                    Status::Cancelled
                }
                Err(error) => {
                    self.tell(Happening::failed(&error));
                    let waited = now - self.started.get_untracked();
                    Status::Failed(
                        self.settings.with_value(|request| advise(&error, &Sent::new(request, max_retries, waited))),
                    )
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
        let Job { settings, edit, .. } = self.job.get_value();
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

    /// Every `completed` event carries the usage of the whole request: it
    /// is counted once, and each image gets its share of it.
    async fn stream(&self, mut events: EventStream) -> Result<(), Error> {
        let count = self.settings.with_value(|settings| settings.n.unwrap_or(1)).max(1) as usize;
        let mut shared: Option<Vec<Facts>> = None;
        let mut completed = 0;
        while let Some(StreamImage { image, partial, usage }) = events.next_image().await? {
            if let Some(index) = partial {
                self.partial.set(Some((image.blob, index)));
                continue;
            }
            self.partial.set(None);
            let slot = self.arrive(&image);
            if shared.is_none() && usage.is_some() {
                shared = Some(self.account(usage.as_ref(), count));
            }
            let facts = shared.as_ref().and_then(|shared| shared.get(completed).cloned()).unwrap_or_default();
            completed += 1;
            self.settle(slot, facts);
        }
        Ok(())
    }

    /// A new image: shown at once, and stored.
    fn arrive(&self, image: &ImageBlob) -> usize {
        let slot = self.arrived.get_untracked();
        self.arrived.set(slot + 1);
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
        let link = match (&image.error, &image.url) {
            (Some(error), Some(url)) => Some((url.clone(), error.to_string())),
            _ => None,
        };
        // Only its link is here: nothing to store or to hand to a host page.
        let kept = if link.is_some() {
            None
        } else {
            self.tell(Happening::Image {
                blob: image.blob.clone(),
                mime_type: image.mime_type.clone(),
                settings: entry.settings.clone(),
                revised_prompt: image.revised_prompt.clone(),
            });
            self.gallery.map(|gallery| gallery.keep(entry.clone(), image.blob.clone()))
        };
        let picture = Picture { slot, blob: image.blob.clone(), entry, kept, link };
        self.pictures.update(|pictures| pictures.push(picture));
        slot
    }

    /// The whole answer is in: each image's share of the usage, and its revised prompt.
    fn settle_all(&self, response: BlobsResponse) {
        let facts = self.account(response.usage.as_ref(), response.data.len());
        for ((slot, image), mut facts) in response.data.into_iter().enumerate().zip(facts) {
            facts.revised_prompt = image.revised_prompt;
            self.settle(slot, facts);
        }
    }

    /// The image of `slot` shows `facts` at once, and its gallery entry gets them.
    fn settle(&self, slot: usize, facts: Facts) {
        let mut kept = None;
        self.pictures.update(|pictures| {
            if let Some(picture) = pictures.iter_mut().find(|picture| picture.slot == slot) {
                facts.apply(&mut picture.entry);
                kept = picture.kept;
            }
        });
        if let Some(kept) = kept {
            kept.settle(facts);
        }
    }

    /// Adds a response's usage to the run; returns each of its `images`'
    /// share of the tokens (whole numbers that add up to the response's) and
    /// of the estimated cost.
    fn account(&self, usage: Option<&Usage>, images: usize) -> Vec<Facts> {
        let request = self.settings.get_value();
        let model = request.effective_model();
        let tokens = usage.map(|usage| usage.total_tokens);
        let cost = estimate(&model, usage, request.quality.as_ref(), request.size.as_ref(), images.max(1) as u32);
        self.tokens.update(|total| *total = tokens.map(|tokens| total.unwrap_or(0) + tokens).or(*total));
        self.cost.update(|total| *total = cost.map(|cost| total.unwrap_or(0.0) + cost).or(*total));
        let count = images.max(1);
        let token_shares = tokens.map(|tokens| shares(tokens, count));
        (0..count)
            .map(|index| Facts {
                tokens: token_shares.as_ref().map(|shares| shares[index]),
                cost: cost.map(|cost| cost / count as f64),
                revised_prompt: None,
            })
            .collect()
    }

    /// Drops a picture from the run and from the gallery (at once if it is
    /// stored, else when the gallery has written it).
    pub fn remove(&self, slot: usize) {
        let mut removed = None;
        self.pictures.update(|pictures| {
            if let Some(index) = pictures.iter().position(|picture| picture.slot == slot) {
                removed = pictures.remove(index).kept;
            }
        });
        if let Some(kept) = removed {
            kept.delete();
        }
    }

    /// The run leaves the page: the gallery shows its images from now on.
    pub fn release(&self) {
        self.pictures.with_untracked(|pictures| {
            pictures.iter().filter_map(|picture| picture.kept).for_each(|kept| kept.release())
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

fn find(pictures: &[Picture], slot: usize) -> Option<&Picture> {
    pictures.iter().find(|picture| picture.slot == slot)
}

/// Brings a new run into view when it starts below the middle of the
/// screen (on a phone, under the form), or above it.
fn reveal(element: &web_sys::Element) {
    let top = element.get_bounding_client_rect().top();
    let height = window().inner_height().ok().and_then(|height| height.as_f64()).unwrap_or(0.0);
    if top < 0.0 || top > height / 2.0 {
        element.scroll_into_view_with_bool(true);
    }
}

/// A run: its prompt, state, placeholders or pictures, and its buttons.
/// `reveal`: scroll it into view when it starts out of sight.
#[component]
pub fn RunView(
    run: Run,
    now: ReadSignal<f64>,
    client: Signal<Client, LocalStorage>,
    /// Takes this run off the screen (offered when it failed or was cancelled).
    on_dismiss: Callback<()>,
    #[prop(default = false)] reveal: bool,
) -> impl IntoView {
    let request = run.settings.get_value();
    let n = request.n.unwrap_or(1) as usize;
    let partials = if request.stream == Some(true) { request.partial_images.unwrap_or(0) } else { 0 };
    let (width, height) = run.job.with_value(|job| job.shape).unwrap_or((1, 1));
    let ratio = format!("{width} / {height}");
    let link_ratio = ratio.clone();
    let model =
        request.model.clone().map_or_else(|| "default model".to_owned(), |model: Model| model.as_str().to_owned());
    let kind = if run.is_edit() { "edit" } else { "generation" };
    let before = run.job.with_value(|job| job.edit.as_ref().and_then(|(_, before)| before.clone()));
    let elapsed = move || {
        let end = run.finished.get().unwrap_or_else(|| now.get());
        format!("{:.1} s", ((end - run.started.get()) / 1000.0).max(0.0))
    };
    let running = move || run.status.get() == Status::Running;
    let card = NodeRef::<leptos::html::Article>::new();
    if reveal {
        Effect::new(move |_| {
            if let Some(card) = card.get() {
                self::reveal(&card);
            }
        });
    }
    view! {
        <article class="run" node_ref=card aria-busy=move || running().to_string()>
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
            {move || {
                let advice = match run.status.get() {
                    Status::Failed(advice) => advice,
                    Status::Cancelled => Advice::cancelled(),
                    Status::Running | Status::Done => return None,
                };
                let on_retry = Callback::new(move |()| run.start(client.get_untracked()));
                Some(view! { <Failure advice on_retry on_dismiss /> })
            }}
            <div class="pictures" class:single=n == 1>
                <For
                    each=move || run.pictures.get()
                    key=|picture| picture.slot
                    children=move |picture| {
                        let Picture { slot, blob, entry: first, kept, link } = picture;
                        if let Some((url, reason)) = link {
                            let alt = format!("Generated image for: {}", first.settings.prompt);
                            return view! { <LinkImage url reason alt ratio=link_ratio.clone() /> }.into_any();
                        }
                        // Facts arrive after the image: they change in place, the image stays.
                        let entry = Signal::derive(move || {
                            let mut entry = run.pictures.with(|pictures| find(pictures, slot).map(|picture| picture.entry.clone()))
                                .unwrap_or_else(|| first.clone());
                            entry.id = kept.and_then(|kept| kept.id());
                            entry
                        });
                        let on_delete = Callback::new(move |()| run.remove(slot));
                        view! { <Actions blob entry on_delete before=before.clone() /> }.into_any()
                    }
                />
                {move || {
                    let partial = run.partial.get().map(|(blob, index)| (object_url(&blob), index));
                    let missing = if running() { n.saturating_sub(run.arrived.get()) } else { usize::from(partial.is_some()) };
                    (0..missing)
                        .map(|slot| {
                            let partial = if slot == 0 { partial.clone() } else { None };
                            let label = match &partial {
                                Some((_, index)) if running() => format!("Image being generated: partial {} of {partials}", index + 1),
                                Some((_, index)) => format!("The last partial image received: {} of {partials}", index + 1),
                                None => "Image being generated".to_owned(),
                            };
                            view! {
                                <div class="placeholder" style:--ratio=ratio.clone() role="img" aria-label=label>
                                    {partial.map(|(url, index)| view! {
                                        <img src=url alt="" />
                                        <span class="partial-note" aria-hidden="true">{format!("partial {} of {partials}", index + 1)}</span>
                                    })}
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </article>
    }
}
