//! The provider in use on the main screen, with the Settings button, and
//! the Settings dialog: pick, add, name and remove providers (the dialog
//! calls them endpoints), their base URL checked as it is typed, the key and
//! whether to remember it, streaming, how conversations go (the Responses
//! API or the Images API) and their model, the connection test, the
//! timeout and the retries.

use gpt_image_wasm::DEFAULT_BASE_URL;
use gpt_image_wasm::core::Issue;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::addressing::Addressing;
use super::connection::{Tested, test_connection};
use super::share::ShareEndpoint;
use super::state::{
    DEFAULT_CHAT_MODEL, MAX_RETRIES, MAX_TIMEOUT_SECONDS, Provider, Providers, at_field, base_url_issue, origin,
    same_origin_api,
};
use crate::i18n::{Words, words};
use crate::thread::Api;

/// Whether `base_url` is on the page's own server (which adds the key itself).
fn is_own_server(base_url: &str) -> bool {
    let origin = origin();
    let base_url = base_url.trim();
    !origin.is_empty() && base_url.strip_prefix(&origin).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether `base_url` is OpenAI's API.
fn is_openai(base_url: &str) -> bool {
    let rest = base_url.trim().strip_prefix("https://").unwrap_or_default();
    rest.split(['/', '?', '#']).next().is_some_and(|host| host.eq_ignore_ascii_case("api.openai.com"))
}

/// What the key field suggests for a provider.
fn key_placeholder(base_url: &str) -> &'static str {
    if is_own_server(base_url) {
        words().key_added_by_server
    } else if is_openai(base_url) {
        "sk-…"
    } else {
        words().key_of_provider
    }
}

/// The base URL as the main screen's provider shows it on hover.
fn shown_url(base_url: &str) -> String {
    match base_url.trim() {
        "" => words().no_base_url.into(),
        base_url => base_url.to_owned(),
    }
}

/// The provider in use, on the main screen, and the Settings button that
/// opens the settings dialog.
#[component]
pub fn SettingsPanel(providers: Providers) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let problem = move || providers.provider().base_url_issue().filter(Issue::is_error);
    view! {
        <div class="endpoint-bar">
            <p class="active-endpoint" class:invalid=move || problem().is_some() title=move || shown_url(&providers.provider().base_url)>
                {move || words().endpoint_in_use}
                <strong>{move || providers.provider().shown_name()}</strong>
                {move || problem().map(|_| view! { <span class="endpoint-problem">{move || words().endpoint_not_valid}</span> })}
            </p>
            <button type="button" class="secondary" aria-haspopup="dialog" on:click=open>{move || words().settings}</button>
        </div>
        {move || providers.notice.get().map(|notice| view! {
            <p class="setup-notice" role="status">
                <span>{notice}</span>
                <button type="button" class="secondary" on:click=move |_| providers.notice.set(None)>{move || words().dismiss}</button>
            </p>
        })}
        <dialog class="settings" node_ref=dialog aria-labelledby="settings-title">
            <SettingsForm providers dialog />
        </dialog>
    }
}

/// The settings themselves, inside their dialog.
#[component]
fn SettingsForm(providers: Providers, dialog: NodeRef<leptos::html::Dialog>) -> impl IntoView {
    let field = move |read: fn(&Provider) -> String| move || read(&providers.provider());
    let tested = RwSignal::new(None::<Tested>);
    // A test's result is about the provider it tested.
    Effect::new(move |_| {
        providers.provider();
        tested.set(None);
    });
    let add = move |_| {
        providers.list.update(|list| list.push(Provider::named(format!("Endpoint {}", list.len() + 1), "")));
        providers.current.set(providers.list.with_untracked(Vec::len) - 1);
    };
    let remove = move |_| {
        let current = providers.current.get_untracked();
        providers.list.update(|list| {
            if list.len() > 1 {
                list.remove(current);
            }
        });
        providers.current.set(current.saturating_sub(1));
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let issue = Memo::new(move |_| {
        let provider = providers.provider();
        (!provider.base_url.trim().is_empty()).then(|| provider.base_url_issue()).flatten()
    });
    let empty = move || providers.provider().base_url.trim().is_empty();
    let locked = move || providers.provider().locked;
    // `api.openai.com` → `https://api.openai.com`, when that is a good base URL.
    let suggestion = move || {
        let typed = providers.provider().base_url.trim().to_owned();
        let error = issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error));
        let with_scheme = format!("https://{}", typed.trim_start_matches('/'));
        (error && !typed.contains("://") && !typed.is_empty() && base_url_issue(&with_scheme, false).is_none())
            .then_some(with_scheme)
    };
    let run_test = move |_| {
        let provider = providers.provider();
        tested.set(Some(Tested::Running));
        spawn_local(async move { tested.set(Some(test_connection(provider).await)) });
    };
    let own_api = same_origin_api();
    view! {
        <div class="dialog-head">
            <h2 id="settings-title">{move || words().settings}</h2>
            <button type="button" class="secondary" on:click=close>{move || words().close}</button>
        </div>
        <form on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="endpoint">{move || words().endpoint}</label>
                <select id="endpoint" on:change=move |ev| providers.current.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {move || providers.list.get().into_iter().enumerate().map(|(index, provider)| view! {
                        <option value=index.to_string() selected=move || providers.current.get() == index>{move || provider.shown_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="endpoint-actions">
                <button type="button" class="secondary" on:click=add>{move || words().add_endpoint}</button>
                <button type="button" class="secondary" on:click=remove disabled=move || providers.list.with(Vec::len) < 2 || locked()>
                    {move || words().remove_endpoint}
                </button>
            </div>
            {move || {
                let provider = providers.provider();
                (provider.locked || !provider.description.is_empty()).then(|| view! {
                    <p class="hint site-endpoint">
                        {provider.description}
                        {provider.locked.then_some(move || words().site_locked)}
                    </p>
                })
            }}
            <label>
                <span>{move || words().name}</span>
                <input disabled=locked prop:value=field(|provider| provider.name.clone()) on:input=move |ev| providers.edit(|provider| provider.name = event_target_value(&ev)) />
            </label>
            <label>
                <span>{move || words().base_url}</span>
                <input
                    type="url"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    list="base-urls"
                    placeholder="https://provider.example/v1"
                    disabled=locked
                    aria-invalid=move || issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error)).to_string()
                    aria-describedby="base-url-problem"
                    prop:value=field(|provider| provider.base_url.clone())
                    on:input=move |ev| providers.edit(|provider| provider.base_url = event_target_value(&ev))
                />
            </label>
            <datalist id="base-urls">
                <option value=DEFAULT_BASE_URL>"OpenAI"</option>
                <option value=own_api>{move || words().this_server}</option>
            </datalist>
            <div id="base-url-problem" class="base-url-problem" aria-live="polite">
                {move || issue.get().map(|issue| {
                    let class = if issue.is_error() { "problem error" } else { "problem warning" };
                    view! { <p class=class data-rule=issue.rule.name()>{at_field(&issue)}</p> }
                })}
                {move || empty().then(|| view! {
                    <p class="hint">{move || (words().base_url_hint)(DEFAULT_BASE_URL)}</p>
                })}
                {move || suggestion().map(|url| {
                    let shown = (words().use_url)(&url);
                    view! {
                        <button type="button" class="secondary" on:click=move |_| providers.edit(|provider| provider.base_url = url.clone())>
                            {shown}
                        </button>
                    }
                })}
            </div>
            <label>
                <span>{move || words().image_model}</span>
                <input
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || words().image_model_placeholder
                    disabled=locked
                    prop:value=field(|provider| provider.model.clone())
                    on:input=move |ev| providers.edit(|provider| provider.model = event_target_value(&ev))
                />
            </label>
            <p class="hint">{move || words().image_model_hint}</p>
            <label>
                <span>{move || words().api_key}</span>
                <input
                    type="password"
                    autocomplete="off"
                    placeholder=move || key_placeholder(&providers.provider().base_url)
                    prop:value=field(|provider| provider.api_key.clone())
                    on:input=move |ev| providers.edit(|provider| provider.api_key = event_target_value(&ev))
                />
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || providers.provider().remember_key
                    on:change=move |ev| providers.edit(|provider| provider.remember_key = event_target_checked(&ev))
                />
                <span>{move || words().remember_key}</span>
            </label>
            <p class="hint" class:warning=move || providers.provider().remember_key>
                {move || if providers.provider().remember_key {
                    words().key_stored
                } else {
                    words().key_in_memory
                }}
            </p>
            <Addressing providers />
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || providers.provider().stream
                    on:change=move |ev| providers.set_streaming(event_target_checked(&ev))
                />
                <span>{move || words().stream_images}</span>
            </label>
            <p class="hint">
                {move || words().stream_hint}
            </p>
            <div class="field">
                <label for="conversations">{move || words().conversations_through}</label>
                <select
                    id="conversations"
                    on:change=move |ev| providers.set_conversations(Api::from_name(&event_target_value(&ev)))
                >
                    {move || {
                        let chosen = providers.provider().conversations.map(Api::as_str).unwrap_or_default();
                        let words = words();
                        [("", words.api_detect), ("responses", words.api_responses), ("images", words.api_images)]
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value selected=chosen == value>{label}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <p class="hint">
                {move || words().conversations_hint}
            </p>
            <label>
                <span>{move || words().conversation_model}</span>
                <input
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=DEFAULT_CHAT_MODEL
                    prop:value=field(|provider| provider.chat_model.clone())
                    on:input=move |ev| providers.edit(|provider| provider.chat_model = event_target_value(&ev))
                />
            </label>
            <div class="connection">
                <button
                    type="button"
                    class="secondary"
                    on:click=run_test
                    disabled=move || tested.get() == Some(Tested::Running) || issue.with(|issue| issue.as_ref().is_some_and(Issue::is_error)) || empty()
                >
                    {move || words().test_connection}
                </button>
                <p class="connection-result" role="status" class:error=move || matches!(tested.get(), Some(Tested::Failed(_)))>
                    {move || match tested.get() {
                        None => String::new(),
                        Some(Tested::Running) => words().testing.into(),
                        Some(Tested::Passed(text) | Tested::Failed(text)) => text,
                    }}
                </p>
            </div>
            <ShareEndpoint providers />
            <WholeNumber label=|words| words.timeout_seconds id="timeout" value=providers.timeout_seconds range=1..=MAX_TIMEOUT_SECONDS />
            <WholeNumber label=|words| words.retries id="retries" value=providers.max_retries range=0..=MAX_RETRIES />
        </form>
    }
}

/// A whole-number setting. A value that is not a whole number in `range` is
/// named next to its control and the last good value stays in use.
#[component]
fn WholeNumber(
    label: fn(&Words) -> &'static str,
    id: &'static str,
    value: RwSignal<u32>,
    range: std::ops::RangeInclusive<u32>,
) -> impl IntoView {
    // The value still in use after a bad one, while it is named.
    let problem = RwSignal::new(None::<u32>);
    let (min, max) = (*range.start(), *range.end());
    let change = move |ev| match event_target_value(&ev).trim().parse::<u32>() {
        Ok(number) if range.contains(&number) => {
            value.set(number);
            problem.set(None);
        }
        _ => problem.set(Some(value.get_untracked())),
    };
    let problem_id = format!("{id}-problem");
    view! {
        <label class="narrow">
            <span>{move || label(words())}</span>
            <input
                type="number"
                min=min
                max=max
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby=problem_id.clone()
                prop:value=move || value.get().to_string()
                on:change=change
            />
        </label>
        {move || problem.get().map(|kept| view! {
            <p class="problem error" id=problem_id.clone() role="alert">
                {move || (words().whole_number)(label(words()), min, max, kept)}
            </p>
        })}
    }
}
