//! The conversation mode's section: which conversation is in view (or a new
//! one), what it spent, deleting it (its images too, if asked) with Undo,
//! news about how conversations reach the provider, the turns of the branch
//! in view, and the composer of the next one.

use leptos::prelude::*;

use super::composer::Composer;
use super::state::{Conversations, Deleted};
use super::turn_view::TurnView;
use crate::i18n::{format, words};
use crate::thread::shown_title;

/// The confirmation of a delete: whether its images go too.
#[component]
fn ConfirmDelete(conversations: Conversations, id: String, count: usize, asking: RwSignal<bool>) -> impl IntoView {
    let with_images = RwSignal::new(false);
    view! {
        <div class="confirm" role="group" aria-label=move || words().confirm_label>
            <p>{move || words().confirm_text}</p>
            <label class="check" hidden=count == 0>
                <input type="checkbox" bind:checked=with_images />
                <span>{move || (words().confirm_also)(count)}</span>
            </label>
            <div class="turn-tools">
                <button type="button" class="danger-fill" on:click=move |_| {
                    asking.set(false);
                    conversations.delete(&id, with_images.get_untracked());
                }>{move || words().delete}</button>
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || words().confirm_keep}</button>
            </div>
        </div>
    }
}

/// The conversation section.
#[component]
pub fn ConversationView(conversations: Conversations) -> impl IntoView {
    let asking = RwSignal::new(false);
    let thread = Memo::new(move |_| conversations.thread());
    let totals = move || {
        thread.with(|thread| {
            thread.as_ref().map(|thread| {
                let (tokens, cost) = thread.totals();
                (words().conversation_totals)(thread.turns.len(), tokens, &format::usd(cost + 0.0))
            })
        })
    };
    let path = move || {
        thread.with(|thread| {
            thread
                .as_ref()
                .map(|thread| thread.path().iter().map(|turn| (thread.id.clone(), turn.id)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let undo_text = move || {
        conversations.deleted.with(|deleted| {
            deleted
                .as_ref()
                .map(|Deleted { thread, images }| (words().conversation_deleted)(&shown_title(&thread.title), *images))
        })
    };
    view! {
        <section class="conversation" aria-labelledby="conversation-title">
            <header class="conversation-head">
                <h2 id="conversation-title">{move || words().conversation_title}</h2>
                <div class="field thread-choice">
                    <label for="thread-choice">{move || words().conversation_open}</label>
                    <select
                        id="thread-choice"
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            asking.set(false);
                            conversations.open.set((!id.is_empty()).then_some(id));
                        }
                    >
                        <option value="" selected=move || conversations.open.with(Option::is_none)>{move || words().conversation_new}</option>
                        {move || conversations.threads.get().into_iter().map(|thread| {
                            let id = thread.id.clone();
                            let selected = move || conversations.open.with(|open| open.as_deref() == Some(id.as_str()));
                            let title = thread.title.clone();
                            view! { <option value=thread.id.clone() selected=selected>{move || shown_title(&title)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button
                    type="button"
                    class="secondary danger"
                    hidden=move || thread.with(Option::is_none)
                    on:click=move |_| asking.set(true)
                >{move || words().conversation_delete}</button>
            </header>
            <p class="conversation-totals">{totals}</p>
            {move || thread.get().filter(|_| asking.get()).map(|thread| {
                let count = thread.images().len();
                view! { <ConfirmDelete conversations id=thread.id count asking /> }
            })}
            {move || conversations.note.get().map(|note| view! {
                <p class="conversation-note" role="status">
                    <span>{note}</span>
                    <button type="button" class="secondary" on:click=move |_| conversations.note.set(None)>{move || words().conversation_ok}</button>
                </p>
            })}
            <div class="undo" role="status" class:active=move || undo_text().is_some()>
                {move || undo_text().map(|text| view! {
                    <span>{text}</span>
                    <button type="button" class="secondary" on:click=move |_| conversations.undo_delete()>{move || words().undo_undo}</button>
                })}
            </div>
            <Show when=move || thread.with(Option::is_none)>
                <p class="hint">{move || words().conversation_hint}</p>
            </Show>
            <ol class="turns" aria-label=move || words().conversation_turns>
                <For
                    each=path
                    key=|key| key.clone()
                    children=move |(thread, id)| view! { <TurnView conversations thread id /> }
                />
            </ol>
            <Composer conversations />
        </section>
    }
}
