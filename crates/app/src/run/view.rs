//! A run on the page: its prompt and facts, placeholders in the shape of
//! the asked size and partial images while it runs, then its pictures with
//! their actions, or what went wrong with Retry and Dismiss.

use gpt_image_wasm::Client;
use gpt_image_wasm::core::Model;
use leptos::prelude::*;

use super::state::{Picture, Run, Status};
use crate::actions::Actions;
use crate::errors::Advice;
use crate::failure::Failure;
use crate::i18n::{format, words};
use crate::link_image::LinkImage;
use crate::object_url::object_url;

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
    let request = run.request.get_value();
    let n = request.n.unwrap_or(1) as usize;
    let partials = if request.stream == Some(true) { request.partial_images.unwrap_or(0) } else { 0 };
    let (width, height) = run.job.with_value(|job| job.shape).unwrap_or((1, 1));
    let ratio = format!("{width} / {height}");
    let link_ratio = ratio.clone();
    let model = request.model.clone().map(|model: Model| model.as_str().to_owned());
    let edit = run.is_edit();
    let facts = move || (words().run_of)(model.as_deref().unwrap_or(words().default_model), edit);
    let before = run.job.with_value(|job| job.edit.as_ref().and_then(|(_, before)| before.clone()));
    let elapsed = move || {
        let end = run.finished.get().unwrap_or_else(|| now.get());
        (words().elapsed)(((end - run.started.get()) / 1000.0).max(0.0))
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
                    <span>{facts}</span>
                    " · "
                    <span class="elapsed">{elapsed}</span>
                    {move || run.tokens.get().map(|tokens| (words().run_tokens)(&format::count(tokens)))}
                    {move || run.cost.get().map(|cost| (words().run_cost)(&format::usd(cost)))}
                </p>
                <Show when=running>
                    <button type="button" class="cancel" on:click=move |_| run.cancel()>{move || words().cancel}</button>
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
                    each=move || run.shown()
                    key=|picture| picture.slot
                    children=move |picture| {
                        let Picture { slot, blob, entry: first, kept, link } = picture;
                        if let Some((url, reason)) = link {
                            let alt = (words().generated_image)(&first.request.prompt);
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
                        let siblings = Signal::derive(move || {
                            run.shown().iter().filter_map(|picture| picture.kept.and_then(|kept| kept.id())).collect()
                        });
                        view! { <Actions blob entry on_delete before=before.clone() siblings /> }.into_any()
                    }
                />
                {move || {
                    let partial = run.partial.get().map(|(blob, index)| (object_url(&blob), index));
                    let missing = if running() { n.saturating_sub(run.arrived.get()) } else { usize::from(partial.is_some()) };
                    (0..missing)
                        .map(|slot| {
                            let partial = if slot == 0 { partial.clone() } else { None };
                            let label = match &partial {
                                Some((_, index)) if running() => (words().partial_running)(index + 1, partials),
                                Some((_, index)) => (words().partial_last)(index + 1, partials),
                                None => words().image_being_generated.to_owned(),
                            };
                            view! {
                                <div class="placeholder" style:--ratio=ratio.clone() role="img" aria-label=label>
                                    {partial.map(|(url, index)| view! {
                                        <img src=url alt="" />
                                        <span class="partial-note" aria-hidden="true">{(words().partial_note)(index + 1, partials)}</span>
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
