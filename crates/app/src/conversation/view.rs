//! The conversation mode's section: which conversation is in view (or a new
//! one), what it spent, deleting it (its images too, if asked) with Undo,
//! news about how conversations reach the provider, the turns of the branch
//! in view, and the composer of the next one.

use leptos::prelude::*;

use super::composer::Composer;
use super::state::{Conversations, Deleted};
use super::turn_view::TurnView;

/// "1 image" or "3 images".
fn images(count: usize) -> String {
    if count == 1 { "1 image".to_owned() } else { format!("{count} images") }
}

/// The confirmation of a delete: whether its images go too.
#[component]
fn ConfirmDelete(conversations: Conversations, id: String, count: usize, asking: RwSignal<bool>) -> impl IntoView {
    let with_images = RwSignal::new(false);
    view! {
        <div class="confirm" role="group" aria-label="Delete this conversation">
            <p>"Delete this conversation? Its images stay in the gallery unless you tick the box."</p>
            <label class="check" hidden=count == 0>
                <input type="checkbox" bind:checked=with_images />
                <span>{format!("Also delete its {}", images(count))}</span>
            </label>
            <div class="turn-tools">
                <button type="button" class="danger-fill" on:click=move |_| {
                    asking.set(false);
                    conversations.delete(&id, with_images.get_untracked());
                }>"Delete"</button>
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>"Keep it"</button>
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
                let turns = thread.turns.len();
                let turns = if turns == 1 { "1 turn".to_owned() } else { format!("{turns} turns") };
                format!("{turns} · {tokens} tokens · images ≈ ${:.3}", cost + 0.0)
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
            deleted.as_ref().map(|Deleted { thread, images: count }| match count {
                0 => format!("Deleted \u{201c}{}\u{201d}; its images are still in the gallery.", thread.title),
                count => format!("Deleted \u{201c}{}\u{201d} and its {}.", thread.title, images(*count)),
            })
        })
    };
    view! {
        <section class="conversation" aria-labelledby="conversation-title">
            <header class="conversation-head">
                <h2 id="conversation-title">"Conversation"</h2>
                <div class="field thread-choice">
                    <label for="thread-choice">"Open"</label>
                    <select
                        id="thread-choice"
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            asking.set(false);
                            conversations.open.set((!id.is_empty()).then_some(id));
                        }
                    >
                        <option value="" selected=move || conversations.open.with(Option::is_none)>"New conversation"</option>
                        {move || conversations.threads.get().into_iter().map(|thread| {
                            let id = thread.id.clone();
                            let selected = move || conversations.open.with(|open| open.as_deref() == Some(id.as_str()));
                            view! { <option value=thread.id.clone() selected=selected>{thread.title}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button
                    type="button"
                    class="secondary danger"
                    hidden=move || thread.with(Option::is_none)
                    on:click=move |_| asking.set(true)
                >"Delete conversation"</button>
            </header>
            <p class="conversation-totals">{totals}</p>
            {move || thread.get().filter(|_| asking.get()).map(|thread| {
                let count = thread.images().len();
                view! { <ConfirmDelete conversations id=thread.id count asking /> }
            })}
            {move || conversations.note.get().map(|note| view! {
                <p class="conversation-note" role="status">
                    <span>{note}</span>
                    <button type="button" class="secondary" on:click=move |_| conversations.note.set(None)>"OK"</button>
                </p>
            })}
            <div class="undo" role="status" class:active=move || undo_text().is_some()>
                {move || undo_text().map(|text| view! {
                    <span>{text}</span>
                    <button type="button" class="secondary" on:click=move |_| conversations.undo_delete()>"Undo"</button>
                })}
            </div>
            <Show when=move || thread.with(Option::is_none)>
                <p class="hint">
                    "Describe an image to start a conversation, then ask for changes turn by turn: each turn changes the image before it. Editing or regenerating a turn starts a branch. Attach gallery or earlier images with Attach image, by pasting or dropping them, or by typing @."
                </p>
            </Show>
            <ol class="turns" aria-label="Turns">
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
