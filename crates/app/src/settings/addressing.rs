//! How the dialog's endpoint is addressed beyond its base URL: its kind
//! (OpenAI-compatible, or Azure OpenAI with its `api-version` and the key
//! in `api-key`), and headers and query parameters for every request.

use leptos::prelude::*;

use super::state::{Provider, Providers};
use crate::i18n::{Words, words};

/// The API version an Azure OpenAI endpoint starts with.
const AZURE_API_VERSION: &str = "2025-04-01-preview";

/// The kind, the API version, the headers and the query of the provider in use.
#[component]
pub(super) fn Addressing(providers: Providers) -> impl IntoView {
    let azure = move || providers.provider().is_azure();
    let set_kind = move |ev| {
        let to_azure = event_target_value(&ev) == "azure";
        providers.edit(|provider| {
            provider.azure_api_version = if to_azure { AZURE_API_VERSION.into() } else { String::new() };
        });
    };
    view! {
        <div class="field">
            <label for="endpoint-kind">{move || words().endpoint_kind}</label>
            <select id="endpoint-kind" on:change=set_kind>
                <option value="openai" selected=move || !azure()>{move || words().kind_openai}</option>
                <option value="azure" selected=azure>"Azure OpenAI"</option>
            </select>
        </div>
        {move || azure().then(|| view! {
            <label>
                <span>{move || words().api_version}</span>
                <input
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || providers.provider().azure_api_version
                    on:input=move |ev| providers.edit(|provider| provider.azure_api_version = event_target_value(&ev))
                />
            </label>
            <p class="hint">
                {move || words().azure_hint}
            </p>
        })}
        <details class="addressing">
            <summary>{move || words().headers_and_query}</summary>
            <Lines providers label=|words| words.headers placeholder="x-team: images" field=|provider| &mut provider.headers />
            <Lines providers label=|words| words.query placeholder="tenant=acme" field=|provider| &mut provider.query />
            <p class="hint">{move || words().addressing_hint}</p>
        </details>
    }
}

/// A text area for one of the provider's lists of `name: value` or
/// `name=value` lines (`field` picks which).
#[component]
fn Lines(
    providers: Providers,
    label: fn(&Words) -> &'static str,
    placeholder: &'static str,
    field: fn(&mut Provider) -> &mut String,
) -> impl IntoView {
    view! {
        <label>
            <span>{move || label(words())}</span>
            <textarea
                rows="2"
                spellcheck="false"
                placeholder=placeholder
                prop:value=move || field(&mut providers.provider()).clone()
                on:input=move |ev| providers.edit(|provider| *field(provider) = event_target_value(&ev))
            ></textarea>
        </label>
    }
}
