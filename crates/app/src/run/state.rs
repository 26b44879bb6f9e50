//! A run's state: the job it sends, where it is, the pictures that arrived
//! and what they cost. A run sends and reports: every image goes to the
//! gallery the moment it arrives ([`Gallery::keep`]), and the run settles
//! the [`Kept`] handle it gets back with the image's share of the usage and
//! its revised prompt.

use gpt_image_wasm::core::{GenerateRequest, Usage};
use gpt_image_wasm::{BlobsResponse, CallOptions, Client, Edit, Error, EventStream, ImageBlob, StreamImage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, Blob};

use crate::embedding::{Happening, Listener};
use crate::errors::{Advice, Sent, advise};
use crate::gallery::{Facts, Gallery, Kept, shares};
use crate::price::estimate;
use crate::store::Entry;

/// What to send: the form's request, and for an edit the files (and the
/// first input, for the before/after comparison).
#[derive(Clone)]
pub struct Job {
    pub request: GenerateRequest,
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
    pub(super) kept: Option<Kept>,
    /// For an image whose link the page could not fetch: the link and why.
    pub(super) link: Option<(String, String)>,
}

/// One request of the session.
#[derive(Clone, Copy)]
pub struct Run {
    pub id: u64,
    pub(super) job: StoredValue<Job, LocalStorage>,
    pub request: StoredValue<GenerateRequest>,
    pub started: RwSignal<f64>,
    pub finished: RwSignal<Option<f64>>,
    pub status: RwSignal<Status>,
    /// The latest partial image and its number (from 0).
    pub partial: RwSignal<Option<(Blob, u32)>, LocalStorage>,
    pub pictures: RwSignal<Vec<Picture>, LocalStorage>,
    /// Images arrived so far (deleted ones included).
    pub(super) arrived: RwSignal<usize>,
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
            request: StoredValue::new(job.request.clone()),
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

    pub(super) fn is_edit(&self) -> bool {
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
        self.tell(Happening::Started(self.request.get_value()));
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
                        self.request.with_value(|request| advise(&error, &Sent::new(request, max_retries, waited))),
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
        let Job { request, edit, .. } = self.job.get_value();
        let on_image = |image: &ImageBlob| {
            self.arrive(image);
        };
        match (edit, request.stream == Some(true)) {
            (None, false) => self.settle_all(client.generate_blobs(&request, call, on_image).await?),
            (Some((edit, _)), false) => self.settle_all(client.edit_blobs(&edit, call, on_image).await?),
            (None, true) => self.stream(client.generate_stream(&request, call).await?).await?,
            (Some((edit, _)), true) => self.stream(client.edit_stream(&edit, call).await?).await?,
        }
        Ok(())
    }

    /// Every `completed` event carries the usage of the whole request: it
    /// is counted once, and each image gets its share of it.
    async fn stream(&self, mut events: EventStream) -> Result<(), Error> {
        let count = self.request.with_value(|request| request.n.unwrap_or(1)).max(1) as usize;
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
            request: self.request.get_value(),
            revised_prompt: image.revised_prompt.clone(),
            mime_type: image.mime_type.clone(),
            width: image.width,
            height: image.height,
            bytes: image.blob.size() as u64,
            tokens: None,
            cost: None,
            favourite: false,
            thread: None,
            turn: None,
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
                request: entry.request.clone(),
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
        let request = self.request.get_value();
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

    /// The pictures to show: all but those deleted from the gallery
    /// meanwhile (from the viewer), which an Undo brings back.
    pub fn shown(&self) -> Vec<Picture> {
        let pictures = self.pictures.get();
        let Some(gallery) = self.gallery else { return pictures };
        let held = |id: u32| gallery.entries.with(|entries| entries.iter().any(|entry| entry.id == Some(id)));
        pictures.into_iter().filter(|picture| picture.kept.and_then(|kept| kept.id()).is_none_or(held)).collect()
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
