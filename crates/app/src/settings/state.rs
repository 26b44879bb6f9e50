//! The providers requests can go to, the one in use, the timeout and the
//! retries: one signal per control of the dialog. They make the client
//! every request is sent with, and the form's stream control follows the
//! provider in use.

use gpt_image_wasm::core::Issue;
use gpt_image_wasm::{Client, ClientOptions, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS};
use leptos::prelude::*;
use serde::Serialize;

use crate::i18n::words;
use crate::thread::Api;

/// The longest timeout the dialog accepts: an hour per attempt.
pub(super) const MAX_TIMEOUT_SECONDS: u32 = 3600;

/// The most retries the dialog accepts.
pub(super) const MAX_RETRIES: u32 = 10;

/// One provider (an "endpoint" in the dialog): where requests go, and with which key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Provider {
    /// A name to pick it by.
    pub name: String,
    /// The API root, such as `https://api.openai.com/v1`.
    pub base_url: String,
    /// Empty: no `Authorization` header (the server or a relay adds the key).
    pub api_key: String,
    /// Whether the key is written to `localStorage` too.
    pub remember_key: bool,
    /// Whether requests to it stream: the form's stream control takes this
    /// when the provider is chosen or the setting changes (a stream keeps
    /// the connection busy through proxies that cut quiet ones).
    pub stream: bool,
    /// How conversations reach it: the Responses API or the Images API;
    /// `None` until it is known (the Responses API is tried first, and a
    /// 404 or 405 from `/responses` sets the Images API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Api>,
    /// The model that answers conversations on the Responses API (empty:
    /// [`DEFAULT_CHAT_MODEL`]); the form's model draws the images.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub chat_model: String,
    /// The image model the form takes when this provider is chosen (empty: the form keeps its own).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub model: String,
    /// A short description, from the site's `config.json`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Set up by the site and locked: only the key (and streaming) can change.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
    /// Azure OpenAI's `api-version` (set: an Azure OpenAI resource, called
    /// with the version in the query and the key in an `api-key` header).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub azure_api_version: String,
    /// Headers for every request, one `name: value` a line.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub headers: String,
    /// Query parameters for every request, one `name=value` a line.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub query: String,
    /// What the site's `config.json` last said of it, to tell the person's
    /// own changes (kept) from the site's (followed) when the site changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_site: Option<SiteValues>,
}

/// The values a site's `config.json` gives a provider.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SiteValues {
    /// Its base URL.
    pub base_url: String,
    /// Its default image model (empty: none).
    pub model: String,
}

/// The model that answers conversations when a provider names none.
pub const DEFAULT_CHAT_MODEL: &str = "gpt-5.1";

impl Provider {
    /// The key to send, if any.
    fn key(&self) -> Option<String> {
        Some(self.api_key.trim().to_owned()).filter(|key| !key.is_empty())
    }

    /// The client options for this provider: base URL, key, headers and
    /// query; for Azure OpenAI, the key in `api-key` and the `api-version`.
    pub(super) fn options(&self) -> ClientOptions {
        let mut options = ClientOptions::new(self.base_url.trim().to_owned(), self.key());
        options.default_headers = pairs(&self.headers, ':');
        options.default_query = pairs(&self.query, '=');
        if self.is_azure() {
            options.default_headers.insert(0, ("api-key".into(), options.api_key.take()));
            options.default_query.insert(0, ("api-version".into(), Some(self.azure_api_version.trim().to_owned())));
        }
        options
    }

    /// The model that answers its conversations.
    pub fn chat_model(&self) -> String {
        match self.chat_model.trim() {
            "" => DEFAULT_CHAT_MODEL.to_owned(),
            model => model.to_owned(),
        }
    }

    /// What is wrong with the base URL (an error: nothing is sent) or
    /// risky about it (a warning), by the client's own rule.
    pub fn base_url_issue(&self) -> Option<Issue> {
        base_url_issue(self.base_url.trim(), self.key().is_some())
    }
}

/// The problem with `base_url` for a client with or without a key: an
/// error when it is not an absolute `http(s)` URL, a warning when a key
/// would go over plain `http` to another machine ([`ClientOptions::report`]).
pub fn base_url_issue(base_url: &str, with_key: bool) -> Option<Issue> {
    let key = with_key.then(|| "key".to_owned());
    let report = ClientOptions::new(base_url.to_owned(), key).report();
    report.issues.into_iter().find(|issue| issue.field == "baseURL")
}

/// An issue of the base URL as said at its field, in the language in use:
/// `Base URL must be an absolute http:// or https:// URL …`.
pub fn at_field(issue: &Issue) -> String {
    (words().base_url_issue)(issue)
}

/// The page's own origin, as `http://127.0.0.1:8787`.
pub(super) fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The API root of the server the page came from.
pub(super) fn same_origin_api() -> String {
    format!("{}/v1", origin())
}

/// The stored name of the playground's own server (kept in English in
/// storage, shown in the language in use: [`Provider::shown_name`]).
pub(super) const THIS_SERVER: &str = "This server";

/// The playground's own server, as the first provider.
pub(super) fn this_server() -> Provider {
    Provider::named(THIS_SERVER, same_origin_api())
}

impl Provider {
    /// Its name as the page shows it: the playground's own server in the
    /// language in use, any other as the person or the host named it.
    pub fn shown_name(&self) -> String {
        if self.name == THIS_SERVER { words().this_server.to_owned() } else { self.name.clone() }
    }

    /// A provider called `name` at `base_url`, everything else as a new one has it.
    pub(super) fn named(name: impl Into<String>, base_url: impl Into<String>) -> Self {
        Provider {
            name: name.into(),
            base_url: base_url.into(),
            api_key: String::new(),
            remember_key: false,
            stream: false,
            conversations: None,
            chat_model: String::new(),
            model: String::new(),
            description: String::new(),
            locked: false,
            from_site: None,
            azure_api_version: String::new(),
            headers: String::new(),
            query: String::new(),
        }
    }

    /// Whether it is an Azure OpenAI resource.
    pub fn is_azure(&self) -> bool {
        !self.azure_api_version.trim().is_empty()
    }
}

/// The `name`/`value` pairs of `text`, one a line split at the first `separator`; blank lines are skipped.
fn pairs(text: &str, separator: char) -> Vec<(String, Option<String>)> {
    text.lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(separator)?;
            let name = name.trim();
            (!name.is_empty()).then(|| (name.to_owned(), Some(value.trim().to_owned())))
        })
        .collect()
}

/// The providers and the connection settings, one signal per control.
#[derive(Clone, Copy)]
pub struct Providers {
    /// Every provider, in the dialog's order.
    pub(super) list: RwSignal<Vec<Provider>>,
    /// The index of the provider in use.
    pub(super) current: RwSignal<usize>,
    pub(super) timeout_seconds: RwSignal<u32>,
    pub(super) max_retries: RwSignal<u32>,
    /// What the site's `config.json`, a shared link or the page's address
    /// set up, or why it was not used; shown on the main screen until dismissed.
    pub(super) notice: RwSignal<Option<String>>,
    /// A model a shared link or the page's address asked the form to take.
    pub(super) asked_model: RwSignal<Option<String>>,
    /// The form's `stream` value, once it follows the provider ([`Providers::follow_stream`]).
    stream_field: StoredValue<Option<RwSignal<String>>>,
    /// Whether these providers are kept in `localStorage` (the playground's
    /// own page; an embedded generator keeps nothing). The form is kept
    /// where they are (`form/storage.rs`).
    pub kept: bool,
}

impl Providers {
    /// `list`, the one at `current` in use, kept in `localStorage` or not;
    /// provided as context, for the form's keeping and the offer to stream.
    pub(super) fn new(list: Vec<Provider>, current: usize, timeout_seconds: u32, max_retries: u32, kept: bool) -> Self {
        let providers = Providers {
            current: RwSignal::new(current),
            list: RwSignal::new(list),
            timeout_seconds: RwSignal::new(timeout_seconds),
            max_retries: RwSignal::new(max_retries),
            notice: RwSignal::new(None),
            asked_model: RwSignal::new(None),
            stream_field: StoredValue::new(None),
            kept,
        };
        provide_context(providers);
        providers
    }

    /// The providers of an embedded generator: one, nothing stored.
    pub fn ephemeral(base_url: String) -> Self {
        let timeout_seconds = (DEFAULT_TIMEOUT_MS / 1000.0) as u32;
        Providers::new(vec![Provider { base_url, ..this_server() }], 0, timeout_seconds, DEFAULT_MAX_RETRIES, false)
    }

    /// Points the provider in use elsewhere, or changes its key. A base URL
    /// that is not an absolute `http(s)` URL is taken as it is, so that no
    /// request goes anywhere until it is fixed (see [`Provider::base_url_issue`]).
    pub fn point(&self, base_url: Option<String>, api_key: Option<String>) {
        self.edit(|provider| {
            if let Some(base_url) = base_url {
                provider.base_url = base_url;
            }
            if let Some(api_key) = api_key {
                provider.api_key = api_key;
            }
        });
    }

    /// Makes the form's `stream` value (`"true"` or empty) follow the
    /// provider's streaming: it takes the provider's setting when another
    /// provider is chosen or the setting changes, and stays as the person
    /// sets it in between (a kept form keeps its own at load).
    pub fn follow_stream(&self, field: RwSignal<String>) {
        self.stream_field.set_value(Some(field));
        let providers = *self;
        Effect::new(move |previous: Option<usize>| {
            let current = providers.current.get();
            if previous.is_some_and(|previous| previous != current) {
                providers.show_streaming(untrack(|| providers.provider()).stream);
            }
            current
        });
    }

    /// Makes the form's `model` value take the provider's model when another
    /// provider is chosen, or its model changes (the site's `config.json`),
    /// and the model a shared link or the page's address asks for; a
    /// provider without a model leaves the form's as it is.
    pub fn follow_model(&self, field: RwSignal<String>) {
        let providers = *self;
        Effect::new(move |previous: Option<(usize, String)>| {
            let now = (providers.current.get(), providers.provider().model);
            if let Some(asked) = providers.asked_model.get() {
                field.set(asked);
                providers.asked_model.set(None);
            } else if previous.is_some_and(|before| before != now) && !now.1.trim().is_empty() {
                field.set(now.1.clone());
            }
            now
        });
    }

    /// Turns streaming on or off for the provider in use, which remembers
    /// it, and in the form.
    pub fn set_streaming(&self, on: bool) {
        self.edit(|provider| provider.stream = on);
        self.show_streaming(on);
    }

    fn show_streaming(&self, on: bool) {
        if let Some(field) = self.stream_field.get_value() {
            field.set(if on { "true".into() } else { String::new() });
        }
    }

    /// The provider in use.
    pub fn provider(&self) -> Provider {
        self.list.with(|list| list.get(self.current.get()).cloned().unwrap_or_else(this_server))
    }

    /// Sets how conversations reach the provider in use (and keeps it).
    pub fn set_conversations(&self, api: Option<Api>) {
        self.edit(|provider| provider.conversations = api);
    }

    /// Changes the provider in use.
    pub(super) fn edit(&self, change: impl FnOnce(&mut Provider)) {
        let current = self.current.get_untracked();
        self.list.update(|list| {
            if let Some(provider) = list.get_mut(current) {
                change(provider);
            }
        });
    }

    /// A client for the provider in use, with the timeout and retries. With
    /// a base URL in error, every call fails with
    /// [`gpt_image_wasm::Error::Validation`] before anything is sent.
    pub fn client(&self) -> Client {
        let mut options = self.provider().options();
        options.timeout_ms = f64::from(self.timeout_seconds.get().max(1)) * 1000.0;
        options.max_retries = self.max_retries.get();
        Client::new(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_azure_provider_sends_its_key_as_api_key_and_its_version_in_the_query() {
        let provider = Provider {
            api_key: "azure-key".into(),
            azure_api_version: "2025-04-01-preview".into(),
            headers: "x-team: images\nnot a header\n".into(),
            query: "tenant=acme".into(),
            ..Provider::named("Azure", "https://demo.openai.azure.com/openai/deployments/gpt-image-2")
        };
        let options = provider.options();
        assert_eq!(options.api_key, None, "no Authorization header");
        assert_eq!(
            options.default_headers,
            [("api-key".into(), Some("azure-key".into())), ("x-team".into(), Some("images".into()))]
        );
        assert_eq!(
            options.default_query,
            [("api-version".into(), Some("2025-04-01-preview".into())), ("tenant".into(), Some("acme".into()))]
        );
        let plain = Provider { api_key: "sk-x".into(), ..Provider::named("OpenAI", "https://api.openai.com/v1") };
        assert_eq!((plain.options().api_key.as_deref(), plain.options().default_query.len()), (Some("sk-x"), 0));
    }
}
