//! The conversations of this browser and the one in view, the turns being
//! sent in this session ([`LiveTurn`]: status, partial image, pictures,
//! the assistant's text as it streams), and what the page needs from the
//! rest of the app to send a turn (the gallery, the providers, the form).

use std::collections::HashMap;

use gpt_image_wasm::Client;
use leptos::prelude::*;
use web_sys::{AbortController, Blob};

use crate::form::Form;
use crate::gallery::{Gallery, Kept};
use crate::run::Status;
use crate::settings::Providers;
use crate::store::Entry;
use crate::thread::Thread;

/// An image a turn made in this session: its file, its gallery entry as
/// known so far and the gallery's handle (for its id).
#[derive(Clone)]
pub struct Picture {
    /// The image file.
    pub blob: Blob,
    /// Its gallery entry (its id comes from `kept`).
    pub entry: Entry,
    /// The gallery's handle on it.
    pub kept: Kept,
}

/// A turn sent in this session, as it goes.
#[derive(Clone, Copy)]
pub struct LiveTurn {
    /// Where it is (`Failed` with the advice of the app's one table).
    pub status: RwSignal<Status>,
    /// The latest partial image and its number (from 0).
    pub partial: RwSignal<Option<(Blob, u32)>, LocalStorage>,
    /// The images that arrived.
    pub pictures: RwSignal<Vec<Picture>, LocalStorage>,
    /// The assistant's text so far.
    pub reply: RwSignal<String>,
    /// Aborts the request.
    pub(super) controller: StoredValue<Option<AbortController>, LocalStorage>,
}

impl LiveTurn {
    fn new() -> Self {
        LiveTurn {
            status: RwSignal::new(Status::Running),
            partial: RwSignal::new_local(None),
            pictures: RwSignal::new_local(Vec::new()),
            reply: RwSignal::new(String::new()),
            controller: StoredValue::new_local(None),
        }
    }
}

/// A deleted conversation, while the delete can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    /// The conversation as it was.
    pub thread: Thread,
    /// How many of its images were deleted with it.
    pub images: usize,
}

/// A thread and a turn of it.
pub type TurnKey = (String, u32);

/// Every conversation, the one in view and the turns under way.
#[derive(Clone, Copy)]
pub struct Conversations {
    /// Every conversation, most recently changed first (a deleted one
    /// waits in [`Conversations::deleted`]).
    pub threads: RwSignal<Vec<Thread>>,
    /// The conversation in view (`None`: a new one, started by its first turn).
    pub open: RwSignal<Option<String>>,
    /// Whether the stored conversations have been read.
    pub loaded: RwSignal<bool>,
    /// The turns sent in this session.
    pub live: RwSignal<HashMap<TurnKey, LiveTurn>>,
    /// News about how conversations go (the provider has no Responses API …).
    pub note: RwSignal<Option<String>>,
    /// The conversation just deleted, while the delete can be undone.
    pub deleted: RwSignal<Option<Deleted>>,
    /// Erases the deleted conversation when the undo time is over.
    pub(super) timer: StoredValue<Option<TimeoutHandle>>,
    /// The files attached in this session, by their key (no need to read them back).
    pub(super) files: StoredValue<HashMap<String, Blob>, LocalStorage>,
    /// The app's reactive owner: a turn's state outlives the views that
    /// showed it (the conversation mode may be left and opened again), so it
    /// is made under this owner ([`Conversations::owned`]).
    owner: StoredValue<Owner>,
    pub(super) gallery: Gallery,
    pub(super) providers: Providers,
    pub(super) form: Form,
    pub(super) client: Signal<Client, LocalStorage>,
}

impl Conversations {
    /// The conversations kept in `gallery`'s database, read now; turns go
    /// out through `client`, with `form`'s image parameters.
    pub fn new(gallery: Gallery, providers: Providers, form: Form, client: Signal<Client, LocalStorage>) -> Self {
        let conversations = Conversations {
            threads: RwSignal::new(Vec::new()),
            open: RwSignal::new(None),
            loaded: RwSignal::new(false),
            live: RwSignal::new(HashMap::new()),
            note: RwSignal::new(None),
            deleted: RwSignal::new(None),
            timer: StoredValue::new(None),
            files: StoredValue::new_local(HashMap::new()),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            gallery,
            providers,
            form,
            client,
        };
        conversations.load();
        conversations
    }

    /// Runs `make` under the app's owner: what it makes (signals, tasks)
    /// lives as long as the app, not as the view that asked for it.
    pub(super) fn owned<T>(&self, make: impl FnOnce() -> T) -> T {
        self.owner.with_value(|owner| owner.clone()).with(make)
    }

    /// The conversation in view (tracked).
    pub fn thread(&self) -> Option<Thread> {
        let open = self.open.get()?;
        self.threads.with(|threads| threads.iter().find(|thread| thread.id == open).cloned())
    }

    /// The title of conversation `id`, while it exists.
    pub fn title(&self, id: &str) -> Option<String> {
        self.threads.with(|threads| threads.iter().find(|thread| thread.id == id).map(|thread| thread.title.clone()))
    }

    /// Turn `key` as it goes in this session (tracked).
    pub fn live_turn(&self, key: &TurnKey) -> Option<LiveTurn> {
        self.live.with(|live| live.get(key).copied())
    }

    /// A fresh [`LiveTurn`] for turn `key` (sent, or sent again).
    pub(super) fn start_live(&self, key: TurnKey) -> LiveTurn {
        let turn = self.owned(LiveTurn::new);
        self.live.update(|live| {
            live.insert(key, turn);
        });
        turn
    }

    /// Changes conversation `id` and stores it; `false` when there is none.
    pub(super) fn change(&self, id: &str, change: impl FnOnce(&mut Thread)) -> bool {
        let mut changed = None;
        self.threads.update(|threads| {
            if let Some(thread) = threads.iter_mut().find(|thread| thread.id == id) {
                change(thread);
                changed = Some(thread.clone());
            }
        });
        let Some(thread) = changed else { return false };
        self.save(thread);
        true
    }
}
