//! Sending turns: the next turn of the branch in view, a new branch (a
//! turn edited or regenerated, which follows the turn before it), Retry,
//! Cancel and Dismiss. A turn is stored the moment it is sent, so a failure
//! or a closed tab keeps the conversation as it was, and is answered
//! through the API the provider takes ([`Api`]): on a provider not known
//! yet, the Responses API first, and when its `/responses` answers 404 or
//! 405, the Images API from then on, said in a note and kept in its settings.
//!
//! Each image goes to the gallery the moment it arrives
//! ([`crate::gallery::Gallery::keep`]), linked to its conversation and
//! turn, and the turn records its gallery id once it is written.

use gpt_image_wasm::core::GenerateRequest;
use gpt_image_wasm::{CallOptions, Error, ImageBlob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, Blob};

use super::references::Attached;
use super::send::{Answer, Sink, TurnInput, by_images, by_responses, forgot_previous, lacks_responses};
use super::state::{Conversations, LiveTurn, Picture, TurnKey};
use crate::errors::{Advice, Sent, advise};
use crate::gallery::Facts;
use crate::run::Status;
use crate::store::Entry;
use crate::thread::{Api, Thread, Turn, TurnState};

/// Where a turn's answer goes: its live state on the page and the gallery.
struct TurnSink {
    conversations: Conversations,
    key: TurnKey,
    live: LiveTurn,
    /// The settings its images are kept with.
    record: GenerateRequest,
}

impl Sink for TurnSink {
    fn partial(&self, image: Blob, index: u32) {
        self.live.partial.set(Some((image, index)));
    }

    fn text(&self, text: &str) {
        self.live.reply.set(text.to_owned());
    }

    fn image(&self, image: ImageBlob, edit: bool) {
        // An image only at a link the page could not fetch has nothing to keep.
        if image.error.is_some() {
            return;
        }
        self.live.partial.set(None);
        let entry = Entry {
            id: None,
            created: js_sys::Date::now(),
            edit,
            request: self.record.clone(),
            revised_prompt: image.revised_prompt.clone(),
            mime_type: image.mime_type.clone(),
            width: image.width,
            height: image.height,
            bytes: image.blob.size() as u64,
            tokens: None,
            cost: None,
            favourite: false,
            thread: Some(self.key.0.clone()),
            turn: Some(self.key.1),
        };
        let kept = self.conversations.gallery.keep(entry.clone(), image.blob.clone());
        // A conversation's images are in the gallery's own list at once.
        kept.release();
        let (conversations, key) = (self.conversations, self.key.clone());
        kept.when_stored(move |id| {
            let Some(id) = id else { return };
            conversations.change(&key.0, |thread| {
                if let Some(turn) = thread.turn_mut(key.1)
                    && !turn.images.contains(&id)
                {
                    turn.images.push(id);
                }
            });
        });
        self.live.pictures.update(|pictures| pictures.push(Picture { blob: image.blob, entry, kept }));
    }
}

impl TurnSink {
    /// The answer's facts go to its images, on the page and in the gallery.
    fn settle(&self, answer: &Answer) {
        let facts = Facts { tokens: answer.tokens, cost: answer.cost, revised_prompt: answer.revised_prompt.clone() };
        self.live.pictures.update(|pictures| {
            for picture in pictures.iter_mut() {
                facts.apply(&mut picture.entry);
                picture.kept.settle(facts.clone());
            }
        });
    }
}

/// The turns before `turn` that were answered, in order.
fn answered_before<'a>(thread: &'a Thread, turn: &Turn) -> Vec<&'a Turn> {
    thread.path_to(turn.parent).into_iter().filter(|turn| turn.state == TurnState::Done).collect()
}

impl Conversations {
    /// The API a turn goes through now: the provider's, or the Responses
    /// API while that is not known.
    fn api(&self) -> Api {
        untrack(|| self.providers.provider().conversations).unwrap_or(Api::Responses)
    }

    /// Sends `text` as the next turn of the branch in view, starting a new
    /// conversation when none is open.
    pub fn say(&self, text: String, attached: Vec<Attached>) {
        let open = self.open.get_untracked().filter(|id| self.title(id).is_some());
        let id = match open {
            Some(id) => id,
            None => {
                let thread = Thread::new(&text);
                let id = thread.id.clone();
                self.add(thread);
                self.open.set(Some(id.clone()));
                id
            }
        };
        let parent = self
            .threads
            .with_untracked(|threads| threads.iter().find(|thread| thread.id == id).and_then(|thread| thread.current));
        self.send_turn(&id, parent, text, attached);
    }

    /// Sends `text` in place of turn `turn`: a new branch from the turn before it.
    pub fn branch(&self, thread: &str, turn: u32, text: String, attached: Vec<Attached>) {
        let parent = self.threads.with_untracked(|threads| {
            threads.iter().find(|each| each.id == thread).and_then(|each| each.turn(turn)).and_then(|turn| turn.parent)
        });
        self.send_turn(thread, parent, text, attached);
    }

    /// Adds a turn after `parent` to conversation `thread`, in view, and sends it.
    fn send_turn(&self, thread: &str, parent: Option<u32>, text: String, attached: Vec<Attached>) {
        let Some(id) =
            self.threads.with_untracked(|threads| threads.iter().find(|each| each.id == thread).map(Thread::next_id))
        else {
            return;
        };
        let references = self.keep_references(thread, id, attached);
        let api = self.api();
        self.change(thread, |each| {
            each.turns.push(Turn::new(id, parent, text, references, api));
            each.current = Some(id);
            each.updated = js_sys::Date::now();
        });
        self.start((thread.to_owned(), id));
    }

    /// Sends turn `key` again.
    pub fn retry(&self, key: TurnKey) {
        let api = self.api();
        self.change(&key.0, |thread| {
            if let Some(turn) = thread.turn_mut(key.1) {
                turn.state = TurnState::Sent;
                turn.api = api;
            }
        });
        self.start(key);
    }

    /// Cancels turn `key` while it is being answered.
    pub fn cancel(&self, key: &TurnKey) {
        if let Some(live) = self.live.with_untracked(|live| live.get(key).copied()) {
            live.controller.with_value(|controller| controller.as_ref().map(AbortController::abort));
        }
    }

    /// Takes a failed turn off its conversation (a conversation left
    /// without turns goes with it, as it never began).
    pub fn dismiss(&self, key: &TurnKey) {
        let mut empty = false;
        self.change(&key.0, |thread| {
            thread.remove_turn(key.1);
            empty = thread.turns.is_empty();
        });
        self.live.update(|live| {
            live.remove(key);
        });
        if empty {
            self.delete(&key.0, false);
            self.erase();
        }
    }

    /// The latest image of the answered turns `before`: from this
    /// session's pictures when it has them, else from the gallery.
    async fn latest_image(&self, thread: &str, before: &[Turn]) -> Option<Blob> {
        for turn in before.iter().rev() {
            let key = (thread.to_owned(), turn.id);
            let live = self.live.with_untracked(|live| live.get(&key).copied());
            if let Some(blob) = live.and_then(|live| live.pictures.with_untracked(|p| p.last().map(|p| p.blob.clone())))
            {
                return Some(blob);
            }
            for id in turn.images.iter().rev() {
                if let Some(blob) = self.gallery.image(*id).await {
                    return Some(blob);
                }
            }
        }
        None
    }

    /// Sends turn `key` as it is stored, and keeps what comes of it.
    fn start(&self, key: TurnKey) {
        let Some(thread) = self.threads.with_untracked(|threads| threads.iter().find(|t| t.id == key.0).cloned())
        else {
            return;
        };
        let Some(turn) = thread.turn(key.1).cloned() else { return };
        let before: Vec<Turn> = answered_before(&thread, &turn).into_iter().cloned().collect();
        let live = self.start_live(key.clone());
        let form = self.form;
        let (parameters, _) = untrack(|| form.turn_parameters());
        let record = form.turn_record(&turn.text);
        let provider = untrack(|| self.providers.provider());
        let client = self.client.get_untracked();
        let max_retries = client.options().max_retries;
        let controller = AbortController::new().ok();
        let call = CallOptions { signal: controller.as_ref().map(AbortController::signal), ..CallOptions::default() };
        live.controller.set_value(controller);
        let sink = TurnSink { conversations: *self, key: key.clone(), live, record };
        let input = TurnInput {
            text: turn.text.clone(),
            references: Vec::new(),
            previous_response: before
                .last()
                .filter(|turn| turn.api == Api::Responses)
                .and_then(|t| t.response_id.clone()),
            previous_image: None,
            earlier: before.iter().map(|turn| turn.text.clone()).collect(),
            parameters,
            stream: untrack(|| form.turn_streams()),
            chat_model: provider.chat_model(),
        };
        let conversations = *self;
        let started = js_sys::Date::now();
        // Its images' handles are made as they arrive: under the app's owner, not this view's.
        self.owned(|| {
            spawn_local(async move {
                let mut input = input;
                for reference in &turn.references {
                    input.references.extend(conversations.reference_blob(reference).await);
                }
                input.previous_image = conversations.latest_image(&key.0, &before).await;
                let mut outcome = match turn.api {
                    Api::Responses => by_responses(&client, &input, &call, &sink).await,
                    Api::Images => by_images(&client, &input, &call, &sink).await,
                };
                if let Err(error) = &outcome
                    && turn.api == Api::Responses
                    && provider.conversations.is_none()
                    && lacks_responses(error)
                {
                    conversations.fall_back(&key, &provider.name, error);
                    outcome = by_images(&client, &input, &call, &sink).await;
                }
                // The provider has forgotten the turn this one follows: tell
                // it the earlier turns and show it the previous image instead.
                if let Err(error) = &outcome
                    && turn.api == Api::Responses
                    && input.previous_response.is_some()
                    && forgot_previous(error)
                {
                    input.previous_response = None;
                    outcome = by_responses(&client, &input, &call, &sink).await;
                }
                conversations.finish(&sink, outcome, started, max_retries);
            })
        });
    }

    /// The provider has no Responses API: its conversations go through the
    /// Images API from now on (kept in its settings), said in a note, and
    /// turn `key` goes that way.
    fn fall_back(&self, key: &TurnKey, provider: &str, error: &Error) {
        let status = match error {
            Error::Api(failure) => failure.http_status,
            _ => 404,
        };
        self.providers.set_conversations(Some(Api::Images));
        self.note.set(Some((crate::i18n::words().conversation_no_responses)(provider, status)));
        self.change(&key.0, |thread| {
            if let Some(turn) = thread.turn_mut(key.1) {
                turn.api = Api::Images;
            }
        });
    }

    /// Keeps what came of a turn: its answer, or why it failed (the advice
    /// of the app's one table), on the page and in the stored conversation.
    fn finish(&self, sink: &TurnSink, outcome: Result<Answer, Error>, started: f64, max_retries: u32) {
        let (key, live) = (&sink.key, sink.live);
        let now = js_sys::Date::now();
        let status = match outcome {
            Ok(answer) => {
                live.partial.set(None);
                sink.settle(&answer);
                let reply = if answer.reply.is_empty() { live.reply.get_untracked() } else { answer.reply.clone() };
                self.change(&key.0, |thread| {
                    if let Some(turn) = thread.turn_mut(key.1) {
                        turn.state = TurnState::Done;
                        turn.response_id = answer.response_id;
                        turn.reply = reply;
                        turn.tokens = answer.tokens;
                        turn.cost = answer.cost;
                    }
                    thread.updated = now;
                });
                Status::Done
            }
            Err(error) => {
                let advice = match error {
                    Error::Aborted => Advice::cancelled(),
                    error => advise(&error, &Sent::new(&sink.record, max_retries, now - started)),
                };
                let message = advice.message.clone();
                self.change(&key.0, |thread| {
                    if let Some(turn) = thread.turn_mut(key.1) {
                        turn.state = TurnState::Failed { message };
                    }
                });
                if advice == Advice::cancelled() { Status::Cancelled } else { Status::Failed(advice) }
            }
        };
        live.status.set(status);
    }
}
