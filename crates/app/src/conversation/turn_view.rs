//! One turn on the page: what the person said and attached, with the
//! branches that fork there ("‹ 2/3 ›"), Edit and Regenerate (each a new
//! branch); then the answer: the assistant's text, a placeholder and the
//! partial images while it streams, the image with its actions, what it
//! cost, or what went wrong with Retry.

use gpt_image_wasm::ErrorClass;
use gpt_image_wasm::core::Size;
use leptos::prelude::*;

use super::references::Attached;
use super::state::{Conversations, LiveTurn, Picture};
use super::thumbs::AttachedThumb;
use crate::actions::Actions;
use crate::errors::Advice;
use crate::failure::Failure;
use crate::i18n::{self, format};
use crate::object_url::object_url;
use crate::run::Status;
use crate::store::Entry;
use crate::thread::{Api, Reference, Turn, TurnState};

/// What a turn cost, for a person: `This turn: 1234 tokens · image ≈ $0.011 · Images API`.
fn cost_line(turn: &Turn) -> String {
    let words = i18n::words();
    let mut parts = Vec::new();
    if let Some(tokens) = turn.tokens {
        parts.push((words.image_tokens)(tokens));
    }
    if let Some(cost) = turn.cost {
        parts.push((words.turn_image_cost)(&format::usd(cost)));
    }
    parts.push(match turn.api {
        Api::Responses => "Responses API".to_owned(),
        Api::Images => "Images API".to_owned(),
    });
    (words.turn_facts)(&parts.join(" · "))
}

/// The advice shown for a turn that failed before this page was opened.
fn stored_failure(turn: &Turn) -> Option<Advice> {
    let message = match &turn.state {
        TurnState::Done => return None,
        TurnState::Sent => i18n::words().turn_unanswered.to_owned(),
        TurnState::Failed { message } => message.clone(),
    };
    Some(Advice { message, retry: true, class: ErrorClass::Api, offer_stream: false })
}

/// An image of the gallery shown in its turn, while the gallery has it.
#[component]
fn StoredImage(conversations: Conversations, id: u32) -> impl IntoView {
    let gallery = conversations.gallery;
    let find = move |entries: &Vec<Entry>| entries.iter().find(|entry| entry.id == Some(id)).cloned();
    let image = LocalResource::new(move || async move { gallery.image(id).await });
    move || {
        let first = gallery.entries.with(find)?;
        let blob = image.get().flatten()?;
        let entry = Signal::derive(move || gallery.entries.with(find).unwrap_or_else(|| first.clone()));
        Some(view! { <Actions blob entry on_delete=Callback::new(move |()| gallery.delete(id)) /> })
    }
}

/// An image that arrived in this session: shown from its file, its facts
/// and gallery id filled in as they come.
#[component]
fn LiveImage(live: LiveTurn, picture: Picture) -> impl IntoView {
    let Picture { blob, entry: first, kept } = picture;
    let shown = blob.clone();
    let entry = Signal::derive(move || {
        let mut entry = live
            .pictures
            .with(|pictures| pictures.iter().find(|p| p.blob == shown).map(|p| p.entry.clone()))
            .unwrap_or_else(|| first.clone());
        entry.id = kept.id();
        entry
    });
    view! { <Actions blob entry on_delete=Callback::new(move |()| kept.delete()) /> }
}

/// The placeholder of the image to come, with the latest partial image.
#[component]
fn Placeholder(live: LiveTurn, ratio: String) -> impl IntoView {
    let partial = move || live.partial.get().map(|(blob, index)| (object_url(&blob), index));
    let label = move || match live.partial.with(|partial| partial.as_ref().map(|(_, index)| *index)) {
        Some(index) => (i18n::words().turn_partial_label)(index + 1),
        None => i18n::words().turn_being_made.to_owned(),
    };
    view! {
        <div class="placeholder" style:--ratio=ratio role="img" aria-label=label>
            {move || partial().map(|(url, index)| view! {
                <img src=url alt="" />
                <span class="partial-note" aria-hidden="true">{(i18n::words().turn_partial_note)(index + 1)}</span>
            })}
        </div>
    }
}

/// Turn `id` of conversation `thread`.
#[component]
pub fn TurnView(conversations: Conversations, thread: String, id: u32) -> impl IntoView {
    let key = StoredValue::new((thread, id));
    let thread = move || key.with_value(|(thread, _)| thread.clone());
    let found = Memo::new(move |_| {
        key.with_value(|(thread, _)| {
            conversations.threads.with(|threads| {
                let each = threads.iter().find(|each| each.id == *thread)?;
                Some((each.turn(id)?.clone(), each.fork(id)))
            })
        })
    });
    let live = move || key.with_value(|key| conversations.live_turn(key));
    let running = move || live().is_some_and(|live| live.status.get() == Status::Running);
    let editing = RwSignal::new(None::<String>);
    let (parameters, _) = untrack(|| conversations.form.turn_parameters());
    let ratio =
        parameters.size.as_ref().and_then(Size::dimensions).map_or("1 / 1".to_owned(), |(w, h)| format!("{w} / {h}"));
    let switch = move |by: isize| {
        conversations.change(&thread(), |each| {
            each.switch(id, by);
        });
    };
    let attached = move || {
        found.with_untracked(|found| {
            found.as_ref().map(|(turn, _)| turn.references.iter().cloned().map(Attached::Kept).collect::<Vec<_>>())
        })
    };
    let regenerate = move |_| {
        let Some((turn, _)) = found.get_untracked() else { return };
        conversations.branch(&thread(), id, turn.text, attached().unwrap_or_default());
    };
    let send_edit = move |_| {
        let Some(text) = editing.get_untracked().filter(|text| !text.trim().is_empty()) else { return };
        editing.set(None);
        conversations.branch(&thread(), id, text, attached().unwrap_or_default());
    };
    let failure = move || {
        let advice = match live().map(|live| live.status.get()) {
            Some(Status::Failed(advice)) => advice,
            Some(Status::Cancelled) => Advice::cancelled(),
            Some(Status::Running | Status::Done) => return None,
            None => found.with(|found| found.as_ref().and_then(|(turn, _)| stored_failure(turn)))?,
        };
        let on_retry = Callback::new(move |()| conversations.retry(key.get_value()));
        let on_dismiss = Callback::new(move |()| key.with_value(|key| conversations.dismiss(key)));
        Some(view! { <Failure advice on_retry on_dismiss /> })
    };
    let pictures = move || {
        let shown_live = live().filter(|live| live.pictures.with(|pictures| !pictures.is_empty()));
        if let Some(live) = shown_live {
            return live
                .pictures
                .get()
                .into_iter()
                .map(|picture| view! { <LiveImage live picture /> }.into_any())
                .collect_view();
        }
        let images = found.with(|found| found.as_ref().map(|(turn, _)| turn.images.clone()).unwrap_or_default());
        images.into_iter().map(|id| view! { <StoredImage conversations id /> }.into_any()).collect_view()
    };
    // What the person said changes only when the branches at it do: drawn again only then.
    let words = Memo::new(move |_| {
        found.with(|found| found.as_ref().map(|(turn, fork)| (turn.text.clone(), turn.references.clone(), *fork)))
    });
    let said = move |text: String, references: Vec<Reference>, fork: Option<(usize, usize)>| {
        let edited = text.clone();
        let references: Vec<Attached> = references.into_iter().map(Attached::Kept).collect();
        view! {
            <div class="said">
                <Show
                    when=move || editing.with(Option::is_some)
                    fallback=move || view! { <p class="said-text">{text.clone()}</p> }
                >
                    <label class="turn-edit">
                        <span>{move || i18n::words().turn_edit_label}</span>
                        <textarea
                            rows="2"
                            prop:value=move || editing.get().unwrap_or_default()
                            on:input=move |ev| editing.set(Some(event_target_value(&ev)))
                        ></textarea>
                    </label>
                    <div class="turn-tools">
                        <button type="button" on:click=send_edit>{move || i18n::words().turn_send_branch}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(None)>{move || i18n::words().cancel}</button>
                    </div>
                </Show>
                {(!references.is_empty()).then(|| view! {
                    <ul class="turn-references" aria-label=move || i18n::words().turn_attached>
                        {references.into_iter().enumerate().map(|(index, attached)| view! {
                            <li><AttachedThumb conversations attached alt=(i18n::words().composer_attached_alt)(index + 1) /></li>
                        }).collect_view()}
                    </ul>
                })}
                <div class="turn-tools" hidden=move || editing.with(Option::is_some)>
                    {fork.map(|(at, of)| view! {
                        <span class="branches" role="group" aria-label=move || i18n::words().turn_branches>
                            <button type="button" class="secondary" aria-label=move || i18n::words().turn_previous_branch disabled=at == 1 on:click=move |_| switch(-1)>"‹"</button>
                            <span class="branch-count">{format!("{at}/{of}")}</span>
                            <button type="button" class="secondary" aria-label=move || i18n::words().turn_next_branch disabled=at == of on:click=move |_| switch(1)>"›"</button>
                        </span>
                    })}
                    <button type="button" class="secondary" disabled=running on:click=move |_| editing.set(Some(edited.clone()))>{move || i18n::words().edit}</button>
                    <button type="button" class="secondary" disabled=running on:click=regenerate>{move || i18n::words().turn_regenerate}</button>
                </div>
            </div>
        }
    };
    view! {
        <li class="turn" aria-busy=move || running().to_string()>
            {move || words.get().map(|(text, references, fork)| said(text, references, fork))}
            <div class="answer">
                {move || {
                    let reply = live().map(|live| live.reply.get()).filter(|reply| !reply.is_empty());
                    let reply = reply.or_else(|| found.with(|found| found.as_ref().map(|(turn, _)| turn.reply.clone())));
                    reply.filter(|reply| !reply.is_empty()).map(|reply| view! { <p class="reply">{reply}</p> })
                }}
                <div class="pictures single">
                    {pictures}
                    {move || {
                        live()
                            .filter(|live| running() && live.pictures.with(Vec::is_empty))
                            .map(|live| view! { <Placeholder live ratio=ratio.clone() /> })
                    }}
                </div>
                {failure}
                <p class="turn-facts">
                    {move || if running() {
                        i18n::words().turn_answering.to_owned()
                    } else {
                        found.with(|found| found.as_ref().filter(|(turn, _)| turn.state == TurnState::Done).map(|(turn, _)| cost_line(turn)).unwrap_or_default())
                    }}
                    <Show when=running>
                        <button type="button" class="cancel" on:click=move |_| key.with_value(|key| conversations.cancel(key))>{move || i18n::words().cancel}</button>
                    </Show>
                </p>
            </div>
        </li>
    }
}
