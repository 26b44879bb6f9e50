//! Where the next turn is written: its text (Enter sends it, Shift+Enter
//! starts a new line), the images attached to it, and the ways to attach
//! one: "Attach image" (a picker of this conversation's and the gallery's
//! images), pasting or dropping a file, or typing `@` for a list of the
//! branch's images (`@1`, `@2` …), chosen with the arrow keys and Enter or
//! by a click.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, FileList};

use super::picker::Picker;
use super::references::{Attached, complete_mention, mention_at};
use super::state::Conversations;
use super::thumbs::{AttachedThumb, GalleryThumb};
use crate::i18n::words;
use crate::run::Status;
use crate::thread::{Numbered, Reference};

/// The files of a paste or a drop, as attachments.
fn files_of(files: Option<FileList>) -> Vec<Attached> {
    let Some(files) = files else { return Vec::new() };
    (0..files.length())
        .filter_map(|index| files.get(index))
        .filter(|file| file.type_().starts_with("image/"))
        .map(|file| Attached::New(file.unchecked_into::<Blob>()))
        .collect()
}

/// The composer of the conversation in view.
#[component]
pub fn Composer(conversations: Conversations) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let attached = RwSignal::new_local(Vec::<Attached>::new());
    // The mention being typed: where its `@` is, the caret, and the digits so far.
    let mention = RwSignal::new(None::<(usize, usize, String)>);
    let active = RwSignal::new(0_usize);
    let picking = RwSignal::new(false);
    let over = RwSignal::new(false);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let numbered = Memo::new(move |_| conversations.thread().map(|thread| thread.numbered()).unwrap_or_default());
    let options = Memo::new(move |_| {
        let Some((_, _, typed)) = mention.get() else { return Vec::new() };
        numbered.get().into_iter().filter(|image| image.number.to_string().starts_with(&typed)).collect::<Vec<_>>()
    });
    let listing = move || mention.with(Option::is_some) && options.with(|options| !options.is_empty());
    let busy = move || {
        let Some(open) = conversations.open.get() else { return false };
        conversations
            .live
            .with(|live| live.iter().any(|((thread, _), turn)| *thread == open && turn.status.get() == Status::Running))
    };
    let problem = Memo::new(move |_| conversations.form.first_error());
    let empty = move || text.with(|text| text.trim().is_empty()) && attached.with(Vec::is_empty);
    let blocked = move || problem.with(Option::is_some) || busy() || empty();
    let attach = move |more: Vec<Attached>| {
        attached.update(|list| {
            for one in more {
                if !list.contains(&one) {
                    list.push(one);
                }
            }
        })
    };
    let follow_caret = move || {
        let Some(element) = area.get_untracked() else { return };
        let caret = element.selection_start().ok().flatten().unwrap_or(0) as usize;
        mention.set(mention_at(&element.value(), caret).map(|(start, typed)| (start, caret, typed)));
        active.set(0);
    };
    let choose = move |image: Numbered| {
        let Some((start, caret, _)) = mention.get_untracked() else { return };
        let (completed, after) = complete_mention(&text.get_untracked(), start, caret, image.number);
        text.set(completed.clone());
        attach(vec![Attached::Kept(Reference::Gallery { id: image.id })]);
        mention.set(None);
        if let Some(element) = area.get_untracked() {
            element.set_value(&completed);
            let _ = element.focus();
            let _ = element.set_selection_range(after as u32, after as u32);
        }
    };
    let send = move || {
        if blocked() {
            return;
        }
        conversations.say(text.get_untracked().trim().to_owned(), attached.get_untracked());
        text.set(String::new());
        attached.set(Vec::new());
        mention.set(None);
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if listing() {
            let count = options.with(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" => active.update(|active| *active = (*active + 1) % count),
                "ArrowUp" => active.update(|active| *active = (*active + count - 1) % count),
                "Enter" | "Tab" => {
                    if let Some(image) = options.with(|options| options.get(active.get_untracked()).copied()) {
                        choose(image);
                    }
                }
                "Escape" => mention.set(None),
                _ => return,
            }
            ev.prevent_default();
        } else if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    };
    let hint = move || {
        if let Some(problem) = problem.get() {
            (words().composer_fix_settings)(&problem)
        } else if busy() {
            words().composer_wait.to_owned()
        } else {
            words().composer_keys.to_owned()
        }
    };
    view! {
        <form
            class="composer"
            class:over=move || over.get()
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
            on:dragover=move |ev| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                over.set(false);
                attach(files_of(ev.data_transfer().and_then(|data| data.files())));
            }
        >
            <ul class="attached" aria-label=move || words().composer_attached hidden=move || attached.with(Vec::is_empty)>
                {move || attached.get().into_iter().enumerate().map(|(index, one)| {
                    let removed = one.clone();
                    view! {
                        <li>
                            <AttachedThumb conversations attached=one alt=(words().composer_attached_alt)(index + 1) />
                            <button
                                type="button"
                                class="secondary"
                                aria-label=(words().composer_remove_label)(index + 1)
                                on:click=move |_| attached.update(|list| list.retain(|each| *each != removed))
                            >{words().remove}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="composer-box">
                <label class="message">
                    <span>{move || words().composer_message}</span>
                    <textarea
                        rows="2"
                        node_ref=area
                        placeholder=move || words().composer_placeholder
                        aria-autocomplete="list"
                        aria-controls="mentions"
                        aria-expanded=move || listing().to_string()
                        aria-activedescendant=move || listing().then(|| format!("mention-{}", active.get()))
                        aria-describedby="composer-hint"
                        bind:value=text
                        on:input=move |_| follow_caret()
                        on:click=move |_| follow_caret()
                        on:keydown=keydown
                        on:blur=move |_| mention.set(None)
                        on:paste=move |ev: leptos::ev::ClipboardEvent| {
                            let files = files_of(ev.clipboard_data().and_then(|data| data.files()));
                            if !files.is_empty() {
                                ev.prevent_default();
                                attach(files);
                            }
                        }
                    ></textarea>
                </label>
                <ul class="mentions" id="mentions" role="listbox" aria-label=move || words().composer_mentions hidden=move || !listing()>
                    {move || options.get().into_iter().enumerate().map(|(index, image)| view! {
                        <li
                            role="option"
                            id=format!("mention-{index}")
                            aria-selected=move || (active.get() == index).to_string()
                            on:mousedown=move |ev| {
                                ev.prevent_default();
                                choose(image);
                            }
                        >
                            <GalleryThumb conversations id=image.id alt=String::new() />
                            <span>{(words().composer_mention)(image.number, image.turn)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
            <div class="composer-actions">
                <button type="button" class="secondary" on:click=move |_| picking.set(true)>{move || words().composer_attach}</button>
                <button type="submit" disabled=blocked>{move || words().composer_send}</button>
                <span class="hint" id="composer-hint">{hint}</span>
            </div>
            <Show when=move || picking.get()>
                <Picker
                    conversations
                    numbered
                    on_pick=Callback::new(move |id| attach(vec![Attached::Kept(Reference::Gallery { id })]))
                    on_close=Callback::new(move |()| picking.set(false))
                />
            </Show>
        </form>
    }
}
