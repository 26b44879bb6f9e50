//! One image of the viewer, with what was asked for it and when it was made.

use gpt_image_wasm::core::GenerateRequest;
use leptos::prelude::*;

use super::Gallery;
use crate::actions::Actions;
use crate::i18n::{Words, format, words};
use crate::store::Entry;
use crate::thread::{ThreadLinks, shown_title};

/// The label of a request's parameter, by its wire name (a parameter the
/// form has no label for keeps its wire name).
fn label(words: &Words, name: &str) -> String {
    let label = match name {
        "model" => words.model,
        "n" => words.image_count,
        "size" => words.size,
        "quality" => words.quality,
        "complexity" => words.complexity,
        "background" => words.background,
        "moderation" => words.moderation,
        "output_format" => words.format,
        "output_compression" => words.compression,
        "frame_count" => words.frames,
        "frame_duration_ms" => words.frame_ms,
        "stream" => words.stream,
        "partial_images" => words.partial_images,
        "input_fidelity" => words.input_fidelity,
        other => other,
    };
    label.to_owned()
}

/// What the request set besides its prompt, labelled: the model (the
/// default model when it named none), the size and quality, then every
/// other parameter by its wire name's order, extra fields too.
fn asked(request: &GenerateRequest, words: &Words) -> Vec<(String, String)> {
    let serde_json::Value::Object(fields) = serde_json::to_value(request).unwrap_or_default() else {
        return Vec::new();
    };
    let value = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let model = fields.get("model").map_or_else(|| words.default_model.to_owned(), value);
    let first = ["size", "quality"].into_iter().filter_map(|name| Some((name, fields.get(name)?)));
    let rest = fields
        .iter()
        .map(|(name, field)| (name.as_str(), field))
        .filter(|(name, _)| !["prompt", "model", "size", "quality"].contains(name));
    std::iter::once((label(words, "model"), model))
        .chain(first.chain(rest).map(|(name, field)| (label(words, name), value(field))))
        .collect()
}

/// What is known of a stored image beyond its bytes: its prompt and the
/// model's rewrite of it, the parameters it was asked with (their values
/// as code: the wire's words, in every language), and when it was made.
/// (What came back, its size, format, tokens and cost, are the facts under it.)
#[component]
fn ViewerFacts(entry: Signal<Entry>) -> impl IntoView {
    let prompt = move || entry.with(|entry| entry.request.prompt.clone());
    let revised = move || {
        entry.with(|entry| entry.revised_prompt.clone().filter(|revised| *revised != entry.request.prompt)).map(
            |text| {
                view! {
                    <div>
                        <dt>{move || words().viewer_revised}</dt>
                        <dd class="viewer-revised">{text}</dd>
                    </div>
                }
            },
        )
    };
    let asked = move || {
        entry
            .with(|entry| asked(&entry.request, words()))
            .into_iter()
            .map(|(name, value)| view! { <span class="parameter"><span class="name">{name}</span>" "<code>{value}</code></span> })
            .collect_view()
    };
    let created = move || entry.with(|entry| entry.created);
    let iso = move || js_sys::Date::new(&created().into()).to_iso_string().as_string();
    view! {
        <dl class="viewer-facts" aria-label=move || words().viewer_facts>
            <div>
                <dt>{move || words().prompt}</dt>
                <dd class="viewer-prompt">{prompt}</dd>
            </div>
            {revised}
            <div>
                <dt>{move || words().viewer_asked}</dt>
                <dd class="viewer-asked">{asked}</dd>
            </div>
            <div>
                <dt>{move || words().viewer_made}</dt>
                <dd class="viewer-made"><time datetime=iso>{move || format::date_time(created())}</time></dd>
            </div>
        </dl>
    }
}

/// The image `id` of the viewer, with its facts and actions, and the
/// conversation it came from, if one made it (with a button that opens it).
/// Deleting it shows the next one (or the previous one at the end, or closes).
#[component]
pub fn ViewerImage(
    gallery: Gallery,
    id: u32,
    opened: RwSignal<Option<u32>>,
    neighbour: Callback<isize, Option<u32>>,
) -> impl IntoView {
    let find = move |entries: &Vec<Entry>| entries.iter().find(|entry| entry.id == Some(id)).cloned();
    let first = gallery.entries.with_untracked(find)?;
    let image = LocalResource::new(move || async move { gallery.image(id).await });
    let entry = Signal::derive(move || gallery.entries.with(find).unwrap_or_else(|| first.clone()));
    let on_delete = Callback::new(move |()| {
        let next = neighbour.run(1).or_else(|| neighbour.run(-1));
        gallery.delete(id);
        opened.set(next);
    });
    let links = use_context::<ThreadLinks>();
    let from = move || {
        let links = links?;
        let (thread, turn) = entry.with(|entry| Some((entry.thread.clone()?, entry.turn)))?;
        Some(match links.title.run(thread.clone()) {
            Some(title) => view! {
                <p class="from-thread">
                    <span>{move || (words().viewer_from)(&shown_title(&title), turn)}</span>
                    <button type="button" class="secondary" on:click=move |_| {
                        opened.set(None);
                        links.open.run(thread.clone());
                    }>{move || words().viewer_open_conversation}</button>
                </p>
            }
            .into_any(),
            None => view! { <p class="from-thread">{move || words().viewer_from_deleted}</p> }.into_any(),
        })
    };
    Some(view! {
        <div class="viewer-image">
            {move || image.get().flatten().map(|blob| view! { <Actions blob entry on_delete in_viewer=true /> })}
            <ViewerFacts entry />
            {from}
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use crate::store::tests::full_entry;

    #[test]
    fn asked_names_the_model_size_and_quality_first_then_the_rest() {
        let words = Language::English.words();
        let asked = asked(&full_entry().request, words);
        let pairs: Vec<(&str, &str)> = asked.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        assert_eq!(pairs, [("Model", "gpt-image-2.5"), ("Size", "1536x1024"), ("Quality", "high"), ("Images", "2")]);
    }

    #[test]
    fn a_request_without_a_model_was_for_the_default_one() {
        let words = Language::Chinese.words();
        let asked = asked(&GenerateRequest::new("a fox"), words);
        assert_eq!(asked, [("模型".to_owned(), "默认模型".to_owned())]);
    }
}
